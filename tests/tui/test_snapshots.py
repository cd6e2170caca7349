"""Reviewed pictures of the desk: Chinese text aligned in the table, the detail pane, a form error.

Update with ``pytest tests/tui --snapshot-update`` and look at the SVGs under ``__snapshots__``
before committing them.
"""

from __future__ import annotations

from tui_helpers import SIZE, fill, log_contact_with_huansheng, with_huansheng

from zizhi.core.i18n import choose_language
from zizhi.tui.app import ZizhiApp


def test_client_desk_in_chinese_filtered_to_due(desk, settle, snap_compare):
    choose_language("zh")

    async def due(pilot):
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)

    assert snap_compare(ZizhiApp(desk), terminal_size=SIZE, run_before=due)


def test_add_client_form_shows_a_bad_credit_code_inline(desk, settle, snap_compare):
    async def bad_code(pilot):
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, name="杭州新锐贸易有限公司", credit_code="91110000600037341X", contact="赵磊",
                   city="杭州")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(ZizhiApp(desk), terminal_size=SIZE, run_before=bad_code)


def test_a_chinese_confirmation_on_the_message_line(desk, settle, snap_compare):
    """The confirmation Textual's toast used to cut (``宁波    小家电``): every character, above the footer."""
    choose_language("zh")
    with_huansheng(desk)

    async def logged(pilot):
        await settle(pilot)
        await log_contact_with_huansheng(pilot, settle)

    assert snap_compare(ZizhiApp(desk), terminal_size=SIZE, run_before=logged)


def test_the_export_dialog_refusing_a_format_its_file_contradicts_in_chinese_at_80_by_24(desk, settle, snap_compare):
    """x on the clients screen after a search: which clients, the format, the file — and a refusal in the dialog."""
    from tui_helpers import type_text

    choose_language("zh")

    async def clash(pilot):
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "海")
        await settle(pilot, 0.5)
        await pilot.press("escape", "x")
        await settle(pilot)
        await pilot.click("#export-xlsx")
        await settle(pilot)
        pilot.app.screen.query_one("#export-path").value = "客户.csv"
        pilot.app.screen.query_one("#export-path").focus()
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(ZizhiApp(desk), terminal_size=(80, 24), run_before=clash)
