"""The command palette: every action by name, any client by search, and the language switch."""

from __future__ import annotations

from tui_helpers import SIZE, detail, names, run_palette, status

from zizhi.core.i18n import current_language
from zizhi.tui.screens.client_form import ClientForm


async def test_the_palette_opens_the_add_client_form(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette(pilot, settle, "add client")
        assert isinstance(app.screen, ClientForm)


async def test_the_palette_filters_follow_ups_due(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette(pilot, settle, "follow-ups due")
        assert names(app) == ["华为技术有限公司"]


async def test_the_palette_opens_a_client_found_by_pinyin(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette(pilot, settle, "ningbo")
        assert names(app) == ["宁波海天国际贸易有限公司"]
        assert "陈静" in detail(app)


async def test_switching_language_relabels_the_screen(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette(pilot, settle, "switch language")
        assert current_language() == "zh"
        assert status(app) == "4 个客户"
        assert "紧急程度" in detail(app)
        footer = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "新增客户" in footer and "Add client" not in footer


def test_every_palette_command_is_an_action_described_in_both_languages():
    from zizhi.core.i18n import MESSAGES
    from zizhi.tui.screens.clients import ClientsScreen
    from zizhi.tui.screens.deal import DealScreen
    from zizhi.tui.screens.pipeline import PipelineScreen
    from zizhi.tui.screens.today import TodayScreen

    for screen in (TodayScreen, ClientsScreen, PipelineScreen, DealScreen):
        for name, action in screen.PALETTE:
            assert hasattr(screen, f"action_{action}"), (screen.__name__, action)
            for key in (f"tui.cmd.{name}", f"tui.cmd.{name}.help"):
                assert all(MESSAGES[key]), key


async def test_the_palette_offers_no_screenshot_to_a_file(app, settle):
    """On a team server a screenshot would be client data in the service account's files."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Quit" in titles and "Screenshot" not in titles


async def test_a_palette_search_with_no_hits_says_so_in_chinese(app, settle):
    from textual.command import CommandList

    from zizhi.core.i18n import choose_language

    choose_language("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "zzzqqq":
            await pilot.press(char)
        await settle(pilot, 0.8)
        prompts = [str(option.prompt.renderable) for option in app.screen.query_one(CommandList).options]
        assert prompts == ["没有找到匹配项"]
