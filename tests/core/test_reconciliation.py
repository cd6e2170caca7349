"""Month-end reconciliation: opening + new − received + reversed + refunded − written off is the
closing, per client and in total, to the fen; the closing owed is the aging total; finance marks
the month, and a later change reaching back into it is flagged in the report and the audit trail."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.racing import Call, race
from tests.core.test_ledger import signed
from zizhi.core import clock
from zizhi.core.errors import InputError, Refused, UserError
from zizhi.core.people import users as people
from zizhi.core.receivables import aging, ledger
from zizhi.core.receivables.reconciliation import mark_reconciled, reconcile


def adds_up(report: dict) -> None:
    """The identity on every row and on the totals; the rows add up to the totals."""
    for row in [*report["rows"], report["totals"]]:
        assert row["closing"] == (row["opening"] + row["new"] - row["received"] + row["reversed"] + row["refunded"]
                                  - row["written_off"]), row
        assert row["closing"] == row["closing_owed"] - row["closing_credit"]
    for figure, total in report["totals"].items():
        assert sum(row[figure] for row in report["rows"]) == total


def owed_by_aging(desk, day: str) -> dict[int, int]:
    return {row["client_id"]: row["total"] for row in aging.aging(desk, as_of=day)["rows"]}


@pytest.fixture
def november(finance, manager, two):  # noqa: F811
    """November's ledger: payments, a reversal, credit, a refund and a write-off."""
    first, second = two
    client = first["client_id"]
    ledger.record_payment(finance, client, first["instalments"][0]["amount"], "2026-11-20")
    mistaken = ledger.record_payment(finance, client, 50_000, "2026-11-21")
    ledger.reverse_payment(finance, mistaken["id"], "重复登记", "2026-11-25")
    ledger.record_payment(finance, client, first["instalments"][1]["amount"] + 10_000, "2026-11-26")
    ledger.refund(finance, client, "20", "多付退回", "2026-11-27")
    ledger.write_off(manager, f"{second['number']}:2", "客户破产", "100", "2026-11-27")
    return first, second


def test_a_month_adds_up_and_closes_on_the_aging_total(finance, november):
    first, second = november
    report = reconcile(finance, "2026-11")
    adds_up(report)
    (row,) = report["rows"]
    assert (row["opening"], row["new"], row["received"], row["reversed"], row["refunded"], row["written_off"]) == (
        0, first["total"] + second["total"], 143_100 + 50_000 + 153_100, 50_000, 2_000, 10_000)
    assert row["due"] == 143_100 + 143_100 + 53_000  # fallen due in November: shown, not added
    assert row["closing_owed"] == owed_by_aging(finance, "2026-11-30")[row["client_id"]]
    assert row["closing_credit"] == 8_000
    assert report["reconciled"] is None


def test_december_opens_on_novembers_closing(finance, november):
    clock.set_now("2027-01-05 09:00:00")
    ledger.record_payment(finance, november[0]["client_id"], 30_000, "2026-12-10")
    nov, dec = reconcile(finance, "2026-11"), reconcile(finance, "2026-12")
    adds_up(dec)
    assert dec["totals"]["opening"] == nov["totals"]["closing"]
    assert dec["totals"]["closing_owed"] == sum(owed_by_aging(finance, "2026-12-31").values())


def test_a_salesperson_reconciles_their_own_clients_only(li, wang, finance, november):
    assert [row["name"] for row in reconcile(li, "2026-11")["rows"]] == ["宁波海天国际贸易有限公司"]
    assert reconcile(wang, "2026-11")["rows"] == [] and reconcile(wang, "2026-11")["all_clients"] is False


