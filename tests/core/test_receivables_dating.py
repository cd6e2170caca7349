"""A past day reads the books as they stood then — the schedule in force that day, amendments or
not — and an entry is back-dated only as far as keeps every past day right: a late bank slip is
recorded on its day after later payments, but never before a reversal or an amendment, and
credit is never spent before it came."""

from __future__ import annotations

import pytest

from zizhi.core import clock
from zizhi.core.documents.statement_document import as_markdown
from zizhi.core.errors import InputError
from zizhi.core.pipeline import amendments, contracts
from zizhi.core.receivables import aging, ledger
from zizhi.core.receivables.reconciliation import reconcile
from zizhi.core.receivables.statement import statement


def client_total(desk, client_id: int, day: str) -> int:
    return sum(row["total"] for row in aging.aging(desk, as_of=day)["rows"] if row["client_id"] == client_id)


def test_last_months_aging_reads_the_same_after_the_contract_is_amended(li, finance, two):  # noqa: F811
    first, _ = two
    client = first["client_id"]
    clock.set_now("2026-12-10 09:00:00")
    november = aging.aging(finance, as_of="2026-11-30")
    position = ledger.balance(finance, client, as_of="2026-11-30")
    # A supplementary agreement: the first instalment grows by ¥500.00, the second moves to January.
    old = first["instalments"]
    amended = amendments.amend(li, first["number"], [(old[0]["due_on"], old[0]["amount"] + 50_000),
                                                     ("2027-01-15", old[1]["amount"])],
                               "补充协议：增加服务", total=first["total"] + 50_000)
    assert amended["revision"] == 1
    assert aging.aging(finance, as_of="2026-11-30") == november
    assert ledger.balance(finance, client, as_of="2026-11-30") == position
    # From the day it was made the new schedule is owed: ¥500.00 more.
    assert client_total(finance, client, "2026-12-10") == client_total(finance, client, "2026-12-09") + 50_000


def test_the_statement_and_the_reconciliation_show_the_amendment_on_its_day(li, finance, two):  # noqa: F811
    first, _ = two
    client = first["client_id"]
    clock.set_now("2026-12-10 09:00:00")
    old = first["instalments"]
    amendments.amend(li, first["number"], [(old[0]["due_on"], old[0]["amount"]), ("2027-01-15", old[1]["amount"] - 30_000)],
                     "补充协议：减少一项", total=first["total"] - 30_000)
    clock.set_now("2027-01-05 09:00:00")
    found = statement(finance, client, period="2026-12")
    [line] = [line for line in found["lines"] if line["kind"] == "amended"]
    assert (line["date"], line["ref"], line["owed"], line["revision"]) == ("2026-12-10", first["number"], -30_000, 1)
    assert found["closing"]["owed"] == client_total(finance, client, "2026-12-31")
    assert found["opening"]["owed"] + sum(x["owed"] for x in found["lines"]) == found["closing"]["owed"]
    assert "变更（第 1 次修订）" in as_markdown(found)
    november = statement(finance, client, period="2026-11")
    assert november["closing"]["owed"] == found["opening"]["owed"] == client_total(finance, client, "2026-11-30")
    totals = reconcile(finance, "2026-12")["totals"]
    assert totals["new"] == -30_000
    assert totals["closing"] == (totals["opening"] + totals["new"] - totals["received"] + totals["reversed"]
                                 + totals["refunded"] - totals["written_off"])


def test_a_dropped_instalment_is_still_owed_on_the_days_it_was_in_force(li, finance, two):  # noqa: F811
    first, _ = two
    clock.set_now("2026-12-10 09:00:00")
    before = aging.aging(finance, as_of="2026-12-09")
    amendments.amend(li, first["number"], [("2027-01-15", first["total"])], "合并为一期，延至一月")
    assert aging.aging(finance, as_of="2026-12-09") == before
    assert len(contracts.get_contract(finance, first["id"])["instalments"]) == 1


def test_a_payment_dated_before_a_reversal_is_refused_and_changes_nothing(finance, two):  # noqa: F811
    first, _ = two
    client = first["client_id"]
    clock.set_now("2026-12-10 09:00:00")
    mistaken = ledger.record_payment(finance, client, first["instalments"][0]["amount"], "2026-11-28")
    ledger.reverse_payment(finance, mistaken["id"], "银行退回", "2026-12-05")
    dump = list(finance.store.conn.iterdump())
    with pytest.raises(InputError) as caught:
        ledger.record_payment(finance, client, first["instalments"][0]["amount"], "2026-12-01")
    assert caught.value.message("en") == (
        "paid-on: 2026-12-01 is before 2026-12-05, when a payment of 宁波海天国际贸易有限公司 was reversed or a contract "
        "amended; money received or written off is dated on or after that day.")
    assert "收款或核销须登记在该日或之后" in caught.value.message("zh")
    assert list(finance.store.conn.iterdump()) == dump
    ledger.record_payment(finance, client, first["instalments"][0]["amount"], "2026-12-05")


def test_a_late_bank_slip_is_recorded_on_its_day_after_later_payments(finance, manager, two):  # noqa: F811
    first, second = two
    client = first["client_id"]
    clock.set_now("2026-12-10 09:00:00")
    ledger.record_payment(finance, client, 10_000, "2026-12-08")
    ledger.write_off(manager, f"{second['number']}:2", "折让", "100", "2026-12-09")
    eve = aging.aging(finance, as_of="2026-12-02")
    late = ledger.record_payment(finance, client, 20_000, "2026-12-03", reference="ICBC-LATE")
    assert late["paid_on"] == "2026-12-03"
    assert client_total(finance, client, "2026-12-03") == client_total(finance, client, "2026-12-02") - 20_000
    assert aging.aging(finance, as_of="2026-12-02") == eve


@pytest.mark.parametrize("entry", ["refund", "credit", "reverse"])
def test_credit_is_never_spent_before_it_came(finance, two, entry):  # noqa: F811
    first, second = two
    client = first["client_id"]
    clock.set_now("2026-12-10 09:00:00")
    paid = ledger.record_payment(finance, client, first["total"] + second["total"] + 5_000, "2026-12-01")
    ledger.record_payment(finance, client, 7_000, "2026-12-08")
    calls = {"refund": lambda: ledger.refund(finance, client, 5_000, "多付退回", "2026-12-05"),
             "credit": lambda: ledger.apply_credit(finance, client, "2026-12-05"),
             "reverse": lambda: ledger.reverse_payment(finance, paid["id"], "重复", "2026-12-05")}
    with pytest.raises(InputError, match="before the latest entry on 宁波海天国际贸易有限公司's books \\(2026-12-08\\)"):
        calls[entry]()
