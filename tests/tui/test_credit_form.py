"""Recording a credit check in the app: c on the clients screen, the same operation as `zizhi credit check`."""

from __future__ import annotations

import re

from textual.widgets import Static
from tui_helpers import SIZE, app_as, detail, fill, problem, said

from zizhi.core.credit import checks
from zizhi.tui.screens.credit_form import CreditForm
from zizhi.tui.widgets.client_table import ClientTable


def selected(app) -> str:
    table = app.screen.query_one(ClientTable)
    return table.cell(table.cursor_row, "name")


async def test_a_check_with_its_guarantee_rates_the_client(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        name = selected(app)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CreditForm)
        await fill(pilot, rating="C", method="third_party", notes="中诚信评级报告",
                   guarantor="浙江担保有限公司", guarantee_amount="50000", guarantee_document="担保函 2026-118")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CreditForm)
        assert f"{name} is now rated C." in said(app)
        assert re.search(r"credit rating +C\b", detail(app)), "the pane shows the new rating"
    standing = checks.standing(desk, name)
    assert standing["rating"] == "C" and standing["checked"] and standing["method"] == "third_party"
    assert standing["guarantee"]["guarantor"] == "浙江担保有限公司"
    assert standing["guarantee"]["guarantee_amount"] == 5_000_000


async def test_a_guarantee_without_its_guarantor_is_refused_in_the_form(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        name = selected(app)
        await pilot.press("c")
        await settle(pilot)
        await fill(pilot, rating="B", guarantee_amount="20000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CreditForm), "the form stays open with what was typed"
        assert "needs the guarantor" in str(app.screen.query_one("#form-error", Static).content)
    assert checks.standing(desk, name)["history"] == []


async def test_operations_is_told_who_rates_before_any_form_opens(desk, settle):
    async with app_as(desk, "zhao", "operations") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, CreditForm)
        assert "its salesperson, finance, managers and admins do (your role is operations)" in problem(app)
