"""Reports: a person's KPIs for a quarter, the team side by side, the weekly review and channels.

**My KPIs** (``zizhi kpi``): each figure with its target and attainment; ``[`` and ``]`` step a
quarter back and on, Enter on a figure opens the records behind it (:class:`DrillScreen`), whose
total line is the figure again. **Team** (``zizhi kpi team``, managers and admins): everyone
ranked by a KPI (``m`` steps through them), with a bar chart of block characters; Enter on a
person shows their KPIs. A salesperson has no Team tab (the core refuses it; ``2`` says so).
**Weekly review** (``zizhi report weekly``): each person's week in one line and the total, the
highlighted person's records below; ``[`` and ``]`` step a week. **Channels** (``zizhi report
channels``): each channel and referring client over the quarter shown. Every figure is read in a thread worker, so the screen paints at once and stays responsive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from zizhi.core import percent
from zizhi.core.errors import UserError
from zizhi.core.i18n import t
from zizhi.core.kpi import figures, quarters
from zizhi.core.money import format_fen
from zizhi.core.reports.text import week_line
from zizhi.tui import keymap, report_text
from zizhi.tui.report_text import RANKED, SHOWN
from zizhi.tui.roles import RoleKeys
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.rows_table import Col, RowsTable
from zizhi.tui.work import DeskWork, problem_text

TABS = ("kpi-tab", "team-tab", "weekly-tab", "channels-tab")


class ReportsScreen(RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    CSS_PATH = "../styles/reports.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.REPORTS)
    PALETTE = (("drill", "drill"), ("quarter_back", "quarter_back"), ("quarter_on", "quarter_on"),
               ("metric", "next_metric"), ("refresh_reports", "refresh"), ("risks", "show_risks"),
               ("notices", "show_notices"), ("back", "back"), ("help", "help"))

    @dataclass
    class KpiLoaded(Message):
        row: dict

    @dataclass
    class TeamLoaded(Message):
        found: dict

    @dataclass
    class WeekLoaded(Message):
        found: dict

    @dataclass
    class ChannelsLoaded(Message):
        found: dict

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.quarter = quarters.chosen(desk, None)
        self.login: str | None = None  # whose KPIs: yourself, or the person chosen on the team
        self.metric = RANKED[0]
        self.kpi: dict | None = None
        self.team: dict | None = None
        self.manages = _may(lambda: figures.require_manager(desk))
        self.monday = _monday(desk)  # the week of the weekly review
        self.week: dict | None = None
        self.channels: dict | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="reports-status")
        # a manager's own figures are mostly empty: the team is what they come for
        with TabbedContent(initial="team-tab" if self.manages else "kpi-tab", id="reports-tabs"):
            with TabPane(t("tui.reports.tab.kpi"), id="kpi-tab"):
                yield RowsTable(_KPI_COLUMNS, _kpi_cells, id="kpi")
                yield Static(Text(t("tui.reports.keys"), style="dim"), id="kpi-hint")
            if self.manages:
                with TabPane(t("tui.reports.tab.team"), id="team-tab"):
                    yield Static("", id="team-head")
                    yield RowsTable(_team_columns(), _team_cells, id="team")
                    yield Static("", id="team-chart")
            with TabPane(t("tui.reports.tab.weekly"), id="weekly-tab"):
                yield Static(t("tui.status.loading"), id="weekly-head")
                yield RowsTable(_WEEK_COLUMNS, _week_cells, id="weekly")
                with VerticalScroll(id="weekly-detail-pane"):
                    yield Static("", id="weekly-detail")
            with TabPane(t("tui.reports.tab.channels"), id="channels-tab"):
                yield Static(t("tui.status.loading"), id="channels-head")
                yield RowsTable(_channel_columns("channel"), _channel_cells, id="channels")
                yield Static("", id="referrers-head")
                yield RowsTable(_channel_columns("referrer"), _channel_cells, id="referrers")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#team" if self.manages else "#kpi", RowsTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.kpi is not None or self.team is not None:
            self.reload()

    async def relabel(self) -> None:
        tab = self.query_one(TabbedContent).active
        await self.recompose()
        self.query_one(TabbedContent).active = tab
        self.kpi = self.team = None
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        if self.manages and self.login is None and self.desk.user["role"] != "sales":
            # KPIs are kept for salespeople (core.kpi.figures.subject): a manager picks one on the team
            self.query_one("#reports-status", Static).update(Text(t("tui.reports.pick_person"), style="dim"))
        else:
            self._load_kpi(self.quarter, self.login)
        if self.manages:
            self._load_team(self.quarter, self.metric)
        self.week = self.channels = None
        self._load_shown()

    def _load_shown(self) -> None:
        """The weekly review and the channels are read when their tab is first looked at."""
        active = self.query_one(TabbedContent).active
        if active == "weekly-tab" and self.week is None:
            self._load_week(_week_label(self.monday))
        elif active == "channels-tab" and self.channels is None:
            first, after = self.quarter.bounds
            self._load_channels(first, (dt.date.fromisoformat(after) - dt.timedelta(days=1)).isoformat())

    @on(TabbedContent.TabActivated, "#reports-tabs")
    def _tab_shown(self) -> None:
        self._load_shown()
        self.refresh_bindings()

    @work(thread=True, exclusive=True, exit_on_error=False, group="weekly")
    def _load_week(self, week: str) -> None:
        from zizhi.core.reports.weekly import weekly

        self.post_message(self.WeekLoaded(weekly(self.desk, week)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="channels")
    def _load_channels(self, first: str, last: str) -> None:
        from zizhi.core.reports.channels import channels

        self.post_message(self.ChannelsLoaded(channels(self.desk, first, last)))

    def on_reports_screen_week_loaded(self, message: WeekLoaded) -> None:
        self.week = found = message.found
        whose = found["login"] or t("report.team")
        self.query_one("#weekly-head", Static).update(Text.assemble(
            (t("report.weekly_head", week=found["week"], first=found["first"], last=found["last"]), "bold"),
            " · ", t("report.weekly_whose", who=whose), "   ", (t("tui.reports.weekly_keys"), "dim")))
        rows = [{**group, "person": _person(group)} for group in found["people"]]
        rows.append({"person": t("report.total"), "counts": found["totals"], "total": True})
        self.query_one("#weekly", RowsTable).show(rows)
        self._week_detail()

    @on(DataTable.RowHighlighted, "#weekly")
    def _week_detail(self) -> None:
        row = self.query_one("#weekly", RowsTable).row
        if self.week is not None:
            self.query_one("#weekly-detail", Static).update(week_detail(self.week, row))

    def on_reports_screen_channels_loaded(self, message: ChannelsLoaded) -> None:
        self.channels = found = message.found
        self.query_one("#channels-head", Static).update(Text.assemble(
            (t("report.channels_head", first=found["from"], last=found["to"]), "bold"), "\n",
            (t("report.channels_revenue_note"), "dim")))
        rows = [{**row, "label": _channel(row["name"])} for row in found["channels"]]
        rows.append({**found["totals"], "label": t("report.total"), "total": True})
        self.query_one("#channels", RowsTable).show(rows)
        self.query_one("#referrers-head", Static).update(Text(
            t("report.referrers_head") if found["referrers"] else t("report.no_referrals"), style="bold"))
        referrers = self.query_one("#referrers", RowsTable)
        referrers.display = bool(found["referrers"])
        referrers.show([{**row, "label": row["name"] or str(row["client_id"])} for row in found["referrers"]])

    @work(thread=True, exclusive=True, exit_on_error=False, group="kpi")
    def _load_kpi(self, quarter, login: str | None) -> None:
        self.post_message(self.KpiLoaded(figures.figures(self.desk, login, quarter)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="team")
    def _load_team(self, quarter, metric: str) -> None:
        self.post_message(self.TeamLoaded(figures.team(self.desk, quarter, metric)))

    def on_reports_screen_kpi_loaded(self, message: KpiLoaded) -> None:
        self.kpi = row = message.row
        self.query_one("#kpi", RowsTable).show(_kpi_rows(row))
        self.query_one("#reports-status", Static).update(Text(t(
            "tui.reports.status", name=row["name"], login=row["login"], quarter=row["quarter"], start=row["from"],
            end=row["to"]), style="bold"))

    def on_reports_screen_team_loaded(self, message: TeamLoaded) -> None:
        self.team = found = message.found
        metric = t(f"kpi.metric.{found['metric']}")
        head = Text.assemble(
            (t("tui.reports.team_head", quarter=found["quarter"], start=found["from"], end=found["to"], metric=metric),
             "bold"), "   ", (t("tui.reports.team_keys"), "dim"))
        if found.get("not_on_duty"):  # a trainee: not ranked (core.kpi.figures.team)
            people = ", ".join(f"{p['name']} ({p['login']})" for p in found["not_on_duty"])
            head.append("\n" + t("kpi.not_on_duty", quarter=found["quarter"], people=people), style="dim")
        self.query_one("#team-head", Static).update(head)
        self.query_one("#team", RowsTable).show(found["people"])
        self._chart()

    def on_resize(self) -> None:
        self.call_after_refresh(self._chart)

    def _chart(self) -> None:
        if self.team is not None:
            chart = self.query_one("#team-chart", Static)
            chart.update(team_chart(self.team, chart.content_region.width or self.size.width))

    # -- keys ------------------------------------------------------------------------------

    def action_quarter(self, step: int) -> None:
        """[ and ]: the week before or after on the weekly review, else the quarter."""
        if self.query_one(TabbedContent).active == "weekly-tab":
            self.monday += dt.timedelta(days=7 * step)
            self.week = None
            self._load_shown()
            return
        self.quarter = self.quarter.following() if step > 0 else self.quarter.preceding()
        self.reload()

    def action_quarter_back(self) -> None:
        self.action_quarter(-1)

    def action_quarter_on(self) -> None:
        self.action_quarter(1)

    def action_next_metric(self) -> None:
        if not self._team_allowed():
            return
        self.metric = RANKED[(RANKED.index(self.metric) + 1) % len(RANKED)]
        self.action_tab("team-tab")
        self._load_team(self.quarter, self.metric)

    def action_tab(self, name: str) -> None:
        if name == "team-tab" and not self._team_allowed():
            return
        if name not in [pane.id for pane in self.query(TabPane)]:
            return
        self.query_one(TabbedContent).active = name
        tables = self.query(f"#{name} RowsTable")
        if tables:
            tables.first().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``m`` (rank the team by another KPI) is offered to those the core lets see the team."""
        return self.manages if action == "next_metric" else True

    def _team_allowed(self) -> bool:
        """The team is the managers'; anyone else is told the core's reason, politely, once."""
        try:
            figures.require_manager(self.desk)
        except UserError as refused:
            self.notify(problem_text(refused), severity="warning", markup=False)
            return False
        return True

    def action_drill(self) -> None:
        """Enter: on a KPI, the records behind it; on a person of the team, their KPIs; on the
        weekly review, down into the person's records."""
        active = self.query_one(TabbedContent).active
        if active == "weekly-tab":
            self.query_one("#weekly-detail-pane").focus()
            return
        if active == "channels-tab":
            return
        if active == "team-tab":
            person = self.query_one("#team", RowsTable).row
            if person is not None:
                self.login = person["login"]
                self.action_tab("kpi-tab")
                self._load_kpi(self.quarter, self.login)
            return
        row = self.query_one("#kpi", RowsTable).row
        if row is None or self.kpi is None:
            self.notify(t("tui.reports.no_drill"), severity="warning", markup=False)
            return
        self.app.push_screen(DrillScreen(self.desk, row["metric"], self.kpi["login"], self.kpi["quarter"],
                                         row.get("stage")))

    @on(DataTable.RowSelected, "#kpi")
    @on(DataTable.RowSelected, "#team")
    def _row_chosen(self) -> None:
        self.action_drill()

    def action_refresh(self) -> None:
        self.reload()

    def action_show_quarterly(self) -> None:
        """Q: the quarterly personal report — your own, or a manager's list of who has filed."""
        if not self.refused("reports.quarterly"):
            self.app.open_quarterly()

    def action_show_risks(self) -> None:
        self.app.open_place("risks")

    def action_show_notices(self) -> None:
        self.app.open_place("notices")

    def action_back(self) -> None:
        self.app.leave_place("reports")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.REPORTS, keymap.APP, keep=self.may)))

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """On the message line; when the person's own figures are refused (legal, finance), the
        status line says why instead of "Loading…"."""
        super().show_problem(message, error)
        if self.kpi is None:
            self.query_one("#reports-status", Static).update(Text(message, style="yellow"))


