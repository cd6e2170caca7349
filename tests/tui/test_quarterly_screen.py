"""The quarterly personal report in the app (季度个人工作总结): a salesperson writes the four sections
and files the report after a confirm step, after which it is read-only; filing before the window
opens is refused with the day it opens; a manager picks a person from who has filed, reads the
report and reviews it; Today's reminder opens it; the palette finds it, for those who may read one."""

from __future__ import annotations

from reports_fixtures import app_as, as_user, with_kpis
from textual.widgets import TextArea
from tui_helpers import said, shown

from zizhi.core import clock
from zizhi.core.people import users as people
from zizhi.core.quarterly import reports
from zizhi.core.reminders import sources_quarterly
from zizhi.tui.screens.quarterly import ConfirmFiling, QuarterlyScreen, ReviewForm, RosterScreen, SectionsForm
from zizhi.tui.screens.reports import ReportsScreen
from zizhi.tui.screens.today import TodayScreen
from zizhi.tui.widgets.agenda_table import AgendaTable

OPENS = "2026-12-22 09:00:00"  # the quarter's last ten days: filing opens


def head(app) -> str:
    return shown(app.screen.query_one("#quarterly-head")).strip()


def page(app) -> str:
    return shown(app.screen.query_one("#quarterly-page"))


def footer_keys(app) -> set[str]:
    return {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}


async def open_quarterly(pilot, settle) -> None:
    """From Today to the reports (k), and on to the quarterly report (Q)."""
    await settle(pilot)
    await pilot.press("k")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReportsScreen)
    await pilot.press("Q")
    await settle(pilot)


async def test_a_salesperson_writes_her_report_in_chinese_and_files_it_then_it_is_read_only(owing, settle):
    with_kpis(owing)
    clock.set_now(OPENS)
    async with app_as(owing, "li") as (app, pilot):
        await open_quarterly(pilot, settle)
        assert isinstance(app.screen, QuarterlyScreen)
        assert head(app).startswith("Quarterly report of 李娜 (li), 2026Q4 (2026-10-01 – 2026-12-31): draft")
        assert "revenue" in page(app) and "¥1,500.00" in page(app) and "¥10,000.00" in page(app)
        assert {"e", "f"} <= footer_keys(app) and "v" not in footer_keys(app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SectionsForm)
        assert app.focused.id == "f-results"
        for char in "签约海天":
            await pilot.press(char)
        await pilot.press("tab")
        assert app.focused.id == "f-problems"
        app.focused.insert("两家客户回款慢\n已按催收流程跟进")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuarterlyScreen)
        assert said(app) == "✓ Saved your 2026Q4 report: results, problems met."
        assert "签约海天" in page(app) and "两家客户回款慢\n已按催收流程跟进" in page(app)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmFiling)
        await pilot.press("escape")
        await settle(pilot)
        assert reports.report(owing, "li", "2026Q4")["status"] == "draft", "Esc files nothing"
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert said(app) == "✓ Filed your report for 2026Q4 at 2026-12-22 09:00:00; your manager reviews it next."
        assert "filed, to review" in head(app) and "Filed 2026-12-22 09:00:00" in head(app)
        assert "Figures as filed" in page(app)
        assert not {"e", "f"} & footer_keys(app), "a filed report is read-only"
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, QuarterlyScreen)
        found = reports.report(owing, "li", "2026Q4")
        assert found["status"] == "filed" and found["sections"]["results"] == "签约海天"


async def test_filing_before_the_window_opens_says_from_which_day_and_files_nothing(owing, settle):
    with_kpis(owing)  # the books read on 2026-12-21: filing opens tomorrow
    li = as_user(owing, "li")
    try:
        reports.write_sections(li, {"results": "签约 1 家新客户。"})
    finally:
        li.close()
    async with app_as(owing, "li") as (app, pilot):
        await open_quarterly(pilot, settle)
        await pilot.press("f")  # said at once: no "File it?" box first
        await settle(pilot)
        assert isinstance(app.screen, QuarterlyScreen)
        assert " ".join(said(app).split()) == ("✖ The report for 2026Q4 can be filed from 2026-12-22 (the quarter ends 2026-12-31); "
                             "until then keep writing it: e on the quarterly report.")
        assert "draft" in head(app) and "f" in footer_keys(app)
    assert reports.report(owing, "li", "2026Q4")["status"] == "draft"


