"""Each kind of reminder as the person who must act sees it on their agenda: it falls due on its
day and not the day before, is still there after a missed morning, and goes when it is dealt with
(the delay or the decision recorded, the visit done, the deal moved, the renewal opened, the
credit checked again, the calendar imported). Routing: an inactive owner's items go to the
managers, escalations reach them too; done and snooze hide one occurrence, and the next comes back."""

from __future__ import annotations

import json

import pytest

from tests.core.quoting import deal, legal, quote, send  # noqa: F401  (fixtures)
from tests.core.test_contracts import paid_deal, proposal_deal
from tests.core.test_delivery import NOTES, approved_deal
from tests.core.test_processing import finish_steps
from tests.core.test_workdays import YEAR_2027
from zizhi.core import clock
from zizhi.core.clients import interactions
from zizhi.core.clients import records as clients
from zizhi.core.credit import checks
from zizhi.core.people import users as people
from zizhi.core.pipeline import deals, delivery, processing, quotes
from zizhi.core.reminders import marks
from zizhi.core.reminders.agenda import KINDS, agenda, why
from zizhi.core.workdays import records


@pytest.fixture
def ops(desk, desk_as):
    people.add_user(desk, "sun", "孙运营", "operations")
    return desk_as("sun")


def due(desk, day: str, kind: str) -> list[tuple[str, str]]:
    """(person, key) of every reminder of ``kind`` due by the end of ``day``, on everyone's agenda."""
    return [(p["login"], r["key"]) for p in agenda(desk, day, kinds=[kind])["people"] for r in p["reminders"]]


def one(desk, day: str, kind: str, login: str) -> dict:
    found = [r for p in agenda(desk, day, kinds=[kind])["people"] if p["login"] == login for r in p["reminders"]]
    assert len(found) == 1, found
    return found[0]


def test_the_kinds_are_in_order_of_urgency_and_each_has_its_heading_in_both_languages():
    from zizhi.core.i18n import t

    assert KINDS == ("notice", "dunning", "processing_late", "follow_up", "visit", "quote_expiring", "quote_expired",
                     "stale_deal", "certificate_expiring", "credit_recheck", "risk_review", "quarterly_report",
                     "calendar_missing")
    for kind in KINDS:
        assert t(f"remind.kind.{kind}", "en") != f"remind.kind.{kind}" != t(f"remind.kind.{kind}", "zh")


# ---------------------------------------------------------------- processing late

@pytest.fixture
def handed(li, ops, finance):
    paid = paid_deal(li, finance)
    return processing.handover(li, paid["id"], "sun")


def test_processing_is_late_the_day_after_its_expected_date_until_a_delay_moves_it(desk, li, handed):
    expected, deal_id = handed["expected_on"], handed["deal_id"]
    day_after = _plus(expected, 1)
    assert due(desk, expected, "processing_late") == []
    key = f"processing_late:deal:{deal_id}:{day_after}"
    # the deal's owner and the operator handling the application, who chases it at the authority
    assert due(desk, day_after, "processing_late") == [("li", key), ("sun", key)]
    assert due(desk, _plus(expected, 3), "processing_late") == [("li", key), ("sun", key)]  # a missed morning catches up
    assert [r["key"] for r in agenda(desk, day_after, "sun", kinds=["processing_late"])["people"][0]["reminders"]] \
        == [key]  # the operator's own agenda (read narrowed to what they own or handle) has it too
    reminder = one(desk, day_after, "processing_late", "li")
    assert reminder["command"] == f"zizhi process delay {deal_id} --cause … --days … --told"
    assert why(reminder, "en").startswith(f"processing expected by {expected}, now late: ")
    assert "(operations: sun)" in why(reminder, "en")
    assert f"预计 {expected} 办结" in why(reminder, "zh")
    clock.set_now(f"{day_after} 09:00:00")
    moved = processing.delay(li, deal_id, "商务局系统升级暂停受理", 5, client_told=True)
    assert due(desk, day_after, "processing_late") == []
    later = _plus(moved["expected_on"], 1)
    assert due(desk, later, "processing_late")[0] == ("li", f"processing_late:deal:{deal_id}:{later}")  # a new one