def test_finance_marks_a_month_once_it_is_over_and_a_later_change_is_flagged(finance, manager, li, november, desk):
    with pytest.raises(UserError, match="2026-11 is not over until 2026-11-30"):
        mark_reconciled(finance, "2026-11")
    clock.set_now("2026-12-02 10:00:00")
    for who in (li, manager):
        with pytest.raises(Refused, match="Only finance"):
            mark_reconciled(who, "2026-11")
    with pytest.raises(InputError, match="not a month"):
        mark_reconciled(finance, "2026/11")
    marked = mark_reconciled(finance, "2026-11")
    assert marked["reconciled"]["by"] == "qian" and marked["reconciled"]["changed"] is False
    assert marked["reconciled"]["totals"] == marked["totals"]
    with pytest.raises(UserError, match="reconciled on 2026-12-02 10:00:00 by qian and nothing has changed"):
        mark_reconciled(finance, "2026-11")
    ledger.record_payment(finance, november[0]["client_id"], 1_000, "2026-12-01")  # December's: no change
    assert reconcile(finance, "2026-11")["reconciled"]["changed"] is False

    clock.set_now("2026-12-03 11:00:00")
    late = ledger.record_payment(finance, november[0]["client_id"], 5_000, "2026-11-29", reference="ICBC-LATE")
    report = reconcile(finance, "2026-11")
    mark = report["reconciled"]
    assert mark["changed"] and mark["changes"] == [
        {"kind": "payment", "ref": late["id"], "date": "2026-11-29", "at": "2026-12-03 11:00:00", "amount": 5_000,
         "client": "宁波海天国际贸易有限公司"}]
    assert mark["differences"]["received"] == [marked["totals"]["received"], marked["totals"]["received"] + 5_000]
    assert reconcile(li, "2026-11")["reconciled"]["changes"][0]["ref"] == late["id"]  # her client's
    assert reconcile(li, "2026-11")["reconciled"]["differences"] == {}  # totals are finance's to compare
    entry = desk.store.rows("SELECT detail FROM audit WHERE action = 'payment.record' ORDER BY id DESC LIMIT 1")[0]
    assert json.loads(entry["detail"])["reconciled_periods_changed"] == [["2026-11", "2026-12-02 10:00:00"]]
    first_entry = desk.store.rows("SELECT detail FROM audit WHERE action = 'payment.record' ORDER BY id DESC LIMIT 1 "
                                  "OFFSET 1")[0]
    assert "reconciled_periods_changed" not in json.loads(first_entry["detail"])

    again = mark_reconciled(finance, "2026-11")
    assert again["reconciled"]["changed"] is False and again["reconciled"]["at"] == "2026-12-03 11:00:00"
    marks = desk.store.rows("SELECT detail FROM audit WHERE action = 'period.reconcile' ORDER BY id")
    assert len(marks) == 2 and json.loads(marks[1]["detail"])["marked_again_after"] == "2026-12-02 10:00:00"


def test_the_marks_are_append_only(finance, november):
    import sqlite3

    clock.set_now("2026-12-02 10:00:00")
    mark_reconciled(finance, "2026-11")
    for statement in ("UPDATE reconciled_periods SET totals = '{}'", "DELETE FROM reconciled_periods"):
        with pytest.raises(sqlite3.IntegrityError):
            finance.store.conn.execute(statement)


def test_two_clerks_marking_at_once_leave_one_mark(db_path, finance, desk_as, november):
    people.add_user(desk_as("boss"), "sun", "孙丽", "finance")
    clock.set_now("2026-12-02 10:00:00")
    outcomes = race(db_path, [Call(login, "receivables.reconciliation.mark_reconciled", ("2026-11",))
                              for login in ("qian", "sun")], clock.stamp())
    assert sorted(outcomes) == ["ar.already_reconciled", "ok"], outcomes
    assert finance.store.scalar("SELECT count(*) FROM reconciled_periods") == 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["pay", "pay_other", "reverse", "credit", "refund", "write_off"]),
                                st.integers(1, 300_000), st.integers(0, 12)), min_size=1, max_size=12))
def test_any_ledger_adds_up_month_by_month(finance, manager, li, two, steps):  # noqa: F811
    """Two clients, days moving forward over three months: every month adds up, opens on the
    last one's closing, and closes on the aging report's figures, client by client."""
    first, second = two
    other = signed(li, "杭州远景贸易有限公司")
    clients, made = (first["client_id"], other["client_id"]), []
    day = clock.today()
    for kind, amount, gap in steps:
        day = day.fromordinal(day.toordinal() + gap)
        clock.set_now(f"{day.isoformat()} 09:00:00")
        client = clients[kind == "pay_other"]
        try:
            if kind.startswith("pay"):
                made.append(ledger.record_payment(finance, client, amount)["id"])
            elif kind == "reverse" and made:
                ledger.reverse_payment(finance, made.pop(amount % len(made)), "测试")
            elif kind == "credit":
                ledger.apply_credit(finance, clients[amount % 2])
            elif kind == "refund":
                ledger.refund(finance, clients[amount % 2], amount, "退款")
            elif kind == "write_off":
                contract = (first, second, other)[amount % 3]
                ledger.write_off(manager, f"{contract['number']}:{amount % 2 + 1}", "核销", amount % 50_000 + 1)
        except (UserError, InputError):
            pass
    previous = None
    for month, last in (("2026-11", "2026-11-30"), ("2026-12", "2026-12-31"), ("2027-01", "2027-01-31")):
        report = reconcile(finance, month)
        adds_up(report)
        assert {row["client_id"]: row["closing_owed"] for row in report["rows"] if row["closing_owed"]} == \
            owed_by_aging(finance, last)
        if previous:
            assert report["totals"]["opening"] == previous["totals"]["closing"]
        previous = report
