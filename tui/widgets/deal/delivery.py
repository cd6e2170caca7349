"""The last tab: certificates handed to the client and the after-sales visits, and the two
things recorded on it — deliver a certificate (``c``), record a visit (``v``).

The screen calls :meth:`DeliveryPanel.show` and the two methods; nothing left to deliver or no
visit open goes up as a ``Problem``, a saved form as ``DealSaved``.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from zizhi.core.i18n import t
from zizhi.core.pipeline import delivery
from zizhi.tui import labels
from zizhi.tui.screens.delivery_forms import DeliverForm, VisitForm
from zizhi.tui.widgets.deal.panel import open_form, open_when_ready
from zizhi.tui.widgets.deal.text import table, title
from zizhi.tui.work import Problem


class DeliveryPanel(VerticalScroll):
    def __init__(self, desk, **kwargs) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.deal: dict | None = None
        self.certificates: list[dict] = []
        self.visits: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static(id="delivery-body")

    def show(self, deal: dict, certificates: list[dict], visits: list[dict]) -> None:
        self.deal, self.certificates, self.visits = deal, certificates, visits
        self.query_one("#delivery-body", Static).update(delivery_text(certificates, visits))

    def deliver(self) -> None:
        if self.deal is None:
            return
        codes = delivery.undelivered(self.deal, self.certificates)
        if not codes:
            self.post_message(Problem(t("tui.note.all_delivered", id=self.deal["id"])))
            return
        deal = self.deal  # asked of the core first: no approval, steps unsettled refuse before the form opens
        open_when_ready(self, lambda: delivery.check_deliver(self.desk, deal["id"]),
                        lambda: DeliverForm(self.desk, deal, codes),
                        lambda c: t("tui.note.delivered", code=c["code"], number=c["number"]))

    def record_visit(self) -> None:
        if self.deal is None:
            return
        open_visits = [v for v in self.visits if not v["done_on"]]
        if not open_visits:
            self.post_message(Problem(t("tui.note.no_open_visit", id=self.deal["id"])))
            return
        open_form(self, VisitForm(self.desk, self.deal, open_visits),
                  lambda v: t("tui.note.visit_recorded", date=v["done_on"], stage=t(f"stage.{v['stage']}")))


def delivery_text(certificates: list[dict], visits: list[dict]) -> Group:
    parts: list[RenderableType] = [title("tui.deal.certificates")]
    if not certificates:
        parts.append(Text(t("tui.deal.no_certificate"), style="dim"))
    else:
        rows = table(labels.column("code"), t("tui.deal.number"), t("tui.deal.issued"), t("tui.deal.expires"),
                     t("tui.deal.usage"))
        for row in certificates:
            rows.add_row(row["code"], Text(row["number"]), row.get("issued_on") or "",
                         row.get("expires_on") or t("tui.deal.permanent"), Text(row.get("usage_notes") or ""))
        parts.append(rows)
    parts += [Text(""), title("tui.deal.visits")]
    if not visits:
        parts.append(Text(t("tui.deal.no_visit"), style="dim"))
    else:
        rows = table(t("tui.deal.due"), t("tui.deal.done"), t("tui.deal.satisfaction"), t("tui.deal.remarks"))
        for row in visits:
            rows.add_row(row["due_on"], row.get("done_on") or "", "★" * (row.get("satisfaction") or 0),
                         Text(" ".join(x for x in (row.get("remarks"), row.get("new_needs")) if x)))
        parts.append(rows)
    return Group(*parts)
