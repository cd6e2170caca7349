"""`zizhi kpi` as salespeople and their manager use it: their quarter's figures, the records behind
one, the team side by side with its chart, targets — and the refusals, each one line."""

from __future__ import annotations

import csv
import io

import pytest
from rich.cells import cell_len

from tests.core.test_contracts import TOTAL
from tests.core.test_kpi import HALF, signed_on
from zizhi.core import clock
from zizhi.core.desk import open_desk
from zizhi.core.receivables import ledger


@pytest.fixture
def sold(cli, env):
    """Li signed 宁波甲 on 10-10 (¥2,862.00) and was paid its prepayment (¥1,431.00) on 10-20; Zhao
    signed nothing. The clock of the commands is 2026-11-27, in 2026Q4."""
    cli("user", "add", "qian", "--name", "钱会计", "--role", "finance")
    cli("user", "exam", "zhao", "90")
    li, finance = open_desk(env / "zizhi.db", "li", "en"), open_desk(env / "zizhi.db", "qian", "en")
    try:
        first = signed_on(li, "2026-10-10", "宁波甲进出口贸易有限公司")
        with clock.travel("2026-10-20 10:00"):
            ledger.record_payment(finance, None, HALF, "2026-10-20", contract_ref=first["contract"]["id"])
    finally:
        li.close()
        finance.close()
    return cli


def test_a_salesperson_sees_their_own_quarter_by_default(sold):
    shown = sold("kpi", user="li").stdout
    assert "KPIs of 李娜 (li), 2026Q4 (2026-10-01 – 2026-12-31)" in shown
    assert [line.split()[-1] for line in shown.splitlines() if line.startswith(("revenue", "contract value"))] == [
        "¥1,431.00", "¥2,862.00"]
    data = sold.json("kpi", "--quarter", "2026Q4", user="li")
    assert (data["revenue"], data["contract_value"], data["new_clients"]) == (HALF, TOTAL, 1)
    assert sold.json("kpi", "--quarter", "2026Q3", user="li")["revenue"] == 0


def test_another_persons_figures_and_the_team_are_for_managers(sold):
    before = sold.dump()
    refused = sold("kpi", "--user", "li", user="zhao", code=1)
    assert refused.stderr.strip() == "zizhi: Only managers and admins read another person's KPIs or the team's (your role is sales)."
    assert sold("kpi", "team", user="li", code=1).stderr.count("\n") == 1
    assert sold("kpi", user="qian", code=1).stderr == (
        "zizhi: KPIs are kept for salespeople (your role is finance); managers see the team's with zizhi kpi team.\n")
    assert sold("kpi", user="chen", code=1).stderr == (
        "zizhi: KPIs are kept for salespeople, and your role is manager: the team's are zizhi kpi team, "
        "one salesperson's zizhi kpi --user LOGIN.\n")
    assert sold.dump() == before


def test_a_bad_quarter_or_metric_is_one_line_and_exit_65(sold):
    assert sold("kpi", "--quarter", "2026Q5", user="li", code=65).stderr == (
        "zizhi: quarter: '2026Q5' is not a quarter; write a year from 2000 to 2999 and Q1–Q4 (e.g. 2026Q4), or "
        "this or last.\n")
    said = sold("kpi", "drill", "profit", user="li", code=65).stderr
    assert said.startswith("zizhi: metric: 'profit' is not a KPI; one of revenue, contract_value")


def test_a_drill_lists_the_records_that_add_up_to_the_figure(sold):
    shown = sold("kpi", "drill", "revenue", "--user", "li", "--quarter", "2026Q4", user="chen").stdout
    assert shown.splitlines()[0] == "revenue of li, 2026Q4: 1 record, ¥1,431.00"
    assert "宁波甲进出口贸易有限公司" in shown and "2026-10-20" in shown
    table = list(csv.DictReader(io.StringIO(sold("kpi", "drill", "contract_value", "--user", "li", "--csv",
                                                  user="chen").stdout.lstrip("\ufeff"))))
    assert [(row["kind"], row["amount"]) for row in table] == [("signed", "2862.00")]


def test_a_drill_marks_a_payment_entered_after_its_quarter_closed(sold, env):
    li, finance = open_desk(env / "zizhi.db", "li", "en"), open_desk(env / "zizhi.db", "qian", "en")
    try:
        late = signed_on(li, "2026-09-10", "宁波乙国际物流有限公司")
        with clock.travel("2026-10-03 10:00"):  # paid on 09-25, entered after 2026Q3 closed
            ledger.record_payment(finance, None, 20_000, "2026-09-25", contract_ref=late["contract"]["id"])
    finally:
        li.close()
        finance.close()
    shown = sold("kpi", "drill", "revenue", "--user", "li", "--quarter", "2026Q3", user="chen").stdout.splitlines()
    assert shown[1].split()[-2:] == ["recorded", "later"]
    assert shown[2].endswith("¥200.00  on 2026-10-03")
    assert shown[-1] == ("1 of these records was entered after 2026Q3 ended (on the day shown): "
                         "it changed its figure after it closed.")
    data = sold.json("kpi", "drill", "revenue", "--user", "li", "--quarter", "2026Q3", user="chen")
    assert [(r["recorded_on"], r["recorded_later"]) for r in data["rows"]] == [("2026-10-03", True)]
    table = list(csv.DictReader(io.StringIO(sold("kpi", "drill", "revenue", "--user", "li", "--quarter", "2026Q4",
                                                  "--csv", user="chen").stdout.lstrip("\ufeff"))))
    assert [(r["amount"], r["recorded_on"], r["recorded_later"]) for r in table] == [("1431.00", "2026-10-20", "no")]
    on_time = sold("kpi", "drill", "revenue", "--user", "li", "--quarter", "2026Q4", user="chen").stdout
    assert "recorded later" not in on_time and "entered after" not in on_time


