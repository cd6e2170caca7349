"""`zizhi import deals FILE` and `zizhi import payments FILE` as a salesperson and a cashier use them
with what Excel saved: the rules of `deal new`/`deal move` and of `ar pay`, all of it or none, every
bad row named by its line and column, and a second import of the same file changing nothing."""

from __future__ import annotations

import pytest

from tests.commands.test_import_cli import HAINA, HEADERS, HENGTONG, write_csv

DEALS = ["客户", "资质", "商机名称", "金额", "阶段"]


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
                                           [HENGTONG[0], "TRADE-RIGHTS", "", "", "lost"]])
    lines = cli("import", "deals", str(bad), user="li", code=65).stderr.splitlines()[:-1]  # then: mend or skip
    assert [line.split(": ")[:2] for line in lines] == [[f"{bad}:2", "客户"], [f"{bad}:3", "资质"],
                                                        [f"{bad}:4", "金额"], [f"{bad}:5", "阶段"]]
    assert "'NO-SUCH' is not in the catalogue" in lines[1]
