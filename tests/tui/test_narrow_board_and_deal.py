"""At 80×24, in English and in Chinese: the board says when an amount is rounded and keeps every
card's title, esc leaves it for the clients; the deal's history shows whole dates; the keys list
scrolls inside its border; the palette's own commands read in the person's language."""

from __future__ import annotations

import re

import pytest
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from tui_helpers import QUICK, board_head, open_board, open_deal, screen_text

from zizhi.core.i18n import choose_language, t
from zizhi.core.pipeline import deals as core_deals
from zizhi.tui.app import ZizhiApp
from zizhi.tui.card_text import money_forms
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.stage_column import DealList

NARROW = (80, 24)
STRAY_SPACE = re.compile(r"[\u4e00-\u9fff] …")  # Rich's ellipsis after a wide character


@pytest.fixture(params=["en", "zh"])
def lang(request):
    choose_language(request.param)
    return request.param


def test_an_amount_written_shorter_than_exact_says_so():
    choose_language("en")
    assert money_forms(178_080)[:3] == ("¥1,780.80", "≈¥1,781", "≈¥2k")
    assert money_forms(300_000)[:3] == ("¥3,000.00", "¥3,000", "¥3k")  # no fen, no thousand lost: exact
    assert money_forms(162_712_650)[3] == "≈¥1.6M" and money_forms(150_000_000)[3] == "¥1.5M"
    choose_language("zh")
    assert money_forms(162_712_650)[1:3] == ("≈¥1,627,127", "≈¥163万")
    assert money_forms(3_000_000)[2] == "¥3万"
    choose_language("en")


async def test_the_board_marks_rounded_amounts_and_keeps_exact_ones_plain(deals, settle, lang):
    core_deals.open_deal(deals, str(deals.ids["义乌小商品出口有限公司"]), ["CIQ-FILING"], value="2,782.50")
    app = ZizhiApp(deals)
    async with app.run_test(size=NARROW) as pilot:
        await open_board(pilot, settle)
        text = screen_text(app)
        # inquiry weighs (30,000 + 8,000 + 2,782.50) × 10 % = ¥4,078.25: too wide for the column
        assert board_head(app, "inquiry").splitlines()[2] == "≈¥4,078"
        assert "≈¥2,783" in text and "≈¥4,078" in text
        assert "¥8,000 " in text and "≈¥8,000" not in text  # whole yuan is still exact


async def test_every_card_keeps_a_few_characters_of_its_title(deals, settle, lang):
    app = ZizhiApp(deals)
    async with app.run_test(size=NARROW) as pilot:
        await open_board(pilot, settle)
        text = screen_text(app)
        assert not STRAY_SPACE.search(text), text
        titles = {deal["id"]: deal["title"] for deal in core_deals.list_deals(deals)}
        stuck = 0
        for column in app.screen.query(DealList):
            for option in column.options:
                if option.id and option.id.isdigit():
                    first = option.prompt.plain.splitlines()[0]
                    stuck += first.startswith("⚠")
                    title = titles[int(option.id)]
                    assert title[:2] in first and first.lstrip("⚠") in text, first
        assert stuck == 1  # 义乌, idle 9 days: its mark stays beside its title


async def test_esc_on_the_board_goes_back_to_the_clients(deals, settle, lang):
    app = ZizhiApp(deals)
    async with app.run_test(size=NARROW) as pilot:
        await open_board(pilot, settle)
        assert app.current_mode == "pipeline"
        await pilot.press("escape")
        await settle(pilot, QUICK)
        assert app.current_mode == "clients"
        assert "华为技术有限公司" in screen_text(app)


async def test_the_deal_history_shows_each_date_and_time_whole(deals, settle, lang):
    app = ZizhiApp(deals)
    async with app.run_test(size=NARROW) as pilot:
        await open_deal(pilot, settle, "down")  # 义乌, opened 2026-11-18 10:00
        text = screen_text(app)
        assert "2026-11-18 10:00" in text, text
        row = next(line for line in text.splitlines() if "2026-11-18 10:00" in line)
        assert ("inquiry" if lang == "en" else "咨询接待") in row, row


async def test_the_keys_list_scrolls_inside_its_border(deals, settle, lang):
    app = ZizhiApp(deals)
    async with app.run_test(size=NARROW) as pilot:
        await open_deal(pilot, settle)
        await pilot.press("question_mark")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help", VerticalScroll)
        assert box.region.bottom <= NARROW[1] and box.max_scroll_y > 0
        last_key = re.escape(t("tui.key.visit"))  # the deal's last key: "v Visit done", "v 回访"
        assert not re.search(rf"\bv\s+{last_key}", screen_text(app))
        await pilot.press("end")
        await settle(pilot, QUICK)
        text = screen_text(app)
        assert re.search(rf"\bv\s+{last_key}", text), text
        assert "ctrl+p" in text and "▄▄▄▄" in text.splitlines()[box.region.bottom - 1]


async def test_the_palette_speaks_the_desk_language(deals, settle, lang):
    app = ZizhiApp(deals)
    async with app.run_test(size=NARROW) as pilot:
        await open_board(pilot, settle)
        await pilot.press("ctrl+p")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, CommandPalette)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        text = screen_text(app)
        if lang == "zh":
            assert "搜索命令…" in text and "Search for commands" not in text
            assert {"主题", "退出", "按键面板"} <= set(titles) and "Quit" not in titles
            assert "Quit the application" not in text
        else:
            assert "Search for commands…" in text and {"Theme", "Quit", "Keys"} <= set(titles)
