"""The weekly pipeline review of week 2026-W48 (Mon 23 – Sun 29 November; the tests' day is
Friday the 27th), on a week set up by hand:

- Li Na's deal A, at assessment since the 18th, moved to proposal on the 24th (a move);
- her deal B, taken to the contract stage on the 21st, its contract (¥8,000.00) signed on the 25th (a win);
- her deal D, at inquiry since 2 November (longer than its 3 stale days from the 6th: stuck);
- Wang Qiang's deal C, opened on the 20th, lost on the 26th on price to “华信  代理” (a loss with a competitor);
- his deal E, opened on the 25th (a new inquiry);
- Li Na's client F to follow up on 2 December (next week), G since 20 November (overdue), H on 10 December (later);
- B's contract: its first instalment due on signing, unpaid.
"""

from __future__ import annotations

import pytest

from tests.core.reporting import at_contract, client, on, opened, signed
from zizhi.core.clients import interactions
from zizhi.core.errors import InputError, Refused
from zizhi.core.pipeline import deals
from zizhi.core.receivables import dunning
from zizhi.core.reports.weekly import weekly


@pytest.fixture
def week(li, wang, manager):
    on("2026-11-02")
    d = opened(li, client(li, "德州远航机械有限公司"), "2026-11-02")
    a = opened(li, client(li, "安徽华源化工有限公司"), "2026-11-18")
    deals.assess(li, a["id"], "需求合理")
    deals.move(li, a["id"], "assessment")
    c = opened(wang, client(wang, "长沙湘江纺织有限公司", "online"), "2026-11-20", value="5,000")
    b = at_contract(li, client(li, "宁波海天国际贸易有限公司"), "2026-11-21", 800_000)
    for name, logged, next_date in (("福州闽江茶业有限公司", "2026-11-16", "2026-12-02"),
                                    ("贵阳黔南药业有限公司", "2026-11-16", "2026-11-20"),
                                    ("海口椰风食品有限公司", "2026-11-16", "2026-12-10")):
        on(logged)
        interactions.log_interaction(li, str(client(li, name)), "phone", "电话沟通", next_step="回访",
                                     next_date=next_date)
    on("2026-11-24 15:00:00")
    deals.move(li, a["id"], "proposal")
    contract = signed(li, b, "2026-11-25")
    e = opened(wang, client(wang, "南昌赣江电子有限公司", "referral"), "2026-11-25")
    on("2026-11-26")
    deals.lose(wang, c["id"], "价格", competitor="  华信  代理 ")
    on("2026-11-27 09:00:00")
    return {"A": a["id"], "B": b["id"], "C": c["id"], "D": d["id"], "E": e["id"], "contract": contract}


def test_a_salespersons_week_holds_her_move_win_stuck_deal_and_what_is_due_next_week(li, week):
    report = weekly(li, "2026-W48")
    assert (report["week"], report["first"], report["last"]) == ("2026-W48", "2026-11-23", "2026-11-29")
    assert (report["next_first"], report["next_last"], report["stuck_on"]) == ("2026-11-30", "2026-12-06", "2026-11-27")
    [mine] = report["people"]
    assert mine["login"] == "li"
    assert [(m["deal_id"], m["from_stage"], m["to_stage"], m["hops"]) for m in mine["moved"]] == [
        (week["A"], "assessment", "proposal", 1)]
    assert [(w["deal_id"], w["contract"], w["total"], w["signed_on"]) for w in mine["won"]] == [
        (week["B"], week["contract"]["number"], 800_000, "2026-11-25")]
    assert [(s["deal_id"], s["stage"], s["stuck_from"]) for s in mine["stuck"]] == [(week["D"], "inquiry", "2026-11-06")]
    assert mine["lost"] == mine["opened"] == []  # Wang Qiang's are not hers
    assert [(f["client"], f["next_date"]) for f in mine["follow_ups"]] == [("福州闽江茶业有限公司", "2026-12-02")]
    assert mine["counts"]["follow_ups_overdue"] == 1  # G's, since 20 November; H's (10 December) is later
    assert mine["counts"] == report["totals"] and report["totals"]["won_value"] == 800_000


