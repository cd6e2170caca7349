"""Which stretch of the client list the table holds: a few pages that slide as the cursor moves.

The table never holds the whole list: a DataTable row costs time to add and memory to keep, so
100,000 of them would take half a minute and hundreds of megabytes. It holds at most
``CAPACITY`` rows; a page read past either edge is added there and as many rows are let go at
the other, so memory stays flat however far a person scrolls. Pages are read by key
(:mod:`zizhi.core.clients.listing`), so a jump to the end costs what a step forward does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zizhi.core.clients.listing import page_key

PAGE = 100
CAPACITY = 3 * PAGE
MARGIN = 40  # rows from an edge at which the next page is fetched: more than a screenful


@dataclass
class ClientWindow:
    """The rows on the table, in list order, and whether the list goes on before and after them."""

    due: bool = False
    rows: list[dict] = field(default_factory=list)
    more_before: bool = False
    more_after: bool = False

    def reset(self, rows: list[dict], more: bool, due: bool, last: bool = False) -> None:
        """A fresh window: the list's first page (or, ``last``, its final page)."""
        self.rows, self.due = rows, due
        self.more_before, self.more_after = (more, False) if last else (False, more)

    def centre(self, rows: list[dict], more_before: bool, more_after: bool, due: bool) -> None:
        """A fresh window around one client (one just added), the list going on either side."""
        self.rows, self.due, self.more_before, self.more_after = rows, due, more_before, more_after

    def refill(self, rows: list[dict], more: bool) -> None:
        """The same stretch read again after a change: it starts where it did, more before it."""
        self.rows, self.more_after = rows, more

    def key(self, forward: bool) -> tuple | None:
        """The key to read the next page from, towards the end or the start; None when empty."""
        if not self.rows:
            return None
        return page_key(self.rows[-1 if forward else 0], self.due)

    def extend(self, rows: list[dict], more: bool, forward: bool) -> int:
        """Add a page at one edge, let go of the far edge beyond CAPACITY; returns how many went."""
        if forward:
            self.rows = self.rows + rows
            self.more_after = more
            dropped = max(len(self.rows) - CAPACITY, 0)
            if dropped:
                self.rows = self.rows[dropped:]
                self.more_before = True
        else:
            self.rows = rows + self.rows
            self.more_before = more
            dropped = max(len(self.rows) - CAPACITY, 0)
            if dropped:
                self.rows = self.rows[:-dropped]
                self.more_after = True
        return dropped

    def wants(self, index: int) -> bool | None:
        """With the cursor on row ``index``: True to read on, False to read back, None for neither."""
        if self.more_after and index >= len(self.rows) - MARGIN:
            return True
        if self.more_before and index < MARGIN:
            return False
        return None
