"""The first tab: the deal's stage history beside its needs assessments (read only; the screen
binds the keys that assess, resolve and end a deal, since they work from every tab)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from zizhi.core.i18n import t
from zizhi.tui import labels
from zizhi.tui.widgets.deal.text import MISSING, indented, stage, table, title


class OverviewPanel(Horizontal):
    """The screen calls :meth:`show` with the deal."""

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static(id="history"), id="history-pane")
        yield VerticalScroll(Static(id="assessments"), id="assessments-pane")

    def show(self, deal: dict) -> None:
        self.query_one("#history", Static).update(history(deal))
        self.query_one("#assessments", Static).update(assessments(deal))


def history(deal: dict) -> Group:
    rows = table(t("tui.deal.at"), labels.column("from_stage"), labels.column("to_stage"), t("tui.deal.by"),
                 labels.column("note"))
    for row in deal["history"]:
        rows.add_row(Text(row["at"][:16]), Text(stage(row["from_stage"]) or MISSING, style="dim"),
                     Text(stage(row["to_stage"]), style="bold"), Text(row["user"]), Text(row["note"] or ""))
    return Group(title("tui.deal.history"), rows)


def assessments(deal: dict) -> Group:
    parts: list[RenderableType] = [title("tui.deal.assessments")]
    if not deal["assessments"]:
        parts.append(Text(t("tui.deal.no_assessment"), style="dim"))
    for row in deal["assessments"]:
        verdict = row["verdict"]
        line = Text(f"{row['at'][:16]}  {row['user']}  ", style="dim")
        line.append(t(f"tui.verdict.{verdict}"), style="green" if verdict == "reasonable" else "bold red")
        parts.append(line)
        parts.append(indented(Text(row["findings"])))
        if row["explanation"]:
            parts.append(indented(Text(f"{t('tui.deal.told')}: {row['explanation']}", style="dim")))
        if row["resolved_at"]:
            parts.append(indented(Text(f"{t('tui.deal.resolved', at=row['resolved_at'][:10])}: {row['resolution']}",
                                       style="green")))
    return Group(*parts)
