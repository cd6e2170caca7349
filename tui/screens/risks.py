"""The risk register (rulebook §7.3; ``zizhi risk list|map|show|review``): the heat map above —
likelihood × impact, each cell coloured by the level the matrix gives it, the number of risks
inside — and the risks the person may see below, gravest first. Enter shows one with its reviews;
``v`` records today's review (its owner, or legal, a manager or an admin — anyone else is told
why at once, before a form opens). Everything is read in thread workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Header, Static

from zizhi.core.compliance import risks
from zizhi.core.i18n import t
from zizhi.core.vocab import RISK_LEVELS
from zizhi.tui import keymap
from zizhi.tui.places import Places
from zizhi.tui.roles import RoleKeys, guarded
from zizhi.tui.screens.form import FormScreen, choice_field, text_field
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.rows_table import Col, RowsTable
from zizhi.tui.work import DeskWork

# Each level's cell, as `zizhi risk map` colours it: a background 8-colour terminals show too.
LEVEL_STYLES = {"low": "black on green", "medium": "black on yellow", "high": "white on dark_orange3",
                "critical": "bold white on red"}
CELL = 7  # cells per square of the map


def level_text(level: str) -> Text:
    return Text(f" {t(f'risk.level.{level}')} ", style=LEVEL_STYLES[level])


def heat_map(grid: dict) -> Group:
    """Likelihood 5 at the top, impact 1–5 left to right; each square its level's colour with its
    count (blank for none); the legend counts each level."""
    chart = Table.grid(padding=(0, 0))
    chart.add_column(justify="right", no_wrap=True)
    for _ in range(5):
        chart.add_column(width=CELL, no_wrap=True)
    for likelihood in range(5, 0, -1):
        row = sorted((c for c in grid["cells"] if c["likelihood"] == likelihood), key=lambda c: c["impact"])
        chart.add_row(Text(f"{likelihood} "), *(Text(str(c["count"] or "").center(CELL), style=LEVEL_STYLES[c["level"]])
                                                for c in row))
    chart.add_row(Text(""), *(Text(str(impact).center(CELL), style="dim") for impact in range(1, 6)))
    head = Text(t("tui.risks.map_title", count=grid["total"]), style="bold")
    axes = Text(f"↑ {t('risk.map.likelihood')}   {t('risk.map.impact')}", style="dim")
    legend = Text()
    for n, level in enumerate(RISK_LEVELS):
        legend.append(" " if n else "")
        legend.append(f" {t(f'risk.level.{level}')} {grid['by_level'][level]} ", style=LEVEL_STYLES[level])
    return Group(head, chart, axes, legend)


_COLUMNS = [
    Col("id", lambda: "#"),
    Col("level", lambda: t("col.level")),
    Col("description", lambda: t("col.description"), words=True, comfortable=30),
    Col("li", lambda: "L×I"),
    Col("owner", lambda: t("col.owner"), words=True, comfortable=10, drop=2),
    Col("status", lambda: t("col.status"), drop=1),
    Col("next", lambda: t("col.next_review_on"), drop=3),
    Col("category", lambda: t("col.category"), drop=0),
]


def _cells(risk: dict) -> dict[str, Text]:
    return {"id": Text(str(risk["id"]), justify="right"), "level": level_text(risk["level"]),
            "description": Text(risk["description"].splitlines()[0] if risk["description"] else ""),
            "li": Text(f"{risk['likelihood']}×{risk['impact']}", justify="center"),
            "owner": Text(risk["owner"]), "status": Text(t(f"risk.status.{risk['status']}")),
            "next": Text(risk["next_review_on"] or "—"), "category": Text(t(f"risk.category.{risk['category']}"))}


def risk_text(risk: dict) -> Group:
    """One risk whole, then its reviews newest first."""
    parts = [Text.assemble(level_text(risk["level"]), " ", (f"#{risk['id']} ", "bold"),
                           t(f"risk.category.{risk['category']}"), "  ", (t(f"risk.status.{risk['status']}"), "italic")),
             Text(risk["description"]), Text("")]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    for key, value in (("likelihood", risk["likelihood"]), ("impact", risk["impact"]), ("owner", risk["owner"]),
                       ("next_review_on", risk["next_review_on"] or "—"), ("created_by", risk["created_by"])):
        facts.add_row(t(f"col.{key}"), Text(str(value)))
    facts.add_row(t("tui.risks.response"), Text(risk["response"] or "—"))
    parts += [facts, Text(""), Text(t("tui.risks.reviews"), style="bold")]
    if not risk.get("reviews"):
        parts.append(Text(t("tui.risks.no_reviews"), style="dim"))
    for review in risk.get("reviews", []):
        parts.append(Text(t("tui.risks.review_line", day=review["reviewed_on"], user=review["user"],
                            level=t(f"risk.level.{review['level']}"), status=t(f"risk.status.{review['status']}"),
                            next=review["next_review_on"] or "—")))
        if review["note"]:
            parts.append(Text("  " + review["note"], style="dim"))
    return Group(*parts)


class RisksScreen(Places, RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    CSS_PATH = "../styles/risks.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.RISKS)
    PALETTE = (("show_risk", "show_risk"), ("review_risk", "review_risk"), ("notices", "show_notices"),
               ("reports", "show_reports"), ("back", "back"), ("help", "help"))

    @dataclass
    class Loaded(Message):
        risks: list[dict]
        grid: dict

    @dataclass
    class RiskRead(Message):
        risk: dict

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.rows: list[dict] | None = None
        self.wanted: tuple[int, bool] | None = None  # a risk to put the cursor on once read (and show)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="risks-status")
        with Horizontal(id="risks-top"):
            yield Static("", id="heat-map")
            yield VerticalScroll(Static("", id="risk-brief"), id="risk-brief-pane", can_focus=False)
        yield RowsTable(_COLUMNS, _cells, id="risks")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#risks").focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.rows is not None:
            self.reload()

    async def relabel(self) -> None:
        await self.recompose()
        self.on_mount()

    def choose(self, risk_id: int, show: bool = False) -> None:
        """Put the cursor on ``risk_id`` once the register is read, and show it (Today's Enter)."""
        self.wanted = (risk_id, show)
        if self.rows is not None:
            self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="risks")
    def _load(self) -> None:
        self.post_message(self.Loaded(risks.list_risks(self.desk), risks.heat_map(self.desk)))

    def on_risks_screen_loaded(self, message: Loaded) -> None:
        self.rows = message.risks
        table = self.query_one("#risks", RowsTable)
        table.show(message.risks)
        self.query_one("#heat-map", Static).update(heat_map(message.grid))
        status = t("tui.risks.status", count=len(message.risks)) if message.risks else t("tui.risks.none")
        self.query_one("#risks-status", Static).update(Text(status))
        self._brief()
        if self.wanted is not None:
            risk_id, show = self.wanted
            self.wanted = None
            found = [n for n, risk in enumerate(message.risks) if risk["id"] == risk_id]
            if found:
                table.move_cursor(row=found[0])
            if show:
                self.app.push_screen(RiskScreen(self.desk, risk_id))
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#risks")
    def _brief(self) -> None:
        risk = self.query_one("#risks", RowsTable).row
        self.query_one("#risk-brief", Static).update(risk_text(risk) if risk else "")
        self.refresh_bindings()

    def role_subject(self) -> dict | None:
        return self.query_one("#risks", RowsTable).row if self.rows is not None else None

    # -- keys ------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#risks")
    def action_show_risk(self) -> None:
        risk = self.query_one("#risks", RowsTable).row
        if risk is None:
            self.notify(t("tui.note.no_selection"), severity="warning", markup=False)
            return
        self.app.push_screen(RiskScreen(self.desk, risk["id"]))

    @guarded("risks.review")
    def action_review_risk(self) -> None:
        risk = self.query_one("#risks", RowsTable).row
        if risk is None:
            self.notify(t("tui.note.no_selection"), severity="warning", markup=False)
            return
        review(self, risk, self.reload)

    def action_refresh(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.app.leave_place("risks")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.RISKS, keymap.APP, keep=self.may)))


