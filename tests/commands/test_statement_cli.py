"""A client's statement and the month-end reconciliation from the command line: what finance sends
the client, what a refused request says (one line, nothing changed), and a month marked reconciled
that a later payment reaches back into."""

from __future__ import annotations

import csv
import io
import json
import re

from tests.commands.conftest import run_zizhi
from tests.commands.test_receivables_cli import owing  # noqa: F401  (the fixture: 恒通's signed contract)


def test_the_statement_as_markdown_pdf_and_json(cli, owing, tmp_path):  # noqa: F811
    cli("ar", "pay", "恒通", "1,500", "--date", "2026-11-27", "--reference", "ICBC-0042", user="cw")
    text = cli("ar", "statement", "恒通", "--period", "2026-11", user="li").stdout
    assert "# " in text and "对账单" in text and "宁波恒通进出口贸易有限公司" in text
    assert re.search(r"2026-11-27 \| 收到付款 #1 1,500.00，银行转账，回单号 ICBC-0042；冲抵 ZZ-\S+:1 1,431.00；"
                     r"冲抵 ZZ-\S+:2 69.00", text.replace("、", "；冲抵 ")), text
    assert "期末应收余额：**¥1,362.00**" in text
    data = json.loads(cli("ar", "statement", "恒通", "--from", "2026-11-01", "--to", "2026-11-30",
                          "--format", "json", user="cw").stdout)
    assert data["closing"]["owed"] == cli.json("ar", "aging", "--as-of", "2026-11-30", user="cw")["total"] == 136_200
    path = tmp_path / "对账单.pdf"
    result = run_zizhi("--as", "cw", "ar", "statement", "恒通", "--period", "2026-11", "--format", "pdf", "-o",
                       str(path), env_root=cli.root)
    assert result.returncode == 0 and result.stdout.strip() == str(path)
    from pypdf import PdfReader

    flat = re.sub(r"[\s\x00]", "", "".join(page.extract_text() for page in PdfReader(path).pages))
    assert "对账单" in flat and "宁波恒通进出口贸易有限公司" in flat and "1,362.00" in flat
    exports = [e for e in cli.json("audit", "list", user="boss") if e["action"] == "receivable.export"]
    assert {e["detail"]["form"] for e in exports} == {"document", "json", "file"}


def test_refused_statements_say_one_line_and_change_nothing(cli, owing):  # noqa: F811
    before = cli.dump()
    for args, code, said in [
            (("ar", "statement", "恒通", "--format", "pdf"), 2, "name it with -o/--output, e.g. -o 对账单.pdf"),
            (("ar", "statement", "恒通", "--period", "2026-13"), 65, "period: '2026-13' is not a month"),
            (("ar", "statement", "恒通", "--period", "2026-11", "--to", "2026-11-30"), 65, "not both"),
            (("ar", "statement", "恒通", "--format", "xlsx"), 65, "format: 'xlsx' is not one of md, pdf, json")]:
        result = cli(*args, user="li", code=code)
        assert said in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert cli("ar", "statement", "恒通", user="zhao", code=1).stderr.count("\n") == 1  # not his client
    assert "Receivables are for" in cli("ar", "statement", "恒通", user="fa", code=1).stderr
    assert cli.dump() == before


def test_a_month_reconciled_then_reached_back_into(cli, owing, monkeypatch):  # noqa: F811
    cli("ar", "pay", "恒通", "1,431", "--date", "2026-11-27", user="cw")
    report = cli("ar", "reconcile", "--period", "2026-11", user="li").stdout
    assert "closing = opening + new − received + reversed + refunded − written off" in report
    assert re.search(r"total\s+¥0.00\s+¥2,862.00\s+¥1,431.00\s+¥0.00\s+¥0.00\s+¥0.00\s+¥1,431.00", report), report
    assert "Not marked reconciled yet" in report
    before = cli.dump()
    assert "Only finance" in cli("ar", "reconcile", "--period", "2026-11", "--mark", user="li", code=1).stderr
    assert "not over until 2026-11-30" in cli("ar", "reconcile", "--period", "2026-11", "--mark", user="cw",
                                             code=1).stderr
    assert cli.dump() == before

    monkeypatch.setenv("ZIZHI_NOW", "2026-12-02T10:00:00")
    marked = cli("ar", "reconcile", "--period", "2026-11", "--mark", user="cw").stdout
    assert "Reconciled on 2026-12-02 10:00:00 by cw; nothing has changed since." in marked
    monkeypatch.setenv("ZIZHI_NOW", "2026-12-03T11:00:00")
    cli("ar", "pay", "恒通", "100", "--date", "2026-11-30", user="cw")
    flagged = cli("ar", "reconcile", "--period", "2026-11", user="cw").stdout
    assert "Changed since reconciled on 2026-12-02 10:00:00 by cw:" in flagged
    assert "received: ¥1,431.00 then, ¥1,531.00 now" in flagged
    assert "2026-12-03 11:00:00: payment 2 of 宁波恒通进出口贸易有限公司, dated 2026-11-30, ¥100.00" in flagged
    data = cli.json("ar", "reconcile", "--period", "2026-11", user="cw")
    assert data["reconciled"]["changed"] is True and data["totals"]["closing_owed"] == 133_100
    paid = [e for e in cli.json("audit", "list", user="boss") if e["action"] == "payment.record"][0]
    assert paid["detail"]["reconciled_periods_changed"] == [["2026-11", "2026-12-02 10:00:00"]]

    result = run_zizhi("--as", "cw", "ar", "reconcile", "--period", "2026-11", "--csv", env_root=cli.root,
                       extra_env={"ZIZHI_NOW": "2026-12-03T12:00:00"})
    table = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert table[0] == ["client", "opening", "new", "due", "received", "reversed", "refunded", "written off",
                        "closing", "owed (aging)", "credit"]
    assert table[-1][0] == "total" and table[-1][-3] == "¥1,331.00"