def _monday(desk) -> dt.date:
    from zizhi.core.reports import periods

    return periods.week(desk, None)[1]


def _week_label(monday: dt.date) -> str:
    year, number, _ = monday.isocalendar()
    return f"{year:04d}-W{number:02d}"


def _may(check) -> bool:
    try:
        check()
    except UserError:
        return False
    return True


# -- My KPIs -------------------------------------------------------------------------------

_KPI_COLUMNS = [
    Col("name", lambda: t("tui.reports.col.metric"), words=True, comfortable=28),
    Col("figure", lambda: t("kpi.col.figure")),
    Col("target", lambda: t("kpi.col.target"), drop=2),
    Col("attained", lambda: t("kpi.col.attainment"), drop=3),
    Col("detail", lambda: t("tui.reports.col.detail"), words=True, drop=1),
]


def _kpi_rows(row: dict) -> list[dict]:
    """One row per KPI, then one per stage a deal stayed in (its mean days)."""
    rows = [{"metric": m, "name": t(f"kpi.metric.{m}"), "figure": report_text.figure(row, m),
             "target": report_text.target(row, m) if m in row["targets"] else "",
             "attained": report_text.attained(row, m) if m in row["targets"] else "",
             "points": row["attainment"].get(m) if row["targets"].get(m) is not None else None,
             "detail": report_text.detail(row, m)} for m in SHOWN]
    for stage, stay in row["stage_days"].items():
        rows.append({"metric": "stage_days", "stage": stage,
                     "name": t("tui.reports.stage_days", stage=t(f"stage.{stage}")), "figure": stay["mean"] or "—",
                     "target": "", "attained": "", "detail": t("kpi.stays", stage=t(f"stage.{stage}"), mean=stay["mean"],
                                                             count=stay["count"])})
    return rows