def review(screen: Screen, risk: dict, then) -> None:
    """Open the review form for ``risk``; once saved, say what it did and call ``then``."""
    def reviewed(found: dict | None) -> None:
        if found:
            if found["status"] == "closed":
                screen.notify(t("tui.note.risk_closed_by_review", id=found["id"]), markup=False)
            else:
                screen.notify(t("tui.note.risk_reviewed", id=found["id"], level=t(f"risk.level.{found['level']}"),
                                next=found["next_review_on"]), markup=False)
            then()

    screen.app.push_screen(ReviewForm(screen.desk, risk), callback=reviewed)


class RiskScreen(RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    """One risk whole with its reviews (``zizhi risk show``); ``v`` reviews it."""

    CSS_PATH = "../styles/risks.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.RISK_VIEW)
    PALETTE = (("review_risk", "review_risk"), ("back", "back"), ("help", "help"))

    @dataclass
    class Read(Message):
        risk: dict

    def __init__(self, desk, risk_id: int) -> None:
        super().__init__()
        self.desk, self.risk_id = desk, risk_id
        self.risk: dict | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="risk-pane"):
            yield Static(t("tui.status.loading"), id="risk-whole")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#risk-pane").focus()
        self._load()

    async def relabel(self) -> None:
        await self.recompose()
        self.on_mount()

    @work(thread=True, exclusive=True, exit_on_error=False, group="risk")
    def _load(self) -> None:
        self.post_message(self.Read(risks.get_risk(self.desk, self.risk_id)))

    def on_risk_screen_read(self, message: Read) -> None:
        self.risk = message.risk
        self.query_one("#risk-whole", Static).update(risk_text(message.risk))
        self.refresh_bindings()

    def role_subject(self) -> dict | None:
        return self.risk

    @guarded("risk.review")
    def action_review_risk(self) -> None:
        if self.risk is not None:
            review(self, self.risk, self._load)

    def action_back(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.RISK_VIEW, keymap.APP, keep=self.may)))


class ReviewForm(FormScreen):
    """Today's review of a risk: what it found, and the likelihood, impact and status it leaves."""

    def __init__(self, desk, risk: dict) -> None:
        short = risk["description"].splitlines()[0] if risk["description"] else ""
        super().__init__(desk, t("tui.form.review_risk", id=risk["id"], description=short[:40]))
        self.risk = risk

    def fields(self) -> Iterable[tuple[str, Widget]]:
        scale = [(str(n), str(n)) for n in range(1, 6)]
        yield t("tui.field.note"), text_field("note")
        yield t("col.likelihood"), choice_field("likelihood", scale, str(self.risk["likelihood"]), allow_blank=False)
        yield t("col.impact"), choice_field("impact", scale, str(self.risk["impact"]), allow_blank=False)
        yield t("col.status"), choice_field("status", [(t(f"risk.status.{s}"), s) for s in ("open", "mitigating", "closed")],
                                            self.risk["status"], allow_blank=False)

    def on_mount(self) -> None:
        self.query_one("#f-note").focus()

    def save(self, values: dict[str, str]) -> dict:
        return risks.review_risk(self.desk, self.risk["id"], note=values["note"] or None,
                                 likelihood=values["likelihood"], impact=values["impact"], status=values["status"])
