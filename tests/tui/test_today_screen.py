"""Today, the app's first screen: the person's own agenda from the same core function cron mails,
grouped by kind, most urgent first; each item one key from the screen that deals with it (Esc comes
back), marked done with ``d`` or snoozed to a day with ``z``; a manager sees the escalations too."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from tui_helpers import QUICK, SIZE, fill, names, next_year_on_record, problem, said

from zizhi.core import clock
from zizhi.core.clients.interactions import log_interaction
from zizhi.core.desk import open_desk
from zizhi.core.i18n import t
from zizhi.core.people import users as people
from zizhi.core.reminders import agenda as core_agenda
from zizhi.core.reminders import sources
from zizhi.core.reminders.reminder import item
from zizhi.tui.app import desk_app
from zizhi.tui.screens.clients import ClientsScreen
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.log_form import LogForm
from zizhi.tui.screens.receivables import ReceivablesScreen
from zizhi.tui.screens.snooze_form import SnoozeForm
from zizhi.tui.screens.today import TodayScreen
from zizhi.tui.widgets.agenda_table import AgendaTable
from zizhi.tui.widgets.dunning_table import DunningTable

HUAWEI = "华为技术有限公司"
HUAWEI_DUE = "follow up with 华为技术有限公司: 发送报价 (due 2026-11-25)"


@asynccontextmanager
async def today_as(desk, login: str, role: str | None = None, lang: str = "en"):
    """The app as ``zizhi`` opens it (on Today), as ``login`` (added with ``role`` first when given)."""
    if role:
        people.add_user(desk, login, login.upper(), role)
    own = open_desk(db=desk.store.path, as_user=login, lang=lang)
    try:
        app = desk_app(own)
        app.animation_level = "none"
        yield app
    finally:
        own.close()


def agenda_rows(app) -> list[str]:
    """The agenda as read: each row's words, headings included."""
    table = app.screen.query_one(AgendaTable)
    return [table.cell(n, "why").strip() for n in range(table.row_count)] if table.display else []


def chosen(app) -> str:
    table = app.screen.query_one(AgendaTable)
    return table.cell(table.cursor_row, "why").strip()


def status(app) -> str:
    return str(app.screen.query_one("#today-status").content)


