"""The notices screen: the person's unread notices first, the one under the cursor whole beside
the list; an unread notice leads Today, and a acknowledges it, which takes it off Today; Today's
Enter on a notice opens it; legal sees who has read it; a deal on an affected qualification shows
the notice on its overview."""

from __future__ import annotations

from reports_fixtures import app_as, with_notice
from tui_helpers import QUICK, deal_text, said, shown

from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.notices import NoticesScreen
from zizhi.tui.screens.today import TodayScreen
from zizhi.tui.widgets.agenda_table import AgendaTable


def agenda_kinds(app) -> list[str]:
    return [row.get("kind") for row in app.screen.query_one(AgendaTable).rows_shown if "kind" in row]


def headings(app) -> list[str]:
    return [row["heading"] for row in app.screen.query_one(AgendaTable).rows_shown if "heading" in row]


def read_column(app) -> list[str]:
    table = app.screen.query_one("#notices")
    return [table.cell(n, "read").strip() for n in range(table.row_count)]


async def test_acknowledging_a_notice_takes_it_off_today(owing, settle):
    notice = with_notice(owing)
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        assert headings(app) == ["notice", "dunning", "follow_up", "stale_deal"], \
            "the policy change leads, before the money and the escalated follow-up"
        assert agenda_kinds(app)[0] == "notice" and app.screen.query_one(AgendaTable).row["kind"] == "notice"
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, NoticesScreen)
        assert read_column(app) == ["unread"]
        whole = shown(app.screen.query_one("#notice-whole"))
        assert "自2027年起须附最终用户证明。" in whole and "In effect 2027-01-01" in whole
        assert "You have not acknowledged it yet" in whole
        await pilot.press("a")
        await settle(pilot)
        assert said(app) == f"✓ Acknowledged notice {notice}: 出口许可证申领材料调整"
        assert read_column(app) == ["read 2026-12-21"]
        assert "You acknowledged it at 2026-12-21 09:00." in shown(app.screen.query_one("#notice-whole"))
        assert str(app.screen.query_one("#notices-status").content) == "1 notice, 0 not yet acknowledged by you"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "notice" not in agenda_kinds(app)


async def test_today_s_enter_on_a_notice_opens_it_under_the_cursor(owing, settle):
    first = with_notice(owing)
    second = with_notice(owing, "CIQ-FILING")
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        table = app.screen.query_one(AgendaTable)
        row = next(n for n, item in enumerate(table.rows_shown) if item.get("record") == f"notice:{first}")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NoticesScreen)
        assert app.screen.query_one("#notices").row["id"] == first != second
        assert app.screen.notice["id"] == first


async def test_legal_sees_who_has_read_a_notice(owing, settle):
    with_notice(owing)
    async with app_as(owing, "wang") as (app, pilot):
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert read_column(app) == ["read 2026-12-21"], "its author has read it"
        whole = shown(app.screen.query_one("#notice-whole"))
        assert "Read by 1 of 4; not yet: boss, li, root" in whole


async def test_a_deal_on_an_affected_qualification_shows_the_notice(owing, settle):
    notice = with_notice(owing)
    haitian = owing.deal_ids["海天"]
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        app.open_deal(haitian)
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen)
        text = deal_text(app, "assessments")
        assert f"notice {notice}, in effect 2027-01-01: 出口许可证申领材料调整 (EXPORT-LICENCE)" in text
        assert "not yet acknowledged" in text
        app.open_deal(owing.deal_ids["华为"])
        await settle(pilot, QUICK)
        assert "Policy notices" not in deal_text(app, "assessments")


def footer_keys(app) -> list[str]:
    from textual.widgets._footer import FooterKey

    return [key.key_display or key.key for key in app.screen.query_one("FittedFooter").query(FooterKey) if key.display]


async def test_n_on_a_deal_opens_its_unread_notice_and_esc_comes_back_to_the_deal(owing, settle):
    """N means the notices on every screen — the deal's too, where it once drafted a new quote
    version: a salesperson reading a deal's unread notice must not write a quote by pressing it."""
    from zizhi.core.pipeline import quotes
    from zizhi.tui.screens.help import HelpScreen

    other = with_notice(owing, "CIQ-FILING")  # touches no qualification of 海天's
    notice = with_notice(owing)
    haitian = owing.deal_ids["海天"]
    versions = len(quotes.list_quotes(owing, haitian))
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        app.open_deal(haitian)
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen)
        assert "N opens it to read and acknowledge (a)" in deal_text(app, "assessments")
        assert "N" in footer_keys(app), "the footer offers the notice while it is unread"
        await pilot.press("question_mark")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, HelpScreen)
        listed = dict(line.split(None, 1) for line in shown(app.screen.query_one("#help Static")).splitlines())
        assert {key: listed[key].strip() for key in ("N", "n", "R", "k")} == {
            "N": "Notices", "n": "New quote", "R": "Risks", "k": "Reports"}
        assert "u" not in listed, "resolving a block is a manager's: not offered to her"
        await pilot.press("escape")
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, NoticesScreen)
        assert app.screen.notice["id"] == notice != other, "on the notice the deal touches"
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == haitian
        assert "not yet acknowledged" not in deal_text(app, "assessments")
        assert "N" not in footer_keys(app), "read: the footer gives its room back"
    assert len(quotes.list_quotes(owing, haitian)) == versions, "no quote version was drafted"


async def test_a_quote_line_on_an_affected_qualification_shows_the_notice_on_the_quote_tab(owing, settle):
    """A line added to a quote may name a qualification its deal did not: the notice shows all the
    same, on the overview and beside the quote — what is promised must comply (rulebook §7.2)."""
    from zizhi.core.pipeline import quotes

    notice = with_notice(owing)
    huawei = owing.deal_ids["华为"]  # TRADE-RIGHTS and CUSTOMS-REG: no notice touches them
    quotes.add_line(owing, quotes.new_quote(owing, huawei)["id"], "EXPORT-LICENCE")
    async with app_as(owing, "li") as (app, pilot):
        await settle(pilot)
        app.open_deal(huawei)
        await settle(pilot, QUICK)
        line = f"notice {notice}, in effect 2027-01-01: 出口许可证申领材料调整 (EXPORT-LICENCE)"
        assert line in deal_text(app, "assessments")
        await pilot.press("2")
        await settle(pilot, QUICK)
        beside = " ".join(deal_text(app, "quote-status").split())
        assert "Policy notices" in beside and line in beside, beside
        assert "not yet acknowledged: N opens it to read and acknowledge (a)" in beside
