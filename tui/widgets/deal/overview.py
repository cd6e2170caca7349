"""The first tab: the deal's stage history beside the policy notices touching its qualifications
and its needs assessments (read only; the screen binds the keys that assess, resolve and end a
deal, since they work from every tab)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from zizhi.core.i18n import t
from zizhi.tui.widgets.deal.history import history
from zizhi.tui.widgets.deal.text import indented, title


class OverviewPanel(Horizontal):
    """The screen calls :meth:`show` with the deal; the history is laid out again for a new width."""

    deal: dict | None = None
    notices: list[dict] = []

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static(id="history"), id="history-pane")
        yield VerticalScroll(Static(id="assessments"), id="assessments-pane")

    def show(self, deal: dict, notices: list[dict] = ()) -> None:
        self.deal, self.notices = deal, list(notices)
        self._history()
        found = assessments(deal)
        self.query_one("#assessments", Static).update(Group(policy(self.notices), found) if self.notices else found)

    def on_resize(self) -> None:
        if self.deal is not None:
            self._history()

    def _history(self) -> None:
        pane = self.query_one("#history-pane", VerticalScroll)
        # the panes' widths are set when the panel's is; the scrollbar's room is kept whether or not it shows
        room = pane.content_region.width - pane.styles.scrollbar_size_vertical
        self.query_one("#history", Static).update(history(self.deal, room))


def policy(notices: list[dict]) -> Group:
    """The policy notices touching the deal's qualifications, newest in effect first; one the
    reader has not acknowledged is marked, with the key that opens the notices."""
    parts: list[RenderableType] = [title("tui.deal.notices")]
    for notice in notices:
        parts.append(Text(t("tui.deal.notice_line", id=notice["id"], day=notice["effective_on"], title=notice["title"],
                            codes=", ".join(notice["codes"])), style="" if notice["acknowledged_at"] else "bold"))
        if not notice["acknowledged_at"]:
            parts.append(Text(t("tui.deal.notice_unread"), style="yellow"))
    parts.append(Text(""))
    return Group(*parts)


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
