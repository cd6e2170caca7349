"""One deal: its head, then a tab per part — history and assessments, the quote, the contract,
processing, certificates and visits — each part a widget of its own (``tui/widgets/deal/``).

The screen reads everything in one worker (:func:`tui.deal_view.gather`) and hands each part
its records; its keys (every one also a palette command) call the part's methods, opening the
part's tab first, so each works from any tab. The parts post up what happened — a quote the core
returned, a form saved, a problem to show — and the screen says it and reads the deal again.
Problems show in one place, :meth:`DealScreen.show_problem`: the message line, like everything
the screen says (a line editor's own mistake shows under the editor).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, TabbedContent, TabPane
from textual.worker import Worker, get_current_worker

from zizhi.core.errors import InputError
from zizhi.core.i18n import t
from zizhi.tui import keymap, places
from zizhi.tui.deal_view import gather
from zizhi.tui.places import Places
from zizhi.tui.roles import RoleKeys, guarded
from zizhi.tui.screens.deal_forms import AssessForm, DealEditForm, EndDealForm, ResolveForm, contract_note
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.deal.contract import ContractPanel
from zizhi.tui.widgets.deal.delivery import DeliveryPanel
from zizhi.tui.widgets.deal.head import DealHead
from zizhi.tui.widgets.deal.overview import OverviewPanel
from zizhi.tui.widgets.deal.panel import DealSaved, open_form
from zizhi.tui.widgets.deal.processing import ProcessingPanel
from zizhi.tui.widgets.deal.quote import QuotePanel
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.stage_mover import StageMover
from zizhi.tui.work import Problem, failure

KEYS = (keymap.DESK, keymap.DEAL, *keymap.DEAL_TABS.values())
FOCUS = {"overview": "#history-pane", "quote": "#quote-lines"}


class DealScreen(Places, RoleKeys, Screen):
    CSS_PATH = "../styles/deal.tcss"
    BINDINGS = keymap.bindings(*KEYS)
    PALETTE = (("forward", "move_forward"), ("backward", "move_backward"), ("assess", "assess"),
               ("edit_deal", "edit_deal"), ("resolve", "resolve_block"), ("new_quote", "new_quote"),
               ("edit_line", "edit_line"),
               ("send_quote", "send_quote"), ("accept_quote", "accept_quote"), ("reject_quote", "reject_quote"),
               ("quote_document", "quote_document"), ("expedite", "toggle_expedited"),
               ("approve_review", "approve_review"), ("approve_pricing", "approve_pricing"), ("lose", "lose_deal"),
               ("new_contract", "new_contract"), ("sign", "sign_contract"), ("file_copy", "file_copy"),
               ("payment", "record_payment"), ("amend", "amend_contract"), ("terminate", "terminate_contract"),
               ("handover", "hand_over"), ("step", "mark_step"),
               ("delay", "record_delay"), ("outcome", "record_outcome"), ("deliver", "deliver_certificate"),
               ("visit", "record_visit"), ("cancel_deal", "cancel_deal"), ("back_to_board", "back"),
               ("refresh_deal", "refresh"), ("help", "help")) + places.PALETTE

    @dataclass
    class Loaded(Message):
        view: dict

    def __init__(self, desk, deal_id: int, tab: str = "overview", back_to: str | None = None) -> None:
        """``tab``: the section to open on (the receivables screen opens a debt's contract);
        ``back_to``: the mode escape returns to (money owed, when the deal was opened from a debt)."""
        super().__init__()
        self.back_to = back_to
        self.desk = desk
        self.deal_id = deal_id
        self.first_tab = tab
        self.view: dict | None = None
        self.quote_id: int | None = None
        self.reread_on_return = False  # back from the notices, where one may have been acknowledged

    def compose(self) -> ComposeResult:
        yield Header()
        yield DealHead(t("tui.status.loading"), id="deal-head")
        with TabbedContent(initial=self.first_tab):
            with TabPane(t("tui.deal.tab.overview"), id="overview"):
                yield OverviewPanel()
            with TabPane(t("tui.deal.tab.quote"), id="quote"):
                yield QuotePanel(self.desk, id="quote-editor")
            with TabPane(t("tui.deal.tab.contract"), id="contract"):
                yield ContractPanel(self.desk, id="contract-pane")
            with TabPane(t("tui.deal.tab.processing"), id="processing"):
                yield ProcessingPanel(self.desk, id="processing-pane")
            with TabPane(t("tui.deal.tab.delivery"), id="delivery"):
                yield DeliveryPanel(self.desk, id="delivery-pane")
        yield StageMover(self.desk)
        yield FittedFooter()

    def on_mount(self) -> None:
        self.reload()

    # -- reading and showing ---------------------------------------------------------------

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
        self.quote_id = view["quote"]["id"] if view["quote"] else None
        box = self.query_one(DealHead)
        box.border_title = Text(f"#{deal['id']} {deal['title']}")
        box.show(deal)
        self.set_class(bool(deal["blocked"]), "-blocked")
        self.query_one(OverviewPanel).show(deal, view.get("notices", []))
        self.query_one(QuotePanel).show(deal["id"], view["quotes"], view["quote"], view.get("quote_notices", []))
        self.query_one(ContractPanel).show(deal, view["contract"])
        self.query_one(ProcessingPanel).show(deal, view["progress"])
        self.query_one(DeliveryPanel).show(deal, view["certificates"], view["visits"])
        self.refresh_bindings()  # what the person may do depends on the deal (its owner, its stage)

    @property
    def deal(self) -> dict | None:
        return self.view["deal"] if self.view else None

    def role_subject(self) -> dict | None:
        return self.deal

    # -- what the parts report -------------------------------------------------------------

    def on_quote_panel_quote_changed(self, message: QuotePanel.QuoteChanged) -> None:
        self.quote_id = message.quote["id"]
        self.done(message.note)
        if message.reread:
            self.reload()

    def on_deal_saved(self, message: DealSaved) -> None:
        self.done(message.note)
        self.reload()

    def on_stage_mover_moved(self, message: StageMover.Moved) -> None:
        deal = message.deal
        self.done(t("tui.note.moved", id=deal["id"], stage=t(f"stage.{deal['stage']}")))
        self.reload()

    def on_desk_problem(self, message: Problem) -> None:
        message.stop()
        self.show_problem(message.text, message.error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        problem = failure(event)
        if problem is not None:
            self.show_problem(problem.text, problem.error)

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """On the quote tab a problem with a line shows under the line editor, beside the field it
        is about; any other on the message line — the one place this screen speaks, so a refusal
        never shows in one place while an older confirmation still shows in another.

        A deal that cannot be read at all (not found, not visible) sends the person back, told why.
        """
        if self.view is not None and self.query_one(TabbedContent).active == "quote" \
                and isinstance(error, InputError):
            self.query_one(QuotePanel).show_error(message)
            return
        self.notify(message, severity="error", timeout=12 if self.view is None else 8, markup=False)
        if self.view is None:
            self.dismiss()

    def done(self, message: str) -> None:
        self.query_one(QuotePanel).clear_error()
        if message:
            self.notify(message, markup=False)

    # -- the deal itself: stage, assessment, ending ----------------------------------------

    @guarded("deal.forward")
    def action_move_forward(self) -> None:
        if self.deal:
            self.query_one(StageMover).step(self.deal, 1)

    @guarded("deal.backward")
    def action_move_backward(self) -> None:
        if self.deal:
            self.query_one(StageMover).step(self.deal, -1)

    @guarded("deal.edit")
    def action_edit_deal(self) -> None:
        if self.deal:
            open_form(self, DealEditForm(self.desk, self.deal), self._note("tui.note.deal_edited"))

    @guarded("deal.assess")
    def action_assess(self) -> None:
        if self.deal:
            open_form(self, AssessForm(self.desk, self.deal), self._note("tui.note.assessed"))

    @guarded("deal.resolve")
    def action_resolve_block(self) -> None:
        if self.deal:
            open_form(self, ResolveForm(self.desk, self.deal), self._note("tui.note.resolved"))

    @guarded("deal.lose")
    def action_lose_deal(self) -> None:
        self._end("lost")

    @guarded("deal.cancel")
    def action_cancel_deal(self) -> None:
        self._end("cancelled")

    def _end(self, ending: str) -> None:
        if self.deal:
            said = self._note("tui.note.ended")
            open_form(self, EndDealForm(self.desk, self.deal, ending), lambda deal: said(deal) + contract_note(deal))

    @staticmethod
    def _note(key: str):
        return lambda deal: t(key, id=deal["id"], stage=t(f"stage.{deal['stage']}"))

    # -- the quote -------------------------------------------------------------------------

    def _quote(self) -> QuotePanel | None:
        return self.query_one(QuotePanel) if self.view is not None else None

    @guarded("deal.quote")
    def action_new_quote(self) -> None:
        if panel := self._quote():
            self.action_tab("quote")
            panel.new_quote()

    @guarded("deal.edit_line")
    def action_edit_line(self) -> None:
        if (panel := self._quote()) and panel.current():
            self.action_tab("quote")
            panel.focus_editor()

    @guarded("deal.send")
    def action_send_quote(self) -> None:
        if panel := self._quote():
            panel.send()

    @guarded("deal.accept")
    def action_accept_quote(self) -> None:
        if panel := self._quote():
            panel.accept()

    @guarded("deal.reject")
    def action_reject_quote(self) -> None:
        if panel := self._quote():
            panel.reject()

    @guarded("deal.approve_pricing")
    def action_approve_pricing(self) -> None:
        if panel := self._quote():
            panel.approve_pricing()

    @guarded("deal.expedite")
    def action_toggle_expedited(self) -> None:
        if panel := self._quote():
            panel.toggle_expedited()

    @guarded("deal.review")
    def action_approve_review(self) -> None:
        if panel := self._quote():
            panel.approve_review()

    def action_quote_document(self) -> None:
        if panel := self._quote():
            panel.document()

    # -- the later parts: each key opens its tab first -------------------------------------

    def _on_tab(self, tab: str) -> bool:
        if not self.deal:
            return False
        self.action_tab(tab)
        return True

    @guarded("deal.contract")
    def action_new_contract(self) -> None:
        if self._on_tab("contract"):
            self.query_one(ContractPanel).new_contract()

    @guarded("deal.sign")
    def action_sign_contract(self) -> None:
        if self._on_tab("contract"):
            self.query_one(ContractPanel).sign()

    @guarded("deal.file")
    def action_file_copy(self) -> None:
        if self._on_tab("contract"):
            self.query_one(ContractPanel).file_copy()

    @guarded("deal.pay")
    def action_record_payment(self) -> None:
        if self._on_tab("contract"):
            self.query_one(ContractPanel).record_payment()

    @guarded("deal.amend")
    def action_amend_contract(self) -> None:
        if self._on_tab("contract"):
            self.query_one(ContractPanel).amend()

    @guarded("deal.terminate")
    def action_terminate_contract(self) -> None:
        if self._on_tab("contract"):
            self.query_one(ContractPanel).terminate()

    @guarded("deal.handover")
    def action_hand_over(self) -> None:
        if self._on_tab("processing"):
            self.query_one(ProcessingPanel).hand_over()

    @guarded("deal.step")
    def action_mark_step(self) -> None:
        if self._on_tab("processing"):
            self.query_one(ProcessingPanel).mark_step()

    @guarded("deal.delay")
    def action_record_delay(self) -> None:
        if self._on_tab("processing"):
            self.query_one(ProcessingPanel).record_delay()

    @guarded("deal.outcome")
    def action_record_outcome(self) -> None:
        if self._on_tab("processing"):
            self.query_one(ProcessingPanel).record_outcome()

    @guarded("deal.deliver")
    def action_deliver_certificate(self) -> None:
        if self._on_tab("delivery"):
            self.query_one(DeliveryPanel).deliver()

    @guarded("deal.visit")
    def action_record_visit(self) -> None:
        if self._on_tab("delivery"):
            self.query_one(DeliveryPanel).record_visit()

    # -- moving around ---------------------------------------------------------------------

    def _unread_notice(self) -> int | None:
        """The first policy notice touching the deal that the reader has not acknowledged."""
        found = [notice["id"] for notice in (self.view or {}).get("notices", []) if not notice["acknowledged_at"]]
        return found[0] if found else None

    def action_show_notices(self) -> None:
        """N: the notices, on the one this deal's overview marks unread (Esc comes back here, read
        again: the notice acknowledged there is no longer marked)."""
        notice_id = self._unread_notice()
        self.reread_on_return = True
        if notice_id is None:
            super().action_show_notices()
        else:
            self.app.open_notice(notice_id)  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        if self.reread_on_return:
            self.reread_on_return = False
            self.reload()

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        self.query_one(FOCUS.get(name, f"#{name}-pane")).focus()

    def action_back(self) -> None:
        """Escape leaves the line editor first (dropping what was typed), then goes back to the board."""
        if not self.query_one(QuotePanel).leave_editor():
            self.dismiss()
            if self.back_to:
                self.app.switch_mode(self.back_to)

    def action_refresh(self) -> None:
        self.reload()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(*KEYS, keymap.APP, keep=self.may)))

    async def relabel(self) -> None:
        """Rebuild in the current language, on the tab the person was reading."""
        tab = self.query_one(TabbedContent).active
        await self.recompose()
        self.query_one(TabbedContent).active = tab
        self.reload()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """In the current language and only what the role may do (:class:`RoleKeys`); the keys of the
        tabs not open hidden from the footer, and on a later tab the early keys too (they all still work);
        N shown while the deal touches a notice the reader has not acknowledged (they must, first)."""
        found = keymap.translated(super().active_bindings)
        try:
            tab = self.query_one(TabbedContent).active
        except NoMatches:
            return found
        hidden = {key.id for name, group in keymap.DEAL_TABS.items() if name != tab for key in group}
        if tab in keymap.DEAL_TABS:
            hidden.update(keymap.DEAL_EARLY)
        shown = {"deal.notices"} if self._unread_notice() is not None else set()
        return {key: active._replace(binding=replace(active.binding, show=active.binding.id in shown))
                if active.binding.id in hidden | shown else active for key, active in found.items()}