def test_late_processing_reaches_the_managers_after_ten_working_days_and_goes_with_the_decision(
        desk, li, ops, manager, handed):
    from zizhi.core.workdays.days import add_workdays

    expected, deal_id = handed["expected_on"], handed["deal_id"]
    tenth = add_workdays(desk.store, expected, 10).isoformat()
    key = f"processing_late:deal:{deal_id}:{_plus(expected, 1)}"
    assert due(desk, _plus(tenth, -1), "processing_late") == [("li", key), ("sun", key)]
    assert due(desk, tenth, "processing_late") == [("li", key), ("sun", key), ("zhao", key)]
    assert one(desk, tenth, "processing_late", "zhao")["escalated"]
    clock.set_now(f"{tenth} 09:00:00")
    processing.outcome(ops, deal_id, "rejected", reason="经营范围不符")
    assert due(desk, tenth, "processing_late") == []


# ---------------------------------------------------------------- dunning

def test_a_debt_escalated_reaches_the_managers_and_finance_and_says_whose_it_is(desk, li, manager, finance):
    """The rulebook's early warning of bad debts (§7.2): finance hears of a debt at the ladder's last
    step; before that it is the owner's to chase. A copy names the owner it came from."""
    from tests.core.test_dunning import owing
    from zizhi.core.reminders.digest import body

    owing(li)  # ¥1,000.00 due 2026-09-28, unpaid
    assert {p["login"] for p in agenda(desk, "2026-10-13", kinds=["dunning"])["people"]} == {"li"}
    escalated = agenda(desk, "2027-01-20", kinds=["dunning"])["people"]
    assert {p["login"] for p in escalated} == {"li", manager.user["login"], finance.user["login"]}
    theirs = next(p for p in escalated if p["login"] == finance.user["login"])
    assert "‼ visit: ¥1,000.00 owed, 114 days overdue — 宁波海天国际贸易有限公司" in body(theirs, theirs["reminders"], "2027-01-20", "en")
    assert "(li's)" in body(theirs, theirs["reminders"], "2027-01-20", "en")
    mine = next(p for p in escalated if p["login"] == "li")
    assert "(li's)" not in body(mine, mine["reminders"], "2027-01-20", "en")


def test_a_policy_notice_leads_even_escalations_as_on_today(desk, li, manager, legal):  # noqa: F811
    """A policy change alters what may be promised in every item after it (rulebook §7.1, §7.2):
    it comes before the money, an escalated debt too — in the terminal and mail as on the app's
    Today, which shows the same list under a heading per kind."""
    from tests.core.test_dunning import owing
    from zizhi.core.compliance import notices
    from zizhi.core.reminders.digest import body

    owing(li)  # ¥1,000.00 due 2026-09-28, unpaid: the letter is due on 2026-11-13
    notice = notices.add_notice(legal, "出口许可证申领材料调整", "须附最终用户证明", "2027-01-01",
                                ["EXPORT-LICENCE"], "商务部公告2026年第45号")

    def kinds(login: str, day: str) -> list[tuple[str, bool]]:
        found = agenda(desk, day, kinds=["dunning", "notice"])["people"]
        return [(r["kind"], r["escalated"]) for p in found if p["login"] == login for r in p["reminders"]]

    assert kinds("li", "2026-11-27") == [("notice", False), ("dunning", False)]
    assert kinds(manager.user["login"], "2027-01-20") == [("notice", False), ("dunning", True)]
    from zizhi.tui.widgets.agenda_table import grouped, is_heading

    theirs = next(p for p in agenda(desk, "2027-01-20")["people"] if p["login"] == manager.user["login"])
    assert [row for row in grouped(theirs["reminders"]) if not is_heading(row)] == theirs["reminders"]
    mine = next(p for p in agenda(li, "2026-11-27", "li")["people"])
    said = body(mine, mine["reminders"], "2026-11-27", "en").splitlines()
    assert f"zizhi notice ack {notice['id']}" in said[2], "the mail and the terminal say it first too"


# ---------------------------------------------------------------- visits

