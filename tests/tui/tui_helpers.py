"""What the tests read off the screen and type into it, shared by the TUI test files.

(A uniquely named module rather than ``conftest`` imports: other test folders have conftests too.)
"""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static

from tui.widgets.client_detail import ClientDetail
from tui.widgets.client_table import ClientTable

SIZE = (120, 36)


def names(app) -> list[str]:
    """Client names in the table, top to bottom."""
    table = app.screen.query_one(ClientTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def shown(widget: Static) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def detail(app) -> str:
    """Everything the detail pane says: the record and the log."""
    pane = app.screen.query_one(ClientDetail)
    return shown(pane.query_one("#detail-card", Static)) + shown(pane.query_one("#detail-log", Static))


def status(app) -> str:
    return str(app.screen.query_one("#list-status", Static).content)


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


async def fill(pilot, **fields: str) -> None:
    """Set form fields by core field name, as if typed or chosen."""
    for name, value in fields.items():
        pilot.app.screen.query_one(f"#f-{name}").value = value
    await pilot.pause()
