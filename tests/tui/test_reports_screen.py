"""The reports screen: a salesperson's KPIs for a quarter with target and attainment, the records
behind each figure adding up to it, the quarter stepped with [ and ]; a manager's team ranked with
a bar chart aligned by terminal cells; the team kept from salespeople with the core's reason."""

from __future__ import annotations

from reports_fixtures import app_as, with_kpis
from rich.cells import cell_len
from textual.widgets import TabbedContent
from tui_helpers import said, shown

from zizhi.core.people import users as people
from zizhi.tui.screens.reports import DrillScreen, ReportsScreen


def rows_of(app, table_id: str) -> list[list[str]]:
    """A report table's rows, top to bottom, each its cells as read."""
    table = app.screen.query_one(table_id)
    return [[table.cell(n, key).strip() for key in table._widths] for n in range(table.row_count)]


def table_rows(app, table_id: str) -> dict[str, list[str]]:
    """Each row of a report table by its first cell."""
    return {row[0]: row for row in rows_of(app, table_id)}


def status(app) -> str:
    return str(app.screen.query_one("#reports-status").content)


async def open_reports(pilot, settle) -> None:
    await settle(pilot)
    await pilot.press("k")
    await settle(pilot)


async def test_a_salesperson_reads_her_quarter_with_targets_and_attainment(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li") as (app, pilot):
        await open_reports(pilot, settle)
        assert isinstance(app.screen, ReportsScreen)
        assert status(app) == "李娜 (li), 2026Q4 (2026-10-01 – 2026-12-31)"
        rows = table_rows(app, "#kpi")
        assert rows["revenue"] == ["revenue", "¥1,500.00", "¥10,000.00", "15.00%", ""]
        assert rows["contract value signed"][1] == "¥3,180.00"
        assert rows["new clients"][1] == "1"
        assert rows["win rate"][1:2] == ["100.00%"] and rows["win rate"][-1] == "1 won, 0 lost"
        assert not any(str(tab.label).endswith("Team") for tab in app.screen.query_one(TabbedContent).query("Tab"))


async def test_enter_on_a_figure_lists_the_records_that_add_up_to_it(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li") as (app, pilot):
        await open_reports(pilot, settle)
        figure = table_rows(app, "#kpi")["revenue"][1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        amounts = [row[-1] for row in rows_of(app, "#drill")]
        assert sorted(amounts) == ["¥46.00", "¥500.00", "¥954.00"]
        total = sum(int(a.strip("¥").replace(",", "").replace(".", "")) for a in amounts)
        assert f"¥{total // 100:,}.{total % 100:02d}" == figure == "¥1,500.00"
        assert str(app.screen.query_one("#drill-total").content) == \
            "3 records, together ¥1,500.00 — the figure of the report"
        await pilot.press("escape", "down", "enter")  # the contract value: the contract as signed
        await settle(pilot)
        assert "1 record, together ¥3,180.00" in str(app.screen.query_one("#drill-total").content)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)


async def test_brackets_step_the_quarter_and_back(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li") as (app, pilot):
        await open_reports(pilot, settle)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert status(app).startswith("李娜 (li), 2026Q3 (2026-07-01 – 2026-09-30)")
        assert table_rows(app, "#kpi")["revenue"][1] == "¥0.00"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "2026Q4" in status(app) and table_rows(app, "#kpi")["revenue"][1] == "¥1,500.00"


async def test_a_salesperson_s_2_is_her_second_tab_not_the_managers_team(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li") as (app, pilot):
        await open_reports(pilot, settle)
        await pilot.press("2")
        await settle(pilot)
        assert said(app) == "" and app.screen.query_one(TabbedContent).active == "weekly-tab"


async def test_a_manager_sees_the_team_ranked_with_bars_aligned_by_cells(owing, settle):
    with_kpis(owing)
    people.add_user(owing, "chen", "陈经理", "manager")
    async with app_as(owing, "chen") as (app, pilot):
        await open_reports(pilot, settle)
        assert app.screen.query_one(TabbedContent).active == "team-tab"
        assert not app.screen.query_one("#reports-status").display  # the Team tab: no KPIs hint above it
        await pilot.press("1")
        await settle(pilot)
        assert status(app) == "KPIs are kept for salespeople: ⏎ on a person in the team shows theirs."
        await pilot.press("2")
        await settle(pilot)
        assert said(app) == ""  # no refusal of the manager's own figures, only the hint
        rows = table_rows(app, "#team")
        assert rows["1"][1:3] == ["李娜 (li)", "¥1,500.00"]
        assert rows["2"][1:3] == ["赵强 (zhao)", "¥0.00"]
        chart = shown(app.screen.query_one("#team-chart")).splitlines()
        li = next(line for line in chart if "李娜" in line)
        zhao = next(line for line in chart if "赵强" in line)
        assert "█" in li and "█" not in zhao
        # the figures end in the same terminal cell whatever the names' widths
        assert cell_len(li[:li.index("¥1,500.00") + 9]) == cell_len(zhao[:zhao.index("¥0.00") + 5])
        await pilot.press("m")
        await settle(pilot)
        assert "ranked by contract value signed" in str(app.screen.query_one("#team-head").content)
        assert "contract value signed:" in shown(app.screen.query_one("#team-chart"))
        await pilot.press("enter")  # 李娜's own figures
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "kpi-tab"
        assert status(app).startswith("李娜 (li), 2026Q4")
        assert table_rows(app, "#kpi")["revenue"][1] == "¥1,500.00"


async def test_legal_is_not_offered_the_kpis_and_its_first_key_is_the_market(owing, settle):
    async with app_as(owing, "wang") as (app, pilot):
        await open_reports(pilot, settle)
        assert app.screen.query_one(TabbedContent).active == "market-tab"
        assert [str(tab.label) for tab in app.screen.query_one(TabbedContent).query("Tab")] == ["1 Market"]
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "market-tab" and said(app) == ""


async def test_the_reports_read_in_chinese(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        await pilot.press("ctrl+p", *"switch language")
        await settle(pilot, 0.4)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert table_rows(app, "#kpi")["销售额"][1:4] == ["¥1,500.00", "¥10,000.00", "15.00%"]
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"


async def test_the_weekly_review_steps_back_a_week_at_a_time_with_its_records(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li") as (app, pilot):
        await open_reports(pilot, settle)
        await pilot.press("2")  # her second tab: she has no Team
        await settle(pilot)
        assert "2026-W52 (2026-12-21 – 2026-12-27) · for li" in str(app.screen.query_one("#weekly-head").content)
        await pilot.press(*["left_square_bracket"] * 4)
        await settle(pilot)
        assert "2026-W48 (2026-11-23 – 2026-11-29)" in str(app.screen.query_one("#weekly-head").content)
        rows = table_rows(app, "#weekly")
        assert rows["李娜 (li)"][1:7] == ["1", "1", "¥3,180.00", "0", "0", "2"]
        assert rows["Total"][1:7] == rows["李娜 (li)"][1:7]
        records = rows_of(app, "#weekly-records")
        assert ["moved (1)", "#4", "宁波海天国际贸易有限公司", "inquiry → contract (3 steps)  by boss", "2026-11-27",
                ""] in records
        assert ["won (1)", "#4", "宁波海天国际贸易有限公司", "ZZ-2026-0001", "2026-11-27", "¥3,180.00"] in records


async def test_a_manager_s_weekly_total_adds_up_its_people(owing, settle):
    with_kpis(owing)
    people.add_user(owing, "chen", "陈经理", "manager")
    async with app_as(owing, "chen") as (app, pilot):
        await open_reports(pilot, settle)
        await pilot.press("3", *["left_square_bracket"] * 4)
        await settle(pilot)
        assert "for the whole team" in str(app.screen.query_one("#weekly-head").content)
        rows = rows_of(app, "#weekly")
        people_rows, total = rows[:-1], rows[-1]
        assert [row[0] for row in people_rows] == ["李娜 (li)", "赵强 (zhao)", "(no owner)"]
        for column in (1, 2, 4, 5, 6):  # moved, won, lost, cancelled, new
            assert int(total[column]) == sum(int(row[column]) for row in people_rows)


async def test_channels_for_the_quarter_add_up_to_their_total(owing, settle):
    with_kpis(owing)
    people.add_user(owing, "chen", "陈经理", "manager")
    async with app_as(owing, "chen") as (app, pilot):
        await open_reports(pilot, settle)
        await pilot.press("4")
        await settle(pilot)
        assert "Channels and referrals, 2026-10-01 – 2026-12-31" in str(app.screen.query_one("#channels-head").content)
        rows = table_rows(app, "#channels")
        assert rows["online"][1:8] == ["1", "1", "100.00%", "1", "¥3,180.00", "1", "¥1,500.00"]
        channels = [row for name, row in rows.items() if name != "Total"]
        assert int(rows["Total"][1]) == sum(int(row[1]) for row in channels)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "2026-07-01 – 2026-09-30" in str(app.screen.query_one("#channels-head").content)
