"""Recording a client's credit check from the clients screen (rulebook §7.2).

The salesperson rates the client before contracting, finance re-rates from the payment history; the
credit policy in ``pricing.toml`` then says what must be prepaid or guaranteed. The check — and the
guarantee offered with it — is the core's :func:`zizhi.core.credit.checks.record_check`, the same
operation as ``zizhi credit check``.
"""

from __future__ import annotations

from typing import Iterable

from textual.widget import Widget

from zizhi.core import clock
from zizhi.core.credit import checks
from zizhi.core.i18n import t
from zizhi.core.vocab import CREDIT_METHODS
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, choice_field, date_field, text_field


class CreditForm(FormScreen):
    """Dismisses with the client's credit standing afterwards (a dict) or None."""

    COLUMNS = 2

    def __init__(self, desk, client: dict) -> None:
        super().__init__(desk, t("tui.form.credit", name=client["name"]))
        self.client = client

    def fields(self) -> Iterable[tuple[str, Widget]]:
        ratings = [(rating, rating) for rating in self.desk.settings.pricing.credit_policy]
        yield labels.column("rating"), choice_field("rating", ratings, self.client.get("credit_rating"))
        yield labels.column("method"), choice_field("method", labels.options("credit.method", CREDIT_METHODS),
                                                    "registry", allow_blank=False)
        yield labels.column("checked_on"), date_field("on", clock.today().isoformat(), past=True)
        yield labels.column("notes"), text_field("notes")
        yield labels.column("guarantor"), text_field("guarantor")
        yield labels.column("guarantee_amount"), text_field("guarantee_amount")
        yield labels.column("guarantee_document"), text_field("guarantee_document")

    def save(self, values: dict[str, str]) -> dict:
        return checks.record_check(self.desk, str(self.client["id"]), values["rating"], values["method"],
                                   checked_on=values["on"] or None, notes=values["notes"],
                                   guarantor=values["guarantor"], guarantee_amount=values["guarantee_amount"],
                                   guarantee_document=values["guarantee_document"])

    def on_mount(self) -> None:
        self.query_one("#f-rating").focus()
