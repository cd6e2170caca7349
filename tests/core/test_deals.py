"""Deals through the early gates: open, assess (and a blocking need), move, lose, cancel; the
pipeline view. Later gates (quote, contract, payment, delivery) are tested with their modules."""

from __future__ import annotations

import pytest

from zizhi.core import clock
from zizhi.core.clients import interactions
from zizhi.core.clients import records as clients
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.pipeline import board as pipeline
from zizhi.core.pipeline import deals
from zizhi.core.pipeline.gates import GateRefused


@pytest.fixture
def deal(li):
    clients.add_client(li, name="宁波恒通进出口贸易有限公司", channel="trade_show")
    return deals.open_deal(li, "恒通", ["trade-rights", "CUSTOMS-REG*2"], value="30,000")


def test_a_deal_opens_at_inquiry_with_its_qualifications(li, deal):
    assert deal["stage"] == "inquiry" and deal["owner"] == "li"
    assert deal["qualifications"] == [{"code": "CUSTOMS-REG", "quantity": 2}, {"code": "TRADE-RIGHTS", "quantity": 1}]
    assert deal["value"] == 3_000_000 and deal["channel"] == "trade_show"
    assert deal["probability_used"] == 1000  # the inquiry stage's configured 10 %
    assert [h["to_stage"] for h in deal["history"]] == ["inquiry"]


def test_unknown_qualification_is_refused_naming_the_catalogue(li):
    clients.add_client(li, name="义乌小商品贸易有限公司")
    with pytest.raises(InputError, match="'import-magic' is not in the catalogue.*TRADE-RIGHTS"):
        deals.open_deal(li, "义乌", ["import-magic"])


def test_inquiry_needs_a_channel(li):
    clients.add_client(li, name="义乌小商品贸易有限公司")
    opened = deals.open_deal(li, "义乌", ["TRADE-RIGHTS"])
    with pytest.raises(GateRefused, match="no channel"):
        deals.move(li, opened["id"], "assessment")


def test_leaving_assessment_needs_an_assessment_record(li, deal):
    deals.move(li, deal["id"], "assessment")
    with pytest.raises(GateRefused, match="no needs assessment yet.*zizhi deal assess"):
        deals.move(li, deal["id"], "proposal")
    deals.assess(li, deal["id"], "需要进出口经营权和海关备案，经营范围已包含进出口")
    assert deals.move(li, deal["id"], "proposal")["stage"] == "proposal"


def test_an_unlawful_need_stops_the_deal_until_a_manager_resolves_it(li, manager, deal):
    deals.move(li, deal["id"], "assessment")
    with pytest.raises(InputError, match="explanation"):
        deals.assess(li, deal["id"], "客户要求代办未列入经营范围的出口许可", "unlawful")
    blocked = deals.assess(li, deal["id"], "客户要求代办未列入经营范围的出口许可", "unlawful",
                           explanation="已向客户说明须先变更经营范围")
    assert blocked["blocked"] == 1
    assert blocked["assessments"][0]["explanation"] == "已向客户说明须先变更经营范围"
    with pytest.raises(UserError, match="stopped"):
        deals.move(li, deal["id"], "proposal")
    with pytest.raises(Refused):
        deals.resolve_block(li, deal["id"], "客户同意变更")
    deals.resolve_block(manager, deal["id"], "客户已完成经营范围变更")
    assert deals.move(li, deal["id"], "proposal")["stage"] == "proposal"


def test_proposal_needs_an_accepted_quote(li, deal):
    deals.assess(li, deal["id"], "需求合理")
    deals.move(li, deal["id"], "proposal")
    with pytest.raises(GateRefused, match="no accepted quote"):
        deals.move(li, deal["id"], "contract")


def test_jumping_ahead_passes_every_gate_on_the_way_or_none(li, deal):
    with pytest.raises(GateRefused, match="no needs assessment"):
        deals.move(li, deal["id"], "contract")
    assert deals.get_deal(li, deal["id"])["stage"] == "inquiry"
    deals.assess(li, deal["id"], "需求合理")
    with pytest.raises(GateRefused, match="no accepted quote"):
        deals.move(li, deal["id"], "contract")
    assert deals.get_deal(li, deal["id"])["stage"] == "inquiry"


