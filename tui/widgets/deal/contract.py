"""The contract tab: the contract and its instalments, and the four steps taken on it — draw it
up (``C``), sign (``s``), file a copy with finance or legal (``f``), record a payment (``p``).

The screen calls :meth:`ContractPanel.show` with the deal and its contract, and the step methods
for its keys. A step that cannot start (a second contract, none yet) goes up as a ``Problem``;
a form that saved goes up as ``DealSaved``.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.pipeline import contracts, terminations
from zizhi.core.pipeline.contracts import moved_note
from zizhi.core.pipeline.endings import state_lines
from zizhi.tui.screens.contract_forms import AmendForm, ContractForm, FileCopyForm, PaymentForm, SignForm, TerminateForm
from zizhi.tui.widgets.deal.panel import open_form, open_when_ready
from zizhi.tui.widgets.deal.text import MISSING, grid, label, table, title
from zizhi.tui.work import Problem


class ContractPanel(VerticalScroll):
    def __init__(self, desk, **kwargs) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.deal: dict | None = None
        self.contract: dict | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="contract-body")

    def show(self, deal: dict, contract: dict | None) -> None:
        self.deal, self.contract = deal, contract
        self.query_one("#contract-body", Static).update(contract_text(contract))

    def new_contract(self) -> None:
        """The contract form, once the core agrees one may be drawn up now (no second, an accepted quote)."""
        deal = self.deal
        if deal is not None:
            open_when_ready(self, lambda: contracts.check_new_contract(self.desk, deal["id"]),
                            lambda: ContractForm(self.desk, deal),
                            lambda c: t("tui.note.contract_made", number=c["number"]))

    def sign(self) -> None:
        contract = self._contract()
        if contract:
            open_form(self, SignForm(self.desk, contract),
                      lambda c: " ".join(filter(None, (t("tui.note.signed", number=c["number"]), moved_note(c)))))

    def file_copy(self) -> None:
        contract = self._contract()
        if contract:
            open_form(self, FileCopyForm(self.desk, contract), lambda c: t("tui.note.filed", number=c["number"]))

    def record_payment(self) -> None:
        contract = self._contract()
        if contract:
            open_form(self, PaymentForm(self.desk, contract), lambda c: t("tui.note.paid", number=c["number"]))

    def amend(self) -> None:
        contract = self._contract()
        if contract:
            open_form(self, AmendForm(self.desk, contract), lambda c: t("tui.note.amended", number=c["number"],
                                                                        revision=c["amended"]))

    def terminate(self) -> None:
        contract = self._contract()
        if contract:
            open_form(self, TerminateForm(self.desk, contract), terminations.terminated_note)

    def _contract(self) -> dict | None:
        if self.deal is not None and self.contract is None:
            self.post_message(Problem(t("tui.note.no_contract_yet", id=self.deal["id"])))
        return self.contract


def contract_text(found: dict | None) -> Group:
    if found is None:
        return Group(title("tui.deal.contract"), Text(t("tui.deal.no_contract_key"), style="dim"))
    rows = grid(14, None)
    rows.add_row(label(t("tui.deal.number")), Text(found["number"], style="bold"))
    rows.add_row(label(t("tui.deal.parties")),
                 Text(f"{found.get('client_party') or ''} / {found.get('company_party') or ''}"))
    rows.add_row(label(t("tui.deal.total")), Text(format_fen(found["total"]), style="bold"))
    rows.add_row(label(t("tui.deal.signed")), Text(found.get("signed_on") or t("tui.deal.not_yet")))
    for office in ("finance", "legal"):
        rows.add_row(label(t(f"tui.deal.filed_{office}")),
                     Text(found.get(f"filed_{office}_on") or t("tui.deal.not_yet")))
    paid = found.get("paid", 0)
    rows.add_row(label(t("tui.deal.paid")), Text(f"{format_fen(paid)}  {t('tui.deal.outstanding')} "
                                                 f"{format_fen(found.get('outstanding', found['total'] - paid))}"))
    if found.get("guarantee"):
        rows.add_row(label(t("tui.deal.guarantee")), Text(found["guarantee"]))
    rows.add_row(label(t("tui.deal.penalty")), Text(found.get("penalty") or MISSING, style="dim"))
    for line in state_lines(found):
        rows.add_row("", Text(line, style="bold yellow"))
    schedule = table("#", t("tui.deal.due"), t("tui.deal.amount"), t("tui.deal.paid"), t("tui.deal.paid_on"),
                     right=(2, 3))
    for row in found.get("instalments", []):
        schedule.add_row(str(row["position"]), row["due_on"], format_fen(row["amount"]),
                         format_fen(row.get("paid", 0)), row.get("paid_on") or "")
    return Group(title("tui.deal.contract"), rows, Text(""), title("tui.deal.instalments"), schedule)
