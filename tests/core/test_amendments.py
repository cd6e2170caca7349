"""Amending a contract's schedule as the people who agree terms with the client do it: the new
schedule becomes revision N with the old one kept, money received stays where it was, the totals
reconcile and the credit policy holds — and two amendments at once never overwrite each other."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.core.racing import Call, race
from tests.core.test_contracts import paid_deal
from zizhi.core import audit, clock
from zizhi.core.errors import InputError, UserError
from zizhi.core.people import users as people
from zizhi.core.pipeline import amendments, contracts, terminations
from zizhi.core.receivables import ledger

NUMBER = "ZZ-2026-0001"  # ¥2,862.00: ¥1,431.00 due 11-27 (paid), ¥1,431.00 due 12-08
LATER = [("2026-11-27", "1,431"), ("2026-12-15", "700"), ("2027-01-15", "731")]


def dump(desk) -> list[str]:
    return list(desk.store.conn.iterdump())


@pytest.fixture
def paid(li, finance):
    """Li Na's deal in payment: contract ZZ-2026-0001 signed, its prepayment received."""
    return paid_deal(li, finance)


def schedule(contract: dict) -> list[tuple]:
    return [(i["position"], i["due_on"], i["amount"], i["paid"]) for i in contract["instalments"]]


def test_the_balance_is_rescheduled_as_revision_1_and_the_old_schedule_is_kept(li, desk, paid):
    amended = amendments.amend(li, NUMBER, LATER, "补充协议：尾款分两期")
    assert (amended["amended"], amended["revision"], amended["total"]) == (1, 1, 286_200)
    assert schedule(amended) == [(1, "2026-11-27", 143_100, 143_100), (2, "2026-12-15", 70_000, 0),
                                 (3, "2027-01-15", 73_100, 0)]
    assert (amended["paid"], amended["outstanding"]) == (143_100, 143_100)
    [revision] = amended["revisions"]
    assert (revision["number"], revision["user"], revision["reason"]) == (1, "li", "补充协议：尾款分两期")
    kept = desk.store.one("SELECT old_schedule, new_schedule FROM contract_revisions")
    assert json.loads(kept["old_schedule"]) == [
        {"position": 1, "due_on": "2026-11-27", "amount": 143_100, "paid": 143_100, "written_off": 0},
        {"position": 2, "due_on": "2026-12-08", "amount": 143_100, "paid": 0, "written_off": 0}]
    assert len(json.loads(kept["new_schedule"])) == 3
    entry = audit.list_entries(desk, action="contract.amend")[0]
    assert entry["detail"]["old_schedule"] == [["2026-11-27", 143_100], ["2026-12-08", 143_100]]
    assert entry["detail"]["reason"] == "补充协议：尾款分两期"


def test_a_payment_after_the_amendment_fills_the_new_schedule_oldest_first(li, finance, paid):
    amendments.amend(li, NUMBER, LATER, "补充协议")
    after = contracts.record_payment(finance, NUMBER, "800")
    assert [i["paid"] for i in after["instalments"]] == [143_100, 70_000, 10_000]


def test_no_instalment_becomes_smaller_than_what_is_paid_on_it(li, finance, desk, paid):
    contracts.record_payment(finance, NUMBER, "500")
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        amendments.amend(li, NUMBER, [("2026-11-27", "1,431"), ("2026-12-15", "400"), ("2027-01-15", "1,031")], "改期")
    assert caught.value.message("en") == (
        "instalment 2: ¥400.00 is less than the ¥500.00 already recorded on it (¥500.00 paid, ¥0.00 written "
        "off); money received stays where it is — make it at least ¥500.00.")
    assert "已收款项不会挪动" in caught.value.message("zh")
    assert dump(desk) == before


