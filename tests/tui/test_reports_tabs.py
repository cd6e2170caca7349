"""The reports screen as each role meets it, at the widths people use: the tabs a role may read
and no others, amounts never cut and the columns left out named, the team's ranked KPI with its
target and attainment, the weekly records in columns that open their deal, market research, and
a drill-down that says mean or rate where the figure is not a sum."""

from __future__ import annotations

import io

from reports_fixtures import app_as, with_kpis
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.widgets import TabbedContent
from tui_helpers import said, screen_lines, shown

from zizhi.core import clock
from zizhi.core.people import users as people
from zizhi.tui.screens.reports import DrillScreen, ReportsScreen, team_chart

NARROW = (80, 24)


async def opened(pilot, settle, *keys: str) -> None:
    await settle(pilot)
    await pilot.press("k", *keys)
    await settle(pilot)


def rows_of(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id)
    return [[table.cell(n, key).strip() for key in table._widths] for n in range(table.row_count)]


def by_first(app, table_id: str) -> dict[str, list[str]]:
    return {row[0]: row for row in rows_of(app, table_id)}


def tabs(app) -> list[str]:
    return [str(tab.label) for tab in app.screen.query_one(TabbedContent).query("Tab")]


def active(app) -> str:
    return app.screen.query_one(TabbedContent).active


def text_of(app, selector: str) -> str:
    return shown(app.screen.query_one(selector))


def footer(app) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}


def manager(desk) -> None:
    with_kpis(desk)
    people.add_user(desk, "chen", "陈经理", "manager")


async def test_channels_at_80_columns_keep_every_amount_whole_and_name_what_they_leave_out(owing, settle):
    manager(owing)
    async with app_as(owing, "chen", NARROW) as (app, pilot):
        await opened(pilot, settle, "4")
        table = app.screen.query_one("#channels")
        rows = by_first(app, "#channels")
        assert rows["online"][table_index(table, "revenue")] == "¥1,500.00"
        assert rows["online"][table_index(table, "won_value")] == "¥3,180.00"
        assert "trade show" in rows  # the names whole: the less important figures gave way
        assert not any(cell.endswith("…") for row in rows.values() for cell in row)
        note = text_of(app, "#channels-left-out")
        assert note.startswith("Not shown at 80 columns:") and "mean days" in note


def table_index(table, key: str) -> int:
    return list(table._widths).index(key)


async def test_the_team_shows_the_ranked_kpi_with_its_target_and_attainment_at_any_width(owing, settle):
    manager(owing)
    async with app_as(owing, "chen", NARROW) as (app, pilot):
        await opened(pilot, settle)
        table = app.screen.query_one("#team")
        assert list(table._widths)[:5] == ["rank", "person", "revenue", "target", "attained"]
        assert by_first(app, "#team")["1"][1:5] == ["李娜 (li)", "¥1,500.00", "¥10,000.00", "15.00%"]
        note = text_of(app, "#team-left-out")
        assert note.startswith("Not shown at 80 columns:") and "win rate" in note
        await pilot.press(*"mmmmm")  # contract value, new clients, satisfaction, success rate, win rate
        await settle(pilot)
        assert list(table._widths)[2:5] == ["win_rate", "target", "attained"]
        assert "ranked by win rate" in text_of(app, "#team-head")
        assert by_first(app, "#team")["1"][1:3] == ["李娜 (li)", "100.00%"]
        assert "revenue" in table._widths and "success rate" in text_of(app, "#team-left-out")


async def test_legal_reads_market_research_only_and_is_told_why_not_the_rest(owing, settle):
    async with app_as(owing, "wang", NARROW) as (app, pilot):
        await opened(pilot, settle)
        assert tabs(app) == ["1 Market"] and active(app) == "market-tab"
        assert not app.screen.query_one("#reports-status").display  # no "Loading…" above a refusal
        assert "Market research by industry, 2026-10-01 – 2026-12-31" in text_of(app, "#market-head")
        assert rows_of(app, "#market")[-1][0] == "Total"
        await pilot.press("2")  # no second tab: nothing happens
        await settle(pilot)
        assert active(app) == "market-tab" and said(app) == ""
        assert "Loading" not in text_of(app, "#market-head")


async def test_market_research_groups_by_industry_region_and_qualification(owing, settle):
    manager(owing)
    async with app_as(owing, "chen", NARROW) as (app, pilot):
        await opened(pilot, settle, "5")
        industry = by_first(app, "#market")
        assert industry["Total"][1] == str(sum(int(row[1]) for name, row in industry.items() if name != "Total"))
        await pilot.press("g")
        await settle(pilot)
        assert "Market research by region" in text_of(app, "#market-head")
        assert app.screen.query_one("#market").title("label") == "region"
        await pilot.press("g")
        await settle(pilot)
        assert "by qualification" in text_of(app, "#market-head")
        assert any(row[0].startswith("EXPORT-LICENCE") for row in rows_of(app, "#market"))