def test_a_visit_is_due_on_its_day_and_gone_once_done(desk, li, ops, finance):
    approved = approved_deal(li, finance)
    delivery.deliver(ops, approved["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES)
    delivery.deliver(ops, approved["id"], "CUSTOMS-REG", "3302960ABC", "2026-11-26", NOTES)
    first = delivery.list_visits(li)[0]
    assert first["due_on"] == "2026-12-27"  # 30 days after the delivery
    assert due(desk, "2026-12-26", "visit") == []
    key = f"visit:visit:{first['id']}:2026-12-27"
    assert due(desk, "2026-12-27", "visit") == [("li", key)]
    assert due(desk, "2026-12-30", "visit") == [("li", key)]
    assert one(desk, "2026-12-30", "visit", "li")["command"].startswith(f"zizhi visit done {first['id']} ")
    clock.set_now("2026-12-30 10:00:00")
    delivery.visit_done(li, first["id"], 5, remarks="使用顺利")
    assert due(desk, "2026-12-30", "visit") == []


# ---------------------------------------------------------------- quotes

def test_a_sent_quote_warns_three_days_ahead_then_lapses_until_a_new_version(desk, li, deal, quote, send):  # noqa: F811
    sent = send(quote)
    assert sent["valid_until"] == "2026-12-27"
    number = f"{deal['id']}-v1"
    assert due(desk, "2026-12-23", "quote_expiring") == []
    expiring = f"quote_expiring:quote:{quote['id']}:2026-12-24"
    assert due(desk, "2026-12-24", "quote_expiring") == [("li", expiring)]
    assert due(desk, "2026-12-27", "quote_expiring") == [("li", expiring)]  # its last valid day
    assert "valid until 2026-12-27:" in why(one(desk, "2026-12-27", "quote_expiring", "li"), "en")
    assert one(desk, "2026-12-27", "quote_expiring", "li")["command"] == f"zizhi quote accept {number} --note …"
    # lapsed: no longer expiring, but lapsed unanswered — whether or not the expiry run recorded it
    assert due(desk, "2026-12-28", "quote_expiring") == []
    lapsed = f"quote_expired:quote:{quote['id']}:2026-12-28"
    assert due(desk, "2026-12-28", "quote_expired") == [("li", lapsed)]
    clock.set_now("2027-01-04 09:00:00")
    assert [q["id"] for q in quotes.expire_overdue(desk)] == [quote["id"]]
    assert due(desk, "2027-01-04", "quote_expired") == [("li", lapsed)]
    assert one(desk, "2027-01-04", "quote_expired", "li")["command"] == f"zizhi quote new {deal['id']}"
    quotes.new_quote(li, deal["id"])
    assert due(desk, "2027-01-04", "quote_expired") == []


def test_an_accepted_quote_is_no_longer_about_to_expire(desk, li, quote, send):  # noqa: F811
    send(quote)
    clock.set_now("2026-12-25 09:00:00")
    assert len(due(desk, "2026-12-25", "quote_expiring")) == 1
    quotes.accept_quote(li, quote["id"], "客户邮件确认")
    assert due(desk, "2026-12-25", "quote_expiring") == []
    assert due(desk, "2026-12-28", "quote_expired") == []


# ---------------------------------------------------------------- stuck deals

def test_a_deal_is_stuck_after_its_stages_days_until_it_moves_or_the_client_is_heard(desk, li):
    client, _ = clients.add_client(li, name="宁波恒通进出口贸易有限公司", channel="trade_show")
    opened = deals.open_deal(li, str(client["id"]), ["TRADE-RIGHTS"])
    stuck = f"stale_deal:deal:{opened['id']}:2026-12-01"  # inquiry: stuck after 3 days, from the 27th
    assert due(desk, "2026-11-30", "stale_deal") == []
    assert due(desk, "2026-12-01", "stale_deal") == [("li", stuck)]
    assert due(desk, "2026-12-03", "stale_deal") == [("li", stuck)]
    reminder = one(desk, "2026-12-03", "stale_deal", "li")
    assert why(reminder, "en").startswith(
        f"宁波恒通进出口贸易有限公司: deal {opened['id']} in inquiry since 2026-11-27, stuck after 3 days (")
    assert "停留在「咨询接待」，超过 3 天即为停滞" in why(reminder, "zh")
    assert reminder["command"] == f"zizhi deal move {opened['id']} assessment"
    clock.set_now("2026-12-03 10:00:00")
    interactions.log_interaction(li, str(client["id"]), "phone", "客户询问办理周期")
    assert due(desk, "2026-12-03", "stale_deal") == []  # heard today: its clock restarts
    assert due(desk, "2026-12-07", "stale_deal") == [("li", f"stale_deal:deal:{opened['id']}:2026-12-07")]
    clock.set_now("2026-12-07 10:00:00")
    deals.assess(li, opened["id"], "需求合理")
    deals.move(li, opened["id"], "assessment")
    assert due(desk, "2026-12-07", "stale_deal") == []
    assert due(desk, "2026-12-13", "stale_deal") == [("li", f"stale_deal:deal:{opened['id']}:2026-12-13")]


# ---------------------------------------------------------------- certificates

@pytest.fixture
def certificate(li, ops, finance) -> dict:
    approved = approved_deal(li, finance, codes=("TRADE-RIGHTS",))
    return delivery.deliver(ops, approved["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES,
                            expires_on="2027-03-31")


def test_a_certificate_warns_at_each_threshold_until_the_renewal_deal_is_opened(desk, li, certificate):
    ninety, thirty = (f"certificate_expiring:certificate:{certificate['id']}:{days}:{day}"
                      for days, day in ((90, "2026-12-31"), (30, "2027-03-01")))
    assert due(desk, "2026-12-30", "certificate_expiring") == []
    assert due(desk, "2026-12-31", "certificate_expiring") == [("li", ninety)]
    assert due(desk, "2027-02-28", "certificate_expiring") == [("li", ninety)]
    assert due(desk, "2027-03-01", "certificate_expiring") == [("li", thirty)]  # the nearer one replaces it
    assert due(desk, "2027-03-31", "certificate_expiring") == [("li", thirty)]
    assert due(desk, "2027-04-01", "certificate_expiring") == []  # expired: no longer a renewal to chase
    reminder = one(desk, "2027-03-01", "certificate_expiring", "li")
    assert reminder["command"] == f"zizhi deal new --client {certificate['client_id']} -q TRADE-RIGHTS"
    assert why(reminder, "en").startswith("TRADE-RIGHTS certificate expires on 2027-03-31: ")
    clock.set_now("2027-03-02 09:00:00")
    deals.open_deal(li, str(certificate["client_id"]), ["TRADE-RIGHTS"])
    assert due(desk, "2027-03-02", "certificate_expiring") == []


def test_marking_one_threshold_done_leaves_the_next_to_come(desk, li, certificate):
    clock.set_now("2027-01-05 09:00:00")
    ninety = one(desk, "2027-01-05", "certificate_expiring", "li")["key"]
    marks.mark_done(li, ninety)
    assert due(desk, "2027-01-05", "certificate_expiring") == []
    assert due(desk, "2027-03-01", "certificate_expiring") == [
        ("li", f"certificate_expiring:certificate:{certificate['id']}:30:2027-03-01")]


# ---------------------------------------------------------------- credit

def test_a_rating_is_due_for_its_recheck_while_the_client_has_a_deal_under_way(desk, li):
    rated = proposal_deal(li, rating="C")  # checked today, 27 November; C is re-checked every 90 days
    key = f"credit_recheck:client:{rated['client_id']}:2027-02-25"
    assert due(desk, "2027-02-24", "credit_recheck") == []
    assert due(desk, "2027-02-25", "credit_recheck") == [("li", key)]
    assert due(desk, "2027-03-10", "credit_recheck") == [("li", key)]
    assert one(desk, "2027-03-10", "credit_recheck", "li")["command"].startswith(
        f"zizhi credit check {rated['client_id']} ")
    clock.set_now("2027-03-10 09:00:00")
    checks.record_check(li, str(rated["client_id"]), "B", "registry", notes="复查无异常")
    assert due(desk, "2027-03-10", "credit_recheck") == []
    deals.lose(li, rated["id"], "客户选择其他代理")
    assert due(desk, "2027-09-10", "credit_recheck") == []  # nothing under way, nothing owed: no need


# ---------------------------------------------------------------- the holiday calendar

def test_the_admins_are_told_from_1_november_until_next_years_calendar_is_imported(desk, li, tmp_path):
    admins = [u["login"] for u in people.list_users(desk) if u["role"] == "admin"]
    assert "boss" in admins and "li" not in admins
    key = "calendar_missing:year:2027:2026-11-01"
    assert due(desk, "2026-10-31", "calendar_missing") == []
    assert due(desk, "2026-11-01", "calendar_missing") == [(admin, key) for admin in sorted(admins)]
    assert due(desk, "2026-12-03", "calendar_missing") == [(admin, key) for admin in sorted(admins)]
    assert one(desk, "2026-12-03", "calendar_missing", "boss")["command"] == "zizhi calendar import 2027.json"
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    records.import_file(desk, path)
    assert due(desk, "2026-12-03", "calendar_missing") == []


# ---------------------------------------------------------------- routing, done and snooze

def test_a_deactivated_owners_reminders_go_to_the_managers(desk, li, wang, manager):
    client, _ = clients.add_client(li, name="宁波恒通进出口贸易有限公司", channel="trade_show")
    opened = deals.open_deal(desk, str(client["id"]), ["TRADE-RIGHTS"], owner="wang")  # li's client, wang's deal
    key = f"stale_deal:deal:{opened['id']}:2026-12-01"
    assert due(desk, "2026-12-01", "stale_deal") == [("wang", key)]
    people.edit_user(desk, "wang", active=False)
    assert due(desk, "2026-12-01", "stale_deal") == [("zhao", key)]


def test_snoozed_until_a_day_it_comes_back_then_with_the_same_key(desk, li):
    client, _ = clients.add_client(li, name="宁波恒通进出口贸易有限公司", channel="trade_show")
    opened = deals.open_deal(li, str(client["id"]), ["TRADE-RIGHTS"])
    key = f"stale_deal:deal:{opened['id']}:2026-12-01"
    clock.set_now("2026-12-01 09:00:00")
    marks.snooze(li, key, "2026-12-04")
    assert due(desk, "2026-12-03", "stale_deal") == []
    assert due(desk, "2026-12-04", "stale_deal") == [("li", key)]


def test_every_kind_says_why_in_both_languages_with_nothing_left_unfilled(desk, li, ops, finance, tmp_path):
    """One morning with a reminder of each kind of the deal and client, said in English and Chinese."""
    paid = paid_deal(li, finance)
    processing.handover(li, paid["id"], "sun")
    finish_steps(li, paid["id"])
    processing.outcome(ops, paid["id"], "approved")
    for code, number in (("TRADE-RIGHTS", "03187654"), ("CUSTOMS-REG", "3302960ABC")):
        delivery.deliver(ops, paid["id"], code, number, "2026-11-25", NOTES, expires_on="2027-02-15")
    proposal_deal(li, rating="D")
    said = [(r["kind"], why(r, lang)) for p in agenda(desk, "2027-01-20")["people"] for r in p["reminders"]
            for lang in ("en", "zh")]
    kinds = {kind for kind, _ in said}
    assert {"visit", "stale_deal", "certificate_expiring", "credit_recheck"} <= kinds
    assert all("{" not in text and "remind." not in text and "stage." not in text for _, text in said), said


def test_a_persons_own_agenda_is_exactly_their_share_of_everyones(desk, li, wang, manager, ops, finance):
    """The app's Today reads a salesperson's own records only; it must miss nothing routing gives them."""
    paid = paid_deal(li, finance)
    processing.handover(li, paid["id"], "sun")
    proposal_deal(li, rating="D")
    client, _ = clients.add_client(li, name="宁波恒通进出口贸易有限公司", channel="trade_show")
    deals.open_deal(desk, str(client["id"]), ["TRADE-RIGHTS"], owner="wang")  # stuck: its owner leaves
    people.edit_user(desk, "wang", active=False)
    everyone = agenda(desk, "2027-01-20")["people"]
    assert any(p["reminders"] for p in everyone if p["login"] == "li")
    for person in ("li", "wang", manager.user["login"], "sun"):
        share = [r["key"] for p in everyone if p["login"] == person for r in p["reminders"]]
        own = [r["key"] for p in agenda(desk, "2027-01-20", person=person)["people"] for r in p["reminders"]]
        assert own == share, person


def _plus(day: str, days: int) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
