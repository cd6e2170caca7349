"""The client desk as a salesperson uses it: search as you type, the detail pane, the due filter."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from tui_helpers import SIZE, detail, names, said, screen_text, status, type_text

from zizhi.tui.widgets.client_detail import ClientDetail
from zizhi.tui.widgets.client_table import ClientTable


async def test_first_screen_lists_clients_urgent_first_and_counts_them(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert names(app) == ["华为技术有限公司", "上海恒通进出口有限公司", "宁波海天国际贸易有限公司", "义乌小商品出口有限公司"]
        assert status(app) == "4 clients"
        assert app.screen.query_one(ClientTable).has_focus


async def test_typing_chinese_filters_the_table(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.screen.query_one("#search", Input).has_focus
        await type_text(pilot, "华为")
        await settle(pilot)
        assert names(app) == ["华为技术有限公司"]
        assert "1 matching “华为”" in status(app)


async def test_pinyin_initials_find_the_client(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "hw")
        await settle(pilot)
        assert names(app) == ["华为技术有限公司"]


async def test_a_query_matching_nothing_empties_table_and_detail(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "不存在的公司")
        await settle(pilot)
        assert names(app) == []
        assert "No client selected" in detail(app)


async def test_escape_leaves_the_search_box_then_clears_the_search(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "h", "w")
        await settle(pilot)
        await pilot.press("escape")
        assert app.screen.query_one(ClientTable).has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == ""
        assert len(names(app)) == 4


async def test_selecting_a_row_shows_its_record_and_log(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = detail(app)
        assert "张伟" in text and "91440300192203821" in text
        assert "询问进出口经营权办理流程" in text and "关心办理时间和费用" in text
        assert "2026-11-25 (overdue)" in text
        await pilot.press("down")
        await settle(pilot)
        text = detail(app)
        assert "王芳" in text and "上门介绍海关备案服务" in text and "回访确认材料" in text
        assert app.screen.query_one(ClientDetail).border_title == "上海恒通进出口有限公司"


async def test_the_detail_pane_puts_what_a_call_needs_first_and_the_record_after(app, settle):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # 华为 selected
        on_screen = screen_text(app)  # the pane as first shown, nothing scrolled
        for words in ("张伟", "13812345678", "last contact 2026-11-20", "2026-11-25 (overdue)", "next step",
                      "询问进出口经营权办理流程"):
            assert words in on_screen, words
        text = detail(app)
        read = ["张伟", "13812345678", "last contact", "(overdue)", "next step", "Communication log",
                "询问进出口经营权办理流程", "Record", "914403001922038216", "深圳", "通信设备", "large", "trade show"]
        where = [text.index(words) for words in read]
        assert where == sorted(where)  # in that order, every field still there


async def test_d_shows_only_due_follow_ups_and_again_shows_all(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert names(app) == ["华为技术有限公司"]
        assert status(app).startswith("1 due — follow-ups dated 2026-11-27 or earlier")
        await pilot.press("d")
        await settle(pilot)
        assert len(names(app)) == 4


async def test_the_due_filter_also_narrows_a_search(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d", "slash", *"有限公司")
        await settle(pilot)
        assert names(app) == ["华为技术有限公司"]


async def test_q_in_the_search_box_types_and_in_the_table_quits(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        assert app.screen.query_one("#search", Input).value == "q"
        assert app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_help_lists_the_keys(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClientsScreen"


async def test_logging_needs_a_selected_client(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"不存在", "enter")
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClientsScreen"
        assert "Select a client first" in said(app)


async def test_a_database_problem_is_one_line_and_the_app_keeps_running(app, settle, monkeypatch):
    from zizhi.core.errors import Busy
    from zizhi.tui.screens import clients as screen_module

    def busy(*args, **kwargs):
        raise Busy("db.busy")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(screen_module, "search_clients", busy)
        await pilot.press("slash", "h", "w")
        await settle(pilot)
        assert "The database is busy" in said(app)
        assert app.is_running
        monkeypatch.undo()
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert len(names(app)) == 4


async def test_a_salesperson_sees_only_their_clients_and_owns_what_they_add(desk, settle):
    from textual.widgets import Select

    from zizhi.core.desk import open_desk
    from zizhi.tui.app import ZizhiApp
    from zizhi.tui.screens.client_form import ClientForm

    li = open_desk(db=desk.store.path, as_user="li", lang="en")
    app = ZizhiApp(li)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert names(app) == ["华为技术有限公司", "宁波海天国际贸易有限公司"]
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ClientForm)
        assert app.screen.query_one("#f-owner", Select).value == "li"
    li.close()


async def test_a_long_log_entry_wraps_under_its_own_text_not_at_the_pane_edge(app, desk, settle):
    from textual.geometry import Region
    from textual.widgets import Static

    from zizhi.core.clients.interactions import log_interaction

    summary = "客户询问进出口经营权、海关备案和检验检疫备案能否一并办理，以及加急办理的费用和所需材料清单"
    log_interaction(desk, str(desk.ids["宁波海天国际贸易有限公司"]), "phone", summary,
                    next_step="发送三项资质的合并报价单并附上材料清单与办理周期说明", next_date="2026-12-01",
                    at="2026-11-26 10:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        log = app.screen.query_one("#detail-log", Static)
        width = log.content_region.width
        lines = [strip.text.rstrip() for strip in log.render_lines(Region(0, 0, width, log.virtual_size.height))]
        start = next(i for i, line in enumerate(lines) if line.strip().startswith("客户询问"))
        wrapped = [line for line in lines[start:] if line.strip()][:4]
        assert "".join(line.strip() for line in wrapped[:3]).startswith(summary[:30]), wrapped
        assert all(line.startswith("  ") and not line.startswith("   ") for line in wrapped[:3]), wrapped
        arrow = next(i for i, line in enumerate(lines) if "→ 2026-12-01" in line)
        assert lines[arrow].startswith("  → ") and lines[arrow + 1].startswith("    ") and lines[arrow + 1].strip()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_search_hints_pinyin_examples_find_clients_of_a_fresh_demo(tmp_path, monkeypatch, lang):
    """The hint is the first thing a new user tries, on the demo the README starts from."""
    import re

    from zizhi.core.clients.search import search_clients
    from zizhi.core.demo import fill_demo
    from zizhi.core.desk import init_database, open_desk
    from zizhi.core.i18n import t

    (tmp_path / "config").mkdir()
    monkeypatch.setenv("ZIZHI_CONFIG", str(tmp_path / "config"))
    init_database(tmp_path / "demo.db", admin="boss")
    demo = open_desk(db=tmp_path / "demo.db", as_user="boss", lang="en")
    try:
        fill_demo(demo)
        examples = re.search(r"[（(]([a-z]+)[,、]\s*([a-z]+)[)）]", t("tui.search.placeholder", lang)).groups()
        for word in examples:
            found = [row["name"] for row in search_clients(demo, word, limit=10)]  # the first screenful
            assert any(name.startswith("宁波") for name in found), (word, found)
    finally:
        demo.close()
