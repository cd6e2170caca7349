"""`zizhi import deals FILE` and `zizhi import payments FILE` as a salesperson and a cashier use them
with what Excel saved: the rules of `deal new`/`deal move` and of `ar pay`, all of it or none, every
bad row named by its line and column, and a second import of the same file changing nothing."""

from __future__ import annotations

import csv
import json

import pytest

from tests.commands.test_import_cli import HAINA, HEADERS, HENGTONG, write_csv

DEALS = ["客户", "资质", "商机名称", "金额", "阶段"]
PAYMENTS = ["客户", "金额", "到账日期", "流水号"]


def without_audit(dump: list[str]) -> list[str]:
    return [line for line in dump if "INTO \"audit\"" not in line]


@pytest.fixture
def leads(cli, tmp_path):
    """宁波恒通 (trade show) and 杭州海纳 (referral), both li's clients."""
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, HAINA])))
    return tmp_path


def test_deals_from_a_gbk_csv_open_at_their_stage_through_the_gates_and_a_second_import_changes_nothing(
        cli, leads, tmp_path):
    pipeline = write_csv(tmp_path / "商机.csv", [
        DEALS,
        ["宁波恒通进出口贸易 有限责任公司", "TRADE-RIGHTS、CUSTOMS-REG", "", "30,000", "需求评估"],  # the name written another way
        [HAINA[1], "CIQ-FILING*2", "报检备案两个口岸", "12800", ""],  # the client by credit code
    ])
    first = cli("import", "deals", str(pipeline), user="li")
    assert "商机.csv (CSV, gb18030): read 2 — created 2, updated 0, already on file 0, refused 0." in first.stdout
    shown = {deal["client"]: deal for deal in cli.json("deal", "list", user="li")}
    hengtong, haina = shown["宁波恒通进出口贸易有限公司"], shown["杭州海纳贸易有限公司"]
    assert (hengtong["stage"], hengtong["value"], hengtong["owner"]) == ("assessment", 3_000_000, "li")
    assert (haina["stage"], haina["value"], haina["title"]) == ("inquiry", 1_280_000, "报检备案两个口岸")
    deal = cli.json("deal", "show", str(hengtong["id"]), user="li")
    assert [(h["from_stage"], h["to_stage"], h["user"]) for h in deal["history"]] == [
        (None, "inquiry", "li"), ("inquiry", "assessment", "li")]  # moved as `deal move` moves it
    assert sorted(q["code"] for q in deal["qualifications"]) == ["CUSTOMS-REG", "TRADE-RIGHTS"]
    before = cli.dump()
    again = cli("import", "deals", str(pipeline), user="li")
    assert "read 2 — created 0, updated 0, already on file 2, refused 0." in again.stdout
    assert without_audit(cli.dump()) == without_audit(before)


def test_a_stage_whose_gate_is_not_met_is_refused_with_what_is_missing_and_nothing_is_written(cli, leads, tmp_path):
    import xlsxwriter

    path = tmp_path / "pipeline.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["client", "qualifications", "value", "stage"])
    sheet.write_row(1, 0, [HENGTONG[0], "TRADE-RIGHTS"])
    sheet.write_number(1, 2, 30000)  # a number typed as a number: whole yuan
    sheet.write_row(1, 3, ["assessment"])
    sheet.write_row(2, 0, [HAINA[0], "CUSTOMS-REG", "", "方案与报价"])  # proposal: no assessment yet
    book.close()
    before = cli.dump()
    refused = cli("import", "deals", str(path), user="li", code=65)
    assert refused.stderr.splitlines()[:-1] == [
        f"{path}:3: stage: deal (new): no needs assessment yet; a new deal opens at inquiry and moves on only through "
        "the gates: import the row at an earlier stage, then, on the deal it opens, do what is missing and "
        "`zizhi deal move` it."]
    assert "nothing imported" in refused.stdout and cli.dump() == before
    assert cli.json("deal", "list", user="li") == []


