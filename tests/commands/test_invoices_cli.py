"""Invoices from the command line: finance issues one after payment, shows and lists it (in
Chinese too), voids or red-letters it; every refusal is one line that changes nothing."""

from __future__ import annotations

import pytest

from tests.commands.conftest import GOOD_CODE, Cli
from tests.commands.test_receivables_cli import owing  # noqa: F401  (fixture)


@pytest.fixture
def paid(cli: Cli, owing) -> Cli:  # noqa: F811
    """宁波恒通 with its credit code and address on record, its first instalment (¥1,431.00) paid."""
    cli("client", "edit", "恒通", "--credit-code", GOOD_CODE, "--address", "宁波市江北区人民路 88 号",
        "--phone", "0574-87654321", user="li")
    cli("ar", "pay", "恒通", "1,431.00", "--reference", "ICBC-0042", user="cw")
    return cli


def test_finance_issues_an_invoice_and_everyone_reads_it_as_their_role_allows(paid):
    before = paid.dump()
    refused = paid("invoice", "issue", "恒通", user="li", code=1)
    assert "Only finance or an admin" in refused.stderr and refused.stderr.count("\n") == 1
    beyond = paid("invoice", "issue", "恒通", "--amount", "1,431.01", user="cw", code=1)
    assert beyond.stderr.startswith("zizhi: amount: ¥1,431.01 is more than 宁波恒通进出口贸易有限公司 paid")
    bad = paid("invoice", "issue", "恒通", "--type", "fancy", user="cw", code=65)
    assert bad.stderr.startswith("zizhi: type: 'fancy'") and "normal, special" in bad.stderr
    assert paid.dump() == before

    shown = paid("invoice", "issue", "恒通", "--type", "专票", "--bank", "中国工商银行宁波江北支行",
                 "--account", "3901000009123456789", user="cw").stdout
    assert "FP202600001" in shown and "special VAT invoice" in shown and "¥1,431.00" in shown
    assert "covers payment 1 of 2026-11-27: ¥1,431.00" in shown
    invoice = paid.json("invoice", "show", "FP202600001", user="li")
    assert (invoice["tax_id"], invoice["bank_account"], invoice["status"]) == (GOOD_CODE, "3901000009123456789",
                                                                              "issued")
    assert [row["number"] for row in paid.json("invoice", "list", user="li")] == ["FP202600001"]
    assert paid.json("invoice", "list", user="zhao") == []
    hidden = paid("invoice", "show", "FP202600001", user="zhao", code=1)
    assert "no invoice FP202600001" in hidden.stderr and "恒通" not in hidden.stderr
    chinese = paid("--lang", "zh", "invoice", "show", "1", user="li").stdout
    assert "增值税专用发票" in chinese and "纳税人识别号" in chinese and "开户行" in chinese


def test_an_invoice_is_voided_in_its_month_or_red_lettered_and_holds_its_payment_till_then(paid):
    paid("invoice", "issue", "恒通", user="cw")
    reverse = paid("ar", "reverse", "1", "--reason", "重复登记", user="cw", code=1)
    assert reverse.stderr.startswith("zizhi: payment 1 is on invoice FP202600001: void that invoice")
    voided = paid("invoice", "void", "FP202600001", "--reason", "开票信息有误", user="cw").stdout
    assert "voided (作废) on 2026-11-27: 开票信息有误" in voided
    paid("invoice", "issue", "恒通", user="cw")
    red = paid.json("invoice", "red", "FP202600002", "--reason", "服务内容变更", user="cw")
    assert (red["number"], red["amount"], red["reverses"]) == ("FP202600003", -143_100, "FP202600002")
    original = paid("invoice", "show", "FP202600002", user="li").stdout
    assert "reversed by red-letter invoice FP202600003 on 2026-11-27: 服务内容变更" in original
    listed = paid("invoice", "list", "恒通", user="cw").stdout
    assert "red letter" in listed and "reversed by red letter" in listed and "voided" in listed
    again = paid("invoice", "void", "FP202600002", "--reason", "x", user="cw", code=1)
    assert again.stderr.startswith("zizhi: invoice FP202600002 was already reversed by red-letter invoice FP202600003")
    assert paid("ar", "reverse", "1", "--reason", "重复登记", user="cw").exit_code == 0
