"""Reports: a person's KPIs for a quarter, the team side by side, the weekly review, channels and
market research — each tab offered to the roles the core lets read it.

**My KPIs** (``zizhi kpi``): each figure with its target and attainment; ``[`` and ``]`` step a
quarter back and on, Enter on a figure opens the records behind it (:class:`DrillScreen`), whose
total line is the figure again. **Team** (``zizhi kpi team``, managers and admins): everyone
ranked by a KPI (``m`` steps through them) with its target and attainment, the other KPIs as room
allows, and a bar chart of block characters; Enter on a person shows their KPIs. **Weekly review**
(``zizhi report weekly``): each person's week in one line and the total, the highlighted person's
records below, Enter on one opens its deal; ``[`` and ``]`` step a week. **Channels** (``zizhi
report channels``) and **Market** (``zizhi report market``, ``g`` groups by industry, region or
qualification) over the quarter shown. A tab the role may not read is not offered; its key says
the core's reason. Every figure is read in a thread worker, so the screen paints at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from zizhi.core.errors import UserError
from zizhi.core.i18n import listed, t
from zizhi.core.kpi import figures, quarters
from zizhi.core.kpi.text import drill_column
from zizhi.tui import keymap, report_text
from zizhi.tui.report_text import RANKED, SHOWN
from zizhi.tui.roles import RoleKeys
from zizhi.tui.screens import report_tables as tables
from zizhi.tui.screens import week_tables as weeks
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.fitted_table import FittedTable
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.rows_table import Col, RowsTable
from zizhi.tui.work import DeskWork, problem_text
from zizhi.tui.wrapping import Wrapped

TABS = ("kpi-tab", "team-tab", "weekly-tab", "channels-tab", "market-tab")
TAB_LABELS = {"kpi-tab": "tui.reports.tab.kpi", "team-tab": "tui.reports.tab.team", "weekly-tab": "tui.reports.tab.weekly",
              "channels-tab": "tui.reports.tab.channels", "market-tab": "tui.reports.tab.market"}
TAB_KEYS = {f"reports.tab_{n}": n for n in range(1, len(TABS) + 1)}  # binding id: the nth tab shown
# the keys that do something on one tab only (the others answer everywhere)
TAB_ONLY = {"reports.metric": ("team-tab",), "reports.market_by": ("market-tab",),
            "reports.drill": ("kpi-tab", "team-tab", "weekly-tab")}
GROUPINGS = ("industry", "region", "qualification")


def tab_refusal(desk, tab: str) -> UserError | None:
    """The core's refusal of a tab's report for the acting user, None when they may read it
    (market research is everyone's: salespeople see their own clients')."""
    from zizhi.core.reports import channels, weekly

    checks = {"kpi-tab": lambda: figures.require_sales_side(desk.user),
              "team-tab": lambda: figures.require_manager(desk),
              "weekly-tab": lambda: weekly.require_reader(desk.user),
              "channels-tab": lambda: channels.require_reader(desk.user)}
    try:
        checks.get(tab, lambda: None)()
    except UserError as refused:
        return refused
    return None


class ReportsScreen(RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    CSS_PATH = "../styles/reports.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.REPORTS)
    PALETTE = (("drill", "drill"), ("quarter_back", "quarter_back"), ("quarter_on", "quarter_on"),
               ("metric", "next_metric"), ("market_by", "market_by"), ("refresh_reports", "refresh"),
               ("risks", "show_risks"), ("notices", "show_notices"), ("back", "back"), ("help", "help"))

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

    @dataclass
    class MarketLoaded(Message):
        found: dict

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.quarter = quarters.chosen(desk, None)
        self.login: str | None = None  # whose KPIs: yourself, or the person chosen on the team
        self.metric = RANKED[0]
        self.refusals = {tab: tab_refusal(desk, tab) for tab in TABS}
        self.tabs = [tab for tab in TABS if self.refusals[tab] is None]
        self.manages = "team-tab" in self.tabs
        self.kpi: dict | None = None
        self.team: dict | None = None
        self.monday = _monday(desk)  # the week of the weekly review
        self.week: dict | None = None
        self.channels: dict | None = None
        self.market_by = GROUPINGS[0]
        self.market: dict | None = None
        self.status: dict[str, Text] = {}  # the line above the tabs, per tab (the KPIs' person and quarter)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="reports-status")
        # a manager's own figures are mostly empty: the team is what they come for
        with TabbedContent(initial="team-tab" if self.manages else self.tabs[0], id="reports-tabs"):
            if "kpi-tab" in self.tabs:
                with TabPane(self._label("kpi-tab"), id="kpi-tab"):
                    yield RowsTable(_KPI_COLUMNS, _kpi_cells, id="kpi")
                    yield Static("", id="kpi-left-out", classes="left-out")
                    yield Static(Text(t("tui.reports.keys"), style="dim"), id="kpi-hint")
            if self.manages:
                with TabPane(self._label("team-tab"), id="team-tab"):
                    yield Static("", id="team-head")
                    yield RowsTable(tables.team_columns(self.metric), tables.team_cells(self.metric), id="team")
                    yield Static("", id="team-left-out", classes="left-out")
                    yield Static("", id="team-chart")
            if "weekly-tab" in self.tabs:
                with TabPane(self._label("weekly-tab"), id="weekly-tab"):
                    yield Static(t("tui.status.loading"), id="weekly-head")
                    yield RowsTable(weeks.WEEK_COLUMNS, weeks.week_cells, id="weekly")
                    yield Static("", id="weekly-left-out", classes="left-out")
                    yield RowsTable(weeks.RECORD_COLUMNS, weeks.record_cells, id="weekly-records")
                    yield Static("", id="weekly-records-left-out", classes="left-out")
            if "channels-tab" in self.tabs:
                with TabPane(self._label("channels-tab"), id="channels-tab"):
                    yield Static(t("tui.status.loading"), id="channels-head")
                    yield RowsTable(tables.channel_columns("channel"), tables.channel_cells, id="channels")
                    yield Static("", id="channels-left-out", classes="left-out")
                    yield Static("", id="referrers-head")
                    yield RowsTable(tables.channel_columns("referrer"), tables.channel_cells, id="referrers")
                    yield Static("", id="referrers-left-out", classes="left-out")
            with TabPane(self._label("market-tab"), id="market-tab"):
                # one pane scrolls (↑ ↓): the groups and the losses under them, nothing scrolling inside it
                with VerticalScroll(id="market-pane"):
                    yield Static(t("tui.status.loading"), id="market-head")
                    yield _still(RowsTable(tables.market_columns(self.market_by), tables.market_cells, id="market"))
                    yield Static("", id="market-left-out", classes="left-out")
                    for field in ("reason", "competitor"):
                        yield Static("", id=f"lost-{field}-head")
                        yield _still(RowsTable(tables.lost_columns(field), tables.lost_cells(field), id=f"lost-{field}"))
        yield FittedFooter()

    def _label(self, tab: str) -> str:
        """A tab's name after the number key that shows it ("1 My KPIs")."""
        return f"{self.tabs.index(tab) + 1} {t(TAB_LABELS[tab])}"

    def on_mount(self) -> None:
        self._focus(self._active())
        self.reload()

    def on_screen_resume(self) -> None:
        if self.kpi is not None or self.team is not None or self.week is not None:
            self.reload()

    async def relabel(self) -> None:
        tab = self._active()
        await self.recompose()
        self.query_one(TabbedContent).active = tab
        self.kpi = self.team = None
        self.reload()

    def _active(self) -> str:
        return self.query_one(TabbedContent).active

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        if "kpi-tab" in self.tabs:
            if self.login is None and self.desk.user["role"] != "sales":
                # KPIs are kept for salespeople (core.kpi.figures.subject): a manager picks one on the team
                self.status["kpi-tab"] = Text(t("tui.reports.pick_person"), style="dim")
            else:
                self._load_kpi(self.quarter, self.login)
        if self.manages:  # the hint to pick a person is My KPIs' own: the team's head says ⏎ already
            self._load_team(self.quarter, self.metric)
        self.week = self.channels = self.market = None
        self._show_status()
        self._load_shown()

    def _show_status(self) -> None:
        """The line above the tabs says whose KPIs and which quarter, on the tabs it is about."""
        found = self.status.get(self._active())
        line = self.query_one("#reports-status", Static)
        line.display = found is not None
        if found is not None:
            line.update(found)

    def _load_shown(self) -> None:
        """The weekly review, the channels and the market are read when their tab is first looked at."""
        active = self._active()
        first, after = self.quarter.bounds
        last = (dt.date.fromisoformat(after) - dt.timedelta(days=1)).isoformat()
        if active == "weekly-tab" and self.week is None:
            self._load_week(_week_label(self.monday))
        elif active == "channels-tab" and self.channels is None:
            self._load_channels(first, last)
        elif active == "market-tab" and self.market is None:
            self._load_market(first, last, self.market_by)

    @on(TabbedContent.TabActivated, "#reports-tabs")
    def _tab_shown(self) -> None:
        """A tab shown: its own heading, its keys, and the last tab's refusal taken off the line."""
        messages = getattr(self.app, "messages", None)
        if messages is not None and messages.home is self:
            messages.clear()
        self._show_status()
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

    @work(thread=True, exclusive=True, exit_on_error=False, group="market")
    def _load_market(self, first: str, last: str, by: str) -> None:
        from zizhi.core.reports.market import market

        self.post_message(self.MarketLoaded(market(self.desk, first, last, by)))

    def on_reports_screen_week_loaded(self, message: WeekLoaded) -> None:
        self.week = found = message.found
        whose = found["login"] or t("report.team")
        self.query_one("#weekly-head", Static).update(Text.assemble(
            (t("report.weekly_head", week=found["week"], first=found["first"], last=found["last"]), "bold"),
            " · ", (t("report.weekly_whose", who=whose), "bold"), "\n",
            (t("tui.reports.week_days", day=found["stuck_on"], first=found["next_first"], last=found["next_last"]),
             "dim"), "\n", (t("tui.reports.weekly_keys"), "dim")))
        self.query_one("#weekly", RowsTable).show(weeks.week_rows(found))
        self._week_records()

    @on(DataTable.RowHighlighted, "#weekly")
    def _week_records(self) -> None:
        if self.week is not None:
            row = self.query_one("#weekly", RowsTable).row
            self.query_one("#weekly-records", RowsTable).show(weeks.records(self.week, row))

    def on_reports_screen_channels_loaded(self, message: ChannelsLoaded) -> None:
        self.channels = found = message.found
        self.query_one("#channels-head", Static).update(Text.assemble(
            (t("report.channels_head", first=found["from"], last=found["to"]), "bold"), "\n",
            (t("report.channels_revenue_note"), "dim")))
        rows = [{**row, "label": tables.channel_name(row["name"])} for row in found["channels"]]
        rows.append({**found["totals"], "label": t("report.total"), "total": True})
        self.query_one("#channels", RowsTable).show(rows)
        self.query_one("#referrers-head", Static).update(Text(
            t("report.referrers_head") if found["referrers"] else t("report.no_referrals"), style="bold"))
        referrers = self.query_one("#referrers", RowsTable)
        referrers.display = bool(found["referrers"])
        referrers.show([{**row, "label": row["name"] or str(row["client_id"])} for row in found["referrers"]])

    def on_reports_screen_market_loaded(self, message: MarketLoaded) -> None:
        self.market = found = message.found
        by = found["by"]
        self.query_one("#market-head", Static).update(Text.assemble(
            (t("report.market_head", by=t(f"report.by.{by}"), first=found["from"], last=found["to"]), "bold"), "\n",
            (t("tui.reports.market_keys"), "dim")))
        table = self.query_one("#market", RowsTable)
        table.cols = {col.key: col for col in tables.market_columns(by)}
        table.show(tables.market_rows(found))
        for field in ("reason", "competitor"):
            rows = found[f"lost_by_{field}"]
            self.query_one(f"#lost-{field}-head", Static).update(
                Text(t(f"report.lost_by_{field}"), style="bold") if rows else "")
            lost = self.query_one(f"#lost-{field}", RowsTable)
            lost.display = bool(rows)
            lost.show(rows)

    def on_fitted_table_laid(self, message: FittedTable.Laid) -> None:
        """Under a table that gave columns way to fit, a dim line names them."""
        table = message.table
        notes = self.query(f"#{table.id}-left-out")
        if notes:
            note = notes.first(Static)
            note.update(tables.left_out_text([table.title(key) for key in table.left_out], self.app.size.width))
            note.display = bool(table.left_out) and table.display

    @work(thread=True, exclusive=True, exit_on_error=False, group="kpi")
    def _load_kpi(self, quarter, login: str | None) -> None:
        self.post_message(self.KpiLoaded(figures.figures(self.desk, login, quarter)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="team")
    def _load_team(self, quarter, metric: str) -> None:
        self.post_message(self.TeamLoaded(figures.team(self.desk, quarter, metric)))

    def on_reports_screen_kpi_loaded(self, message: KpiLoaded) -> None:
        self.kpi = row = message.row
        self.query_one("#kpi", RowsTable).show(_kpi_rows(row))
        self.status["kpi-tab"] = Text(t(
            "tui.reports.status", name=row["name"], login=row["login"], quarter=row["quarter"], start=row["from"],
            end=row["to"]), style="bold")
        self._show_status()

    def on_reports_screen_team_loaded(self, message: TeamLoaded) -> None:
        self.team = found = message.found
        metric = t(f"kpi.metric.{found['metric']}")
        head = Text.assemble(
            (t("tui.reports.team_head", quarter=found["quarter"], start=found["from"], end=found["to"], metric=metric),
             "bold"), "   ", (t("tui.reports.team_keys"), "dim"))
        if found.get("not_on_duty"):  # a trainee: not ranked (core.kpi.figures.team)
            people = listed([f"{p['name']} ({p['login']})" for p in found["not_on_duty"]])
            head.append("\n" + t("kpi.not_on_duty", quarter=found["quarter"], people=people), style="dim")
        self.query_one("#team-head", Static).update(head)
        table = self.query_one("#team", RowsTable)
        table.cols = {col.key: col for col in tables.team_columns(found["metric"])}
        table.cells_of = tables.team_cells(found["metric"])
        table.show(found["people"])
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
        if self._active() == "weekly-tab":
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
        if not self.manages:
            self._refuse("team-tab")
            return
        self.metric = RANKED[(RANKED.index(self.metric) + 1) % len(RANKED)]
        self.action_tab("team-tab")
        self._load_team(self.quarter, self.metric)

    def action_market_by(self) -> None:
        """g: market research by industry, then region, then qualification."""
        self.market_by = GROUPINGS[(GROUPINGS.index(self.market_by) + 1) % len(GROUPINGS)]
        self.market = None
        if self._active() != "market-tab":
            self.action_tab("market-tab")
        else:
            self._load_shown()

    def action_tab_at(self, number: int) -> None:
        """1–5: the tabs offered, in order; a number past the last does nothing."""
        if number <= len(self.tabs):
            self.action_tab(self.tabs[number - 1])

    def action_tab(self, name: str) -> None:
        """A tab by name; one the role may not read is not there, and asking for it says the core's reason."""
        if name not in self.tabs:
            self._refuse(name)
            return
        self.query_one(TabbedContent).active = name
        self._focus(name)

    def _focus(self, tab: str) -> None:
        """The tab's first table that takes the cursor, else its pane (the market scrolls as one)."""
        found = [table for table in self.query(f"#{tab} RowsTable") if table.can_focus]
        target = found[0] if found else self.query(f"#{tab} VerticalScroll").first()
        target.focus()

    def _refuse(self, tab: str) -> None:
        refused = self.refusals.get(tab)
        if refused is not None:
            self.notify(problem_text(refused), severity="warning", markup=False)

    def may(self, binding_id: str | None) -> bool:
        """The footer and the help offer a tab's key to those who may read it, and a key that works
        on one tab only (m ranks the team, g groups the market) on that tab."""
        if binding_id in TAB_KEYS:
            return TAB_KEYS[binding_id] <= len(self.tabs)
        if binding_id in TAB_ONLY:
            return self.is_mounted and self._active() in TAB_ONLY[binding_id]
        return super().may(binding_id)

    def action_drill(self) -> None:
        """Enter: on a KPI, the records behind it; on a person of the team, their KPIs; on the
        weekly review, down into the person's records, and on a record its deal."""
        active = self._active()
        if active == "weekly-tab":
            self._into_week()
            return
        if active in ("channels-tab", "market-tab"):
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

    def _into_week(self) -> None:
        records = self.query_one("#weekly-records", RowsTable)
        if not records.has_focus:
            records.focus()
            return
        record = records.row
        if record is None or not record.get("deal_id"):
            self.notify(t("tui.reports.no_deal"), severity="warning", markup=False)
            return
        from zizhi.tui.screens.deal import DealScreen

        self.app.push_screen(DealScreen(self.desk, record["deal_id"]))

    @on(DataTable.RowSelected, "#kpi")
    @on(DataTable.RowSelected, "#team")
    @on(DataTable.RowSelected, "#weekly")
    @on(DataTable.RowSelected, "#weekly-records")
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
        listed = keymap.shown(keymap.DESK, keymap.REPORTS, keymap.APP, keep=self.may)
        named = {str(n): t(TAB_LABELS[tab]) for n, tab in enumerate(self.tabs, 1)}  # the number keys as offered
        self.app.push_screen(HelpScreen([(keys, named.get(keys, label)) for keys, label in listed]))

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """On the message line; when a tab's report could not be read (a colleague who keeps no
        KPIs, chosen on the team), its heading says why instead of "Loading…"."""
        super().show_problem(message, error)
        active = self._active()
        if active == "kpi-tab" and self.kpi is None:
            self.status["kpi-tab"] = Text(message, style="yellow")
            self._show_status()
        heads = {"weekly-tab": ("#weekly-head", self.week), "channels-tab": ("#channels-head", self.channels),
                 "market-tab": ("#market-head", self.market)}
        if active in heads and heads[active][1] is None:
            self.query_one(heads[active][0], Static).update(Text(message, style="yellow"))


def _still(table: RowsTable) -> RowsTable:
    """A table read as part of its pane: no cursor of its own, the pane scrolls."""
    table.can_focus = False
    table.show_cursor = False
    return table


def _monday(desk) -> dt.date:
    from zizhi.core.reports import periods

    return periods.week(desk, None)[1]


def _week_label(monday: dt.date) -> str:
    year, number, _ = monday.isocalendar()
    return f"{year:04d}-W{number:02d}"


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

def team_chart(found: dict, room: int) -> Group:
    """One bar per person, longest for the first, in ``room`` cells: the title whole (wrapped),
    each figure whole; the bar gives way first, down to a few cells, then the name, with "…"."""
    from zizhi.tui.cells import fit, width

    metric = found["metric"]
    rows = [(f"{row['name']} ({row['login']})", report_text.bar_value(row, metric), report_text.figure(row, metric))
            for row in found["people"]]
    names = max((width(name) for name, _, _ in rows), default=0)
    shown = max((width(figure) for _, _, figure in rows), default=0)
    bars = max(min(room - names - shown - 2, CHART_BAR_MOST), 0)
    if bars < CHART_BAR_LEAST:  # the name gives way to a short bar, never the figure
        bars = max(min(room - shown - 2 - CHART_NAME_LEAST, CHART_BAR_LEAST), 0)
        names = max(room - shown - 2 - bars, 1)
    widest = max((value for _, value, _ in rows), default=0)
    lines = [Text(t("kpi.chart", metric=t(f"kpi.metric.{metric}")), style="bold")]
    for name, value, figure in rows:
        line = Text.assemble(fit(name, names, pad=True), " ", " " * (shown - width(figure)), figure, " ")
        line.append_text(report_text.bar(value, widest, bars))
        line.no_wrap = True
        lines.append(line)
    return Group(*lines)


CHART_BAR_MOST, CHART_BAR_LEAST, CHART_NAME_LEAST = 50, 5, 6


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
        yield Static("", id="drill-left-out", classes="left-out")
        yield FittedFooter()

    def on_fitted_table_laid(self, message: FittedTable.Laid) -> None:
        table = message.table
        note = self.query_one("#drill-left-out", Static)
        note.update(tables.left_out_text([table.title(key) for key in table.left_out], self.app.size.width))
        note.display = bool(table.left_out)

    def on_mount(self) -> None:
        self.query_one("#drill").focus()
        self._load()

    @work(thread=True, exit_on_error=False, group="drill")
    def _load(self) -> None:
        rows = figures.drill(self.desk, self.metric, self.login, self.quarter, self.stage)
        self.post_message(self.Loaded(rows))

    def on_drill_screen_loaded(self, message: Loaded) -> None:
        self.rows = rows = message.rows
        total = self.query_one("#drill-total", Static)
        if not rows:
            total.update(Text(t("tui.reports.drill_none", quarter=self.quarter), style="dim"))
        else:
            # Wrapped: the note breaks between words and whole figures, in Chinese too
            line = Wrapped(report_text.drill_total(self.metric, rows), style="bold")
            later = sum(bool(row.get("recorded_later")) for row in rows)
            if later:  # a payment or reversal entered after the quarter closed (core.kpi.figures.drill)
                line.append("\n" + t("kpi.recorded_later_note.one" if later == 1 else "kpi.recorded_later_note",
                                      count=later, quarter=self.quarter), style="yellow")
            total.update(line)
        keys = [key for key in DRILL_COLUMNS if any(row.get(key) is not None for row in rows)]
        if any(row.get("recorded_later") for row in rows):
            keys.append("recorded_later")
        table = self.query_one("#drill", RowsTable)
        table.cols = {key: Col(key, lambda key=key: self._head(key), words=key in ("client", "reason"),
                               comfortable=16, drop=DRILL_DROPS.get(key)) for key in keys}
        table.cells_of = lambda row: {key: self._cell(row, key) for key in keys}
        table.show(rows)

    def _head(self, key: str) -> str:
        """A column's head; the figure's names what each record counts for (score, days …)."""
        return drill_column(self.metric) if key == "amount" else t(f"tui.reports.col.{key}")

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
        if key == "recorded_later":  # the day it was entered, under the head "recorded later"
            return Text(row["recorded_on"] if value else "", style="yellow")
        return Text(str(value))

    def action_back(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.DRILL, keymap.APP)))

    async def relabel(self) -> None:
        await self.recompose()
        self.on_mount()


DRILL_COLUMNS = ("day", "kind", "deal", "client", "contract", "stage", "entered", "reason", "amount")
# what gives way first when the names would be cut short: the contract (the deal says which), then the deal
DRILL_DROPS = {"contract": 1, "deal": 2, "entered": 3}