def test_a_deal_on_file_is_moved_on_by_a_later_stage_only_through_its_gates(cli, leads, tmp_path):
    rows = [DEALS, [HENGTONG[0], "TRADE-RIGHTS", "", "", "assessment"]]
    cli("import", "deals", str(write_csv(tmp_path / "one.csv", rows)), user="li")
    [deal] = cli.json("deal", "list", user="li")
    later = write_csv(tmp_path / "later.csv", [DEALS, [HENGTONG[0], "TRADE-RIGHTS", "", "", "proposal"]])
    refused = cli("import", "deals", str(later), user="li", code=65)
    assert refused.stderr.splitlines()[0] == f"{later}:2: 阶段: deal {deal['id']}: no needs assessment yet; record one with " \
                                     f"`zizhi deal assess {deal['id']} --findings TEXT`."
    cli("deal", "assess", str(deal["id"]), "--findings", "需要进出口经营权", user="li")
    assert "created 0, updated 1, already on file 0" in cli("import", "deals", str(later), user="li").stdout
    assert cli.json("deal", "show", str(deal["id"]), user="li")["stage"] == "proposal"
    assert "already on file 1" in cli("import", "deals", str(later), user="li").stdout
    earlier = write_csv(tmp_path / "earlier.csv", rows)  # a file saying less than the deal has done: left
    assert "already on file 1" in cli("import", "deals", str(earlier), user="li").stdout


def test_deal_rows_name_each_bad_cell_by_line_and_column(cli, leads, tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [DEALS, ["不存在的公司", "TRADE-RIGHTS", "", "", ""],
                                           [HENGTONG[0], "NO-SUCH", "", "", ""],
                                           [HENGTONG[0], "TRADE-RIGHTS", "", "-5", ""],
                                           [HENGTONG[0], "TRADE-RIGHTS", "", "", "won"]])
    lines = cli("import", "deals", str(bad), user="li", code=65).stderr.splitlines()[:-1]  # then: mend or skip
    assert [line.split(": ")[:2] for line in lines] == [[f"{bad}:2", "客户"], [f"{bad}:3", "资质"],
                                                        [f"{bad}:4", "金额"], [f"{bad}:5", "阶段"]]
    assert "'NO-SUCH' is not in the catalogue" in lines[1]


@pytest.fixture
def owing(cli, leads, tmp_path):
    """宁波恒通's deal, imported and taken to a signed contract for ¥2,862.00 in two instalments."""
    cli("user", "add", "fa", "--role", "legal")
    cli("user", "add", "cw", "--role", "finance")
    cli("credit", "check", "恒通", "--rating", "B", "--method", "registry", user="li")
    cli("import", "deals", str(write_csv(tmp_path / "deals.csv", [DEALS, [HENGTONG[0], "TRADE-RIGHTS;CUSTOMS-REG",
                                                                           "", "", ""]])), user="li")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权和海关备案", user="li")
    cli("deal", "move", "1", "proposal", user="li")
    quote = cli.json("quote", "new", "1", user="li")
    cli("review", "approve", str(quote["id"]), user="fa")
    cli("quote", "send", str(quote["id"]), user="li")
    cli("quote", "accept", str(quote["id"]), user="li")
    cli("deal", "move", "1", "contract", user="li")
    contract = cli.json("contract", "new", "1", user="li")
    cli("contract", "sign", contract["number"], user="li")  # today, 2026-11-27
    return contract


def owed(cli) -> list[tuple]:
    """The open instalments as `ar balance` shows them: which, paid, still owed."""
    balance = cli.json("ar", "balance", "恒通", user="cw")
    return [(item["position"], item["paid"], item["owed"]) for item in balance["instalments"]]


