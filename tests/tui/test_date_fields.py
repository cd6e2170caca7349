"""A form's date field shows the day it means beside what is typed; today is Friday 2026-11-27."""

from __future__ import annotations

from textual.widgets import SelectionList
from tui_helpers import SIZE, detail, type_text

from zizhi.core.clients.interactions import list_interactions
from zizhi.core.i18n import choose_language
from zizhi.core.pipeline import deals
from zizhi.tui.app import ZizhiApp
from zizhi.tui.screens.contract_forms import SignForm
from zizhi.tui.screens.deal_forms import DealForm
from zizhi.tui.screens.log_form import LogForm
from zizhi.tui.widgets.date_field import DateField


def resolution(app, name: str) -> str:
    return app.screen.query_one(f"#f-{name}", DateField).resolution


async def test_the_log_form_shows_tomorrow_as_it_is_typed_and_saves_it(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")  # 宁波海天
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        assert resolution(app, "next_date") == ""
        app.screen.query_one("#f-summary").value = "电话沟通"
        app.screen.query_one("#f-next_step").value = "寄送材料清单"
        app.screen.query_one("#f-next_date").focus()
        await type_text(pilot, "tomo")
        assert resolution(app, "next_date") == "not a date"
        await type_text(pilot, "rrow")
        assert resolution(app, "next_date") == "→ 2026-11-28 (Sat)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogForm)
        assert "2026-11-28" in detail(app)
    assert list_interactions(desk, str(desk.ids["宁波海天国际贸易有限公司"]))[0]["next_date"] == "2026-11-28"


async def test_chinese_words_resolve_in_chinese(desk, settle):
    choose_language("zh")
    app = ZizhiApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#f-next_date").focus()
        await type_text(pilot, "下周一")
        assert resolution(app, "next_date") == "→ 2026-11-30 (周一)"
        app.screen.query_one("#f-next_date").value = "明天"
        await pilot.pause()
        assert resolution(app, "next_date") == "→ 2026-11-28 (周六)"


async def test_an_unreadable_date_is_refused_inline_with_the_forms_accepted(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(DealForm(desk, {"id": desk.ids["华为技术有限公司"], "name": "华为技术有限公司"}))
        await pilot.pause()
        field = app.screen.query_one("#f-expected_close", DateField)
        field.value = "12-05"
        await pilot.pause()
        assert field.resolution == "→ 2026-12-05 (Sat)"
        field.value = "someday"
        app.screen.query_one("#f-codes", SelectionList).select("TRADE-RIGHTS")
        await pilot.pause()
        app.screen.action_save()
        await settle(pilot)
        assert isinstance(app.screen, DealForm)
        error = str(app.screen.query_one("#form-error").content)
        assert "expected close: 'someday' is not a date" in error and "next mon" in error
        assert field.has_class("-invalid") and app.focused is field.query_one("Input")
        field.value = "下周一"
        app.screen.action_save()
        await settle(pilot)
        assert not isinstance(app.screen, DealForm)
    assert deals.list_deals(desk)[0]["expected_close"] == "2026-11-30"


async def test_a_date_that_happened_shows_the_last_such_day(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(SignForm(desk, {"id": 1, "number": "HT-2026-001"}))
        await pilot.pause()
        assert resolution(app, "signed_on") == "(Fri)"  # today, already written out
        app.screen.query_one("#f-signed_on").value = "周三"
        await pilot.pause()
        assert resolution(app, "signed_on") == "→ 2026-11-25 (Wed)"
