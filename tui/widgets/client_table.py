"""The client list: a window of a few pages (never the whole list — see MEASURED.md, 0.3 ms a row).

The screen decides which rows it holds (``tui/client_window.py``); the table only says when the
person wants the list's first or last client, which may not be loaded yet.

Cells are ``rich.text.Text``, never markup strings, so a company called “[北京]…” shows as typed.
The columns are laid out by :mod:`tui.column_fit` for the pane's width in terminal cells: the
table never scrolls sideways, and a value is whole or ends in "…".
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from zizhi.tui import labels
from zizhi.tui.cells import fit
from zizhi.tui.column_fit import Column, widths

COLUMNS = ("name", "contact", "phone", "city", "urgency", "owner", "next_date")
# (least, comfortable, drop order) in cells for the columns that may be cut with "…" — the
# detail pane shows them whole; the others (phone, urgency, date) are shown whole or not at all.
# The city is dropped first: it is nearly always the first word of the company's name.
CUT = {"name": (10, 24, None), "contact": (4, 6, 1), "city": (4, 4, 0), "owner": (6, 9, 2)}
WHOLE_DROP = {"phone": 3}
PADDING = 2  # the DataTable's cell padding, one cell each side


class ClientTable(DataTable):
    """Rows keyed by client id; the screen fills it with :meth:`show_rows` and :meth:`append_rows`.

    Home and End go to the first and last client of the whole list, not of the rows loaded:
    when the screen says more lie beyond (``more_before``/``more_after``) the table asks for
    them with :class:`EdgeWanted`.
    """

    BINDINGS = [
        Binding("home,ctrl+home", "first_client", "First client", show=False, id="clients.first"),
        Binding("end,ctrl+end", "last_client", "Last client", show=False, id="clients.last"),
    ]

    @dataclass
    class EdgeWanted(Message):
        """The person pressed Home (``last`` False) or End beyond the rows loaded."""

        last: bool

    def __init__(self, mine_only: bool = False, **kwargs) -> None:
        """``mine_only``: the person sees only their own clients, so no owner column."""
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._names = tuple(name for name in COLUMNS if not (mine_only and name == "owner"))
        self.more_before = False
        self.more_after = False
        self._rows: list[dict] = []  # the rows held, so a resize can lay them out again
        self._widths: dict[str, int] = {}

    def action_first_client(self) -> None:
        if self.more_before:
            self.post_message(self.EdgeWanted(last=False))
        elif self.row_count:
            self.move_cursor(row=0)

    def action_last_client(self) -> None:
        if self.more_after:
            self.post_message(self.EdgeWanted(last=True))
        elif self.row_count:
            self.move_cursor(row=self.row_count - 1)

    def on_mount(self) -> None:
        self._add_columns()

    def on_resize(self) -> None:
        """A new width may keep or drop other columns: lay the rows out again if it does."""
        if self._layout(self._rows) != self._widths:
            self._redraw()

    def _layout(self, rows: list[dict]) -> dict[str, int]:
        room = self.size.width - self.styles.scrollbar_size_vertical
        return widths([_column(name, rows) for name in self._names], room, PADDING)

    def _add_columns(self) -> None:
        self._widths = self._layout(self._rows)
        for name, width in self._widths.items():
            self.add_column(fit(labels.column(name), width), key=name, width=width)

    def _redraw(self) -> None:
        """Columns and rows afresh for the rows held; the client under the cursor stays there."""
        client_id, line = self.client_id, self.cursor_row - round(self.scroll_y)
        self.show_rows(self._rows)
        if client_id is not None and self.select_client(client_id, scroll=False):
            self.call_after_refresh(self.scroll_to, y=max(self.cursor_row - line, 0), animate=False,
                                    immediate=True)

    def show_rows(self, rows: list[dict], keep: int | None = None) -> bool:
        """Replace the rows; True when the cursor could stay on client ``keep``.

        The columns are laid out afresh for these rows: a DataTable only ever widens a column to
        fit what it once held, so the widths would depend on every page shown before this one.
        """
        self.clear(columns=True)
        self._rows = list(rows)
        self._add_columns()
        self._add(rows)
        return keep is not None and self.select_client(keep)

    def append_rows(self, rows: list[dict]) -> None:
        """Add a page below the rows shown; the cursor and the view stay where they are.

        A longer phone number on the new page widens the layout, so then all is laid out again.
        """
        if self._layout(self._rows + rows) != self._widths:
            self._rows += rows
            self._redraw()
            return
        self._rows += rows
        self._add(rows)

    def _add(self, rows: list[dict]) -> None:
        for row in rows:
            cells = _cells(row)
            self.add_row(*(fit(cells[name], width) for name, width in self._widths.items()),
                         key=str(row["id"]))

    def slide(self, rows: list[dict]) -> None:
        """Show a window that slid: the client under the cursor stays on the same screen line."""
        self._rows = list(rows)
        self._redraw()

    def select_client(self, client_id: int, scroll: bool = True) -> bool:
        try:
            index = self.get_row_index(str(client_id))
        except RowDoesNotExist:  # the client is not on this page
            return False
        self.move_cursor(row=index, scroll=scroll)
        return True

    @property
    def rows_held(self) -> list[dict]:
        """The clients on the table, top to bottom, as read — names whole, however they are cut."""
        return list(self._rows)

    def cell(self, row: int, column: str) -> str:
        """What the person reads in one cell (a cut value ends in "…"); "" for a dropped column."""
        if column not in self._widths:
            return ""
        return str(self.get_cell_at((row, list(self._widths).index(column))))

    @property
    def client_id(self) -> int | None:
        """The id of the client under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value else None


def _cells(row: dict) -> dict[str, Text]:
    return {
        "name": Text(row["name"] or ""),
        "contact": Text(row["contact"] or ""),
        "phone": Text(row["phone"] or ""),
        "city": Text(row["city"] or ""),
        "urgency": labels.urgency(row["urgency"]),
        "owner": Text(row["owner"] or ""),
        "next_date": labels.follow_up(row["next_date"]),
    }


def _column(name: str, rows: list[dict]) -> Column:
    """What column ``name`` needs for these rows and its title, and how it may give way."""
    if name == "urgency":
        values = [labels.word("urgency", value) for value in labels.URGENCY_STYLE]
    elif name == "next_date":
        values = ["2026-01-01"]  # every date is ten cells, shown or not
    else:
        values = [row[name] or "" for row in rows]
    need = max([cell_len(labels.column(name)), *map(cell_len, values)])
    if name in CUT:
        least, comfortable, drop = CUT[name]
        return Column(name, need, min(least, need), comfortable, drop)
    return Column.whole(name, need, WHOLE_DROP.get(name))
