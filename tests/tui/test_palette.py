"""The command palette: every action by name, any client by search, and the language switch."""

from __future__ import annotations

from textual.command import CommandPalette

from core.i18n import current_language
from tui.screens.client_form import ClientForm
from tui_helpers import SIZE, detail, names, status, type_text


async def run_palette(pilot, settle, query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, query)
    await settle(pilot, 0.4)
    await pilot.press("enter")
    await settle(pilot)


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
        assert "共 4 个客户" in status(app)
        assert "紧急程度" in detail(app)
        footer = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "新增客户" in footer and "Add client" not in footer
