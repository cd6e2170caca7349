"""The quote as the client will read it (``core.quote_document.as_text``), in a scrollable panel."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from zizhi.core.i18n import t
from zizhi.tui import keymap


class QuoteDocument(ModalScreen):
    CSS_PATH = "../styles/deal.tcss"
    BINDINGS = keymap.bindings(keymap.HELP)

    def __init__(self, number: str, document: str) -> None:
        super().__init__()
        self.number, self.document = number, document

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="quote-document") as box:
            box.border_title = t("tui.quote.document", number=self.number)
            yield Static(Text(self.document))

    def on_mount(self) -> None:
        self.query_one("#quote-document").focus()

    def action_close(self) -> None:
        self.dismiss()