def _kpi_cells(row: dict) -> dict[str, Text]:
    points = row.get("points")
    style = "" if points is None else "green" if points >= 10_000 else "yellow"
    attained = row["attained"]
    return {"name": Text(row["name"]), "figure": Text(row["figure"], style="bold", justify="right"),
            "target": Text(row["target"], justify="right"), "attained": Text(attained, style=style, justify="right"),
            "detail": Text(row["detail"], style="dim")}


# -- Team ----------------------------------------------------------------------------------

def _team_columns() -> list[Col]:
    return [Col("rank", lambda: t("kpi.col.rank")),
            Col("person", lambda: t("kpi.col.person"), words=True, comfortable=16),
            *(Col(m, lambda m=m: t(f"kpi.metric.{m}"), drop=10 - n) for n, m in enumerate(SHOWN))]


def _team_cells(row: dict) -> dict[str, Text]:
    cells = {"rank": Text(str(row["rank"]), justify="right"), "person": Text(f"{row['name']} ({row['login']})")}
    for metric in SHOWN:
        cells[metric] = Text(report_text.figure(row, metric), justify="right")
    return cells


def team_chart(found: dict, room: int) -> Table:
    """One bar per person, longest for the first: names and figures padded by terminal cells."""
    metric = found["metric"]
    rows = [(f"{row['name']} ({row['login']})", report_text.bar_value(row, metric), report_text.figure(row, metric))
            for row in found["people"]]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    from rich.cells import cell_len

    used = max((cell_len(name) for name, _, _ in rows), default=0) + max((cell_len(f) for _, _, f in rows), default=0)
    width = max(min(room - used - 4, 50), 5)
    widest = max((value for _, value, _ in rows), default=0)
    grid.add_row(Text(t("kpi.chart", metric=t(f"kpi.metric.{metric}")), style="bold"), "", "")
    for name, value, shown in rows:
        grid.add_row(Text(name), Text(shown), report_text.bar(value, widest, width))
    return grid


