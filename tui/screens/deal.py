"""One deal: its head, then tabs for the history and assessments, the quote editor, the contract,
processing, and certificates and visits — each action a key and a palette command.

Everything is read in one worker (:func:`tui.deal_view.gather`) and drawn from what comes back;
every change is one core call in a worker, after which the screen reads the deal again. The quote
editor is the exception that keeps it live: a typed discount goes to ``core.quotes.set_line`` and
the quote it returns is drawn at once, without reading the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from zizhi.core.errors import InputError
from zizhi.core.i18n import t
from zizhi.tui import keymap
from zizhi.tui.deal_view import gather
from zizhi.tui.screens.deal_forms import AssessForm, EndDealForm, ResolveForm
from zizhi.tui.screens.fulfilment import FulfilmentActions
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.screens.quote_actions import QuoteActions
from zizhi.tui.screens.stage_moves import StageMoves
from zizhi.tui.widgets import deal_sections
from zizhi.tui.widgets.quote_editor import QuoteEditor, QuoteLines
from zizhi.tui.work import DeskWork

TABS = ("overview", "quote", "contract", "processing", "delivery")


class DealScreen(FulfilmentActions, keymap.TranslatedBindings, QuoteActions, StageMoves, DeskWork, Screen):
    CSS_PATH = "../styles/deal.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.DEAL, *keymap.DEAL_TABS.values())
    PALETTE = (("forward", "move_forward"), ("backward", "move_backward"), ("assess", "assess"),
               ("resolve", "resolve_block"), ("new_quote", "new_quote"), ("edit_line", "edit_line"),
               ("send_quote", "send_quote"), ("accept_quote", "accept_quote"), ("reject_quote", "reject_quote"),
               ("quote_document", "quote_document"), ("expedite", "toggle_expedited"),
               ("approve_review", "approve_review"), ("approve_pricing", "approve_pricing"), ("lose", "lose_deal"),
               ("new_contract", "new_contract"), ("sign", "sign_contract"), ("file_copy", "file_copy"),
               ("payment", "record_payment"), ("handover", "hand_over"), ("step", "mark_step"),
               ("delay", "record_delay"), ("outcome", "record_outcome"), ("deliver", "deliver_certificate"),
               ("visit", "record_visit"), ("cancel_deal", "cancel_deal"), ("back_to_board", "back"), ("refresh_deal", "refresh"),
               ("help", "help"))

    @dataclass
    class Loaded(Message):
        view: dict

    def __init__(self, desk, deal_id: int) -> None:
        super().__init__()
        self.desk = desk
        self.deal_id = deal_id
        self.view: dict | None = None
        self.quote_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="deal-head")
        yield Static("", id="deal-problem")
        with TabbedContent(initial="overview"):
            with TabPane(t("tui.deal.tab.overview"), id="overview"):
                with Horizontal():
                    yield VerticalScroll(Static(id="history"), id="history-pane")
                    yield VerticalScroll(Static(id="assessments"), id="assessments-pane")
            with TabPane(t("tui.deal.tab.quote"), id="quote"):
                yield QuoteEditor(id="quote-editor")
            for name in TABS[2:]:
                with TabPane(t(f"tui.deal.tab.{name}"), id=name):
                    yield VerticalScroll(Static(id=f"{name}-body"), id=f"{name}-pane")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self.quote_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="deal")
    def _load(self, quote_id: int | None) -> None:
        view = gather(self.desk, self.deal_id, quote_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(view))

    def on_deal_screen_loaded(self, message: Loaded) -> None:
        view = self.view = message.view
        deal = view["deal"]
        head = self.query_one("#deal-head", Static)
        head.border_title = Text(f"#{deal['id']} {deal['title']}")
        head.update(deal_sections.head(deal))
        self.set_class(bool(deal["blocked"]), "-blocked")
        self.query_one("#history", Static).update(deal_sections.history(deal))
        self.query_one("#assessments", Static).update(deal_sections.assessments(deal))
        editor = self.query_one(QuoteEditor)
        editor.show(view["quotes"], view["quote"])
        self.quote_id = view["quote"]["id"] if view["quote"] else None
        self.query_one("#contract-body", Static).update(deal_sections.contract(view["contract"]))
        self.query_one("#processing-body", Static).update(deal_sections.processing(view["progress"]))
        self.query_one("#delivery-body", Static).update(deal_sections.delivery(view["certificates"], view["visits"]))

    @property
    def deal(self) -> dict | None:
        return self.view["deal"] if self.view else None

    # -- problems --------------------------------------------------------------------------

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """On the quote tab a problem with a line shows under the line editor; else on the problem line.

        A deal that cannot be read at all (not found, not visible) sends the person back, told why.
        """
        if self.view is None:
            self.notify(message, severity="error", timeout=12)
            self.dismiss()
            return
        if self._active_tab() == "quote" and isinstance(error, InputError):
            self.query_one(QuoteEditor).show_error(message)
            return
        line = self.query_one("#deal-problem", Static)
        line.update(Text("✖ " + message))
        line.add_class("shown")
        self.notify(message, severity="error", timeout=12)

    def done(self, message: str) -> None:
        self.query_one("#deal-problem", Static).remove_class("shown")
        self.query_one(QuoteEditor).clear_error()
        if message:
            self.notify(message)

    def _active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    # -- stage, assessment, ending ---------------------------------------------------------

    def action_move_forward(self) -> None:
        if self.deal:
            self.step_deal(self.deal, 1)

    def action_move_backward(self) -> None:
        if self.deal:
            self.step_deal(self.deal, -1)

    def deal_moved(self, deal: dict) -> None:
        self.done(t("tui.note.moved", id=deal["id"], stage=t(f"stage.{deal['stage']}")))
        self.reload()

    def action_assess(self) -> None:
        if self.deal:
            self.app.push_screen(AssessForm(self.desk, self.deal), callback=self._changed("tui.note.assessed"))

    def action_resolve_block(self) -> None:
        if self.deal:
            self.app.push_screen(ResolveForm(self.desk, self.deal), callback=self._changed("tui.note.resolved"))

    def action_lose_deal(self) -> None:
        if self.deal:
            self.app.push_screen(EndDealForm(self.desk, self.deal, "lost"), callback=self._changed("tui.note.ended"))

    def action_cancel_deal(self) -> None:
        if self.deal:
            self.app.push_screen(EndDealForm(self.desk, self.deal, "cancelled"),
                                 callback=self._changed("tui.note.ended"))

    def _changed(self, key: str):
        def changed(deal: dict | None) -> None:
            if deal:
                self.done(t(key, id=deal["id"], stage=t(f"stage.{deal['stage']}")))
                self.reload()
        return changed

    # -- moving around ---------------------------------------------------------------------

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        target = {"overview": "#history-pane", "quote": "#quote-lines"}.get(name, f"#{name}-pane")
        self.query_one(target).focus()

    def action_back(self) -> None:
        """Escape leaves the line editor first, then goes back to the board."""
        if isinstance(self.focused, Input):
            self.query_one(QuoteLines).focus()
            return
        self.dismiss()

    def action_refresh(self) -> None:
        self.reload()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.DEAL, *keymap.DEAL_TABS.values(), keymap.APP)))

    async def relabel(self) -> None:
        await self.recompose()
        self.reload()

