"""A read-only table of report rows laid out for its pane by :mod:`tui.column_fit`.

Subclasses say which columns there are, how each claims width and what each cell shows; the table
fits them to its width in terminal cells — a figure whole or not shown, a name cut with "…" — and
lays them out again when the pane is resized. Cells are ``rich.text.Text``, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from zizhi.tui.cells import fit
from zizhi.tui.column_fit import Column, widths

PADDING = 2


class FittedTable(DataTable):
    """The screen fills it with :meth:`show`; :attr:`row` is the row under the cursor;
    :attr:`left_out` the columns given way at this width, which the screen says (:class:`Laid`)."""

    @dataclass
    class Laid(Message):
        """The table was laid out again: its :attr:`left_out` may have changed."""

        table: FittedTable

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_shown: list[dict] = []
        self._widths: dict[str, int] = {}
        self.left_out: list[str] = []

    def columns_for(self, rows: list[dict]) -> list[Column]:
        raise NotImplementedError

    def cells(self, row: dict) -> dict[str, Text]:
        raise NotImplementedError

    def title(self, key: str) -> str:
        raise NotImplementedError

    def on_resize(self) -> None:
        if self.rows_shown and self._layout() != self._widths:
            self.show(self.rows_shown)

    def show(self, rows: list[dict]) -> None:
        """These rows, the cursor kept on the same line (or the last)."""
        cursor = self.cursor_row
        self.rows_shown = rows
        self.clear(columns=True)
        self._widths = self._layout()
        for key, width in self._widths.items():
            self.add_column(fit(Text(self.title(key)), width), key=key, width=width)
        for row in rows:
            self.add_row(*self.fitted(self.cells(row), self._widths))
        if rows:
            self.move_cursor(row=min(cursor, len(rows) - 1))
        self.post_message(self.Laid(self))

    def fitted(self, cells: dict[str, Text], widths: dict[str, int]) -> list[Text]:
        """A row's cells in the columns kept, each in its width ("…" where one is cut)."""
        return [fit(cells[key], width) for key, width in widths.items()]

    @property
    def row(self) -> dict | None:
        return self.rows_shown[self.cursor_row] if self.rows_shown and self.row_count else None

    def cell(self, row: int, key: str) -> str:
        """What the person reads in one cell; "" for a column given way."""
        if key not in self._widths:
            return ""
        return str(self.get_cell_at((row, list(self._widths).index(key))))

    def _layout(self) -> dict[str, int]:
        room = self.size.width - self.styles.scrollbar_size_vertical
        columns = self.columns_for(self.rows_shown)
        found = widths(columns, room, PADDING)
        self.left_out = [column.key for column in columns if column.key not in found]
        return found
