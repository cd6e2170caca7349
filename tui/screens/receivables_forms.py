"""The receivables screen's forms: money received from a client, a mistaken payment reversed, and
the day the books are read as of.

Each is the core's own operation (:mod:`zizhi.core.receivables.ledger`) — the same as ``zizhi ar pay``
and ``zizhi ar reverse`` — so the app meets the same refusals: finance alone takes money, one bank
slip is recorded once, a reversal needs its reason.
"""

from __future__ import annotations

from typing import Iterable

from textual.widget import Widget

from zizhi.core import clock, validation
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.receivables import dunning, invoices, ledger
from zizhi.core.vocab import DUNNING_ACTIONS, DUNNING_OUTCOMES, INVOICE_TYPES, PAYMENT_METHODS
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, choice_field, date_field, text_field


class ClientPaymentForm(FormScreen):
    """Money received from a client: it fills their open instalments oldest first (those of the
    contract chosen, when one is), and what is left over stays on their account as credit."""

    COLUMNS = 2

    def __init__(self, desk, position: dict) -> None:
        super().__init__(desk, t("tui.form.client_payment", name=position["client"]))
        self.position = position

    def fields(self) -> Iterable[tuple[str, Widget]]:
        items = self.position["instalments"]
        overdue = sum(item["owed"] for item in items if item["due_on"] <= clock.today().isoformat())
        contracts = sorted({item["contract"] for item in items})
        yield labels.column("amount"), text_field("amount", format_fen(overdue, symbol=False) if overdue else "",
                                                  placeholder=t("tui.form.amount_hint"))
        yield labels.column("paid_on"), date_field("paid_on", clock.today().isoformat(), past=True)
        yield labels.column("method"), choice_field("method", labels.options("payment_method", PAYMENT_METHODS),
                                                    "bank_transfer", allow_blank=False)
        yield labels.column("reference"), text_field("reference", placeholder=t("tui.form.reference_hint"))
        yield labels.column("contract"), choice_field("contract", [(number, number) for number in contracts],
                                                      prompt=t("tui.form.any_contract"))
        yield labels.column("note"), text_field("note")

    def on_mount(self) -> None:
        self.query_one("#f-amount").focus()

    def save(self, values: dict[str, str]) -> dict:
        return ledger.record_payment(self.desk, self.position["client_id"], values["amount"],
                                     paid_on=values["paid_on"] or None, method=values["method"],
                                     reference=values["reference"] or None, note=values["note"] or None,
                                     contract_ref=values["contract"] or None)


class ReversalForm(FormScreen):
    """A mistaken payment undone by a reversal entry — never deleted or edited — with the reason."""

    def __init__(self, desk, client: str, payments: list[dict]) -> None:
        super().__init__(desk, t("tui.form.reverse", name=client))
        self.payments = [payment for payment in payments if not payment["reversed_on"]]

    def fields(self) -> Iterable[tuple[str, Widget]]:
        choices = [(f"#{p['id']}  {p['paid_on']}  {format_fen(p['amount'])}  {p['reference'] or ''}".rstrip(),
                    str(p["id"])) for p in self.payments]
        yield t("tui.field.payment"), choice_field("payment", choices, choices[0][1] if choices else None)
        yield t("tui.field.reason"), text_field("reason")
        yield t("tui.field.reversed_on"), date_field("on", clock.today().isoformat(), past=True)

    def on_mount(self) -> None:
        self.query_one("#f-reason").focus()

    def save(self, values: dict[str, str]) -> dict:
        return ledger.reverse_payment(self.desk, values["payment"], values["reason"], on_date=values["on"] or None)


class InvoiceForm(FormScreen):
    """An invoice (发票) for what the client paid and was not yet invoiced — all of it unless an
    amount is given. A special VAT invoice (专用发票) carries the buyer's bank details; left blank,
    the core takes those of the client's last invoice."""

    COLUMNS = 2

    def __init__(self, desk, client: dict) -> None:
        super().__init__(desk, t("tui.form.invoice", name=client["client"]))
        self.client = client

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("type"), choice_field("type", labels.options("invoice_type", INVOICE_TYPES), "normal",
                                                  allow_blank=False)
        yield labels.column("amount"), text_field("amount", placeholder=t("tui.form.invoice_all"))
        yield labels.column("on_date"), date_field("on", clock.today().isoformat(), past=True)
        yield labels.column("address_phone"), text_field("address_phone")
        yield labels.column("bank"), text_field("bank")
        yield labels.column("bank_account"), text_field("bank_account")

    def save(self, values: dict[str, str]) -> dict:
        return invoices.issue_invoice(self.desk, self.client["client_id"], amount=values["amount"] or None,
                                      kind=values["type"], on_date=values["on"] or None,
                                      address_phone=values["address_phone"] or None, bank=values["bank"] or None,
                                      bank_account=values["bank_account"] or None)


class DunningForm(FormScreen):
    """One dunning action logged — what was done, what came of it, any promise to pay — about one
    instalment (from today's list) or all a client owes (from the aging table)."""

    COLUMNS = 2

    def __init__(self, desk, target: str, title: str, action: str | None = None) -> None:
        super().__init__(desk, t("tui.form.dunning", what=title))
        self.target, self.action = target, action

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield t("tui.field.dunning_action"), choice_field(
            "action", labels.options("dunning_action", DUNNING_ACTIONS), self.action or "call", allow_blank=False)
        yield t("tui.field.outcome"), choice_field("outcome", labels.options("dunning_outcome", DUNNING_OUTCOMES),
                                                   prompt=t("tui.form.outcome_hint"))
        yield t("tui.field.promise_on"), date_field("promise_on")
        yield t("tui.field.promise_amount"), text_field("promise_amount", placeholder=t("tui.form.amount_hint"))
        yield labels.column("note"), text_field("note")
        yield labels.column("on_date"), date_field("on", clock.today().isoformat(), past=True)

    def save(self, values: dict[str, str]) -> dict:
        return dunning.log_action(self.desk, self.target, values["action"], outcome=values["outcome"] or None,
                                  promise_on=values["promise_on"] or None,
                                  promise_amount=values["promise_amount"] or None, note=values["note"] or None,
                                  on=values["on"] or None)


class AsOfForm(FormScreen):
    """The day the books are read as of: last month's end reproduces last month's report."""

    def __init__(self, desk, as_of: str) -> None:
        super().__init__(desk, t("tui.form.as_of"))
        self.as_of = as_of

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("as_of"), date_field("as_of", self.as_of)

    def save(self, values: dict[str, str]) -> str:
        return validation.date(values["as_of"], "as-of") or clock.today().isoformat()
