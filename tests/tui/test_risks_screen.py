"""The risks screen: the heat map counting what the register lists, each square at its likelihood
and impact; a salesperson sees only the risks she owns; Enter shows a risk with its reviews; v
records a review (its owner may, finance may not — told at once); Today's Enter on a review due
opens that risk."""

from __future__ import annotations

from reports_fixtures import app_as, with_risks
from tui_helpers import fill, problem, said, shown

from zizhi.core.compliance import risks as core_risks
from zizhi.core.people import users as people
from zizhi.tui.screens.risks import CELL, ReviewForm, RiskScreen, RisksScreen
from zizhi.tui.screens.today import TodayScreen
from zizhi.tui.widgets.agenda_table import AgendaTable


async def open_risks(pilot, settle) -> None:
    await settle(pilot)
    await pilot.press("R")
    await settle(pilot)


def squares(app) -> dict[tuple[int, int], str]:
    """(likelihood, impact) → what its square says, read off the drawn map."""
    lines = shown(app.screen.query_one("#heat-map")).splitlines()
    found = {}
    for line in lines[1:6]:
        likelihood = int(line[:2])
        for impact in range(1, 6):
            found[(likelihood, impact)] = line[2 + CELL * (impact - 1):2 + CELL * impact].strip()
    return found


def listed(app) -> list[str]:
    table = app.screen.query_one("#risks")
    return [table.cell(n, "id").strip() for n in range(table.row_count)]


async def test_the_heat_map_counts_what_the_register_lists(owing, settle):
    ids = with_risks(owing)
    async with app_as(owing, "wang") as (app, pilot):
        await open_risks(pilot, settle)
        assert isinstance(app.screen, RisksScreen)
        grid = squares(app)
        assert grid[(5, 4)] == "1" and grid[(4, 4)] == "1" and grid[(1, 2)] == "1"
        assert sum(int(count) for count in grid.values() if count) == 3 == len(listed(app))
        text = shown(app.screen.query_one("#heat-map"))
        assert "Likelihood × impact (3)" in text
        assert " critical 1 " in text and " high 1 " in text and " low 1 " in text
        assert listed(app) == [str(ids["li"]), str(ids["high"]), str(ids["low"])], "gravest first"


async def test_a_salesperson_sees_only_the_risks_she_owns(owing, settle):
    ids = with_risks(owing)
    async with app_as(owing, "li") as (app, pilot):
        await open_risks(pilot, settle)
        assert listed(app) == [str(ids["li"])]
        assert "Likelihood × impact (1)" in shown(app.screen.query_one("#heat-map"))
        assert squares(app)[(5, 4)] == "1" and squares(app)[(4, 4)] == ""


async def test_enter_shows_a_risk_and_v_records_its_owner_s_review(owing, settle):
    ids = with_risks(owing)
    async with app_as(owing, "li") as (app, pilot):
        await open_risks(pilot, settle)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RiskScreen)
        whole = shown(app.screen.query_one("#risk-whole"))
        assert "大客户拖欠尾款" in whole and "预付款" in whole and "Not reviewed yet." in whole
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewForm)
        await fill(pilot, note="已收到预付款三成", likelihood="3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RiskScreen)
        risk = core_risks.get_risk(owing, ids["li"])
        assert risk["likelihood"] == 3 and risk["reviews"][0]["note"] == "已收到预付款三成"
        assert said(app) == f"✓ Reviewed risk {ids['li']}: {risk['level']}, next review {risk['next_review_on']}."
        assert "已收到预付款三成" in shown(app.screen.query_one("#risk-whole"))


async def test_finance_may_read_the_register_but_not_review_another_s_risk(owing, settle):
    ids = with_risks(owing)
    people.add_user(owing, "qian", "钱会计", "finance")
    async with app_as(owing, "qian") as (app, pilot):
        await open_risks(pilot, settle)
        assert len(listed(app)) == 3
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, RisksScreen), "refused before any form opens"
        assert f"risk {ids['li']} is li's to review" in problem(app)
        assert core_risks.get_risk(owing, ids["li"])["reviews"] == []


async def test_today_s_enter_on_a_review_due_opens_that_risk_and_esc_comes_back(owing, settle):
    ids = with_risks(owing)
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        table = app.screen.query_one(AgendaTable)
        row = next(n for n, item in enumerate(table.rows_shown) if item.get("kind") == "risk_review")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RiskScreen) and app.screen.risk_id == ids["li"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RisksScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
