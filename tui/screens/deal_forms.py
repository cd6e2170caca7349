"""The small forms of the pipeline: open a deal, end it with a reason, move it back with a note,
assess its needs, lift a block, and pick whose deals the board shows.

Each is a :class:`FormScreen`: the core call runs in its worker, a refusal shows inline, and the
form dismisses with the deal as the core returned it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from zizhi.core import money, percent
from zizhi.core.clients.search import search_clients
from zizhi.core.i18n import current_language, t
from zizhi.core.people import users as people
from zizhi.core.pipeline import deals, endings, quotes, reviews
from zizhi.core.vocab import CHANNELS
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, choice_field, date_field, text_field
from zizhi.tui.widgets.date_field import DateField

HITS_SHOWN = 3
DEBOUNCE_SECONDS = 0.2


class DealForm(FormScreen):
    """A new deal: the client (id, credit code, name or any search), the qualifications, a value.

    Below the client field the best matches show as the person types, so they know which client
    the core will take (a unique match) or that they must type more (several).
    """

    @dataclass
    class Hits(Message):
        query: str
        rows: list[dict]

    def __init__(self, desk, client: dict | None = None) -> None:
        super().__init__(desk, t("tui.form.new_deal"))
        self.client = client
        self._debounce: Timer | None = None

    def fields(self) -> Iterable[tuple[str, Widget]]:
        client = self.client
        yield labels.column("client"), text_field("client", client["name"] if client else "",
                                                  placeholder=t("tui.form.client_hint"))
        yield "", Static("", id="client-hits")
        catalogue = self.desk.settings.catalogue.qualification
        yield t("tui.field.qualifications"), SelectionList(
            *(Selection(Text(f"{q.code}  {_name(q)}"), q.code) for q in catalogue), id="f-codes", compact=True)
        yield labels.column("value"), text_field("value", placeholder=t("tui.form.value_hint"))
        yield labels.column("title"), text_field("title", placeholder=t("tui.form.title_hint"))
        yield labels.column("expected_close"), date_field("expected_close")

    def on_mount(self) -> None:
        self.query_one("#f-codes" if self.client else "#f-client").focus()

    def values(self) -> dict[str, str]:
        """The typed fields, and the chosen codes as ``CODE,CODE`` (read here, on the app's thread)."""
        typed = (Input, DateField)
        found = {name: str(widget.value) for name, widget in self.inputs().items() if isinstance(widget, typed)}
        found["codes"] = ",".join(self.query_one("#f-codes", SelectionList).selected)
        return found

    def save(self, values: dict[str, str]) -> dict:
        ref = values["client"]
        if self.client and ref == self.client["name"]:
            ref = str(self.client["id"])  # the client chosen on the clients screen, even if another shares its name
        return deals.open_deal(self.desk, ref, [c for c in values["codes"].split(",") if c],
                               title=values["title"] or None, value=values["value"] or None,
                               expected_close=values["expected_close"] or None)

    @on(Input.Changed, "#f-client")
    def _client_typed(self) -> None:
        if self._debounce:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._find)

    def _find(self) -> None:
        self._search(self.query_one("#f-client", Input).value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-hits")
    def _search(self, query: str) -> None:
        rows = search_clients(self.desk, query, limit=HITS_SHOWN + 1) if len(query) >= 2 else []
        self.post_message(self.Hits(query, rows))

    def on_deal_form_hits(self, message: Hits) -> None:
        if message.query != self.query_one("#f-client", Input).value.strip():
            return
        text = Text(no_wrap=True, overflow="ellipsis", style="dim")
        rows = message.rows
        if message.query and len(message.query) >= 2 and not rows:
            text.append(t("tui.form.no_client"))
        for row in rows[:HITS_SHOWN]:
            text.append(f"#{row['id']} ", style="bold")
            text.append(f"{row['name']}  ")
        if len(rows) > HITS_SHOWN:
            text.append("…")
        self.query_one("#client-hits", Static).update(text)


def _name(qualification) -> str:
    return qualification.name_zh if current_language() == "zh" else qualification.name_en


class EndDealForm(FormScreen):
    """Lose or cancel a deal; the core requires the reason and keeps it.

    Below the reason the form says what ending does to the deal's contract (read in a worker):
    a signed one is terminated, and only a manager may do that.
    """

    @dataclass
    class ContractRead(Message):
        text: str

    def __init__(self, desk, deal: dict, ending: str) -> None:
        key = "tui.form.lose" if ending == "lost" else "tui.form.cancel_deal"
        super().__init__(desk, t(key, id=deal["id"], title=deal["title"]))
        self.deal, self.ending = deal, ending

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield t("tui.field.reason"), text_field("reason")
        yield "", Static("", id="end-contract")

    def on_mount(self) -> None:
        self._read_contract()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-contract")
    def _read_contract(self) -> None:
        found = deals.ending_preview(self.desk, self.deal["id"])
        self.post_message(self.ContractRead(endings.describe(found, done=False, surface="tui") if found else ""))

    def on_end_deal_form_contract_read(self, message: ContractRead) -> None:
        self.query_one("#end-contract", Static).update(Text(message.text, style="bold yellow"))

    def save(self, values: dict[str, str]) -> dict:
        end = deals.lose if self.ending == "lost" else deals.cancel
        return end(self.desk, str(self.deal["id"]), values["reason"])


def contract_note(deal: dict) -> str:
    """What became of an ended deal's contract, said after the note that the deal ended."""
    found = deal.get("contract_ended")
    return f" {endings.describe(found)}" if found else ""


class MoveBackForm(FormScreen):
    """A manager moving a deal back says why."""

    def __init__(self, desk, deal: dict, stage: str) -> None:
        super().__init__(desk, t("tui.form.move_back", id=deal["id"], stage=t(f"stage.{stage}")))
        self.deal, self.stage = deal, stage

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield t("tui.field.note"), text_field("note")

    def save(self, values: dict[str, str]) -> dict:
        return deals.move(self.desk, str(self.deal["id"]), self.stage, values["note"])


class DealEditForm(FormScreen):
    """Correct a deal's title, estimated value, expected close, source channel or own probability.

    The fields start as the deal stands; only what the person changed is sent to the core, so a
    probability left as the stage's default stays the stage's default.
    """

    COLUMNS = 2

    def __init__(self, desk, deal: dict) -> None:
        super().__init__(desk, t("tui.form.edit_deal", id=deal["id"], title=deal["title"]))
        self.deal = deal
        self.before: dict[str, str] = {}

    def fields(self) -> Iterable[tuple[str, Widget]]:
        deal = self.deal
        self.before = {"title": deal["title"] or "", "value": money.format_fen(deal["value"] or 0, symbol=False),
                       "expected_close": deal["expected_close"] or "", "channel": deal["channel"] or "",
                       "probability": percent.text(deal["probability"], "")}
        yield labels.column("title"), text_field("title", self.before["title"])
        yield labels.column("value"), text_field("value", self.before["value"])
        yield labels.column("expected_close"), date_field("expected_close", self.before["expected_close"])
        yield labels.column("channel"), choice_field("channel", labels.options("channel", CHANNELS),
                                                     self.before["channel"])
        yield labels.column("probability_used"), text_field("probability", self.before["probability"],
                                                       placeholder=t("tui.form.probability_hint"))

    def on_mount(self) -> None:
        self.query_one("#f-title").focus()

    def save(self, values: dict[str, str]) -> dict:
        changed = {name: value for name, value in values.items() if value != self.before.get(name, "")}
        return deals.edit_deal(self.desk, str(self.deal["id"]), **changed)


class AssessForm(FormScreen):
    """The needs assessment: what the client needs, the verdict, what the client was told."""

    COLUMNS = 1

    def __init__(self, desk, deal: dict) -> None:
        super().__init__(desk, t("tui.form.assess", id=deal["id"], title=deal["title"]))
        self.deal = deal

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("findings"), text_field("findings")
        yield labels.column("verdict"), choice_field(
            "verdict", [(t(f"tui.verdict.{v}"), v) for v in deals.VERDICTS], "reasonable", allow_blank=False)
        yield t("tui.field.explanation"), text_field("explanation", placeholder=t("tui.form.explanation_hint"))

    def on_mount(self) -> None:
        self.query_one("#f-findings").focus()

    def save(self, values: dict[str, str]) -> dict:
        return deals.assess(self.desk, str(self.deal["id"]), values["findings"], values["verdict"],
                            values["explanation"] or None)


class ResolveForm(FormScreen):
    """A manager lifts the block of an unreasonable or unlawful need, saying how it was settled."""

    def __init__(self, desk, deal: dict) -> None:
        super().__init__(desk, t("tui.form.resolve", id=deal["id"], title=deal["title"]))
        self.deal = deal

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("resolution"), text_field("resolution")

    def save(self, values: dict[str, str]) -> dict:
        return deals.resolve_block(self.desk, str(self.deal["id"]), values["resolution"])


class ReviewForm(FormScreen):
    """Legal's review of a quote's current revision: approve it, or reject it saying what must change.
    Dismisses with ``{"review": …, "quote": …}`` as the core returned them."""

    def __init__(self, desk, quote: dict) -> None:
        super().__init__(desk, t("tui.form.review", number=quote["number"]))
        self.quote = quote

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield t("tui.field.decision"), choice_field(
            "decision", [(t("tui.review.approve"), "approve"), (t("tui.review.reject"), "reject")], "approve",
            allow_blank=False)
        yield labels.column("note"), text_field("note", placeholder=t("tui.form.review_note_hint"))

    def save(self, values: dict[str, str]) -> dict:
        if values["decision"] == "reject":
            review = reviews.reject(self.desk, self.quote["id"], values["note"])
        else:
            review = reviews.approve(self.desk, self.quote["id"], values["note"] or None)
        return {"review": review, "quote": quotes.get_quote(self.desk, self.quote["id"])}


class NoteForm(FormScreen):
    """One line of text for a core call that needs it: a reason, a note. ``call`` runs in the worker."""

    def __init__(self, desk, title: str, label: str, call: Callable[[str], object]) -> None:
        super().__init__(desk, title)
        self.label, self.call = label, call

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield self.label, text_field("note")

    def save(self, values: dict[str, str]) -> object:
        return self.call(values["note"])


class OwnerForm(FormScreen):
    """Whose deals the board shows; blank is everyone's. Dismisses with a login, '' or None."""

    @dataclass
    class OwnersLoaded(Message):
        logins: list[tuple[str, str]]

    def __init__(self, desk, owner: str | None) -> None:
        super().__init__(desk, t("tui.form.owner_filter"))
        self.owner = owner

    def fields(self) -> Iterable[tuple[str, Widget]]:
        owner = self.owner
        yield labels.column("owner"), choice_field("owner", [(owner, owner)] if owner else [], owner,
                                                   prompt=t("tui.board.all_owners"))

    def on_mount(self) -> None:
        self.query_one("#f-owner").focus()
        self._load_owners()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-owners")
    def _load_owners(self) -> None:
        users = people.list_users(self.desk, role="sales")
        self.post_message(self.OwnersLoaded([(f"{u['name']} ({u['login']})", u["login"]) for u in users]))

    def on_owner_form_owners_loaded(self, message: OwnersLoaded) -> None:
        select = self.query_one("#f-owner", Select)
        select.set_options(message.logins)
        if self.owner and any(login == self.owner for _, login in message.logins):
            select.value = self.owner

    def save(self, values: dict[str, str]) -> str:
        return values["owner"]
