"""The receivables ledger as finance uses it: a payment fills the oldest instalments first, the
rest waits as credit, a mistaken payment is reversed and not deleted, a refund never exceeds the
credit, a manager writes off — and on any past day the books read as they stood then."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_contracts import ready_deal
from zizhi.core import clock
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.people import users as people
from zizhi.core.pipeline import contracts
from zizhi.core.receivables import aging, ledger


def signed(sales, name: str) -> dict:
    """A signed contract of ``sales`` for a new client: two instalments, the first due today."""
    deal = ready_deal(sales, name=name)
    contract = contracts.new_contract(sales, deal["id"])
    contracts.sign(sales, contract["id"])
    return contracts.get_contract(sales, contract["id"])


def owed(contract: dict) -> list[int]:
    return [i["amount"] - i["paid"] - i["written_off"] for i in contract["instalments"]]


def test_a_payment_fills_the_oldest_instalments_of_all_the_clients_contracts_and_keeps_the_rest(finance, two):
    first, second = two
    total = first["total"] + second["total"]
    payment = ledger.record_payment(finance, first["client_id"], total + 5_000, "2026-11-27", reference="ICBC-7")
    assert payment["unused"] == 5_000
    # due 11-17, 11-24 (the first contract), 11-27, 12-02 (the second): oldest due first
    assert [(a["contract"], a["position"]) for a in payment["allocations"]] == [
        (first["number"], 1), (first["number"], 2), (second["number"], 1), (second["number"], 2)]
    for contract in two:
        assert owed(contracts.get_contract(finance, contract["id"])) == [0, 0]
    position = ledger.balance(finance, first["client_id"])
    assert (position["owed"], position["credit"]) == (0, 5_000)


def test_credit_pays_a_later_instalment_and_a_refund_never_exceeds_it(finance, two):
    first, second = two
    client = first["client_id"]
    ledger.record_payment(finance, client, first["total"] + 1_000, "2026-11-27", contract_ref=first["id"])
    assert ledger.balance(finance, client)["credit"] == 1_000
    ledger.apply_credit(finance, client)
    after = contracts.get_contract(finance, second["id"])
    assert after["paid"] == 1_000 and ledger.balance(finance, client)["credit"] == 0
    with pytest.raises(UserError, match="no credit on account"):
        ledger.apply_credit(finance, client)
    ledger.record_payment(finance, client, second["total"], "2026-11-27", contract_ref=second["id"])
    with pytest.raises(UserError, match="more than their credit on account"):
        ledger.refund(finance, client, "10.01", "多付退回")
    assert ledger.refund(finance, client, "10.00", "多付退回")["credit"] == 0


def test_a_reversed_payment_stops_paying_and_its_row_stays(finance, two, rows):
    first, _ = two
    payment = ledger.record_payment(finance, None, first["instalments"][0]["amount"], "2026-11-20",
                                    contract_ref=first["id"])
    reversed_ = ledger.reverse_payment(finance, payment["id"], "重复登记", "2026-11-25")
    assert reversed_["reversal"] == {"on_date": "2026-11-25", "reason": "重复登记"}
    assert contracts.get_contract(finance, first["id"])["paid"] == 0
    assert rows(finance, "payments") == 1 and rows(finance, "allocations") == 1
    with pytest.raises(UserError, match="already reversed on 2026-11-25"):
        ledger.reverse_payment(finance, payment["id"], "again")
    # between the payment and its reversal the books showed it paid
    assert ledger.balance(finance, first["client_id"], as_of="2026-11-22")["owed"] == first["instalments"][1]["amount"]
    assert ledger.balance(finance, first["client_id"], as_of="2026-11-26")["owed"] == first["total"]


def test_a_reversal_whose_credit_was_refunded_is_refused_and_changes_nothing(finance, two, rows):
    first, _ = two
    payment = ledger.record_payment(finance, None, first["total"] + 2_000, "2026-11-27", contract_ref=first["id"])
    ledger.refund(finance, first["client_id"], "20", "多付退回")
    with pytest.raises(UserError, match="only ¥0.00 of credit is left"):
        ledger.reverse_payment(finance, payment["id"], "错误")
    assert rows(finance, "reversals") == 0 and contracts.get_contract(finance, first["id"])["outstanding"] == 0


def test_the_ledger_refuses_edits_and_deletes_from_any_sqlite_tool(finance, two):
    first, _ = two
    ledger.record_payment(finance, None, 100, "2026-11-27", contract_ref=first["id"])
    for statement in ("UPDATE payments SET amount = 1", "DELETE FROM allocations",
                      "UPDATE instalments SET paid = amount + 1"):
        with pytest.raises(sqlite3.IntegrityError):
            finance.store.conn.execute(statement)


def test_only_finance_takes_money_only_managers_write_off(li, finance, manager, two, rows):
    first, _ = two
    with pytest.raises(Refused, match="Only finance"):
        ledger.record_payment(li, first["client_id"], 100)
    with pytest.raises(Refused, match="Only a manager writes off"):
        ledger.write_off(finance, f"{first['number']}:2", "客户破产")
    item = ledger.write_off(manager, f"{first['number']}:2", "客户破产")
    assert item["written_off"] == first["instalments"][1]["amount"]
    with pytest.raises(UserError, match="owes nothing"):
        ledger.write_off(manager, f"{first['number']}:2", "again")
    with pytest.raises(NotFound, match="has 2 instalments"):
        ledger.write_off(manager, f"{first['number']}:3", "x")
    with pytest.raises(InputError, match="CONTRACT:POSITION"):
        ledger.write_off(manager, "12", "x")
    assert rows(manager, "write_offs") == 1


def test_legal_reads_no_receivables_and_a_salesperson_only_their_own(desk, li, wang, finance, two, desk_as):
    people.add_user(desk, "zhou", "周律师", "legal")
    with pytest.raises(Refused, match="Receivables are for"):
        aging.aging(desk_as("zhou"))
    assert aging.aging(wang)["rows"] == []
    assert [r["name"] for r in aging.aging(li)["rows"]] == ["宁波海天国际贸易有限公司"]


def test_aging_buckets_add_up_and_a_past_day_reads_as_it_stood(finance, two):
    first, second = two
    clock.set_now("2027-03-10 09:00:00")
    before = aging.aging(finance, as_of="2027-01-31")
    ledger.record_payment(finance, first["client_id"], 1_000, "2027-03-01")
    assert aging.aging(finance, as_of="2027-01-31") == before
    today = aging.aging(finance)
    for report in (before, today):
        assert sum(report["totals"].values()) == report["total"]
        assert all(sum(row["buckets"].values()) == row["total"] for row in report["rows"])
    assert before["total"] - today["total"] == 1_000
    assert today["total"] == ledger.balance(finance, first["client_id"])["owed"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["pay", "reverse", "credit"]), st.integers(1, 400_000)),
                      min_size=1, max_size=8))
def test_any_run_of_payments_and_reversals_keeps_the_books_exact(finance, two, steps):
    """Instalments never over-paid; paid is the sum of live allocations; reversing every payment
    restores every balance; aging's total is what the instalments still owe."""
    first, _ = two
    client = first["client_id"]
    start = ledger.balance(finance, client)
    made = []
    for kind, amount in steps:
        if kind == "pay":
            made.append(ledger.record_payment(finance, client, amount, "2026-11-27")["id"])
        elif kind == "reverse" and made:
            ledger.reverse_payment(finance, made.pop(amount % len(made)), "测试")
        elif kind == "credit" and ledger.balance(finance, client)["credit"] > 0:
            try:
                ledger.apply_credit(finance, client)
            except UserError:
                pass
    conn = finance.store.conn
    assert conn.execute("""SELECT count(*) FROM instalments i WHERE i.paid != coalesce((SELECT sum(a.amount)
        FROM allocations a WHERE a.instalment_id = i.id AND a.payment_id NOT IN (SELECT payment_id FROM reversals)), 0)
        OR i.paid > i.amount""").fetchone()[0] == 0
    assert aging.aging(finance)["total"] == conn.execute(
        "SELECT sum(amount - paid - written_off) FROM instalments").fetchone()[0]
    for payment_id in made:
        ledger.reverse_payment(finance, payment_id, "测试")
    end = ledger.balance(finance, client)
    assert (end["owed"], end["credit"]) == (start["owed"], start["credit"])