def test_the_dunning_due_next_week_is_the_dunning_lists_as_of_next_sunday(li, week):
    """The first instalment of B's contract fell due on signing (25 November): seven working days
    later, on Friday 4 December, the reminder step comes — next week, so not yet overdue."""
    [mine] = weekly(li, "2026-W48")["people"]
    listed = dunning.due(li, as_of="2026-12-06")["actions"]
    assert {d["instalment"] for d in mine["dunning"]} == {a["instalment"] for a in listed if a["since"] >= "2026-11-30"}
    assert mine["counts"]["dunning_overdue"] == len({a["instalment"] for a in listed if a["since"] < "2026-11-30"})
    first = next(d for d in mine["dunning"] if d["instalment"] == f"{week['contract']['number']}:1")
    assert (first["action"], first["since"]) == ("reminder", "2026-12-04")
    assert first["owed"] == week["contract"]["instalments"][0]["amount"]


def test_a_manager_sees_each_person_and_the_team_total(manager, week):
    report = weekly(manager, "2026-W48")
    assert [p["login"] for p in report["people"]] == ["li", "wang"]
    wang = report["people"][1]
    [lost] = wang["lost"]
    assert (lost["deal_id"], lost["reason"], lost["competitor"], lost["value"]) == (week["C"], "价格", "华信 代理", 500_000)
    assert [o["deal_id"] for o in wang["opened"]] == [week["E"]]
    assert wang["opened"][0]["channel"] == "referral"
    totals = report["totals"]
    assert {k: totals[k] for k in ("moved", "won", "lost", "cancelled", "opened", "stuck", "follow_ups")} == {
        "moved": 1, "won": 1, "lost": 1, "cancelled": 0, "opened": 1, "stuck": 1, "follow_ups": 1}
    for figure in totals:
        assert totals[figure] == sum(p["counts"][figure] for p in report["people"])
    assert weekly(manager, "2026-W48", "wang")["people"][0]["lost"] == wang["lost"]


def test_the_week_before_has_its_own_records(manager, week):
    """W47 (16–22 November): C and A opened and A moved to assessment, B opened and moved to contract."""
    report = weekly(manager, "last")
    assert report["week"] == "2026-W47"
    assert sorted(o["deal_id"] for o in report["people"][0]["opened"]) == [week["A"], week["B"]]
    assert {(m["deal_id"], m["from_stage"], m["to_stage"], m["hops"]) for m in report["people"][0]["moved"]} == {
        (week["A"], "inquiry", "assessment", 1), (week["B"], "inquiry", "contract", 3)}
    assert report["totals"]["won"] == report["totals"]["lost"] == 0


def test_a_salesperson_reads_only_her_own_and_other_roles_none(li, finance, week):
    with pytest.raises(Refused) as caught:
        weekly(li, "2026-W48", "wang")
    assert "wang" in caught.value.message("en")
    assert weekly(li, "2026-W48", "li")["login"] == "li"
    with pytest.raises(Refused):
        weekly(finance, "2026-W48")


@pytest.mark.parametrize("typed", ["2026-W54", "W48", "2026-48", "next"])
def test_a_week_that_is_no_iso_week_is_refused_naming_it(li, typed):
    with pytest.raises(InputError) as caught:
        weekly(li, typed)
    assert typed in caught.value.message("en") and "2026-W48" in caught.value.message("en")


def test_a_lost_deal_keeps_its_competitor_and_only_a_lost_one_takes_one(li):
    deal = opened(li, client(li, "德州远航机械有限公司"), "2026-11-27")
    with pytest.raises(InputError):
        deals.end_deal(li, deal["id"], "cancelled", "客户取消", competitor="华信代理")
    assert deals.lose(li, deal["id"], "价格", competitor="华信代理")["competitor"] == "华信代理"
