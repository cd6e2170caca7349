"""A quote's lines as a table: one row per qualification, every figure of the line that fits.

Figures are never cut: when the pane is narrow the table drops whole columns instead, the least
read first (surcharge, government fee, tax…) — their sums stay in the totals below, and the
line's own figures in the quote document. The code and the line's total always stay.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui.cells import width
from zizhi.tui.column_fit import Column, widths

# The order columns go in when the pane is too narrow for them all.
DROP = ("surcharge", "government", "tax", "quantity", "service", "discount")


def money(fen: int, negative: bool = False) -> Text:
    return Text(format_fen(-fen if negative and fen else fen), justify="right")


class QuoteLines(DataTable):
    """Rows keyed by qualification code; the highlight stays on its line when the rows are redrawn."""

    COLUMNS = ("code", "quantity", "government", "service", "discount", "surcharge", "tax", "total")

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.lines: list[dict] = []
        self.shown: list[str] = []

    def on_resize(self) -> None:
        if self._fitting(self.lines) != self.shown:
            self.show(self.lines)

    def _fitting(self, lines: list[dict]) -> list[str]:
        """The columns that fit whole, with the vertical scrollbar's room kept."""
        needs = {name: width(t(f"tui.quote.col.{name}")) for name in self.COLUMNS}
        for line in lines:
            for name, cell in zip(self.COLUMNS, _cells(line)):
                needs[name] = max(needs[name], width(cell))
        room = self.size.width - self.styles.scrollbar_size_vertical
        columns = [Column.whole(name, need, DROP.index(name) if name in DROP else None)
                   for name, need in needs.items()]
        return list(widths(columns, room, 2 * self.cell_padding))

    def show(self, lines: list[dict]) -> None:
        """Draw ``lines``: the same lines are updated in place, so the highlight does not move."""
        self.lines = lines
        shown = self._fitting(lines)
        if shown == self.shown and [line["code"] for line in lines] == [key.value for key in self.rows]:
            for line in lines:
                for name, cell in zip(self.COLUMNS, _cells(line)):
                    if name in shown:
                        self.update_cell(line["code"], name, cell, update_width=True)
            return
        keep_code = self.code
        self.clear(columns=shown != self.shown)
        if shown != self.shown:
            self.shown = shown
            for name in shown:
                self.add_column(Text(t(f"tui.quote.col.{name}"), justify="left" if name == "code" else "right"),
                                key=name)
        for line in lines:
            cells = dict(zip(self.COLUMNS, _cells(line)))
            self.add_row(*(cells[name] for name in shown), key=line["code"])
        if keep_code:
            try:
                self.move_cursor(row=self.get_row_index(keep_code))
            except RowDoesNotExist:
                pass

    @property
    def code(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value


def _cells(line: dict) -> list[Text]:
    discount = Text(justify="right")
    if line["discount"]:
        discount.append(f"{percent.text(line['discount'])} ", style="bold")
    discount.append(format_fen(-line["discount_amount"]) if line["discount_amount"] else "¥0.00")
    return [Text(line["code"]), Text(str(line["quantity"]), justify="right"), money(line["government_amount"]),
            money(line["service_amount"]), discount, money(line["surcharge_amount"]), money(line["tax_amount"]),
            Text(format_fen(line["total"]), style="bold", justify="right")]
