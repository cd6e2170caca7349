"""Policy notices as legal and the team meet them: legal records a change naming catalogue codes
(an unknown code refused, nothing written); it is on every active colleague's agenda until they
acknowledge it, and gone after; an acknowledgement is kept once, timestamped and audited; legal
sees who has and has not read it; a deal touching an affected qualification shows it."""

from __future__ import annotations

import pytest

from zizhi.core import audit, clock
from zizhi.core.compliance import notices
from zizhi.core.errors import InputError, Refused, UserError
from zizhi.core.people import users as people
from zizhi.core.reminders import marks
from zizhi.core.reminders.agenda import agenda

TITLE = "出口许可证申领材料调整"


def add(desk, codes=("EXPORT-LICENCE", "TRADE-RIGHTS"), title=TITLE) -> dict:
    return notices.add_notice(desk, title, "自2027年起须附最终用户证明", "2027-01-01", list(codes),
                              "商务部公告2026年第45号")


def keys(desk, login: str, day: str = "2026-11-27") -> list[str]:
    """The notice reminders on ``login``'s own agenda."""
    return [r["key"] for p in agenda(desk, day, login, kinds=["notice"])["people"] for r in p["reminders"]]


def test_legal_records_a_notice_with_its_codes_and_is_taken_to_have_read_it(legal, desk):
    notice = add(legal, codes=["export-licence", "TRADE-RIGHTS,EXPORT-LICENCE"])
    assert (notice["title"], notice["effective_on"], notice["codes"], notice["source"], notice["created_by"]) == (
        TITLE, "2027-01-01", ["EXPORT-LICENCE", "TRADE-RIGHTS"], "商务部公告2026年第45号", "zhou")
    assert notice["acknowledged_at"] == "2026-11-27 09:00:00"
    assert [p["login"] for p in notice["acknowledged"]] == ["zhou"]
    assert audit.list_entries(desk, action="notice.add")[0]["detail"]["codes"] == ["EXPORT-LICENCE", "TRADE-RIGHTS"]


def test_an_unknown_code_is_refused_naming_it_and_nothing_is_written(legal, rows):
    with pytest.raises(InputError) as refused:
        add(legal, codes=["TRADE-RIGHTS", "EXPORT-LICENSE"])
    said = refused.value.message("en")
    assert said.startswith("code: 'EXPORT-LICENSE' is not a qualification of the catalogue (") and "EXPORT-LICENCE" in said
    assert rows(legal, "policy_notices") == rows(legal, "notice_codes") == rows(legal, "notice_acks") == 0


def test_a_salesperson_or_a_manager_does_not_record_notices(li, manager, rows):
    for desk in (li, manager):
        with pytest.raises(Refused):
            add(desk)
    assert rows(li, "policy_notices") == 0


def test_a_notice_is_on_everyones_agenda_until_acknowledged_and_gone_after(legal, li, desk):
    notice = add(legal)
    key = f"notice:notice:{notice['id']}:2026-11-27"
    assert keys(li, "li") == [key]
    [reminder] = [r for p in agenda(li, "2026-11-27", "li", kinds=["notice"])["people"] for r in p["reminders"]]
    assert (reminder["command"], reminder["owner"]) == (f"zizhi notice ack {notice['id']}", "li")
    everyone = {p["login"] for p in agenda(desk, "2026-11-27", kinds=["notice"])["people"]}
    assert "li" in everyone and "boss" in everyone and "zhou" not in everyone  # legal wrote it
    clock.set_now("2026-12-02 10:00:00")
    assert keys(li, "li", "2026-12-02") == [key]  # still there days later
    done = notices.acknowledge(li, notice["id"])
    assert (done["already"], done["acknowledged_at"]) == (False, "2026-12-02 10:00:00")
    assert keys(li, "li", "2026-12-02") == []
    assert "li" not in {p["login"] for p in agenda(desk, "2026-12-02", kinds=["notice"])["people"]}


def test_a_notice_recorded_later_in_the_day_is_not_due_the_day_before(legal, li):
    add(legal)
    assert keys(li, "li", "2026-11-26") == []


def test_acknowledging_again_records_nothing_and_says_when(legal, li, desk):
    notice = add(legal)
    notices.acknowledge(li, notice["id"])
    clock.set_now("2026-11-28 09:00:00")
    again = notices.acknowledge(li, notice["id"])
    assert (again["already"], again["acknowledged_at"]) == (True, "2026-11-27 09:00:00")
    assert len(audit.list_entries(desk, action="notice.ack")) == 1
    with pytest.raises(Exception):  # the acknowledgement is kept as given, even from an SQLite shell
        with li.store.unit_of_work() as db:
            db.execute("DELETE FROM notice_acks")