def test_backwards_only_for_managers_with_a_note(li, manager, deal):
    deals.move(li, deal["id"], "assessment")
    with pytest.raises(Refused, match="only a manager"):
        deals.move(li, deal["id"], "inquiry")
    with pytest.raises(InputError, match="note"):
        deals.move(manager, deal["id"], "inquiry")
    back = deals.move(manager, deal["id"], "inquiry", note="客户需求有变，重新咨询")
    assert back["stage"] == "inquiry"
    assert back["history"][-1] == {**back["history"][-1], "from_stage": "assessment", "to_stage": "inquiry",
                                   "user": "zhao", "note": "客户需求有变，重新咨询"}


def test_lost_and_cancelled_need_a_reason_and_end_the_deal(li, deal):
    with pytest.raises(InputError, match="reason"):
        deals.lose(li, deal["id"], " ")
    lost = deals.lose(li, deal["id"], "客户选择了价格更低的代理")
    assert lost["stage"] == "lost" and lost["end_reason"] == "客户选择了价格更低的代理"
    with pytest.raises(UserError, match="has ended"):
        deals.move(li, deal["id"], "assessment")
    assert deals.list_deals(li) == []
    assert [d["stage"] for d in deals.list_deals(li, include_closed=True)] == ["lost"]


def test_another_salesperson_cannot_see_the_deal(li, wang, deal):
    with pytest.raises(NotFound):
        deals.get_deal(wang, deal["id"])
    assert deals.list_deals(wang) == []


def test_pipeline_counts_values_weights_and_stuck_deals(li, deal):
    clients.add_client(li, name="义乌小商品贸易有限公司", channel="online")
    other = deals.open_deal(li, "义乌", ["EXPORT-LICENCE"], value="10,000", probability="50%")
    deals.assess(li, other["id"], "需求合理")
    deals.move(li, other["id"], "assessment")
    view = pipeline.pipeline(li)
    by_stage = {row["stage"]: row for row in view["stages"]}
    assert (by_stage["inquiry"]["count"], by_stage["inquiry"]["value"], by_stage["inquiry"]["weighted"]) == (
        1, 3_000_000, 300_000)
    assert (by_stage["assessment"]["count"], by_stage["assessment"]["weighted"]) == (1, 500_000)
    assert view["totals"] == {"count": 2, "value": 4_000_000, "weighted": 800_000}
    assert view["stuck"] == []
    clock.set_now("2026-12-05 09:00:00")  # inquiry is stale after 3 days, assessment after 5
    stuck = pipeline.pipeline(li)["stuck"]
    assert {d["id"] for d in stuck} == {deal["id"], other["id"]}
    interactions.log_interaction(li, "恒通", "phone", "跟进报价意向")
    assert {d["id"] for d in pipeline.pipeline(li)["stuck"]} == {other["id"]}


def test_a_deal_without_channel_gets_one_by_edit_and_then_moves(li):
    clients.add_client(li, name="义乌小商品贸易有限公司")
    opened = deals.open_deal(li, "义乌", ["TRADE-RIGHTS"])
    with pytest.raises(GateRefused, match=f"deal {opened['id']}: the inquiry has no channel"):
        deals.move(li, opened["id"], "assessment")
    edited = deals.edit_deal(li, opened["id"], channel="转介绍", probability="35%", value="1,500")
    assert (edited["channel"], edited["probability_used"], edited["value"]) == ("referral", 3500, 150_000)
    assert deals.move(li, opened["id"], "assessment")["stage"] == "assessment"


@pytest.mark.parametrize("role", ["finance", "legal", "operations"])
def test_only_the_sales_side_has_deals_of_its_own_or_moves_one_back(role):
    from zizhi.core import access

    with pytest.raises(Refused, match="deals of their own"):
        access.require_own_deals({"id": 9, "role": role})
    with pytest.raises(Refused, match="only a manager can move a deal back to assessment"):
        deals.require_mover_back({"id": 9, "role": role}, {"id": 3, "stage": "proposal"})
    for holder in ("sales", "manager", "admin"):
        access.require_own_deals({"id": 9, "role": holder})
    deals.require_mover_back({"id": 9, "role": "manager"}, {"id": 3, "stage": "proposal"})