async def test_finance_lands_on_channels_and_a_refusal_goes_when_another_tab_is_shown(owing, settle):
    with_kpis(owing)
    people.add_user(owing, "qian", "钱会计", "finance")
    async with app_as(owing, "qian", NARROW) as (app, pilot):
        await opened(pilot, settle)
        assert tabs(app) == ["1 Channels", "2 Market"] and active(app) == "channels-tab"
        assert "Channels and referrals" in text_of(app, "#channels-head")
        await pilot.press("2")
        await settle(pilot)
        assert active(app) == "market-tab" and said(app) == ""


async def test_the_number_keys_follow_the_tabs_a_salesperson_is_offered(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li", NARROW) as (app, pilot):
        await opened(pilot, settle)
        assert tabs(app) == ["1 My KPIs", "2 Weekly review", "3 Channels", "4 Market"]
        for key, tab in (("2", "weekly-tab"), ("4", "market-tab"), ("3", "channels-tab"), ("1", "kpi-tab")):
            await pilot.press(key)
            await settle(pilot)
            assert active(app) == tab and said(app) == ""
        await pilot.press("question_mark")
        await settle(pilot)
        assert ("2", "Weekly review") in app.screen.keys and ("5", "Market") not in app.screen.keys


async def test_keys_are_offered_to_the_role_and_on_the_tab_where_they_work(owing, settle):
    manager(owing)
    async with app_as(owing, "li", NARROW) as (app, pilot):
        await opened(pilot, settle)
        assert "Rank by" not in footer(app)
        await pilot.press("question_mark")
        await settle(pilot)
        listed = [label for _, label in app.screen.keys]
        assert "Team" not in listed and "Rank by" not in listed and "Weekly review" in listed
    async with app_as(owing, "chen", NARROW) as (app, pilot):
        await opened(pilot, settle)
        assert "Rank by" in footer(app) and "Group by" not in footer(app)
        await pilot.press("3")
        await settle(pilot)
        assert "Rank by" not in footer(app)
        await pilot.press("5")
        await settle(pilot)
        assert "Group by" in footer(app) and "Rank by" not in footer(app)


async def test_the_weekly_records_sit_in_columns_and_enter_opens_the_deal(owing, settle):
    manager(owing)
    async with app_as(owing, "chen") as (app, pilot):
        await opened(pilot, settle, "enter")  # 李娜 picked on the team: her KPIs
        assert app.screen.query_one("#reports-status").display
        await pilot.press("3", *["left_square_bracket"] * 4)
        await settle(pilot)
        assert not app.screen.query_one("#reports-status").display  # not 李娜's quarter over the team's week
        head = text_of(app, "#weekly-head")
        assert "2026-W48 (2026-11-23 – 2026-11-29) · for the whole team" in head
        assert "stuck as of 2026-11-29" in head
        await pilot.press("down")  # 赵强: nothing; back up to 李娜
        await pilot.press("up")
        await settle(pilot)
        records = rows_of(app, "#weekly-records")
        moved = next(row for row in records if row[0].startswith("moved"))
        assert moved[1:3] == ["#4", "宁波海天国际贸易有限公司"] and moved[4] == "2026-11-27"
        won = next(row for row in records if row[0].startswith("won"))
        assert won[3] == "ZZ-2026-0001" and won[-1] == "¥3,180.00"
        table = app.screen.query_one("#weekly-records")
        width = table._widths["client"]
        assert all(cell_len(row[2]) <= width for row in records)
        await pilot.press("enter")  # into the records
        await settle(pilot)
        assert table.has_focus
        await pilot.press("enter")  # the first record's deal
        await settle(pilot)
        assert type(app.screen).__name__ == "DealScreen" and app.screen.deal_id == 4
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen) and active(app) == "weekly-tab"


