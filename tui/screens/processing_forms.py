"""The processing tab's forms: hand the deal to operations, mark a step, record a delay and the
authority's decision. Each dismisses with the progress ``core.processing`` returned.

The hand-over meets the stage gate (signed and filed contract, required payment received); its
refusal shows inline in the core's words, and the form keeps the chosen colleague.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Select

from zizhi.core.errors import InputError
from zizhi.core.i18n import t
from zizhi.core.pipeline import gates, processing
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, choice_field, text_field


class HandoverForm(FormScreen):
    """Choose an active operations colleague (read in a worker) and add a note if need be."""

    @dataclass
    class OperatorsLoaded(Message):
        options: list[tuple[str, str]]

    def __init__(self, desk, deal: dict) -> None:
        super().__init__(desk, t("tui.form.handover", id=deal["id"], title=deal["title"]))
        self.deal = deal

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("operator"), choice_field("operator", [])
        yield labels.column("note"), text_field("note")

    def on_mount(self) -> None:
        self.query_one("#f-operator").focus()
        self._load_operators()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-operators")
    def _load_operators(self) -> None:
        users = processing.eligible_operators(self.desk)
        self.post_message(self.OperatorsLoaded([(f"{u['name']} ({u['login']})", u["login"]) for u in users]))

    def on_handover_form_operators_loaded(self, message: OperatorsLoaded) -> None:
        select = self.query_one("#f-operator", Select)
        select.set_options(message.options)
        if len(message.options) == 1:
            select.value = message.options[0][1]

    def save(self, values: dict[str, str]) -> dict:
        if not values["operator"]:
            raise InputError("input.required", field="operator")
        return processing.handover(self.desk, self.deal["id"], values["operator"], values["note"] or None)


class StepForm(FormScreen):
    """One of the catalogue's steps (the first not settled is offered), its new status, and the
    reason when it is skipped (the approval waits for every step done or skipped)."""

    def __init__(self, desk, deal: dict, steps: list[dict]) -> None:
        super().__init__(desk, t("tui.form.step", id=deal["id"], title=deal["title"]))
        self.deal, self.steps = deal, steps

    def fields(self) -> Iterable[tuple[str, Widget]]:
        options = [(f"{s['code']} {s['position']}. {s['step']} ({t('tui.step.' + s['status'])})",
                    f"{s['code']}:{s['position']}") for s in self.steps]
        first = next((f"{s['code']}:{s['position']}" for s in self.steps if s["status"] not in gates.SETTLED),
                     None)
        yield labels.column("step"), choice_field("step", options, first)
        yield labels.column("status"), choice_field(
            "status", [(t(f"tui.step.{s}"), s) for s in processing.STATUSES], "done", allow_blank=False)
        yield labels.column("reason"), text_field("reason", placeholder=t("tui.form.skip_hint"))

    def save(self, values: dict[str, str]) -> dict:
        code, _, position = values["step"].partition(":")
        if not code:
            raise InputError("input.required", field="step")
        return processing.step(self.desk, self.deal["id"], code, position, values["status"],
                               reason=values["reason"] or None)


class DelayForm(FormScreen):
    """A delay: its cause, the days it adds, and whether the client was told (asked, never assumed)."""

    def __init__(self, desk, deal: dict) -> None:
        super().__init__(desk, t("tui.form.delay", id=deal["id"], title=deal["title"]))
        self.deal = deal

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("cause"), text_field("cause")
        yield labels.column("days"), text_field("days")
        yield labels.column("client_told"), choice_field("client_told", [(t("tui.yes"), "yes"), (t("tui.no"), "no")])

    def save(self, values: dict[str, str]) -> dict:
        if not values["client_told"]:
            raise InputError("input.required", field="client_told")
        return processing.delay(self.desk, self.deal["id"], values["cause"], values["days"],
                                values["client_told"] == "yes")


class OutcomeForm(FormScreen):
    """The authority's decision; a rejection needs its reason."""

    def __init__(self, desk, deal: dict) -> None:
        super().__init__(desk, t("tui.form.outcome", id=deal["id"], title=deal["title"]))
        self.deal = deal

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("outcome"), choice_field(
            "outcome", [(t(f"tui.outcome.{o}"), o) for o in processing.OUTCOMES], "approved", allow_blank=False)
        yield labels.column("outcome_reason"), text_field("reason", placeholder=t("tui.form.reason_hint"))

    def save(self, values: dict[str, str]) -> dict:
        return processing.outcome(self.desk, self.deal["id"], values["outcome"], values["reason"] or None)
