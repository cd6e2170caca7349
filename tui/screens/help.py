"""The keys of the screen the person came from, read from the keymap, so they never drift.

The list scrolls inside its border (Down, PgDn, End): the deal screen has more keys than an
80×24 terminal has rows, and a key that cannot be reached here is a key nobody learns.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from zizhi.core.i18n import t
from zizhi.tui import keymap


class HelpScreen(ModalScreen):
    CSS_PATH = "../styles/help.tcss"
    BINDINGS = keymap.bindings(keymap.HELP)

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for typed, description in self.keys:
            grid.add_row(Text(typed), Text(description))
        with VerticalScroll(id="help") as box:
            box.border_title = t("tui.help.title")
            yield Static(grid)
            yield Static(Text(t("tui.help.palette"), style="dim"), id="help-palette")

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