# -- the records behind a figure ----------------------------------------------------------

class DrillScreen(DeskWork, keymap.TranslatedBindings, Screen):
    """The records a KPI adds up, oldest first, and a total line that is the figure again
    (``zizhi kpi drill``). ``stage``: for the days in one stage, only the stays in it."""

    CSS_PATH = "../styles/reports.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.DRILL)

    @dataclass
    class Loaded(Message):
        rows: list[dict]

    def __init__(self, desk, metric: str, login: str, quarter: str, stage: str | None = None) -> None:
        super().__init__()
        self.desk, self.metric, self.login, self.quarter, self.stage = desk, metric, login, quarter, stage
        self.rows: list[dict] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        name = t(f"kpi.metric.{self.metric}") if self.stage is None else \
            t("tui.reports.stage_days", stage=t(f"stage.{self.stage}"))
        yield Static(Text(t("tui.reports.drill_title", metric=name, login=self.login, quarter=self.quarter),
                          style="bold"), id="drill-head")
        yield Static(t("tui.status.loading"), id="drill-total")
        yield RowsTable([], lambda row: {}, id="drill")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#drill").focus()
        self._load()

    @work(thread=True, exit_on_error=False, group="drill")
    def _load(self) -> None:
        rows = figures.drill(self.desk, self.metric, self.login, self.quarter)
        if self.stage is not None:
            rows = [row for row in rows if row.get("stage") == self.stage]
        self.post_message(self.Loaded(rows))

    def on_drill_screen_loaded(self, message: Loaded) -> None:
        self.rows = rows = message.rows
        figure = report_text.drill_figure(self.metric, rows)
        total = self.query_one("#drill-total", Static)
        if not rows:
            total.update(Text(t("tui.reports.drill_none", quarter=self.quarter), style="dim"))
        else:
            line = Text(t("tui.reports.drill_total", count=len(rows), figure=figure), style="bold")
            later = sum(bool(row.get("recorded_later")) for row in rows)
            if later:  # a payment or reversal entered after the quarter closed (core.kpi.figures.drill)
                line.append("\n" + t("kpi.recorded_later_note.one" if later == 1 else "kpi.recorded_later_note",
                                      count=later, quarter=self.quarter), style="yellow")
            total.update(line)
        keys = [key for key in DRILL_COLUMNS if any(row.get(key) is not None for row in rows)]
        if any(row.get("recorded_later") for row in rows):
            keys.append("recorded_later")
        table = self.query_one("#drill", RowsTable)
        table.cols = {key: Col(key, lambda key=key: t(f"tui.reports.col.{key}"), words=key in ("client", "reason"))
                      for key in keys}
        table.cells_of = lambda row: {key: self._cell(row, key) for key in keys}
        table.show(rows)

    def _cell(self, row: dict, key: str) -> Text:
        value = row.get(key)
        if value is None:
            return Text("")
        if key == "amount":
            return Text(report_text.format_fen(value) if self.metric in report_text.MONEY else str(value),
                        justify="right")
        if key == "kind":
            return Text(t(f"kpi.kind.{value}"))
        if key == "stage":
            return Text(t(f"stage.{value}"))
        if key == "deal":
            return Text(f"#{value}")
        if key == "recorded_later":
            return Text(t("kpi.recorded_later", day=row["recorded_on"]) if value else "", style="yellow")
        return Text(str(value))

    def action_back(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.DRILL, keymap.APP)))

    async def relabel(self) -> None:
        await self.recompose()
        self.on_mount()