def test_payments_from_the_banks_gbk_statement_fill_the_oldest_instalment_and_import_once(cli, owing, tmp_path):
    assert owed(cli) == [(1, 0, 143_100), (2, 0, 143_100)]
    statement = write_csv(tmp_path / "银行流水.csv", [
        PAYMENTS, [HENGTONG[1], "1,000.00", "2026-11-27", "ICBC-0042"], ["宁波恒通进出口贸易有限公司", "500", "11月27日", "ICBC-0043"]])
    first = cli("import", "payments", str(statement), user="cw")
    assert "银行流水.csv (CSV, gb18030): read 2 — created 2, updated 0, already on file 0, refused 0." in first.stdout
    assert owed(cli) == [(2, 6_900, 136_200)]  # 1,000 then 431 of the 500 to the first; 69 to the second
    payments = cli.json("ar", "payments", "恒通", user="cw")
    assert [(p["paid_on"], p["amount"], p["reference"], p["user"]) for p in payments] == [
        ("2026-11-27", 50_000, "ICBC-0043", "cw"), ("2026-11-27", 100_000, "ICBC-0042", "cw")]
    before = cli.dump()
    again = cli("import", "payments", str(statement), user="cw")
    assert "read 2 — created 0, updated 0, already on file 2, refused 0." in again.stdout
    assert without_audit(cli.dump()) == without_audit(before)


def test_a_salesperson_cannot_import_payments(cli, owing, tmp_path):
    statement = write_csv(tmp_path / "pay.csv", [PAYMENTS, [HENGTONG[0], "1,000.00", "2026-11-27", "ICBC-0042"]])
    before = cli.dump()
    refused = cli("import", "payments", str(statement), user="li", code=1)
    assert refused.stderr.strip() == ("zizhi: Only finance or an admin can confirm payments received, reverse or "
                                      "refund them and issue invoices (your role is sales).")
    assert cli.dump() == before


def test_one_bad_payment_row_and_the_database_is_as_it_was_every_bad_row_named(cli, owing, tmp_path):
    cli("ar", "pay", "恒通", "3,000", "--reference", "ICBC-0042", user="cw")
    statement = write_csv(tmp_path / "pay.csv", [
        ["客户", "金额", "到账日期", "流水号", "合同编号"],
        [HENGTONG[0], "3,000.00", "2026-11-27", "ICBC-0042", ""],  # already recorded: left
        [HENGTONG[0], "100", "2026-11-27", "ICBC-0050", ""],  # good
        [HENGTONG[0], "1,431.00", "2026-11-27", "ICBC-0042", ""],  # the same slip, another amount
        [HENGTONG[0], "100", "2026-11-26", "ICBC-0051", owing["number"]],  # before the contract was signed
        [HENGTONG[0], "12.345", "", "", ""]])  # three decimals, no day, no slip
    before = cli.dump()
    refused = cli("import", "payments", str(statement), user="cw", code=65)
    lines = refused.stderr.splitlines()[:-1]  # then: mend or skip
    assert lines[0].startswith(f"{statement}:4: 流水号: reference: ICBC-0042 is already payment 1 from ")
    assert lines[1].startswith(f"{statement}:5: 到账日期: paid-on: 2026-11-26 is before contract {owing['number']} "
                               "was signed (2026-11-27)")
    assert [line.split(": ")[:2] for line in lines[2:]] == [[f"{statement}:6", "到账日期"], [f"{statement}:6", "流水号"],
                                                            [f"{statement}:6", "金额"]]
    assert "nothing imported" in refused.stdout and "read 5, refused 3." in refused.stdout
    assert cli.dump() == before  # the good row too: all of it or none


def test_skip_invalid_records_the_good_payments_and_json_says_what_happened(cli, owing, tmp_path):
    import xlsxwriter

    path = tmp_path / "pay.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["付款单位", "到账金额", "到账日期", "银行流水号", "付款方式"])
    sheet.write_row(1, 0, [HENGTONG[0]])
    sheet.write_number(1, 1, 1431)
    sheet.write_row(1, 2, ["2026-11-27", "ICBC-0042", "银行转账"])
    sheet.write_row(2, 0, [HENGTONG[0]])
    sheet.write_number(2, 1, 1431.005)  # not a whole fen: refused, never rounded
    sheet.write_row(2, 2, ["2026-11-27", "ICBC-0043"])
    book.close()
    dry = cli("import", "payments", str(path), "--dry-run", user="cw", code=65)
    assert "would create 1" in dry.stdout and owed(cli)[0] == (1, 0, 143_100)
    done = json.loads(cli("import", "payments", str(path), "--skip-invalid", "--json", user="cw", code=65).stdout)
    assert (done["created"], done["rejected"], done["written"]) == (1, 1, True)
    assert done["errors"][0]["line"] == 3 and done["errors"][0]["column"] == "到账金额"
    assert "1431.005" in done["errors"][0]["reason"]
    assert owed(cli) == [(2, 0, 143_100)]
    with open(done["errors_file"], encoding="utf-8-sig", newline="") as stream:
        [header, row] = list(csv.reader(stream))
    assert header[-1] == "错误原因" and row[3] == "ICBC-0043"