async def test_a_manager_picks_a_filed_report_from_the_list_reads_it_and_reviews_it(owing, settle):
    with_kpis(owing)
    clock.set_now(OPENS)
    li = as_user(owing, "li")
    try:
        reports.write_sections(li, {"results": "签约 1 家新客户。", "plans": "开发两家新客户"})
        reports.file_report(li)
    finally:
        li.close()
    people.add_user(owing, "chen", "陈经理", "manager")
    async with app_as(owing, "chen") as (app, pilot):
        await open_quarterly(pilot, settle)
        assert isinstance(app.screen, RosterScreen)
        assert shown(app.screen.query_one("#roster-head")).startswith(
            "Quarterly reports, 2026Q4 (2026-10-01 – 2026-12-31; filing from 2026-12-22): 1 of 2 filed")
        table = app.screen.query_one("#roster")
        rows = [[table.cell(n, key).strip() for key in ("person", "status")] for n in range(table.row_count)]
        assert rows == [["李娜 (li)", "filed, to review"], ["赵强 (zhao)", "not begun"]]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuarterlyScreen)
        assert "李娜 (li)" in head(app) and "开发两家新客户" in page(app)
        assert "v" in footer_keys(app) and not {"e", "f"} & footer_keys(app), "a manager reviews; he writes none"
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewForm)
        app.focused.insert("回款跟进到位，下季度加强新客户开发")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == "✓ Reviewed the report of li for 2026Q4."
        assert "reviewed" in head(app) and "回款跟进到位，下季度加强新客户开发" in page(app)
        assert "— 陈经理 (chen)" in page(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RosterScreen)
        assert table.cell(0, "status").strip() == "reviewed"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen), "Esc goes back where the list was opened from"
    assert reports.report(owing, "li", "2026Q4")["review_comment"] == "回款跟进到位，下季度加强新客户开发"


def filed_by_li(owing) -> None:
    """李娜's 2026Q4 report, one section written, filed once filing opens."""
    with_kpis(owing)
    clock.set_now(OPENS)
    li = as_user(owing, "li")
    try:
        reports.write_sections(li, {"results": "签约 1 家新客户。"})
        reports.file_report(li)
    finally:
        li.close()


async def test_a_review_with_no_comment_is_refused_in_the_form(owing, settle):
    filed_by_li(owing)
    async with app_as(owing, "boss") as (app, pilot):
        await open_quarterly(pilot, settle)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewForm) and "Comment" in said(app)
        assert isinstance(app.focused, TextArea)


async def test_enter_on_today_s_reminder_opens_the_report_for_that_quarter_and_esc_comes_back(owing, settle):
    with_kpis(owing)
    clock.set_now(OPENS)
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        table = app.screen.query_one(AgendaTable)
        at = [n for n, row in enumerate(table.rows_shown) if row.get("kind") == "quarterly_report"]
        assert at, "the reminder to file is on Today from 22 December"
        table.move_cursor(row=at[0])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuarterlyScreen)
        assert "2026Q4" in head(app) and "draft" in head(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_the_palette_finds_the_quarterly_report_in_chinese_and_legal_is_not_offered_it(owing, settle):
    from test_roles import palette_hits

    async with app_as(owing, "li", lang="zh") as (app, pilot):
        await settle(pilot)
        hits = await palette_hits(pilot, settle, "季度")
        assert "季度总结" in hits
        await pilot.press("escape")
    async with app_as(owing, "wang") as (app, pilot):
        await settle(pilot)
        assert "Quarterly report" not in await palette_hits(pilot, settle, "quarterly")
        await pilot.press("escape")
        await pilot.press("k")
        await settle(pilot)
        assert "Q" not in footer_keys(app)
        await pilot.press("Q")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        assert said(app) == "✖ Quarterly reports are read by salespeople (their own), managers and admins (your role is legal)."


def test_every_palette_command_of_the_quarterly_screens_is_an_action_said_in_both_languages():
    from zizhi.core.i18n import MESSAGES

    for screen in (QuarterlyScreen, RosterScreen):
        for name, action in screen.PALETTE:
            assert hasattr(screen, f"action_{action}"), (screen.__name__, action)
            for key in (f"tui.cmd.{name}", f"tui.cmd.{name}.help"):
                assert all(MESSAGES[key]), key


async def test_when_narrow_the_columns_left_out_are_named_under_the_list_and_the_figures(owing, settle):
    filed_by_li(owing)
    people.add_user(owing, "chen", "陈经理", "manager")
    chen = as_user(owing, "chen")
    try:
        reports.review(chen, "li", "2026Q4", "很好")
    finally:
        chen.close()
    async with app_as(owing, "chen", (60, 24)) as (app, pilot):
        await open_quarterly(pilot, settle)
        table = app.screen.query_one("#roster")
        note = " ".join(shown(app.screen.query_one("#roster-left-out")).split())
        assert table.left_out and note.startswith("Not shown at 60 columns:")
        assert all(table.title(key) in note for key in table.left_out)
        await pilot.press("enter")
        await settle(pilot)
        assert "Not shown at 60 columns: counted from" in " ".join(page(app).split())
    async with app_as(owing, "li", (100, 30)) as (app, pilot):
        await open_quarterly(pilot, settle)
        assert "win rate" in page(app) and "1 won, 0 lost" in page(app) and "Not shown" not in page(app)


async def test_the_palette_s_quarterly_report_opens_the_oldest_quarter_still_owed(owing, settle):
    with_kpis(owing)
    clock.set_now("2027-01-05 09:00:00")  # 2026Q4 closed, her report for it never filed
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        await pilot.press("ctrl+p", *"quarterly report")
        await settle(pilot, 0.4)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuarterlyScreen) and app.screen.quarter.name == "2026Q4"
    li = as_user(owing, "li")
    try:
        reports.write_sections(li, {"results": "签约 1 家新客户。"}, "2026Q4")
        reports.file_report(li, "2026Q4")
        assert sources_quarterly.owed_quarter(li) is None  # filed: nothing owed, the app opens this quarter's
    finally:
        li.close()
