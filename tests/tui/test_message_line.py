"""The message line: what the app did or refused, every character on screen, nothing drawn over it."""

from __future__ import annotations

from tui_helpers import (
    HUANSHENG,
    QUICK,
    SIZE,
    log_contact_with_huansheng,
    open_board,
    open_deal,
    said,
    screen_lines,
    screen_text,
    with_huansheng,
)

from zizhi.core.errors import UserError
from zizhi.core.i18n import choose_language
from zizhi.tui.app import ZizhiApp
from zizhi.tui.message_line import MessageLine
from zizhi.tui.screens.clients import ClientsScreen
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.screens.log_form import LogForm
from zizhi.tui.screens.pipeline import PipelineScreen

REFUSAL = "You may not change client 上海佳晨跨境电商有限公司: only its owner, a manager or an admin may."


async def test_a_chinese_confirmation_is_on_screen_whole(desk, settle):
    choose_language("zh")
    with_huansheng(desk)
    app = ZizhiApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await log_contact_with_huansheng(pilot, settle)
        assert said(app) == f"✓ 已记录与 {HUANSHENG} 的沟通。"
        rows = screen_lines(app)
        assert any(f"已记录与 {HUANSHENG} 的沟通。" in row for row in rows)
        assert "小家电" in rows[-2] and "sales" not in rows[-2]  # just above the footer


async def test_the_message_line_stays_until_the_person_moves_on(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.notify("Saved client 华为技术有限公司.", timeout=0.1)
        await pilot.pause(0.3)
        assert said(app) == "✓ Saved client 华为技术有限公司."  # nobody has pressed a key: still there
        await pilot.press("down")
        await pilot.pause(0.3)
        assert said(app) == ""


async def test_the_next_action_replaces_what_the_last_one_said(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"不存在", "enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert said(app) == "! Select a client first (arrows in the table, or / to search)."
        await pilot.press("e")
        await settle(pilot)
        assert said(app) == "! Select a client first (arrows in the table, or / to search)."
        assert len(app.screen.query_one(MessageLine).notes) == 1


async def test_a_long_refusal_wraps_and_is_read_whole_at_80_columns(app, settle):
    refusal = UserError("deal.end_signed_terminate", id=12, number="HT-2026-0012").message(surface="tui")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify(refusal, severity="error", markup=False)
        await settle(pilot)
        line = app.screen.query_one(MessageLine)
        shown = line.text.splitlines()
        assert len(shown) == 3 == line.size.height  # the whole refusal, on three lines
        assert " ".join(row.strip() for row in shown) == "✖ " + refusal
        assert all(row.strip() in "\n".join(screen_lines(app)) for row in shown)


async def test_a_message_longer_than_three_lines_ends_in_an_ellipsis(app, settle):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify("上海恒通进出口有限公司 " * 30, severity="error", markup=False)
        await settle(pilot)
        shown = app.screen.query_one(MessageLine).text.splitlines()
        assert len(shown) == 3 and shown[-1].endswith("…")


async def test_a_message_said_while_a_form_is_open_shows_below_the_form(app, settle):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogForm)
        app.notify("数据库正忙，请稍后再试。", severity="error", markup=False)
        await settle(pilot)
        assert said(app) == "✖ 数据库正忙，请稍后再试。"
        form = app.screen.query_one("#form").region
        line = app.screen.query_one(MessageLine).region
        assert not form.overlaps(line) and line.bottom == 24
        await pilot.press("escape")
        await settle(pilot)
        assert said(app) == "✖ 数据库正忙，请稍后再试。"  # it follows to the screen in front


async def test_what_one_action_says_shows_together_each_in_its_own_colour(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.notify("已新增客户 杭州新锐贸易有限公司。", markup=False)
        app.notify("有名称相近的客户：杭州新锐贸易公司", severity="warning", markup=False)
        app.notify("数据库正忙，请稍后再试。", severity="error", markup=False)
        await settle(pilot)
        line = app.screen.query_one(MessageLine)
        rows = line.lines(line.content_size.width)
        assert [row.plain[0] for row in rows] == ["✓", "!", "✖"]
        info, warning, error = (row.spans[0].style for row in rows)
        assert len({info.color, warning.color, error.color}) == 3 and error.bold


async def test_opening_help_or_a_form_leaves_the_message_where_it_was_said_and_the_footer_whole(app, settle):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify(REFUSAL, severity="error", markup=False)
        await settle(pilot)
        for key, modal in (("question_mark", HelpScreen), ("l", LogForm)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, modal)
            rows = screen_lines(app)
            assert sum("✖ You may" in row for row in rows) <= 1  # never a second copy
            assert "✖" not in rows[-1] and "Help" in rows[-1]  # the bottom row is still the footer
            assert said(app) == ""  # the modal has no line of its own for what was said before it
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ClientsScreen)
            assert said(app).replace("\n", " ").startswith("✖ " + REFUSAL[:40])  # still there, whole, once
            assert sum("✖" in row for row in screen_lines(app)) == 1


async def test_a_message_said_on_the_clients_stays_with_the_clients(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"不存在", "enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert "Select a client first" in said(app)
        await open_board(pilot, settle)
        assert isinstance(app.screen, PipelineScreen)
        assert said(app) == "" and "Select a client first" not in screen_text(app)
        await pilot.press("c")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, ClientsScreen) and "Select a client first" in said(app)


async def test_a_deal_opened_from_the_clients_is_announced_on_the_board_it_shows_on(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # a new deal for 华为, the selected client
        await settle(pilot, QUICK)
        app.screen.query_one("#f-codes").select("ORIGIN-REG")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, PipelineScreen) and "Opened deal" in said(app)
        await pilot.press("c")
        await settle(pilot, QUICK)
        assert said(app) == ""


async def test_the_deal_screen_says_a_refusal_in_the_one_place_it_said_the_last_confirmation(app, deals, settle):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_deal(pilot, settle, "right", "right")  # 宁波海天, at proposal, no quote yet
        await pilot.press("n")
        await settle(pilot, QUICK)
        assert said(app).startswith("✓ ")
        await pilot.press("right_square_bracket")  # the gate: no accepted quote
        await settle(pilot, QUICK)
        assert said(app).startswith("✖ ") and "no accepted quote" in said(app).replace("\n", " ")
        text = screen_text(app)
        assert "✓" not in text and text.count("✖") == 1  # the old confirmation gone, the refusal shown once
        line = app.screen.query_one(MessageLine).region
        assert line.bottom == 23  # just above the footer, not under the deal's head