def test_an_export_of_the_deals_imports_back_without_a_map_and_changes_nothing(cli, leads, tmp_path):
    pipeline = write_csv(tmp_path / "商机.csv", [
        [*DEALS, "成交概率", "结束原因", "竞争对手"],
        [HENGTONG[1], "TRADE-RIGHTS", "进出口权", "30,000", "需求评估", "40%", "", ""],
        [HAINA[1], "CIQ-FILING*2", "报检备案两个口岸", "12800", "", "", "", ""],
        [HAINA[1], "CUSTOMS-REG", "海关备案", "2000", "丢单", "", "客户选了别家", "诚达代理"]])  # lost: opened, ended
    cli("import", "deals", str(pipeline), user="li")
    before = cli.dump()
    exported = tmp_path / "导出商机.csv"
    cli("--lang", "zh", "export", "deals", "-o", str(exported), user="li")
    rows = list(csv.DictReader(exported.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["阶段"], r["资质"], r["结束原因"], r["竞争对手"]) for r in rows] == [
        ("需求评估", "TRADE-RIGHTS", "", ""), ("咨询接待", "CIQ-FILING*2", "", ""),
        ("已丢单", "CUSTOMS-REG", "客户选了别家", "诚达代理")]
    assert [r["成交概率"] for r in rows] == ["40%", "", ""]  # as deal new takes it, not in basis points
    again = cli("import", "deals", str(exported), user="li")
    assert "read 3 — created 0, updated 0, already on file 3, refused 0." in again.stdout
    assert without_audit(cli.dump()) == without_audit(before)


def test_a_lost_deal_needs_its_reason_and_an_ended_deal_is_never_reopened(cli, leads, tmp_path):
    no_reason = write_csv(tmp_path / "丢单.csv", [[*DEALS, "结束原因"], [HAINA[1], "CUSTOMS-REG", "海关备案", "", "丢单", ""]])
    refused = cli("import", "deals", str(no_reason), user="li", code=65)
    assert "丢单.csv:2: 结束原因:" in refused.stderr and cli.json("deal", "list", user="li") == []
    lost = write_csv(tmp_path / "丢单2.csv", [[*DEALS, "结束原因"], [HAINA[1], "CUSTOMS-REG", "海关备案", "", "丢单", "价格"]])
    cli("import", "deals", str(lost), user="li")
    reopened = write_csv(tmp_path / "重开.csv", [DEALS, [HAINA[1], "CUSTOMS-REG", "海关备案", "", "需求评估"]])
    assert "created 1" in cli("import", "deals", str(reopened), user="li").stdout  # a new deal, the lost one stays lost
    assert sorted(d["stage"] for d in cli.json("deal", "list", "--closed", user="li")) == ["assessment", "lost"]


def test_a_bank_slip_excel_cut_to_fifteen_digits_is_refused_not_recorded(cli, owing, tmp_path):
    import xlsxwriter

    path = tmp_path / "流水.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["客户", "金额", "到账日期", "流水号"])
    sheet.write_row(1, 0, [HENGTONG[0], "1431.00", "2026-11-27"])
    sheet.write_number(1, 3, 20261202123456789)  # typed as a number: Excel holds 2.0261202123456788E+16
    book.close()
    refused = cli("import", "payments", str(path), user="cw", code=65)
    assert "流水.xlsx:2: 流水号: reference: '2.026120212345679e+16' was typed as a number" in refused.stderr
    assert owed(cli)[0] == (1, 0, 143_100)  # nothing paid
