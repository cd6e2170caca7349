"""The client list: one page of rows (never the whole table — see MEASURED.md, 0.3 ms a row).

Cells are ``rich.text.Text``, never markup strings, so a company called “[北京]…” shows as typed;
the DataTable measures cell width itself, so Chinese names line up.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from zizhi.tui import labels

COLUMNS = ("name", "contact", "phone", "city", "urgency", "owner", "next_date")
# Fixed widths (in cells) for the columns that can run long; the detail pane shows them whole.
WIDTHS = {"name": 22, "phone": 13}


class ClientTable(DataTable):
    """Rows keyed by client id; the screen fills it with :meth:`show_rows`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        for name in COLUMNS:
            self.add_column(Text(labels.column(name)), key=name,
                            width=WIDTHS.get(name))

    def show_rows(self, rows: list[dict], keep: int | None = None) -> bool:
        """Replace the rows; True when the cursor could stay on client ``keep``.

        The columns are added afresh too: a DataTable only ever widens a column to fit what it
        once held, so the widths would depend on every page shown before this one.
        """
        self.clear(columns=True)
        self._add_columns()
        for row in rows:
            self.add_row(*_cells(row), key=str(row["id"]))
        return keep is not None and self.select_client(keep)

    def select_client(self, client_id: int) -> bool:
        try:
            index = self.get_row_index(str(client_id))
        except RowDoesNotExist:  # the client is not on this page
            return False
        self.move_cursor(row=index)
        return True

    @property
    def client_id(self) -> int | None:
        """The id of the client under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value else None


def _cells(row: dict) -> list[Text]:
    return [
        Text(row["name"] or ""),
        Text(row["contact"] or ""),
        Text(row["phone"] or ""),
        Text(row["city"] or ""),
        labels.urgency(row["urgency"]),
        Text(row["owner"] or ""),
        labels.follow_up(row["next_date"]),
    ]
