"""The language switch: saved with the person for the next start, and nothing the person was
looking at is lost — the search, the due view, the client or deal selected, the deal's tab."""

from __future__ import annotations

from textual.widgets import Input, TabbedContent
from tui_helpers import QUICK, SIZE, detail, names, open_board, run_palette, said, selected_card, status

from zizhi.core.desk import open_desk
from zizhi.core.i18n import choose_language, current_language
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.widgets.client_table import ClientTable


def cursor_name(app) -> str:
    table = app.screen.query_one(ClientTable)
    return str(table.get_row_at(table.cursor_row)[0])


async def test_the_language_switched_to_opens_the_next_start(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette(pilot, settle, "switch language")
        assert current_language() == "zh"
    choose_language("en")
    again = open_desk(db=desk.store.path, as_user="boss")  # no --lang: the saved choice decides
    try:
        assert current_language() == "zh"
    finally:
        again.close()
    open_desk(db=desk.store.path, as_user="boss", lang="en").close()  # --lang still wins for one run
    assert current_language() == "en"


async def test_switching_keeps_the_search_and_the_client_selected(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"有限公司", "enter")
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        chosen = cursor_name(app)
        assert chosen == "宁波海天国际贸易有限公司"
        await run_palette(pilot, settle, "switch language")
        assert app.screen.query_one("#search", Input).value == "有限公司"
        assert status(app).startswith("匹配“有限公司”：4 个")
        assert cursor_name(app) == chosen and "陈静" in detail(app) and "联系人" in detail(app)


async def test_switching_keeps_the_due_view(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert names(app) == ["华为技术有限公司"]
        await run_palette(pilot, settle, "switch language")
        assert names(app) == ["华为技术有限公司"] and "个待跟进" in status(app)
        await run_palette(pilot, settle, "切换语言")
        assert current_language() == "en" and status(app).startswith("1 due")


async def test_switching_keeps_the_deal_selected_on_the_board_and_the_deals_tab(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        await pilot.press("right", "right")
        await settle(pilot, QUICK)
        assert selected_card(app) == ("proposal", deals.deal_ids["海天"])
        await run_palette(pilot, settle, "switch language")
        assert selected_card(app) == ("proposal", deals.deal_ids["海天"])
        await run_palette(pilot, settle, "切换语言")
        await pilot.press("left", "enter")  # 恒通, at assessment
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen)
        await pilot.press("3")
        await settle(pilot, QUICK)
        await run_palette(pilot, settle, "switch language")
        assert app.screen.query_one(TabbedContent).active == "contract"
        assert app.screen.deal_id == deals.deal_ids["恒通"]


async def test_a_language_that_cannot_be_saved_still_switches_and_says_why(app, desk, settle, monkeypatch):
    from zizhi.core.errors import Busy
    from zizhi.core.people import preferences

    def busy(*args, **kwargs):
        raise Busy("db.busy", path=str(desk.store.path))

    monkeypatch.setattr(preferences, "set_language", busy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette(pilot, settle, "switch language")
        assert current_language() == "zh" and status(app) == "4 个客户"
        assert "语言已切换，但未能保存到下次启动：数据库正被其他操作写入" in said(app)
