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

    def columns_for(self, rows: list[dict]) -> list[Column]:
        found = []
        for col in self.cols.values():
            need = max([cell_len(col.title()), *(cell_len(self.cells(row)[col.key].plain) for row in rows)])
            if col.words:
                found.append(Column(col.key, need, min(6, need), min(need, col.comfortable), col.drop))
            else:
                found.append(Column.whole(col.key, need, col.drop))
        return found
