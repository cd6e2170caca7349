"""A read-only table of report rows whose columns are given as data: which key, how its title
reads, whether it is a figure (whole or not shown) or words (cut with "…"), and how each row's
cells read. The reports, the risk register and the notices use it, fitted to their panes in
terminal cells by :class:`FittedTable`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rich.cells import cell_len
from rich.text import Text

from zizhi.tui.column_fit import Column
from zizhi.tui.widgets.fitted_table import FittedTable


@dataclass(frozen=True)
class Col:
    key: str
    title: Callable[[], str]
    words: bool = False  # cut with "…" when short of room (else whole or dropped)
    comfortable: int = 24
    drop: int | None = None
    spill: bool = False  # words that run on into the empty cells to their right before being cut


class RowsTable(FittedTable):
    def __init__(self, columns: list[Col], cells: Callable[[dict], dict[str, Text]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.cols = {col.key: col for col in columns}
        self.cells_of = cells
        self._said: dict[int, dict[str, Text]] = {}

    def title(self, key: str) -> str:
        return self.cols[key].title()

    def cells(self, row: dict) -> dict[str, Text]:
        found = self._said.get(id(row))
        if found is None:
            found = self._said[id(row)] = self.cells_of(row)
        return found

    def show(self, rows: list[dict]) -> None:
        self._said = {}
        super().show(rows)

    def fitted(self, cells: dict[str, Text], widths: dict[str, int]) -> list[Text]:
        """As any fitted row, but a spilling column's words too long for it run on, a word at a
        time, into the cells after it when those are empty on this row (the stuck deal's stage
        and limit where it has no day or amount)."""
        keys = list(widths)
        for n, key in enumerate(keys):
            after = keys[n + 1:]
            if self.cols[key].spill and cell_len(cells[key].plain) > widths[key] and after \
                    and not any(cells[other].plain for other in after):
                pieces = run_on(cells[key], [widths[key], *(widths[other] for other in after)])
                cells = {**cells, **dict(zip([key, *after], pieces))}
        return super().fitted(cells, widths)

    def columns_for(self, rows: list[dict]) -> list[Column]:
        found = []
        for col in self.cols.values():
            need = max([cell_len(col.title()), *(cell_len(self.cells(row)[col.key].plain) for row in rows)])
            if col.words:
                found.append(Column(col.key, need, min(6, need), min(need, col.comfortable), col.drop))
            else:
                found.append(Column.whole(col.key, need, col.drop))
        return found


def run_on(text: Text, rooms: list[int]) -> list[Text]:
    """``text`` in pieces, one per room (in cells), broken between words where it can; what does
    not fit the last room is left for the caller to cut there with "…"."""
    pieces, rest = [], text
    for room in rooms[:-1]:
        if cell_len(rest.plain) <= room:
            break
        cut, used = 0, 0
        for end, char in enumerate(rest.plain):
            used += cell_len(char)
            if used > room:
                break
            cut = end + 1
        space = rest.plain.rfind(" ", 0, cut + 1)
        if space > cut // 2:  # between words, unless that leaves the room mostly empty
            cut = space
        piece = rest[:cut]
        piece.rstrip()
        pieces.append(piece)
        rest = rest[cut:]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")):]
    pieces.append(rest)
    pieces += [Text("")] * (len(rooms) - len(pieces))
    for piece in pieces:
        piece.justify = "left"
    return pieces
