"""Invoices (发票) as finance issues them: after payment, never beyond it (unless the company allows
invoicing ahead), special invoices with the buyer's bank details, voided within the month or
reversed by a red-letter invoice — every record kept, and an invoiced payment not undone behind
the invoice's back."""

from __future__ import annotations

import sqlite3

import pytest

from tests.core.conftest import credit_code
from tests.core.racing import Call, race
from tests.core.test_ledger import signed
from zizhi.core import audit, clock, settings
from zizhi.core.clients import records as clients
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.paths import SHIPPED_CONFIG
from zizhi.core.people import users as people
from zizhi.core.receivables import invoices, ledger

HALF = 143_100  # each of the two instalments of the test contract (¥2,862.00 in all)


@pytest.fixture
def owing(li) -> dict:
    """A signed contract of Li Na's client, which has its credit code, address and phone on record."""
    contract = signed(li, "宁波海天国际贸易有限公司")
    clients.edit_client(li, str(contract["client_id"]), credit_code=credit_code(7), address="宁波市江北区人民路 88 号",
                        phone="0574-87654321")
    return contract


@pytest.fixture
def paid(finance, owing) -> dict:
    """The first instalment paid (payment 1, ¥1,431.00, received today)."""
    return ledger.record_payment(finance, owing["client_id"], HALF, reference="ICBC-1")


def message(caught) -> str:
    return caught.value.message("en")


def test_an_invoice_covers_what_was_paid_and_nothing_more(finance, owing, paid, rows):
    client = owing["client_id"]
    invoice = invoices.issue_invoice(finance, client)
    assert (invoice["number"], invoice["type"], invoice["amount"], invoice["status"]) == ("FP202600001", "normal",
                                                                                          HALF, "issued")
    assert (invoice["buyer"], invoice["tax_id"]) == ("宁波海天国际贸易有限公司", credit_code(7))
    assert invoice["address_phone"] == "宁波市江北区人民路 88 号 0574-87654321"
    assert [(p["payment_id"], p["amount"]) for p in invoice["payments"]] == [(paid["id"], HALF)]
    with pytest.raises(UserError) as caught:
        invoices.issue_invoice(finance, client)
    assert message(caught) == ("宁波海天国际贸易有限公司 has no payment received by 2026-11-27 that is not yet "
                               "invoiced; an invoice follows confirmed payment.")
    ledger.record_payment(finance, client, HALF, reference="ICBC-2")
    with pytest.raises(UserError) as caught:
        invoices.issue_invoice(finance, client, amount="1,431.01")
    assert message(caught).startswith("amount: ¥1,431.01 is more than 宁波海天国际贸易有限公司 paid and has not yet "
                                      "had invoiced (¥1,431.00)")
    assert rows(finance, "invoices") == 1
    part = invoices.issue_invoice(finance, client, amount="1,000")
    rest = invoices.issue_invoice(finance, client)
    assert (part["number"], part["amount"], rest["number"], rest["amount"]) == ("FP202600002", 100_000,
                                                                                "FP202600003", 43_100)


def test_named_payments_are_invoiced_and_each_only_once(finance, owing, paid):
    second = ledger.record_payment(finance, owing["client_id"], HALF, reference="ICBC-2")
    invoice = invoices.issue_invoice(finance, owing["client_id"], payments=[second["id"]])
    assert [p["payment_id"] for p in invoice["payments"]] == [second["id"]]
    with pytest.raises(UserError, match=f"payment {second['id']} is already invoiced in full \\(FP202600001\\)"):
        invoices.issue_invoice(finance, owing["client_id"], payments=[second["id"]])
    with pytest.raises(NotFound, match="no payment 99"):
        invoices.issue_invoice(finance, owing["client_id"], payments=[99])


def test_a_special_invoice_needs_the_buyers_bank_and_remembers_it(finance, owing, paid):
    client = owing["client_id"]
    with pytest.raises(InputError) as caught:
        invoices.issue_invoice(finance, client, kind="专票")
    assert message(caught).startswith("bank: a special VAT invoice (专用发票) carries the buyer's address and phone, "
                                      "bank and account; give --bank")
    special = invoices.issue_invoice(finance, client, amount="431", kind="专用发票", bank="中国工商银行宁波江北支行",
                                     bank_account="3901 0000 0912 3456 789")
    assert (special["type"], special["bank"]) == ("special", "中国工商银行宁波江北支行")
    again = invoices.issue_invoice(finance, client, kind="special")
    assert (again["bank"], again["bank_account"], again["amount"]) == (special["bank"], special["bank_account"],
                                                                       100_000)