def test_the_team_table_and_chart_align_chinese_names_by_cells(sold):
    sold("kpi", "target", "set", "--user", "li", "--quarter", "2026Q4", "--revenue", "2,862", user="chen")
    shown = sold("kpi", "team", user="chen").stdout.splitlines()
    assert shown[0] == "The team, 2026Q4 (2026-10-01 – 2026-12-31), ranked by revenue:"
    rows = shown[3:7]  # under two lines of heads; the target and attainment stacked under the figure
    assert rows[0].startswith("1     李娜 (li)") and rows[3].startswith("2     赵强 (zhao)")
    assert "¥2,862.00" in rows[1] and rows[1].split()[0] == "target" and "50.00%" in rows[2]
    ends = {cell_len(line[:line.index("¥") + len(line[line.index("¥"):].split()[0])]) for line in rows[:2]}
    assert len(ends) == 1  # the revenue column ends at the same cell on every row
    chart = shown[shown.index("revenue:") + 1:]
    assert chart[0].startswith("李娜 (li)    ¥1,431.00  ███") and chart[1].rstrip().endswith("¥0.00")
    ranked = list(csv.DictReader(io.StringIO(sold("kpi", "team", "--csv", user="chen").stdout.lstrip("\ufeff"))))
    assert [(r["rank"], r["login"], r["revenue"], r["revenue_attainment"]) for r in ranked] == [
        ("1", "li", "1431.00", "50.00%"), ("2", "zhao", "0.00", "")]


def test_a_trainee_is_named_under_the_team_not_ranked_in_it(sold):
    sold("user", "add", "sun", "--name", "孙新人", "--role", "sales")
    shown = sold("kpi", "team", user="chen").stdout.splitlines()
    assert "孙新人" not in "\n".join(shown[:shown.index("revenue:")][:-2])
    assert ("Not ranked — not on duty in 2026Q4 (onboarding exam not passed by its end): 孙新人 (sun)."
            in shown)
    assert "sun" not in [row["login"] for row in sold.json("kpi", "team", user="chen")["people"]]


def test_targets_are_set_by_a_manager_and_audited_and_refused_to_a_salesperson(sold):
    said = sold("kpi", "target", "set", "--user", "li", "--quarter", "2026Q4", "--revenue", "500,000",
                "--contracts", "5,724", "--new-clients", "2", user="chen").stdout
    assert said.strip() == ("Targets of li for 2026Q4: revenue ¥500,000.00, contract value ¥5,724.00, "
                            "new clients 2.")
    mine = sold.json("kpi", user="li")
    assert mine["attainment"] == {"revenue": 29, "contract_value": 5_000, "new_clients": 5_000}
    assert sold("kpi", "target", "set", "--user", "li", "--quarter", "2026Q4", "--revenue", "1",
                user="li", code=1).stderr == "zizhi: Only managers and admins set targets (your role is sales).\n"
    assert sold("kpi", "target", "set", "--user", "chen", "--quarter", "2026Q4", "--revenue", "1",
                user="chen", code=1).stderr == "zizhi: user: chen's role is manager; targets are set for salespeople.\n"
    assert sold("kpi", "target", "set", "--user", "li", "--quarter", "2026Q4", "--revenue", "lots",
                user="chen", code=65).stderr.startswith("zizhi: revenue: ")
    trail = sold.json("audit", "list", "--action", "kpi.", user="chen")
    assert [(e["action"], e["user"]) for e in trail][:2] == [("kpi.export", "li"), ("kpi.target", "chen")]


def test_json_and_csv_leave_an_audit_record_a_table_on_screen_does_not(sold):
    sold("kpi", "team", user="chen")
    sold("kpi", "drill", "revenue", "--user", "li", user="chen")
    assert sold.json("audit", "list", "--action", "kpi.export", user="chen") == []
    sold("kpi", "team", "--csv", user="chen")
    drilled = sold.json("kpi", "drill", "revenue", "--user", "li", user="chen")
    trail = sold.json("audit", "list", "--action", "kpi.export", user="chen")
    assert [e["detail"]["command"] for e in trail] == ["kpi drill", "kpi team"]
    assert trail[0]["detail"]["filter"] == {"metric": "revenue", "user": "li"}
    people = len(sold.json("kpi", "team", user="chen")["people"])
    assert [e["detail"]["count"] for e in trail] == [len(drilled["rows"]), people] and people > 1  # rows that left


def test_explain_says_each_definition_in_the_persons_language(sold):
    english = " ".join(sold("kpi", "--explain", user="li").stdout.split())  # as read, whatever the line breaks
    assert "A reversal dated in a later quarter counts in that quarter" in english
    assert "entered after it ended changes that quarter's figure" in english and "recorded later (on DATE)" in english
    assert "credit still on account included" in english
    assert "owned the deal that day" in english
    chinese = "".join(line.strip() for line in sold("--lang", "zh", "kpi", "--explain", user="li").stdout.splitlines())
    assert "补记（登记于 某日）" in chinese and "新客户 — 首份合同在本季度签订的客户。" in chinese