async def test_a_drill_down_says_a_rate_and_a_mean_as_what_they_are(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li") as (app, pilot):
        await opened(pilot, settle)
        await pilot.press(*["down"] * 5, "enter")  # win rate
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert text_of(app, "#drill-total").strip() == "1 won of 1 ended: 100.00% — the figure of the report"
        assert app.screen.query_one("#drill").title("amount") == "won 1-0"  # a one or a nought, no money
        await pilot.press("escape", *["up"] * 5, "enter")  # revenue: a sum
        await settle(pilot)
        assert text_of(app, "#drill-total").strip() == "3 records, together ¥1,500.00 — the figure of the report"


def test_a_mean_is_said_as_a_mean_of_its_records():
    from zizhi.tui.report_text import drill_total

    scores = [{"amount": amount} for amount in (1, 2, 2, 2)]
    assert drill_total("satisfaction", scores) == "mean 1.75 of 4 records — the figure of the report"
    assert drill_total("stage_days", scores[:1]).startswith("mean 1")
    decided = [{"amount": 1}, {"amount": 0}]
    assert drill_total("success_rate", decided) == "1 approved of 2 decided: 50.00% — the figure of the report"


async def test_a_payment_recorded_later_leaves_the_client_named_in_chinese_at_80(owing, settle):
    from zizhi.core.receivables import ledger

    with_kpis(owing)
    clock.set_now("2027-01-05 10:00:00")
    ledger.record_payment(owing, str(owing.ids["宁波海天国际贸易有限公司"]), "300", paid_on="2026-12-15")
    async with app_as(owing, "li", NARROW, "zh") as (app, pilot):
        await opened(pilot, settle, "left_square_bracket")
        await pilot.press("enter")
        await settle(pilot)
        rows = rows_of(app, "#drill")
        table = app.screen.query_one("#drill")
        client = list(table._widths).index("client")
        assert all(cell_len(row[client]) >= 14 for row in rows)  # not cut to two characters
        later = [row for row in rows if row[list(table._widths).index("recorded_later")]]
        assert [row[list(table._widths).index("recorded_later")] for row in later] == ["2027-01-05"]
        lines = app.screen.query_one("#drill-total").content.wrap(Console(), 78)
        note = [line.plain for line in lines if "2026" in line.plain]
        assert any("2026Q4" in line for line in note)  # the quarter whole on one line, not broken


async def test_the_team_chart_at_80_columns_keeps_its_title_and_every_figure_whole(owing, settle):
    manager(owing)
    async with app_as(owing, "chen", NARROW) as (app, pilot):
        await opened(pilot, settle, "m")  # contract value signed: its title is wider than the names
        chart = [line.rstrip() for line in screen_lines(app) if "李娜 (li)" in line or "contract value" in line]
        assert chart[-2].strip() == "contract value signed:"
        bar = chart[-1]
        assert "¥3,180.00 █" in bar and not bar.endswith("…") and cell_len(bar) <= 80
        for room in (40, 24):  # narrower still: the bar, then the name give way, never the figure
            console = Console(width=room, record=True, file=io.StringIO())
            console.print(team_chart(app.screen.team, room))
            assert "¥3,180.00" in console.export_text()


async def test_weekly_records_run_their_words_on_into_empty_cells_and_name_the_day_left_out(owing, settle):
    manager(owing)
    async with app_as(owing, "chen", NARROW) as (app, pilot):
        await opened(pilot, settle, "3", *["left_square_bracket"] * 4)  # 2026-W48: 李娜's deal moved
        records = rows_of(app, "#weekly-records")
        moved = next(row for row in records if row[0].startswith("moved"))
        table = app.screen.query_one("#weekly-records")
        assert "day" not in table._widths
        assert " ".join(" ".join(moved[3:]).split()).startswith("inquiry → contract (3 steps)")
        assert text_of(app, "#weekly-records-left-out").startswith("Not shown at 80 columns: day")


def test_words_run_on_between_words_and_wide_characters_anywhere():
    from zizhi.tui.widgets.rows_table import run_on

    pieces = run_on(Text("in delivered since 2026-11-09 (limit 7 days)"), [20, 10, 12])
    assert [piece.plain for piece in pieces] == ["in delivered since", "2026-11-09", "(limit 7 days)"]
    assert [piece.plain for piece in run_on(Text("自 2026-11-09 起停留在交付"), [13, 20])] == \
        ["自 2026-11-09", "起停留在交付"]
    assert [piece.plain for piece in run_on(Text("short"), [10, 5])] == ["short", ""]


async def test_my_kpis_at_80_columns_name_what_the_figures_are_counted_from_as_left_out(owing, settle):
    with_kpis(owing)
    async with app_as(owing, "li", NARROW) as (app, pilot):
        await opened(pilot, settle)
        assert "detail" not in app.screen.query_one("#kpi")._widths
        assert text_of(app, "#kpi-left-out").startswith("Not shown at 80 columns: counted from")


def test_a_referring_client_s_chinese_name_keeps_its_room_before_the_days_to_close_do():
    from zizhi.tui.column_fit import widths
    from zizhi.tui.screens import report_tables as tables
    from zizhi.tui.widgets.rows_table import RowsTable

    name = "泉州球兴五金制品有限责任公司"  # 28 cells
    row = {"label": name, "inquiries": 1, "converted": 1, "conversion": 10_000, "won": 1, "won_value": 318_000,
           "clients_won": 1, "revenue": 159_000, "days_to_close": {"median": 15, "mean": 15}}
    table = RowsTable(tables.channel_columns("referrer"), tables.channel_cells)
    found = widths(table.columns_for([row]), 104)
    assert found["label"] == cell_len(name) and "revenue" in found and "mean_days" not in found


async def test_the_market_at_80_by_24_scrolls_as_one_pane(owing, settle):
    manager(owing)
    async with app_as(owing, "chen", NARROW) as (app, pilot):
        await opened(pilot, settle, "5")
        pane = app.screen.query_one("#market-pane")
        assert app.focused is pane
        for table in pane.query("RowsTable"):  # each table as tall as its rows: none scrolls inside the pane
            assert not table.can_focus and table.virtual_size.height <= table.size.height or not table.display
        await pilot.press("end")
        await settle(pilot)
        assert pane.scroll_y == pane.max_scroll_y