def test_a_client_without_a_credit_code_is_not_invoiced(li, finance):
    contract = signed(li, "宁波恒通进出口贸易有限公司")
    ledger.record_payment(finance, contract["client_id"], HALF)
    with pytest.raises(UserError, match="no unified social credit code"):
        invoices.issue_invoice(finance, contract["client_id"])


def test_voiding_is_for_the_month_of_issue_and_keeps_the_invoice(finance, owing, paid, rows):
    first = invoices.issue_invoice(finance, owing["client_id"])
    voided = invoices.void_invoice(finance, first["number"], "开票信息有误")
    assert (voided["status"], voided["voided"]) == ("voided", {"on_date": "2026-11-27", "reason": "开票信息有误"})
    with pytest.raises(UserError, match="already voided on 2026-11-27"):
        invoices.void_invoice(finance, first["number"], "again")
    second = invoices.issue_invoice(finance, owing["client_id"])  # the payment is free to invoice again
    assert (second["number"], second["amount"]) == ("FP202600002", HALF)
    clock.set_now("2026-12-01 09:00:00")
    with pytest.raises(UserError) as caught:
        invoices.void_invoice(finance, second["number"], "客户要求")
    assert message(caught).startswith("invoice FP202600002 was issued in 2026-11; an invoice is voided (作废) only "
                                      "within its month")
    assert rows(finance, "invoices") == 2 and rows(finance, "invoice_voids") == 1


def test_a_red_letter_invoice_reverses_the_original_and_frees_its_payment(finance, owing, paid, rows):
    original = invoices.issue_invoice(finance, owing["client_id"])
    clock.set_now("2026-12-02 09:00:00")
    red = invoices.red_letter(finance, original["number"], "服务内容变更")
    assert (red["number"], red["amount"], red["reverses"], red["status"]) == ("FP202600002", -HALF, "FP202600001",
                                                                              "red")
    assert [(p["payment_id"], p["amount"]) for p in red["payments"]] == [(paid["id"], -HALF)]
    after = invoices.get_invoice(finance, original["id"])
    assert after["status"] == "reversed" and after["reversed_by"]["number"] == "FP202600002"
    for again in (original["number"], red["number"]):
        with pytest.raises(UserError, match="already reversed|is a red-letter invoice"):
            invoices.red_letter(finance, again, "x")
        with pytest.raises(UserError, match="already reversed|is a red-letter invoice"):
            invoices.void_invoice(finance, again, "x")
    reissued = invoices.issue_invoice(finance, owing["client_id"])
    assert (reissued["number"], reissued["amount"]) == ("FP202600003", HALF)
    listed = invoices.list_invoices(finance, owing["client_id"])
    assert [(i["number"], i["status"]) for i in listed] == [("FP202600003", "issued"), ("FP202600002", "red"),
                                                             ("FP202600001", "reversed")]


def test_an_invoiced_payment_is_not_reversed_or_refunded_until_the_invoice_is_undone(finance, owing, rows):
    client = owing["client_id"]
    payment = ledger.record_payment(finance, client, owing["total"] + 10_000)  # ¥100.00 over: credit
    invoice = invoices.issue_invoice(finance, client)
    with pytest.raises(UserError) as caught:
        ledger.reverse_payment(finance, payment["id"], "重复登记")
    assert message(caught).startswith(f"payment {payment['id']} is on invoice FP202600001: void that invoice")
    with pytest.raises(UserError, match="refunding ¥100.00 would return money already invoiced; only ¥0.00"):
        ledger.refund(finance, client, "100", "多付退回")
    assert rows(finance, "reversals") == 0 and rows(finance, "refunds") == 0
    invoices.red_letter(finance, invoice["number"], "多开")
    assert ledger.reverse_payment(finance, payment["id"], "重复登记")["reversal"]["reason"] == "重复登记"


def test_only_the_credit_not_invoiced_is_refunded(finance, owing):
    client = owing["client_id"]
    ledger.record_payment(finance, client, owing["total"] + 10_000)
    invoices.issue_invoice(finance, client, amount="2,862")
    assert ledger.refund(finance, client, "100", "多付退回")["credit"] == 0


