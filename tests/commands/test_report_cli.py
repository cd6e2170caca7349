"""The reports from the command line, on a day (Friday 27 November 2026, week 2026-W48) when Li Na
opened two deals for 宁波恒通 (a trade-show client) and lost one of them on price to 华信代理:
the weekly review in print and JSON, channels as CSV for Excel, market research as a workbook —
each spreadsheet audited as an export — and the refusals, one line each."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.commands.conftest import Cli, run_zizhi


@pytest.fixture
def day(cli: Cli) -> Cli:
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li", "--channel", "trade-show",
        "--industry", "化工", "--city", "宁波")
    cli("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", "--value", "1,590", user="li")
    cli("deal", "new", "--client", "恒通", "-q", "CUSTOMS-REG", user="li")
    cli("deal", "lose", "1", "--reason", "价格太高", "--competitor", "华信代理", user="li")
    return cli


def test_a_lost_deal_shows_the_competitor_it_went_to(day):
    assert "lost to" in day("deal", "show", "1").stdout and "华信代理" in day("deal", "show", "1").stdout
    assert day.json("deal", "show", "1")["competitor"] == "华信代理"
    refused = day("deal", "cancel", "2", "--reason", "x", "--competitor", "y", user="li", code=2)
    assert "no such option: --competitor" in refused.stderr  # only `deal lose` names a competitor


def test_the_weekly_review_in_print_and_as_json(day):
    shown = day("report", "weekly", user="chen").stdout
    assert "Weekly pipeline review 2026-W48 (2026-11-23 – 2026-11-29)" in shown
    counts = next(line for line in shown.splitlines() if line.startswith("li 李娜 "))
    assert counts.split()[2:10] == ["0", "0", "¥0.00", "1", "0", "2", "0", "0"]  # moved … lost, cancelled, new
    assert "#1  宁波恒通进出口贸易有限公司  价格太高  → 华信代理  ¥1,590.00" in shown
    review = day.json("report", "weekly", "--week", "2026-W48", user="li")
    assert review["login"] == "li" and review["totals"]["opened"] == 2
    assert [row["competitor"] for row in review["people"][0]["lost"]] == ["华信代理"]


def test_a_salesperson_asking_for_anothers_week_and_a_bad_week_are_one_line_each(day):
    before = day.dump()
    refused = day("report", "weekly", "--user", "zhao", user="li", code=1)
    assert "zhao" in refused.stderr and refused.stderr.count("\n") == 1
    bad = day("report", "weekly", "--week", "2026-W60", code=65)
    assert "2026-W60" in bad.stderr and bad.stderr.count("\n") == 1
    assert day.dump() == before


def test_channels_open_in_excel_and_the_export_is_audited(day):
    result = run_zizhi("--as", "chen", "report", "channels", "--quarter", "2026Q4", "--csv", env_root=day.root)
    assert result.returncode == 0 and result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0][:3] == ["table", "name", "inquiries"]
    trade_show = next(row for row in rows if row[1] == "trade show")
    assert trade_show[2] == "2" and rows[-1][0] == "Total" and rows[-1][2] == "2"
    audit = day.json("audit", "list", "--action", "report.export")
    assert [(a["detail"]["command"], a["detail"]["form"], a["detail"]["count"]) for a in _details(audit)] == [
        ("report channels", "file", len(rows) - 1)]


def test_channels_say_under_the_table_how_their_revenue_differs_from_the_kpis(day):
    shown = day("report", "channels", "--quarter", "2026Q4", user="chen").stdout.splitlines()
    total = next(n for n, line in enumerate(shown) if line.startswith("Total"))
    after = shown[total + 1:]
    note = " ".join(after[:after.index("")])  # the note, wrapped at the terminal's width, then a blank line
    assert note == ("Revenue here is money received from the clients, credit on account included; "
                                "KPI revenue (zizhi kpi) counts only what was applied to a salesperson's contracts, "
                                "so the two differ by credit not yet applied.")
    assert "销售额为客户的全部收款（含预收款）" in day("--lang", "zh", "report", "channels", user="chen").stdout


def test_legal_asking_for_the_channels_is_told_which_report_and_who_reads_it(day):
    day("user", "add", "zhou", "--name", "周律师", "--role", "legal")
    before = day.dump()
    refused = day("report", "channels", user="zhou", code=1)
    assert refused.stderr == ("zizhi: The channels and referrals report shows money received, so it is for "
                              "salespeople (their own clients), managers, finance and admins (your role is legal).\n")
    assert "eceivables" not in refused.stderr
    assert day.dump() == before


def test_market_research_as_a_workbook_in_chinese(day, tmp_path):
    from python_calamine import CalamineWorkbook

    out = tmp_path / "市场.xlsx"
    said = day("--lang", "zh", "report", "market", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(out),
               user="chen").stdout
    assert "已写入" in said and out.exists()
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert sheet[0][:3] == ["表", "名称", "询盘数"]
    assert ["丢单去向（竞争对手）", "华信代理"] == sheet[-1][:2]
    shown = day("--lang", "zh", "report", "market", "--by", "qualification").stdout
    assert "市场调研（按资质）" in shown and "TRADE-RIGHTS 对外贸易经营者备案登记" in shown


def test_a_report_file_of_another_kind_is_refused_before_anything_is_read(day, tmp_path):
    refused = day("report", "market", "-o", str(tmp_path / "market.pdf"), code=65)
    assert ".csv nor .xlsx" in refused.stderr and not (tmp_path / "market.pdf").exists()
    assert day.json("audit", "list", "--action", "report.export") == []


def _details(rows: list[dict]) -> list[dict]:
    return [{**row, "detail": json.loads(row["detail"]) if isinstance(row["detail"], str) else row["detail"]}
            for row in rows]