def test_marking_a_notice_done_is_refused_naming_the_acknowledgement(legal, li):
    notice = add(legal)
    with pytest.raises(UserError) as refused:
        marks.mark_done(li, f"notice:notice:{notice['id']}:2026-11-27")
    assert f"zizhi notice ack {notice['id']}" in refused.value.message("en")
    snoozed = marks.snooze(li, f"notice:notice:{notice['id']}:2026-11-27", "2026-11-30")
    assert snoozed["state"] == "snoozed" and keys(li, "li") == []


def test_legal_sees_who_has_and_has_not_read_it_a_salesperson_only_their_own(legal, li, manager):
    notice = add(legal)
    notices.acknowledge(li, notice["id"])
    shown = notices.get_notice(legal, notice["id"])
    assert [(p["login"], p["at"]) for p in shown["acknowledged"]] == [("li", "2026-11-27 09:00:00"),
                                                                       ("zhou", "2026-11-27 09:00:00")]
    pending = [p["login"] for p in shown["pending"]]
    assert "zhao" in pending and "boss" in pending and "li" not in pending
    assert "pending" in notices.get_notice(manager, notice["id"])
    mine = notices.get_notice(li, notice["id"])
    assert "pending" not in mine and "acknowledged" not in mine and mine["acknowledged_at"]


def test_a_colleague_who_left_is_not_waited_for(legal, li, desk):
    notice = add(legal)
    people.edit_user(desk, "li", active=False)
    assert "li" not in [p["login"] for p in notices.get_notice(legal, notice["id"])["pending"]]
    assert "li" not in {p["login"] for p in agenda(desk, "2026-11-27", kinds=["notice"])["people"]}


def test_my_list_puts_what_i_have_not_read_first_and_legal_sees_the_counts(legal, li):
    first = add(legal, title="第一号")
    clock.set_now("2026-11-28 09:00:00")
    second = add(legal, title="第二号")
    clock.set_now("2026-11-29 09:00:00")
    third = add(legal, title="第三号")
    notices.acknowledge(li, third["id"])
    assert [n["id"] for n in notices.list_notices(li)] == [second["id"], first["id"], third["id"]]
    assert [n["id"] for n in notices.list_notices(li, pending_only=True)] == [second["id"], first["id"]]
    assert "expected" not in notices.list_notices(li)[0]
    counts = {n["id"]: (n["acknowledged"], n["expected"]) for n in notices.list_notices(legal)}
    active = legal.store.scalar("SELECT count(*) FROM users WHERE active = 1")
    assert counts == {first["id"]: (1, active), second["id"]: (1, active), third["id"]: (2, active)}


def test_a_deal_touching_an_affected_qualification_shows_the_notice(legal, li, deal):
    touching = add(legal, codes=["TRADE-RIGHTS"])
    add(legal, codes=["EXPORT-LICENCE"], title="与本商机无关")
    found = notices.affecting(li, [q["code"] for q in deal["qualifications"]])
    assert [(n["id"], n["codes"], n["acknowledged_at"]) for n in found] == [(touching["id"], ["TRADE-RIGHTS"], None)]
    notices.acknowledge(li, touching["id"])
    assert notices.affecting(li, ["TRADE-RIGHTS", "CUSTOMS-REG"])[0]["acknowledged_at"] == "2026-11-27 09:00:00"
    assert notices.affecting(li, ["CIQ-FILING"]) == [] and notices.affecting(li, []) == []


def test_the_demo_has_a_notice_on_everyones_agenda_and_risks_in_the_register(desk):
    from zizhi.core.compliance import risks
    from zizhi.core.demo import fill_demo

    fill_demo(desk, clients=20, seed=7)
    latest = notices.list_notices(desk)[0]
    assert latest["acknowledged"] == 1 and latest["expected"] > 9  # legal wrote it; the team has yet to read it
    on_agendas = {p["login"] for p in agenda(desk, kinds=["notice"])["people"]}
    assert {"wang.fang", "li.qiang", "liu.yang", "sun.li", "wu.hao"} <= on_agendas and "zhou.jing" not in on_agendas
    assert risks.heat_map(desk)["total"] == 8 and agenda(desk, kinds=["risk_review"])["people"]
    fill_demo(desk, clients=5, add=True)  # filled again: no second set
    assert len(notices.list_notices(desk)) == 3
