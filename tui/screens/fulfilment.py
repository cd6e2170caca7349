"""The deal screen's later steps: the contract (draw up, sign, file, payment), processing
(hand-over, steps, delays, outcome) and delivery (certificates, visits).

Each action opens its tab and a form whose worker makes the core call; a refusal shows inline in
the form. What can be told before any form — no contract yet, not handed over, nothing left to
deliver — goes to the screen's problem line. After a save the screen reads the deal again.
The footer shows a tab's keys while that tab is open; the keys work from every tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.binding import ActiveBinding
from textual.css.query import NoMatches
from textual.widgets import TabbedContent

from zizhi.core.i18n import t
from zizhi.tui import keymap
from zizhi.tui.screens.contract_forms import ContractForm, FileCopyForm, PaymentForm, SignForm
from zizhi.tui.screens.delivery_forms import DeliverForm, VisitForm, undelivered
from zizhi.tui.screens.form import FormScreen
from zizhi.tui.screens.processing_forms import DelayForm, HandoverForm, OutcomeForm, StepForm


class FulfilmentActions:
    """Mix into the deal screen (first), which provides ``desk``, ``deal``, ``view``, ``reload``,
    ``done``, ``show_problem`` and ``action_tab``."""

    # -- contract --------------------------------------------------------------------------

    def action_new_contract(self) -> None:
        if not self._on_tab("contract"):
            return
        found = self.view["contract"]
        if found:
            self.show_problem(t("contract.exists", deal=self.deal["id"], number=found["number"], id=found["id"]))
            return
        self._open(ContractForm(self.desk, self.deal), lambda c: t("tui.note.contract_made", number=c["number"]))

    def action_sign_contract(self) -> None:
        contract = self._contract()
        if contract:
            self._open(SignForm(self.desk, contract), lambda c: t("tui.note.signed", number=c["number"]))

    def action_file_copy(self) -> None:
        contract = self._contract()
        if contract:
            self._open(FileCopyForm(self.desk, contract), lambda c: t("tui.note.filed", number=c["number"]))

    def action_record_payment(self) -> None:
        contract = self._contract()
        if contract:
            self._open(PaymentForm(self.desk, contract), lambda c: t("tui.note.paid", number=c["number"]))

    def _contract(self) -> dict | None:
        if not self._on_tab("contract"):
            return None
        if self.view["contract"] is None:
            self.show_problem(t("tui.note.no_contract_yet", id=self.deal["id"]))
        return self.view["contract"]

    # -- processing ------------------------------------------------------------------------

    def action_hand_over(self) -> None:
        if self._on_tab("processing"):
            self._open(HandoverForm(self.desk, self.deal), self._progress_note("tui.note.handed_over"))

    def action_mark_step(self) -> None:
        if self._handed_over():
            self._open(StepForm(self.desk, self.deal, self.view["progress"]["steps"]),
                       self._progress_note("tui.note.step_marked"))

    def action_record_delay(self) -> None:
        if self._handed_over():
            self._open(DelayForm(self.desk, self.deal), self._progress_note("tui.note.delay_recorded"))

    def action_record_outcome(self) -> None:
        if self._handed_over():
            self._open(OutcomeForm(self.desk, self.deal), self._progress_note("tui.note.outcome_recorded"))

    def _handed_over(self) -> bool:
        if not self._on_tab("processing"):
            return False
        if not (self.view["progress"] or {}).get("handed_over"):
            self.show_problem(t("process.not_handed_over", deal=self.deal["id"]))
            return False
        return True

    def _progress_note(self, key: str) -> Callable[[dict], str]:
        return lambda progress: t(key, id=progress["deal_id"], stage=t(f"stage.{progress['stage']}"))

    # -- delivery --------------------------------------------------------------------------

    def action_deliver_certificate(self) -> None:
        if not self._on_tab("delivery"):
            return
        codes = undelivered(self.deal, self.view["certificates"] or [])
        if not codes:
            self.show_problem(t("tui.note.all_delivered", id=self.deal["id"]))
            return
        self._open(DeliverForm(self.desk, self.deal, codes),
                   lambda c: t("tui.note.delivered", code=c["code"], number=c["number"]))

    def action_record_visit(self) -> None:
        if not self._on_tab("delivery"):
            return
        open_visits = [v for v in self.view["visits"] or [] if not v["done_on"]]
        if not open_visits:
            self.show_problem(t("tui.note.no_open_visit", id=self.deal["id"]))
            return
        self._open(VisitForm(self.desk, self.deal, open_visits),
                   lambda v: t("tui.note.visit_recorded", date=v["done_on"], stage=t(f"stage.{v['stage']}")))

    # -- shared ----------------------------------------------------------------------------

    def _on_tab(self, tab: str) -> bool:
        """The deal is read: show ``tab`` and go on."""
        if not self.deal:
            return False
        self.action_tab(tab)
        return True

    def _open(self, form: FormScreen, note: Callable[[dict], str]) -> None:
        def saved(result: dict | None) -> None:
            if result:
                self.done(note(result))
                self.reload()
        self.app.push_screen(form, callback=saved)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Hide the keys of the tabs not open from the footer, and on a later tab the early keys."""
        found = super().active_bindings  # type: ignore[misc]
        try:
            tab = self.query_one(TabbedContent).active
        except NoMatches:
            return found
        hidden = {key.id for name, group in keymap.DEAL_TABS.items() if name != tab for key in group}
        if tab in keymap.DEAL_TABS:
            hidden.update(keymap.DEAL_EARLY)
        return {key: active._replace(binding=replace(active.binding, show=False))
                if active.binding.id in hidden else active for key, active in found.items()}
