"""The processing tab: operations' steps, delays and the authority's decision, and the four
things recorded on it — hand over (``H``), mark a step (``t``), a delay (``d``), the outcome (``o``).

The screen calls :meth:`ProcessingPanel.show` and the step methods; a step before the hand-over
goes up as a ``Problem``, a saved form as ``DealSaved``. Whether processing is overdue is the
core's answer (``progress["overdue"]``), only coloured here.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from zizhi.core.errors import UserError
from zizhi.core.i18n import t
from zizhi.core.pipeline import processing
from zizhi.tui.screens.form import FormScreen
from zizhi.tui.screens.processing_forms import DelayForm, HandoverForm, OutcomeForm, StepForm
from zizhi.tui.widgets.deal.panel import open_form, open_when_ready
from zizhi.tui.widgets.deal.text import MISSING, grid, label, table, title
from zizhi.tui.work import Problem, problem_text

STEP_STYLE = {"done": "green", "skipped": "yellow"}


class ProcessingPanel(VerticalScroll):
    def __init__(self, desk, **kwargs) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.deal: dict | None = None
        self.progress: dict = {}

    def compose(self) -> ComposeResult:
        yield Static(id="processing-body")

    def show(self, deal: dict, progress: dict) -> None:
        self.deal, self.progress = deal, progress
        self.query_one("#processing-body", Static).update(progress_text(progress))

    def hand_over(self) -> None:
        """Asks the core first: an unsigned, unfiled or unpaid contract refuses before the form opens."""
        if (deal := self.deal) is not None:
            open_when_ready(self, lambda: processing.check_hand_over(self.desk, deal["id"]),
                            lambda: HandoverForm(self.desk, deal), self._note("tui.note.handed_over"))

    def mark_step(self) -> None:
        if self.deal is not None and self._handed_over(self.deal):
            self._open(StepForm(self.desk, self.deal, self.progress["steps"]), "tui.note.step_marked")

    def record_delay(self) -> None:
        if self.deal is not None and self._handed_over(self.deal):
            self._open(DelayForm(self.desk, self.deal), "tui.note.delay_recorded")

    def record_outcome(self) -> None:
        if self.deal is not None and self._handed_over(self.deal):
            self._open(OutcomeForm(self.desk, self.deal), "tui.note.outcome_recorded")

    def _handed_over(self, deal: dict) -> bool:
        if self.progress.get("handed_over"):
            return True
        refusal = UserError("process.not_handed_over", deal=deal["id"])
        self.post_message(Problem(problem_text(refusal), refusal))
        return False

    def _open(self, form: FormScreen, key: str) -> None:
        open_form(self, form, self._note(key))

    @staticmethod
    def _note(key: str):
        return lambda progress: t(key, id=progress["deal_id"], stage=t(f"stage.{progress['stage']}"))


def progress_text(progress: dict) -> Group:
    if not progress["handed_over"]:
        return Group(title("tui.deal.processing"), Text(t("tui.deal.not_handed_over_key"), style="dim"))
    rows = grid(14, None)
    handed_at = (progress.get("handed_over_at") or "")[:10]
    rows.add_row(label(t("tui.deal.operator")), Text(f"{progress.get('operator') or MISSING}  {handed_at}"))
    expected = Text(progress.get("expected_on") or MISSING)
    if progress.get("overdue"):
        expected.append(f"  {t('tui.deal.days_overdue', count=progress.get('days_overdue', 0))}", style="bold red")
    rows.add_row(label(t("tui.deal.expected")), expected)
    if progress.get("outcome"):
        outcome = Text(t(f"tui.outcome.{progress['outcome']}"), style="bold")
        if progress.get("outcome_reason"):
            outcome.append(f"  {progress['outcome_reason']}")
        rows.add_row(label(t("tui.deal.outcome")), outcome)
    steps = table(t("tui.deal.step"), t("tui.deal.status"), t("tui.deal.on"))
    for row in progress.get("steps", []):
        status = Text(t(f"tui.step.{row['status']}"), style=STEP_STYLE.get(row["status"], ""))
        if row.get("reason"):
            status.append(f"  {row['reason']}", style="dim")
        steps.add_row(Text(f"{row['code']} {row['position']}. {row['step']}"), status, row.get("on_date") or "")
    parts: list[RenderableType] = [title("tui.deal.processing"), rows, Text(""), steps]
    if progress.get("delays"):
        delays = table(t("tui.deal.at"), t("tui.deal.cause"), t("tui.deal.days"), t("tui.deal.client_told"))
        for row in progress["delays"]:
            delays.add_row((row.get("at") or "")[:10], Text(row["cause"]), str(row["days"]),
                           t("tui.yes") if row["client_told"] else Text(t("tui.no"), style="bold red"))
        parts += [Text(""), title("tui.deal.delays"), delays]
    return Group(*parts)
