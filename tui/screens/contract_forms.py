"""The contract tab's forms: draw up the contract, sign it, file a copy, record a payment.

Each is a :class:`FormScreen` whose worker makes one ``core.contracts`` call; a refusal (no
credit rating, a schedule that does not add up, finance only…) shows inline and the form stays.
Each dismisses with the contract as the core returned it.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from zizhi.core import clock
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.pipeline import amendments, contracts, schedules, terminations
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, choice_field, date_field, text_field


class ContractForm(FormScreen):
    """The contract from the accepted quote: an optional schedule, guarantee and penalty clause."""

    def __init__(self, desk, deal: dict) -> None:
        super().__init__(desk, t("tui.form.new_contract", id=deal["id"], title=deal["title"]))
        self.deal = deal

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield t("tui.field.instalments"), text_field("instalments", placeholder=t("tui.form.schedule_hint"))
        yield labels.column("guarantee"), text_field("guarantee", placeholder=t("tui.form.guarantee_hint"))
        yield labels.column("penalty"), text_field("penalty", placeholder=t("tui.form.penalty_hint"))

    def save(self, values: dict[str, str]) -> dict:
        return contracts.new_contract(self.desk, self.deal["id"], schedules.parse_instalments([values["instalments"]]),
                                      penalty=values["penalty"] or None, guarantee=values["guarantee"] or None)


class SignForm(FormScreen):
    """The date both parties signed; today unless changed."""

    def __init__(self, desk, contract: dict) -> None:
        super().__init__(desk, t("tui.form.sign", number=contract["number"]))
        self.contract = contract

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("signed_on"), date_field("signed_on", clock.today().isoformat(), past=True)

    def save(self, values: dict[str, str]) -> dict:
        return contracts.sign(self.desk, self.contract["id"], values["signed_on"] or None)


class FileCopyForm(FormScreen):
    """The signed copy filed with finance or legal; the person's own office is offered first."""

    def __init__(self, desk, contract: dict) -> None:
        super().__init__(desk, t("tui.form.file_copy", number=contract["number"]))
        self.contract = contract

    def fields(self) -> Iterable[tuple[str, Widget]]:
        role = self.desk.user["role"]
        unfiled = [o for o in contracts.OFFICES if not self.contract.get(f"filed_{o}_on")]
        chosen = role if role in unfiled else (unfiled[0] if unfiled else None)
        yield t("tui.field.office"), choice_field(
            "with", [(t(f"tui.office.{o}"), o) for o in contracts.OFFICES], chosen)

    def save(self, values: dict[str, str]) -> dict:
        return contracts.file_copy(self.desk, self.contract["id"], values["with"])


class PaymentForm(FormScreen):
    """Money received (finance); the amount offered is what the next instalment still needs."""

    def __init__(self, desk, contract: dict) -> None:
        super().__init__(desk, t("tui.form.payment", number=contract["number"]))
        self.contract = contract

    def fields(self) -> Iterable[tuple[str, Widget]]:
        due = next((i["amount"] - i["paid"] for i in self.contract["instalments"] if i["paid"] < i["amount"]), 0)
        yield labels.column("amount"), text_field("amount", format_fen(due, symbol=False) if due else "",
                                                  placeholder=t("tui.form.value_hint"))
        yield labels.column("paid_on"), date_field("paid_on", clock.today().isoformat(), past=True)
        yield labels.column("note"), text_field("note")

    def save(self, values: dict[str, str]) -> dict:
        return contracts.record_payment(self.desk, self.contract["id"], values["amount"],
                                        paid_on=values["paid_on"] or None, note=values["note"] or None)


class AmendForm(FormScreen):
    """A new schedule (and total) for a signed contract, kept as its next revision with the reason.

    The schedule starts as it stands, so the person changes a date or an amount rather than typing
    it all again; an instalment is never made smaller than what was paid on it (the core refuses)."""

    def __init__(self, desk, contract: dict) -> None:
        super().__init__(desk, t("tui.form.amend", number=contract["number"]))
        self.contract = contract

    def fields(self) -> Iterable[tuple[str, Widget]]:
        schedule = "; ".join(f"{i['due_on']}={format_fen(i['amount'], symbol=False)}" for i in self.contract["instalments"])
        yield t("tui.field.instalments"), text_field("instalments", schedule)
        yield labels.column("total"), text_field("total", format_fen(self.contract["total"], symbol=False))
        yield t("tui.field.reason"), text_field("reason")

    def on_mount(self) -> None:
        self.query_one("#f-reason").focus()

    def save(self, values: dict[str, str]) -> dict:
        total = values["total"] if values["total"] != format_fen(self.contract["total"], symbol=False) else None
        return amendments.amend(self.desk, self.contract["id"], schedules.parse_instalments([values["instalments"]]),
                                values["reason"], total=total, revision=self.contract.get("revision"))


class TerminateForm(FormScreen):
    """A manager ends a signed contract, and its deal, with the reason: what is owed stays owed and
    ages, unless it is written off in the same act."""

    def __init__(self, desk, contract: dict) -> None:
        super().__init__(desk, t("tui.form.terminate", number=contract["number"]))
        self.contract = contract

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield t("tui.field.reason"), text_field("reason")
        owed = format_fen(self.contract.get("outstanding", 0))
        yield t("tui.field.outstanding"), choice_field(
            "write_off", [(t("tui.form.keep_owed", amount=owed), "keep"), (t("tui.form.write_off", amount=owed), "write_off")],
            "keep", allow_blank=False)

    def save(self, values: dict[str, str]) -> dict:
        return terminations.terminate(self.desk, self.contract["id"], values["reason"],
                                      write_off=values["write_off"] == "write_off")
