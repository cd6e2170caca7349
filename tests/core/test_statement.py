"""A client's statement (对账单): the opening balance, every dated movement of the period and the
closing balance — which is the client's total in the aging report on the period's last day."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zizhi.core import clock
from zizhi.core.errors import InputError, NotFound, Refused
from zizhi.core.people import users as people
from zizhi.core.receivables import aging, ledger
from zizhi.core.receivables.statement import render_statement, statement


def aging_total(desk, client_id: int, day: str) -> int:
    return sum(row["total"] for row in aging.aging(desk, as_of=day)["rows"] if row["client_id"] == client_id)


def runs_through(found: dict) -> None:
    """The opening plus every line is the closing, in both balances, to the fen."""
    owed = found["opening"]["owed"] + sum(line["owed"] for line in found["lines"])
    credit = found["opening"]["credit"] + sum(line["credit"] for line in found["lines"])
    assert (owed, credit) == (found["closing"]["owed"], found["closing"]["credit"])


def test_a_month_with_a_payment_a_reversal_credit_and_a_write_off(finance, manager, two):
    first, second = two
    client = first["client_id"]
    ledger.record_payment(finance, client, first["instalments"][0]["amount"], "2026-11-20", reference="ICBC-1")
    mistaken = ledger.record_payment(finance, client, 50_000, "2026-11-21")
    ledger.reverse_payment(finance, mistaken["id"], "重复登记", "2026-11-25")
    ledger.record_payment(finance, client, first["instalments"][1]["amount"] + 10_000, "2026-11-26")
    ledger.write_off(manager, f"{second['number']}:2", "客户破产", "100", "2026-11-27")
    found = statement(finance, client, period="2026-11")
    kinds = [(line["date"], line["kind"]) for line in found["lines"]]
    assert kinds == [("2026-11-17", "signed"), ("2026-11-17", "due"), ("2026-11-20", "payment"),
                     ("2026-11-21", "payment"), ("2026-11-25", "reversal"), ("2026-11-26", "due"),
                     ("2026-11-26", "payment"), ("2026-11-27", "signed"), ("2026-11-27", "due"),
                     ("2026-11-27", "write_off")]
    assert found["opening"] == {"owed": 0, "credit": 0}
    runs_through(found)
    assert found["closing"]["owed"] == aging_total(finance, client, "2026-11-30")
    assert found["closing"]["credit"] == 10_000
    assert found["totals"]["write_off"] == 10_000 and found["totals"]["reversal"] == 50_000


def test_the_next_month_opens_where_this_one_closed(finance, two):
    first, _ = two
    client = first["client_id"]
    clock.set_now("2026-12-10 09:00:00")
    ledger.record_payment(finance, client, first["total"] + 20_000, "2026-11-28", contract_ref=first["id"])
    ledger.apply_credit(finance, client, "2026-12-08")
    november, december = statement(finance, client, period="2026-11"), statement(finance, client, period="2026-12")
    assert december["opening"] == {k: november["closing"][k] for k in ("owed", "credit")}
    runs_through(december)
    assert [(line["date"], line["kind"], line["amount"]) for line in december["lines"]] == [
        ("2026-12-04", "due", 53_000), ("2026-12-08", "credit_applied", 20_000)]
    assert december["closing"]["owed"] == aging_total(finance, client, "2026-12-31")


def test_a_salesperson_sees_their_own_clients_statement_only(li, wang, desk_as, desk, two):
    first, _ = two
    assert statement(li, first["client_id"], period="2026-11")["client"]["name"] == "宁波海天国际贸易有限公司"
    with pytest.raises(NotFound):
        statement(wang, first["client_id"], period="2026-11")
    people.add_user(desk, "zhou", "周律师", "legal")
    with pytest.raises(Refused, match="Receivables are for"):
        statement(desk_as("zhou"), first["client_id"], period="2026-11")


@pytest.mark.parametrize("args, match", [
    ({"period": "2026-13"}, "period: '2026-13' is not a month"),
    ({"period": "11月"}, "not a month"),
    ({"period": "2026-11", "start": "2026-11-01"}, "not both"),
    ({"start": "2026-11-20", "end": "2026-11-10"}, "from: 2026-11-20 is after the end"),
])
def test_a_period_that_is_not_one_is_named(finance, two, args, match):
    with pytest.raises(InputError, match=match):
        statement(finance, two[0]["client_id"], **args)


def test_the_markdown_and_the_pdf_read_in_chinese(finance, two, tmp_path):
    first, _ = two
    ledger.record_payment(finance, first["client_id"], first["total"] + 500, "2026-11-20",
                          reference="ICBC-9")
    text = render_statement(finance, first["client_id"], period="2026-11")
    assert "对账单" in text and "期初余额" in text and "期末余额" in text and "回单号 ICBC-9" in text
    assert "5.00 转入预收款" in text
    path = render_statement(finance, first["client_id"], period="2026-11", form="pdf", output=str(tmp_path / "对账单.pdf"))
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    flat = re.sub(r"[\s\x00]", "", "".join(page.extract_text() for page in pages))
    assert "对账单" in flat and "宁波海天国际贸易有限公司" in flat and "期末应收余额" in flat
    assert "2026-11-01至2026-11-30" in flat
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path, str(tmp_path / "page")],
                       check=True)
        assert list(tmp_path.glob("page*.png"))


def test_json_is_the_data_and_every_rendering_is_audited(finance, two):
    first, _ = two
    found = render_statement(finance, first["client_id"], period="2026-11", form="json")
    assert found["from"] == "2026-11-01" and json.dumps(found)
    rows = finance.store.rows("SELECT action, detail FROM audit WHERE action = 'receivable.export'")
    assert len(rows) == 1 and '"command": "ar statement"' in rows[0]["detail"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["pay", "reverse", "credit", "refund", "write_off"]),
                                st.integers(1, 300_000), st.integers(0, 9)), min_size=1, max_size=10))
def test_the_closing_balance_is_the_aging_total_on_any_day(finance, manager, two, steps):
    """Whatever happens, on days moving forward, every statement runs through and closes on the
    aging report's figure for the client, and the next period opens on it."""
    first, second = two
    client = first["client_id"]
    day, made = clock.today(), []
    for kind, amount, gap in steps:
        day = day.fromordinal(day.toordinal() + gap)
        clock.set_now(f"{day.isoformat()} 09:00:00")
        try:
            if kind == "pay":
                made.append(ledger.record_payment(finance, client, amount)["id"])
            elif kind == "reverse" and made:
                ledger.reverse_payment(finance, made.pop(amount % len(made)), "测试")
            elif kind == "credit":
                ledger.apply_credit(finance, client)
            elif kind == "refund":
                ledger.refund(finance, client, amount, "退款")
            elif kind == "write_off":
                contract = (first, second)[amount % 2]
                ledger.write_off(manager, f"{contract['number']}:{amount % 2 + 1}", "核销", amount % 50_000 + 1)
        except Exception as refused:  # a refusal the ledger makes (no credit, beyond owed …) is fine
            assert type(refused).__name__ in ("UserError", "InputError")
    for start, end in (("2026-11-01", "2026-11-30"), ("2026-11-20", day.isoformat()),
                       ("2026-12-01", "2026-12-31"), ("2026-11-28", "2027-01-15")):
        found = statement(finance, client, start=start, end=end)
        runs_through(found)
        assert found["closing"]["owed"] == aging_total(finance, client, end)
