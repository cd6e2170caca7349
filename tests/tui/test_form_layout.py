"""Forms at any size: the fields scroll above the foot, never beneath it (a Chinese character drawn
over another widget's edge is lost), the buttons stay whole, and a hint in a two-column form stays
in its field, cut with "…", instead of taking a field's place."""

from __future__ import annotations

from tui_helpers import screen_lines, screen_text

from zizhi.core.i18n import choose_language
from zizhi.tui.app import ZizhiApp


async def test_a_chinese_form_at_80_by_24_keeps_every_character_of_its_foot(desk, settle):
    choose_language("zh")
    app = ZizhiApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert "ctrl+s 保存 · esc 取消" in screen_text(app)
        await pilot.press("ctrl+s")  # no name: the error line grows the foot
        await settle(pilot)
        lines = screen_lines(app)
        assert any("ctrl+s 保存 · esc 取消" in line and "保存" in line.split("取消")[1] for line in lines)
        buttons = [index for index, line in enumerate(lines) if "▔▔▔▔" in line or "▁▁▁▁" in line]
        assert len(buttons) == 2, "the buttons are drawn whole, top and bottom edge"


async def test_a_two_column_form_keeps_its_hint_inside_the_field(desk, settle):
    app = ZizhiApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # the credit check: two columns, a date field with its hint
        await settle(pilot)
        lines = screen_lines(app)
        checked = next(line for line in lines if "checked on" in line)
        assert "notes" in checked, "the next field's label stays on the date's row"
        assert not any("+3d" in line and "checked on" not in line for line in lines)