def test_the_new_schedule_adds_up_to_the_total_and_a_new_total_meets_the_credit_policy(li, desk, paid):
    before = dump(desk)
    with pytest.raises(InputError, match="add up to ¥2,800.00 but the contract total is ¥2,862.00: ¥62.00 short"):
        amendments.amend(li, NUMBER, [("2026-11-27", "1,431"), ("2027-01-15", "1,369")], "改期")
    with pytest.raises(UserError, match="clients rated B must prepay 50% of the total \\(¥1,500.00\\)"):
        amendments.amend(li, NUMBER, [("2026-11-27", "1,431"), ("2027-01-15", "1,569")], "增项", total="3,000")
    assert dump(desk) == before
    grown = amendments.amend(li, NUMBER, [("2026-11-27", "1,500"), ("2027-01-15", "1,500")], "增加报检备案",
                             total="3,000")
    assert (grown["total"], grown["outstanding"], grown["prepayment_met"]) == (300_000, 156_900, False)
    assert grown["revisions"][0]["old_total"] == 286_200 and grown["revisions"][0]["new_total"] == 300_000


def test_a_larger_total_stays_within_the_credit_limit(li, desk, paid):
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        amendments.amend(li, NUMBER, [("2026-11-27", "125,000"), ("2027-01-15", "125,000")], "扩大范围",
                         total="250,000")
    assert caught.value.message("en").startswith(
        "credit: 宁波恒通进出口贸易有限公司")
    assert "may owe at most ¥200,000.00; already owed ¥1,431.00, and the amendment adds ¥247,138.00" in (
        caught.value.message("en"))
    assert dump(desk) == before


def test_an_instalment_with_money_on_record_is_never_dropped(li, finance, desk, paid):
    payment = ledger.record_payment(finance, None, "100", contract_ref=NUMBER)
    ledger.reverse_payment(finance, payment["id"], "录错客户")  # instalment 2 now owes all again, but has history
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        amendments.amend(li, NUMBER, [("2026-12-15", "2,862")], "合并为一期")
    assert caught.value.message("en") == (
        "contract ZZ-2026-0001: instalment 2 has payments or write-offs on record, so the new schedule must keep it; "
        "give at least 2 instalments (you gave 1).")
    assert dump(desk) == before


def test_an_untouched_instalment_may_be_merged_away(li, desk, paid):
    merged = amendments.amend(li, NUMBER, [("2026-11-27", "1,431"), ("2027-01-15", "1,431")], "延期")
    merged = amendments.amend(li, NUMBER, [("2026-12-31", "2,862")], "合并为一期", revision=1)
    assert schedule(merged) == [(1, "2026-12-31", 286_200, 143_100)]
    assert audit.list_entries(desk, action="contract.amend")[0]["detail"]["dropped"] == [2]


def test_refusals_name_the_rule_and_change_nothing(li, manager, desk, paid):
    before = dump(desk)
    cases = [
        (lambda: amendments.amend(li, NUMBER, LATER, " "), "reason: an amendment needs the reason"),
        (lambda: amendments.amend(li, NUMBER, [], "改期"), "instalment: an amendment gives the whole new schedule"),
        (lambda: amendments.amend(li, NUMBER, [("2026-11-27", "1,431"), ("2026-12-08", "1,431")], "无变化"),
         "contract ZZ-2026-0001: the new schedule and total are the ones it already has; nothing to amend."),
        (lambda: amendments.amend(li, NUMBER, [("2026-11-20", "1,431"), ("2026-12-08", "1,431")], "提前"),
         "instalment 1: due 2026-11-20, before contract ZZ-2026-0001 was signed (2026-11-27)"),
        (lambda: amendments.amend(li, NUMBER, LATER, "改期", total="-5"), "total: -¥5.00 is not a positive amount."),
    ]
    for amend, said in cases:
        with pytest.raises((InputError, UserError)) as caught:
            amend()
        assert caught.value.message("en").startswith(said), caught.value.message("en")
    assert dump(desk) == before


@pytest.mark.parametrize("role", ["finance", "operations"])
def test_finance_and_operations_do_not_reshape_a_schedule(desk, desk_as, paid, role):
    people.add_user(desk, "other", "同事", role)
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        amendments.amend(desk_as("other"), NUMBER, LATER, "改期")
    assert caught.value.key in ("contract.cannot_draw_up", "contract.not_found")
    assert dump(desk) == before