DRILL_COLUMNS = ("day", "kind", "deal", "client", "contract", "stage", "entered", "reason", "amount")


# -- the weekly review ---------------------------------------------------------------------

def _person(group: dict) -> str:
    if not group["login"]:
        return t("report.nobody")
    return f"{group['name']} ({group['login']})" if group.get("name") else group["login"]


_WEEK_FIGURES = ("moved", "won", "won_value", "lost", "cancelled", "opened", "stuck", "follow_ups", "dunning")
_WEEK_COLUMNS = [Col("person", lambda: t("kpi.col.person"), words=True, comfortable=16),
                 *(Col(key, lambda key=key: t(f"tui.reports.week.{key}"), drop=None if n < 6 else 10 - n)
                   for n, key in enumerate(_WEEK_FIGURES))]


def _week_cells(row: dict) -> dict[str, Text]:
    counts = row["counts"]
    style = "bold" if row.get("total") else ""
    cells = {"person": Text(row["person"], style=style)}
    for key in _WEEK_FIGURES:
        value = format_fen(counts[key]) if key == "won_value" else str(counts[key])
        late = counts.get(f"{key}_overdue")
        if late:
            value += f" (+{late})"
        cells[key] = Text(value, style=style, justify="right")
    return cells


def week_detail(found: dict, row: dict | None) -> Group:
    """The records of the person under the cursor (everyone's on the total line), section by section."""
    from zizhi.core.reports.weekly import SECTIONS

    groups = found["people"] if row is None or row.get("total") else \
        [g for g in found["people"] if g["login"] == row.get("login")]
    ahead = f"{found['next_first']} – {found['next_last']}"
    days = {"stuck": found["stuck_on"], "follow_ups": ahead, "dunning": ahead}
    parts: list = []
    for section in SECTIONS:
        rows = [r for g in groups for r in g[section]]
        late = sum(g.get(f"{section}_overdue", 0) for g in groups)
        if not rows and not late:
            continue
        parts.append(Text(f"{t('report.section.' + section, day=days.get(section, ''))} ({len(rows)})", style="bold"))
        for record in rows[:SHOWN_RECORDS]:
            parts.append(Text("  " + week_line(section, record)))
        if len(rows) > SHOWN_RECORDS:
            parts.append(Text("  " + t("tui.reports.more", count=len(rows) - SHOWN_RECORDS), style="dim"))
        if late:
            parts.append(Text("  " + t("report.overdue_already", count=late), style="yellow"))
    return Group(*parts) if parts else Group(Text(t("report.nothing"), style="dim"))


