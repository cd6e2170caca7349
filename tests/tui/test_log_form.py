"""Logging a contact: the agreed next step becomes the client's follow-up."""

from __future__ import annotations

from textual.widgets import Input, Static
from tui_helpers import SIZE, detail, fill

from zizhi.core.clients.interactions import list_interactions
from zizhi.tui.screens.log_form import LogForm
from zizhi.tui.widgets.client_table import ClientTable


async def test_a_logged_next_step_shows_as_the_follow_up(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")  # 宁波海天, no log yet
        await settle(pilot)
        assert "Nothing logged yet" in detail(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        assert app.screen.query_one("#f-summary", Input).has_focus
        await fill(pilot, channel="meeting", summary="视频会议介绍出口许可证", details="需要两用物项许可",
                   next_step="寄送材料清单", next_date="2026-12-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogForm)
        text = detail(app)
        assert "视频会议介绍出口许可证" in text and "meeting" in text
        assert "2026-12-01" in text and "寄送材料清单" in text
        table = app.screen.query_one(ClientTable)
        assert table.cell(table.cursor_row, "next_date") == "2026-12-01"
    assert list_interactions(desk, str(desk.ids["宁波海天国际贸易有限公司"]))[0]["next_step"] == "寄送材料清单"


async def test_a_next_step_without_a_date_is_refused_inline(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        await fill(pilot, summary="电话沟通", next_step="再联系")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LogForm)
        assert "a next step needs a date" in str(app.screen.query_one("#form-error", Static).content)
    assert len(list_interactions(desk, str(desk.ids["华为技术有限公司"]))) == 1


async def test_the_log_form_says_a_blank_next_step_closes_the_current_follow_up(app, desk, settle):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # 华为 first: its follow-up 发送报价 was due 2026-11-25
        await pilot.press("l")
        await settle(pilot)
        hint = app.screen.query_one("#f-next_step", Input).placeholder or " ".join(
            str(w.content) for w in app.screen.query(".field-hint") if w.display)
        assert "发送报价" in hint and "2026-11-25" in hint and "closed" in hint


async def test_a_bad_date_is_named_by_the_form_s_label_not_the_command_line_option(app, desk, settle):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await fill(pilot, summary="电话沟通", next_step="寄送材料", next_date="下下周")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(app.screen.query_one("#form-error", Static).content)
        assert error.startswith("next date: '下下周' is not a date") and "next-date" not in error
