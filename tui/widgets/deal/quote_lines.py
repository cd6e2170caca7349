"""A quote's lines as a table: one row per qualification, every figure of the line."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen


def money(fen: int, negative: bool = False) -> Text:
    return Text(format_fen(-fen if negative and fen else fen), justify="right")


class QuoteLines(DataTable):
    """Rows keyed by qualification code; the highlight stays on its line when the rows are redrawn."""

    COLUMNS = ("code", "quantity", "government", "service", "discount", "surcharge", "tax", "total")

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        for name in self.COLUMNS:
            self.add_column(Text(t(f"tui.quote.col.{name}"), justify="left" if name == "code" else "right"), key=name)

    def show(self, lines: list[dict]) -> None:
        """Draw ``lines``: the same lines are updated in place, so the highlight does not move."""
        if [line["code"] for line in lines] == [key.value for key in self.rows]:
            for line in lines:
                for name, cell in zip(self.COLUMNS, _cells(line)):
                    self.update_cell(line["code"], name, cell, update_width=True)
            return
        keep = self.code
        self.clear()
        for line in lines:
            self.add_row(*_cells(line), key=line["code"])
        if keep:
            try:
                self.move_cursor(row=self.get_row_index(keep))
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
