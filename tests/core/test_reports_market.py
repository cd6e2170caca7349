"""Market research over November 2026, on a month set up by hand (Li Na's clients):

- A (化工, 宁波): a deal for trade rights and customs registration opened 3 November, signed the 10th
  at list prices — ¥1,590.00 (¥1,500.00 + 6 % VAT) and ¥1,272.00 (¥1,200.00 + 6 %);
- B (化工, 上海), C (纺织, 上海), F (化工, 宁波): deals of ¥1,000.00, ¥2,000.00 and ¥500.00 lost
  “价格太高” to 华信代理, typed “华信代理”, “ 华信 代理” and “华信代理”;
- D (纺织, 上海): a deal of ¥3,000.00 lost “客户自行办理”, to no one named;
- E (no industry or city on record): a deal opened, still open.
"""

from __future__ import annotations

import pytest

from tests.core.reporting import client, on, opened, won
from zizhi.core.errors import InputError
from zizhi.core.pipeline import deals
from zizhi.core.reports.market import market, share


@pytest.fixture
def november(li):
    on("2026-11-02")
    a = client(li, "安徽华源化工有限公司", industry="化工", city="宁波")
    lost = [(client(li, "上海博源化工有限公司", industry="化工", city="上海"), "1,000", "价格太高", "华信代理"),
            (client(li, "上海锦绣纺织有限公司", industry="纺织", city="上海"), "2,000", "价格太高 ", " 华信 代理"),
            (client(li, "上海丝路纺织有限公司", industry="纺织", city="上海"), "3,000", "客户自行办理", None),
            (client(li, "宁波甬化化工有限公司", industry="化工", city="宁波"), "500", "价格太高", "华信代理")]
    won(li, a, "2026-11-03", "2026-11-10", None, codes=("TRADE-RIGHTS", "CUSTOMS-REG"))
    for day, (client_id, value, reason, competitor) in zip((4, 5, 6, 8), lost):
        deal = opened(li, client_id, f"2026-11-0{day}", value=value)
        on(f"2026-11-{day + 8}")
        deals.lose(li, deal["id"], reason, competitor=competitor)
    opened(li, client(li, "无名贸易有限公司"), "2026-11-07")
    on("2026-11-27 09:00:00")


def figures(rows: list[dict]) -> dict:
    return {row["name"]: (row["inquiries"], row["won"], row["won_value"], row["lost"], row["lost_value"])
            for row in rows}


def test_demand_per_industry_with_the_unrecorded_last(li, november):
    report = market(li, "2026-11-01", "2026-11-30", "industry")
    assert [row["name"] for row in report["groups"]] == ["化工", "纺织", "unrecorded"]
    assert figures(report["groups"]) == {"化工": (3, 1, 286_200, 2, 150_000), "纺织": (2, 0, 0, 2, 500_000),
                                         "unrecorded": (1, 0, 0, 0, 0)}
    assert report["totals"] == {"inquiries": 6, "won": 1, "won_value": 286_200, "lost": 4, "lost_value": 650_000}


def test_demand_per_region(li, november):
    report = market(li, "2026-11-01", "2026-11-30", "region")
    assert figures(report["groups"]) == {"上海": (3, 0, 0, 3, 600_000), "宁波": (2, 1, 286_200, 1, 50_000),
                                         "unrecorded": (1, 0, 0, 0, 0)}


def test_per_qualification_a_contract_is_shared_by_its_quote_lines_and_adds_up(li, november):
    report = market(li, "2026-11-01", "2026-11-30", "qualification")
    assert figures(report["groups"]) == {"TRADE-RIGHTS": (6, 1, 159_000, 4, 650_000),
                                         "CUSTOMS-REG": (1, 1, 127_200, 0, 0)}
    assert sum(row["won_value"] for row in report["groups"]) == report["totals"]["won_value"]
    assert report["groups"][0]["label"].startswith("TRADE-RIGHTS ")


def test_losses_by_reason_and_by_competitor_group_what_was_typed_differently(li, november):
    report = market(li, "2026-11-01", "2026-11-30", "industry")
    assert [(r["reason"], r["count"], r["value"]) for r in report["lost_by_reason"]] == [
        ("价格太高", 3, 350_000), ("客户自行办理", 1, 300_000)]
    assert [(r["competitor"], r["count"], r["value"]) for r in report["lost_by_competitor"]] == [
        ("华信代理", 3, 350_000), (None, 1, 300_000)]


def test_another_salesperson_sees_none_of_it_and_a_grouping_is_checked(wang, li, november):
    assert market(wang, "2026-11-01", "2026-11-30", "industry")["totals"]["inquiries"] == 0
    with pytest.raises(InputError) as caught:
        market(li, "2026-11-01", "2026-11-30", "province")
    assert "province" in caught.value.message("en")


@pytest.mark.parametrize("total, weights, shares", [
    (1_000, {"a": 1, "b": 1, "c": 1}, {"a": 334, "b": 333, "c": 333}),
    (286_200, {"x": 159_000, "y": 127_200}, {"x": 159_000, "y": 127_200}),
    (100, {"a": 1, "b": 2}, {"a": 33, "b": 67}),
    (500, {"a": 0, "b": 0}, {"a": 500, "b": 0}),
])
def test_a_total_is_shared_to_the_fen(total, weights, shares):
    assert share(total, weights) == shares and sum(shares.values()) == total
