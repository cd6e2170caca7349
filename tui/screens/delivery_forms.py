"""The delivery tab's forms: hand a certificate to the client, and record a follow-up visit.

The last certificate moves the deal to *delivered* and schedules its visits; the first visit
done moves it to *aftersales*. Both moves happen in the core call, so the screen only reads the
deal again.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from zizhi.core import clock
from zizhi.core.i18n import t
from zizhi.core.pipeline import delivery
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, choice_field, date_field, text_field


class DeliverForm(FormScreen):
    """A certificate: which qualification, its number, the issue date (today), usage notes, expiry."""

    COLUMNS = 1

    def __init__(self, desk, deal: dict, codes: list[str]) -> None:
        super().__init__(desk, t("tui.form.deliver", id=deal["id"], title=deal["title"]))
        self.deal, self.codes = deal, codes

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("code"), choice_field("code", [(c, c) for c in self.codes], self.codes[0])
        yield t("tui.deal.number"), text_field("number")
        yield labels.column("issued_on"), date_field("issued_on", clock.today().isoformat(), past=True)
        yield labels.column("usage_notes"), text_field("usage_notes")
        yield labels.column("expires_on"), date_field("expires_on", placeholder=t("tui.form.expiry_hint"))

    def on_mount(self) -> None:
        self.query_one("#f-number").focus()

    def save(self, values: dict[str, str]) -> dict:
        return delivery.deliver(self.desk, self.deal["id"], values["code"], values["number"], values["issued_on"],
                                values["usage_notes"], expires_on=values["expires_on"] or None)


class VisitForm(FormScreen):
    """A follow-up visit (the next one due is offered): satisfaction 1–5, remarks, new needs, and
    qualification codes that open a new deal at once."""

    def __init__(self, desk, deal: dict, visits: list[dict]) -> None:
        super().__init__(desk, t("tui.form.visit", id=deal["id"], title=deal["title"]))
        self.deal, self.visits = deal, visits

    def fields(self) -> Iterable[tuple[str, Widget]]:
        options = [(t("tui.form.visit_due", date=v["due_on"]), str(v["id"])) for v in self.visits]
        yield t("tui.deal.visits"), choice_field("visit", options, options[0][1], allow_blank=False)
        yield labels.column("satisfaction"), choice_field(
            "satisfaction", [("★" * n + f"  {n}", str(n)) for n in range(5, 0, -1)])
        yield labels.column("remarks"), text_field("remarks")
        yield labels.column("new_needs"), text_field("new_needs")
        yield t("tui.field.new_deal_codes"), text_field("codes", placeholder=t("tui.form.codes_hint"))

    def on_mount(self) -> None:
        self.query_one("#f-satisfaction").focus()

    def save(self, values: dict[str, str]) -> dict:
        codes = [c.strip().upper() for c in values["codes"].replace("，", ",").split(",") if c.strip()]
        return delivery.visit_done(self.desk, values["visit"], values["satisfaction"], values["remarks"] or None,
                                   values["new_needs"] or None, codes or None)
