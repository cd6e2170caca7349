"""The client list: a window of a few pages (never the whole list — see MEASURED.md, 0.3 ms a row).

The screen decides which rows it holds (``tui/client_window.py``); the table only says when the
person wants the list's first or last client, which may not be loaded yet.

Cells are ``rich.text.Text``, never markup strings, so a company called “[北京]…” shows as typed;
the DataTable measures cell width itself, so Chinese names line up.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from zizhi.tui import labels

COLUMNS = ("name", "contact", "phone", "city", "urgency", "owner", "next_date")
# Fixed widths (in cells) for the columns that can run long; the detail pane shows them whole.
WIDTHS = {"name": 22, "phone": 13}


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

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.more_before = False
        self.more_after = False

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
        self.append_rows(rows)
        return keep is not None and self.select_client(keep)

    def append_rows(self, rows: list[dict]) -> None:
        """Add a page below the rows shown; the cursor and the view stay where they are."""
        for row in rows:
            self.add_row(*_cells(row), key=str(row["id"]))

    def slide(self, rows: list[dict]) -> None:
        """Show a window that slid: the client under the cursor stays on the same screen line."""
        client_id, line = self.client_id, self.cursor_row - round(self.scroll_y)
        self.show_rows(rows)
        if client_id is not None and self.select_client(client_id, scroll=False):
            self.call_after_refresh(self.scroll_to, y=max(self.cursor_row - line, 0), animate=False,
                                    immediate=True)

    def select_client(self, client_id: int, scroll: bool = True) -> bool:
        try:
            index = self.get_row_index(str(client_id))
        except RowDoesNotExist:  # the client is not on this page
            return False
        self.move_cursor(row=index, scroll=scroll)
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