def test_invoicing_ahead_of_payment_only_when_configured_and_never_beyond_what_is_owed(isolated, finance, owing,
                                                                                       paid):
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace("invoice_in_advance = false", "invoice_in_advance = true"),
                                           encoding="utf-8")
    finance.settings = settings.load()
    with pytest.raises(UserError, match=r"more than 宁波海天国际贸易有限公司 paid or still owes .* \(¥2,862.00\)"):
        invoices.issue_invoice(finance, owing["client_id"], amount="2,862.01")
    ahead = invoices.issue_invoice(finance, owing["client_id"], amount="2,862")
    assert (ahead["amount"], ahead["ahead_of_payment"]) == (owing["total"], HALF)
    second = ledger.record_payment(finance, owing["client_id"], HALF)
    # the invoice made ahead already stands for this payment: it is not invoiced twice
    with pytest.raises(UserError, match="no payment received by 2026-11-27 that is not yet invoiced"):
        invoices.issue_invoice(finance, owing["client_id"])
    with pytest.raises(UserError, match=r"paid and has not yet had invoiced \(¥0.00\)"):
        invoices.issue_invoice(finance, owing["client_id"], payments=[second["id"]], amount="1")


def test_the_books_refuse_edits_deletes_and_over_invoicing_from_any_sqlite_tool(finance, owing, paid):
    invoices.issue_invoice(finance, owing["client_id"])
    conn = finance.store.conn
    for statement in ("UPDATE invoices SET amount = 1", "DELETE FROM invoices", "DELETE FROM invoice_payments"):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(statement)
    with pytest.raises(sqlite3.IntegrityError, match="beyond its amount"):
        conn.execute("INSERT INTO invoice_payments (invoice_id, payment_id, amount) VALUES (1, ?, 1)", [paid["id"]])


def test_finance_alone_issues_and_sales_see_only_their_own_clients_invoices(desk, li, wang, manager, finance, owing,
                                                                             paid, desk_as):
    for someone in (li, manager):
        with pytest.raises(Refused, match="Only finance or an admin"):
            invoices.issue_invoice(someone, owing["client_id"])
    invoice = invoices.issue_invoice(finance, owing["client_id"])
    with pytest.raises(Refused, match="Only finance or an admin"):
        invoices.red_letter(li, invoice["number"], "x")
    assert [i["number"] for i in invoices.list_invoices(li)] == ["FP202600001"]
    assert invoices.get_invoice(li, invoice["number"])["amount"] == HALF
    assert invoices.list_invoices(wang) == []
    with pytest.raises(NotFound, match="no invoice FP202600001"):
        invoices.get_invoice(wang, invoice["number"])
    people.add_user(desk, "zhou", "周律师", "legal")
    with pytest.raises(Refused, match="Receivables are for"):
        invoices.list_invoices(desk_as("zhou"))
    issued = audit.list_entries(manager, entity="invoice")[0]
    assert (issued["action"], issued["detail"]["amount"], issued["detail"]["payments"]) == (
        "invoice.issue", HALF, [[paid["id"], HALF]])


def test_two_clerks_invoicing_one_payment_at_once_issue_one_invoice(db_path, desk_as, finance, owing):
    people.add_user(desk_as("boss"), "sun", "孙丽", "finance")
    for round_ in range(2):
        payment = ledger.record_payment(finance, owing["client_id"], 1_000 + round_, reference=f"ICBC-{round_}")
        named = (("payments", (payment["id"],)),) if round_ else ()
        calls = [Call(login, "receivables.invoices.issue_invoice", (owing["client_id"],), named)
                 for login in ("qian", "sun")]
        outcomes = race(db_path, calls, clock.stamp())
        refused = "invoice.payment_fully_invoiced" if round_ else "invoice.nothing_to_invoice"
        assert sorted(outcomes) == sorted(["ok", refused]), outcomes
        listed = invoices.list_invoices(finance, owing["client_id"])
        assert [i["amount"] for i in listed] == [1_000 + r for r in range(round_, -1, -1)]


def test_the_number_pattern_comes_from_config_and_a_pattern_without_a_sequence_is_refused(isolated, finance,
                                                                                           owing, paid):
    from zizhi.core.errors import ConfigError

    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace('"FP{year}{seq:05d}"', '"HX-{year}-{seq:03d}"'),
                                           encoding="utf-8")
    finance.settings = settings.load()
    assert invoices.issue_invoice(finance, owing["client_id"])["number"] == "HX-2026-001"
    (isolated / "pricing.toml").write_text(text.replace('"FP{year}{seq:05d}"', '"FP{year}"'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pricing.toml:\d+: invoices.number_pattern: the pattern needs \{seq\}"):
        settings.load()