SHOWN_RECORDS = 50


# -- channels ------------------------------------------------------------------------------

def _channel(name: str) -> str:
    return t("report.unrecorded") if name == "unrecorded" else t(f"channel.{name}")


_CHANNEL_FIGURES = ("inquiries", "converted", "conversion", "won", "won_value", "clients_won", "revenue",
                    "median_days", "mean_days")


def _channel_columns(first: str) -> list[Col]:
    return [Col("label", lambda: t(f"report.table.{first}"), words=True, comfortable=16),
            *(Col(key, lambda key=key: t(f"col.{key}"), drop=None if n < 7 else 10 - n)
              for n, key in enumerate(_CHANNEL_FIGURES))]


def _channel_cells(row: dict) -> dict[str, Text]:
    days = row["days_to_close"]
    shown = {"inquiries": str(row["inquiries"]), "converted": str(row["converted"]),
             "conversion": percent.text(row["conversion"]), "won": str(row["won"]),
             "won_value": format_fen(row["won_value"]), "clients_won": str(row["clients_won"]),
             "revenue": format_fen(row["revenue"]), "median_days": _days(days["median"]),
             "mean_days": _days(days["mean"])}
    style = "bold" if row.get("total") else ""
    return {"label": Text(row["label"], style=style),
            **{key: Text(value, style=style, justify="right") for key, value in shown.items()}}


def _days(value) -> str:
    return "—" if value is None else f"{value:g}"