def test_legal_and_a_manager_may_amend(desk, desk_as, manager, paid):
    people.add_user(desk, "zhou", "周律师", "legal")
    amendments.amend(desk_as("zhou"), NUMBER, LATER, "法务审定的补充协议")
    assert amendments.amend(manager, NUMBER, [("2026-11-27", "1,431"), ("2027-02-26", "1,431")], "再次延期",
                            revision=1)["revision"] == 2


def test_a_terminated_contract_is_not_amended(li, manager, desk, paid):
    terminations.terminate(manager, NUMBER, "客户业务调整")
    before = dump(desk)
    with pytest.raises(UserError, match="has ended \\(cancelled\\), so its schedule is no longer amended"):
        amendments.amend(li, NUMBER, LATER, "改期")
    assert dump(desk) == before


def test_an_amendment_of_a_revision_since_replaced_is_refused(li, manager, desk, paid):
    amendments.amend(manager, NUMBER, LATER, "经理改期")
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        amendments.amend(li, NUMBER, [("2026-11-27", "1,431"), ("2027-03-01", "1,431")], "销售改期", revision=0)
    assert caught.value.message("en") == (
        "contract ZZ-2026-0001 was amended meanwhile: you read revision 0, it is now at revision 1 (zhao, "
        f"{clock.stamp()}); read it again with `zizhi contract show ZZ-2026-0001` and amend that.")
    assert dump(desk) == before


def test_the_database_itself_refuses_shrinking_a_paid_instalment_or_editing_a_revision(li, desk, paid):
    amendments.amend(li, NUMBER, LATER, "补充协议")
    conn = desk.store.conn
    with pytest.raises(sqlite3.IntegrityError, match="smaller than what is paid"):
        conn.execute("UPDATE instalments SET amount = 100 WHERE position = 1")
    with pytest.raises(sqlite3.IntegrityError, match="revisions are history"):
        conn.execute("UPDATE contract_revisions SET reason = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="revisions are history"):
        conn.execute("DELETE FROM contract_revisions")


def test_two_amendments_at_once_one_wins_and_the_other_is_refused(db_path, li, desk_as, paid):
    people.add_user(desk_as("boss"), "zhao", "赵经理", "manager")
    contract = contracts.get_contract(li, NUMBER)
    for round_ in range(2):  # the second time on a contract with a revision already
        read = contract["revision"]
        calls = [Call("li", "pipeline.amendments.amend",
                      (NUMBER, [("2026-11-27", "1,431"), (f"2027-0{round_ + 1}-15", "1,431")], "销售改期"),
                      (("revision", read),)),
                 Call("zhao", "pipeline.amendments.amend",
                      (NUMBER, [("2026-11-27", "1,431"), (f"2027-0{round_ + 1}-20", "1,431")], "经理改期"),
                      (("revision", read),))]
        outcomes = race(db_path, calls, clock.stamp())
        assert sorted(outcomes) == ["contract.amended_meanwhile", "ok"], outcomes
        contract = contracts.get_contract(li, NUMBER)
        assert contract["revision"] == read + 1
        winner = "销售改期" if outcomes[0] == "ok" else "经理改期"
        assert contract["revisions"][-1]["reason"] == winner


def test_two_amendments_at_once_without_a_revision_are_both_kept_in_order(db_path, li, desk_as, paid):
    people.add_user(desk_as("boss"), "zhao", "赵经理", "manager")
    calls = [Call("li", "pipeline.amendments.amend", (NUMBER, LATER, "销售改期")),
             Call("zhao", "pipeline.amendments.amend",
                  (NUMBER, [("2026-11-27", "1,431"), ("2027-02-26", "1,431")], "经理改期"))]
    assert race(db_path, calls, clock.stamp()) == ["ok", "ok"]
    rows = desk_as("boss").store.rows("SELECT number, old_schedule, new_schedule FROM contract_revisions ORDER BY number")
    assert [r["number"] for r in rows] == [1, 2]
    first_new = [(i["due_on"], i["amount"]) for i in json.loads(rows[0]["new_schedule"])]
    second_old = [(i["due_on"], i["amount"]) for i in json.loads(rows[1]["old_schedule"])]
    assert first_new == second_old  # the second saw the first: nothing overwritten unseen