async def test_the_app_opens_on_the_salesperson_s_own_agenda(desk, settle):
    async with today_as(desk, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert agenda_rows(app) == ["Follow-ups (1)", HUAWEI_DUE]
        assert chosen(app) == HUAWEI_DUE, "the cursor rests on an item, not on a heading"
        table = app.screen.query_one(AgendaTable)
        assert table.cell(1, "since") == "2026-11-25" and table.cell(1, "waiting") == "2 days"
        assert status(app) == "1 due by 2026-11-27"


async def test_with_nothing_due_a_friendly_line_says_so_in_both_languages(desk, settle, tmp_path):
    next_year_on_record(desk, tmp_path)  # nothing for the admin to import
    async with today_as(desk, "boss") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert agenda_rows(app) == []
        calm = str(app.screen.query_one("#today-empty").content).splitlines()
        assert calm == ["Nothing is due today (2026-11-27). Enjoy the calm — or go on to:",
                        "  c  Show the clients", "  p  Show the pipeline board", "  r  Show money owed",
                        "  k  Show reports", "  R  Show the risk register", "  N  Show policy notices"]
        await pilot.press("ctrl+p", *"switch language")
        await settle(pilot, 0.5)  # the palette finds its commands in a worker: Enter once they are listed
        await pilot.press("enter")
        await settle(pilot)
        assert "今天（2026-11-27）没有待办事项" in str(app.screen.query_one("#today-empty").content)


async def test_the_first_paint_does_not_wait_for_the_agenda(desk, settle, monkeypatch):
    """At 100,000 clients the agenda takes a few hundred ms: the screen shows at once, loading."""
    import threading

    from zizhi.tui.screens import today

    gate = threading.Event()
    real = core_agenda.agenda
    monkeypatch.setattr(today, "agenda", lambda *a, **k: (gate.wait(10), real(*a, **k))[1])
    async with today_as(desk, "li") as app, app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert status(app) == "Loading…"
        gate.set()
        await settle(pilot)
        assert agenda_rows(app) == ["Follow-ups (1)", HUAWEI_DUE]


async def test_enter_on_a_follow_up_opens_the_client_ready_to_log_and_esc_comes_back(desk, settle):
    async with today_as(desk, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        assert names(app) == [HUAWEI]
        await pilot.press("l")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, LogForm)
        await fill(pilot, channel="phone", summary="报价已发送", next_step="确认合同", next_date="2026-12-04")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert agenda_rows(app) == [], "the call logged moved the follow-up to a later day"
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        await pilot.press("escape", "escape")  # back from Today is spent: escape steps back on the clients
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_enter_on_a_dunning_step_opens_that_debt_on_today_s_dunning(owing, settle):
    number = owing.contract["number"]
    async with today_as(owing, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = agenda_rows(app)
        assert rows[0] == "Dunning (2)" and rows[3:5] == ["Follow-ups (1)", "‼ " + HUAWEI_DUE], \
            "money first, though the follow-up is escalated (marked ‼)"
        assert rows[2] == f"phone call: ¥954.00 owed, 24 days overdue — 宁波海天国际贸易有限公司, {number}:1"
        assert rows[5] == "Deals stuck (2)", "华为's inquiry and the signed contract have not moved since 11-27"
        await pilot.press("down", "down")
        assert chosen(app) == "‼ " + HUAWEI_DUE, "the cursor steps over the heading"
        await pilot.press("up")
        assert chosen(app) == rows[2]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReceivablesScreen)
        table = app.screen.query_one(DunningTable)
        assert app.focused is table and table.row["instalment"] == f"{number}:1"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


def _deal_reminder(kind: str, deal: int):
    """A deal-level source, as the other kinds of reminder are: one reminder about 海天's deal."""
    def source(desk, day, owner=None):
        return [item(kind, f"deal:{deal}", "2026-11-27", "remind.follow_up",
                     {"client": "宁波海天国际贸易有限公司", "step": kind, "since": "2026-11-27"},
                     owner="li", deal_id=deal, deal=f"#{deal}")]
    return source


@pytest.mark.parametrize("kind, tab", [("processing_late", "processing"), ("visit", "delivery"),
                                       ("quote_expiring", "quote"), ("stale_deal", "overview")])
async def test_enter_on_a_deal_s_reminder_opens_the_deal_on_its_tab(deals, settle, monkeypatch, kind, tab):
    from textual.widgets import TabbedContent

    monkeypatch.setattr(core_agenda, "KINDS", (kind,))  # that kind alone, about the deal the test opens
    monkeypatch.setattr(sources, kind, _deal_reminder(kind, deals.deal_ids["海天"]))
    async with today_as(deals, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert agenda_rows(app)[0] == f"{t(f'remind.kind.{kind}')} (1)"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deals.deal_ids["海天"]
        assert app.screen.query_one(TabbedContent).active == tab
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_d_marks_the_item_done_and_it_leaves_the_agenda_for_good(desk, settle):
    async with today_as(desk, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert f"Done: {HUAWEI_DUE}" in said(app)
        assert agenda_rows(app) == []
    li = open_desk(db=desk.store.path, as_user="li", lang="en")
    try:
        assert core_agenda.agenda(li, person="li")["people"] == [], "not mailed either"
    finally:
        li.close()


async def test_z_snoozes_the_item_to_a_day_and_it_comes_back_on_that_day(desk, settle):
    async with today_as(desk, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, SnoozeForm)
        await fill(pilot, until="2026-11-27")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SnoozeForm), "today is not later: refused in the form"
        assert "is not after today" in str(app.screen.query_one("#form-error").content)
        await fill(pilot, until="2026-12-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert f"Snoozed to 2026-12-01: {HUAWEI_DUE}" in said(app)
        assert agenda_rows(app) == []
        clock.set_now("2026-11-30 09:00:00")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert agenda_rows(app) == []
        clock.set_now("2026-12-01 09:00:00")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert agenda_rows(app) == ["Follow-ups (1)", HUAWEI_DUE]


async def test_an_item_settled_elsewhere_is_refused_on_the_message_line(desk, settle):
    async with today_as(desk, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        log_interaction(desk, str(desk.ids[HUAWEI]), "phone", "已报价", next_step="再联系", next_date="2026-12-03")
        await pilot.press("d")
        await settle(pilot)
        assert "is not among li's reminders today" in problem(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert agenda_rows(app) == []


async def test_a_manager_sees_the_escalations_with_whose_they_are(owing, settle):
    async with today_as(owing, "zhou", "manager") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hengtong = "‼ follow up with 上海恒通进出口有限公司: 回访确认材料 (due 2026-12-05)"
        rows = agenda_rows(app)
        assert rows[:4] == ["Follow-ups (2)", "‼ " + HUAWEI_DUE, hengtong, "Deals stuck (2)"], \
            "li's follow-up escalated, and the one nobody owns; dunning 24 days late is li's alone"
        assert rows[4].startswith("义乌小商品出口有限公司: deal 1 in inquiry since 2026-11-18") \
            and rows[5].startswith("上海恒通进出口有限公司: deal 3 in assessment") \
            and rows[4].endswith("…") and len(rows) == 6, "the deals nobody owns, stuck; li's own are hers alone"
        table = app.screen.query_one(AgendaTable)
        assert [table.cell(n, "owner") for n in (1, 2, 4, 5)] == ["li", "—", "—", "—"]
        assert "‼ escalated: 2" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen) and names(app) == [HUAWEI]


async def test_the_salesperson_sees_no_owner_column_on_her_own_agenda(owing, settle):
    async with today_as(owing, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one(AgendaTable).cell(1, "owner") == ""
        assert "r" in {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}


async def test_legal_is_not_offered_money_owed_and_is_refused_it(desk, settle):
    async with today_as(desk, "wang", "legal") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert "Receivables" not in shown and {"Clients", "Pipeline"} <= shown
        assert not {"Open", "Done", "Snooze"} & shown, "nothing due: nothing to act on"
        calm = str(app.screen.query_one("#today-empty").content)
        assert "c  Show the clients" in calm and "N  Show policy notices" in calm
        assert "money owed" not in calm, "not offered a screen the role may not open"
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert problem(app)


async def test_today_speaks_chinese(desk, settle):
    async with today_as(desk, "li", lang="zh") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert agenda_rows(app) == ["跟进（1）", "跟进 华为技术有限公司：发送报价（2026-11-25 到期）"]
        assert status(app) == "截至 2026-11-27 共 1 项待办"


def test_a_morning_of_thousands_shows_each_kind_s_most_urgent_first():
    """A demo salesperson has 6,000 follow-ups due: every kind stays in sight, its heading counts all."""
    from zizhi.tui.widgets.agenda_table import grouped

    follow_ups = [item("follow_up", f"client:{n}", "2026-11-20", "remind.follow_up",
                       {"client": f"C{n}", "step": "—", "since": "2026-11-20"}, owner="li")
                  for n in range(250)]
    dunning = [item("dunning", "instalment:ZZ-1:1:7", "2026-11-25", "remind.follow_up",
                    {"client": "D", "step": "—", "since": "2026-11-25"}, owner="li")]
    rows = grouped(follow_ups + dunning, per_kind=100)
    assert [row["heading"] for row in rows if "heading" in row] == ["dunning", "follow_up"]
    assert rows[2] == {"heading": "follow_up", "count": 250, "shown": 100}
    assert [row["record"] for row in rows[3:]] == [f"client:{n}" for n in range(100)]
    assert t("tui.today.heading_part", kind="Follow-ups", count=250, shown=100) == \
        "Follow-ups (250; the 100 most urgent shown)"


async def test_today_holds_the_same_reminders_cron_sends_her_and_help_lists_its_keys(owing, settle):
    from zizhi.tui.screens.help import HelpScreen

    li = open_desk(db=owing.store.path, as_user="li", lang="en")
    try:
        [mailed] = core_agenda.agenda(li, person="li")["people"]
    finally:
        li.close()
    async with today_as(owing, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = [row["key"] for row in app.screen.query_one(AgendaTable).rows_shown if "key" in row]
        assert sorted(shown) == sorted(reminder["key"] for reminder in mailed["reminders"])
        await pilot.press("question_mark")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert (keys["enter"], keys["d"], keys["z"]) == ("Open", "Done", "Snooze")


async def test_after_d_the_cursor_stays_where_the_done_item_was_not_back_at_the_top(owing, settle):
    """Working down the list with d must not clear the top item next: the cursor keeps its line."""
    async with today_as(owing, "li") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(AgendaTable)
        first = table.row["key"]
        await pilot.press("down")
        await settle(pilot)
        line, done = table.cursor_row, table.row["key"]
        await pilot.press("d")
        await settle(pilot)
        assert done not in [r.get("key") for r in table.rows_shown]
        assert table.cursor_row >= line and table.row["key"] != first, (table.cursor_row, table.row)
