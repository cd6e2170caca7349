"""Processing (rulebook §6.4): handed over to operations only once signed and paid, the
catalogue's steps tracked, delays recorded with their cause, the authority's decision."""

from __future__ import annotations

import json

import pytest

from tests.core.test_contracts import paid_deal, ready_deal
from tests.core.test_workdays import YEAR_2027
from zizhi.core import audit, clock
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.people import users as people
from zizhi.core.pipeline import contracts, deals, processing
from zizhi.core.pipeline.gates import GateRefused
from zizhi.core.workdays import records


@pytest.fixture
def ops(desk, desk_as):
    """The desk of Sun, an operations colleague."""
    people.add_user(desk, "sun", "孙运营", "operations")
    return desk_as("sun")


def finish_steps(desk, deal_id: int) -> dict:
    """Mark every catalogue step of the handed-over deal done, as operations would."""
    for row in processing.progress(desk, deal_id)["steps"]:
        if row["status"] not in ("done", "skipped"):
            processing.step(desk, deal_id, row["code"], row["position"])
    return processing.progress(desk, deal_id)


@pytest.fixture
def paid(li, finance):
    return paid_deal(li, finance)


@pytest.fixture
def handed(li, ops, paid):
    return processing.handover(li, paid["id"], "sun")


def test_handover_goes_to_operations_only(li, desk, ops, paid, rows):
    people.add_user(desk, "zhou", "周法务", "legal")
    with pytest.raises(UserError) as caught:
        processing.handover(li, paid["id"], "zhou")
    assert "zhou is legal" in str(caught.value) and "an operations colleague" in str(caught.value)
    with pytest.raises(NotFound, match="no active user 'nobody'"):
        processing.handover(li, paid["id"], "nobody")
    assert rows(li, "handovers") == 0 and deals.get_deal(li, paid["id"])["stage"] == "payment"

    progress = processing.handover(li, paid["id"], "sun", note="材料已齐")
    assert (progress["operator"], progress["handed_by"]) == ("sun", "li")
    assert progress["handed_over_at"] == "2026-11-27 09:00:00"
    # TRADE-RIGHTS takes 7 working days, CUSTOMS-REG 5: from Friday 27 November, Tuesday 8 December
    assert progress["expected_on"] == "2026-12-08" and progress["expected_provisional"] is False
    assert [(s["code"], s["position"], s["status"]) for s in progress["steps"]][:2] == [
        ("CUSTOMS-REG", 1, "pending"), ("CUSTOMS-REG", 2, "pending")]
    assert len(progress["steps"]) == 8 and progress["steps"][4]["step"] == "核对营业执照经营范围（必要时先办变更）"
    deal = deals.get_deal(li, paid["id"])
    assert deal["stage"] == "processing" and deal["history"][-1]["note"] == "材料已齐"
    assert audit.list_entries(desk, action="process.handover")[0]["detail"]["operator"] == "sun"
    with pytest.raises(UserError, match="already handed over to sun"):
        processing.handover(li, paid["id"], "sun")


def test_handover_meets_the_same_payment_gate_as_a_move(li, ops, finance, rows):
    deal = ready_deal(li)
    contract = contracts.new_contract(li, deal["id"])
    with pytest.raises(GateRefused, match="not signed yet"):
        processing.handover(li, deal["id"], "sun")
    contracts.sign(li, contract["id"])
    contracts.file_copy(li, contract["id"], "finance")
    contracts.file_copy(li, contract["id"], "legal")
    with pytest.raises(GateRefused, match="processing starts only after payment of ¥1,431.00"):
        processing.handover(li, deal["id"], "sun")
    assert rows(li, "handovers") == rows(li, "processing_steps") == 0
    contracts.record_payment(finance, contract["id"], contract["instalments"][0]["amount"])
    assert processing.handover(li, deal["id"], "sun")["stage"] == "processing"


def test_a_deal_already_moved_into_processing_is_handed_over_without_moving_again(li, ops, paid):
    deals.move(li, paid["id"], "processing")
    progress = processing.handover(li, paid["id"], "sun")
    assert (progress["stage"], progress["operator"]) == ("processing", "sun")
    assert [h["to_stage"] for h in deals.get_deal(li, paid["id"])["history"]].count("processing") == 1


def test_only_the_owner_or_a_manager_hands_over(li, ops, finance, paid):
    with pytest.raises(Refused, match="only its owner, a manager or an admin can hand it over"):
        processing.handover(ops, paid["id"], "sun")
    with pytest.raises(Refused):
        processing.handover(finance, paid["id"], "sun")


def test_steps_are_marked_by_operations(ops, finance, handed):
    deal = handed["deal_id"]
    progress = processing.step(ops, deal, "trade-rights", 1, "in-progress")
    assert progress["steps"][4]["status"] == "in_progress" and progress["steps"][4]["on_date"] == "2026-11-27"
    progress = processing.step(ops, deal, "TRADE-RIGHTS", "1", on_date="2026-11-26")
    assert (progress["steps"][4]["status"], progress["steps"][4]["on_date"], progress["steps_done"]) == (
        "done", "2026-11-26", 1)
    assert processing.step(ops, deal, "TRADE-RIGHTS", 1, "pending")["steps"][4]["on_date"] is None
    with pytest.raises(NotFound) as caught:
        processing.step(ops, deal, "TRADE-RIGHTS", 9)
    assert "no step 9 of TRADE-RIGHTS" in str(caught.value) and "TRADE-RIGHTS 4 领取备案登记表" in str(caught.value)
    with pytest.raises(InputError, match="'finished' is not one of pending, in_progress, done"):
        processing.step(ops, deal, "TRADE-RIGHTS", 1, "finished")
    with pytest.raises(Refused, match="only operations, its owner, a manager or an admin"):
        processing.step(finance, deal, "TRADE-RIGHTS", 1)


def test_nothing_is_recorded_before_the_handover(li, paid):
    with pytest.raises(UserError, match="not been handed over.*zizhi process handover"):
        processing.step(li, paid["id"], "TRADE-RIGHTS", 1)
    assert processing.progress(li, paid["id"])["handed_over"] is False


def test_a_delay_is_recorded_with_its_cause_and_moves_the_expected_date(li, ops, desk, handed):
    deal = handed["deal_id"]
    with pytest.raises(InputError, match="cause: a value is required"):
        processing.delay(ops, deal, " ", 3, client_told=True)
    with pytest.raises(InputError, match="days: '-2' is not a whole number"):
        processing.delay(ops, deal, "系统维护", -2, client_told=True)
    progress = processing.delay(ops, deal, "商务部系统升级暂停受理", 5, client_told=True)
    progress = processing.delay(li, deal, "客户补充材料", "2", client_told=False)
    assert progress["expected_on"] == "2026-12-17"  # 5 and then 2 working days after 8 December
    assert [(d["cause"], d["days"], d["client_told"], d["user"]) for d in progress["delays"]] == [
        ("商务部系统升级暂停受理", 5, 1, "sun"), ("客户补充材料", 2, 0, "li")]
    assert audit.list_entries(desk, action="process.delay")[0]["detail"]["expected_on"] == ["2026-12-15", "2026-12-17"]


def test_an_outcome_is_approved_or_rejected_with_a_reason(ops, handed):
    deal = handed["deal_id"]
    with pytest.raises(InputError, match="'pending' is not one of approved, rejected"):
        processing.outcome(ops, deal, "pending")
    with pytest.raises(InputError, match="rejection of deal .* needs the authority's reason"):
        processing.outcome(ops, deal, "rejected")
    rejected = processing.outcome(ops, deal, "rejected", reason="经营场所证明不符")
    assert (rejected["outcome"], rejected["outcome_reason"]) == ("rejected", "经营场所证明不符")
    finish_steps(ops, deal)
    approved = processing.outcome(ops, deal, "Approved", on_date="2026-11-27")
    assert (approved["outcome"], approved["outcome_reason"], approved["outcome_on"]) == ("approved", None, "2026-11-27")
    with pytest.raises(UserError, match="already approved on 2026-11-27"):
        processing.outcome(ops, deal, "rejected", reason="改判")
    with pytest.raises(UserError, match="already decided"):
        processing.delay(ops, deal, "迟到的延误", 1, client_told=True)


def test_a_deadline_across_national_day_counts_its_make_up_saturday(li, ops, finance):
    clock.set_now("2026-09-28 09:00:00")
    deal = paid_deal(li, finance)
    progress = processing.handover(li, deal["id"], "sun")
    # 7 working days from Monday 28 September: 29, 30 September, then 8, 9, 10 (调休 Saturday), 12, 13 October.
    assert progress["expected_on"] == "2026-10-13" and progress["expected_provisional"] is False
    assert processing.delay(ops, deal["id"], "节后窗口排队", 1, client_told=True)["expected_on"] == "2026-10-14"


def test_a_deadline_beyond_the_years_on_record_is_provisional_until_the_year_is_imported(li, finance, ops, desk,
                                                                                        tmp_path):
    clock.set_now("2026-12-28 09:00:00")
    deal = paid_deal(li, finance)
    progress = processing.handover(li, deal["id"], "sun")
    assert progress["expected_on"] == "2027-01-06"  # 2027's holidays are not on record: the weekly rule
    assert progress["expected_provisional"] is True
    schedule = tmp_path / "2027.json"
    schedule.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    assert records.import_file(desk, schedule)["deadlines_moved"] == 1
    progress = processing.progress(li, deal["id"])  # 1 January 2027 is a holiday after all
    assert (progress["expected_on"], progress["expected_provisional"]) == ("2027-01-07", False)
    assert audit.list_entries(desk, action="process.recounted")[0]["detail"]["expected_on"] == [
        "2027-01-06", "2027-01-07"]


def test_progress_is_overdue_past_the_expected_date_until_decided(li, ops, handed):
    deal = handed["deal_id"]
    assert processing.progress(li, deal)["overdue"] is False
    clock.set_now("2026-12-10 09:00:00")  # expected on Tuesday 8 December
    late = processing.progress(li, deal)
    assert (late["overdue"], late["days_overdue"]) == (True, 2)
    assert [(r["deal_id"], r["operator"], r["days_overdue"]) for r in processing.list_overdue(li)] == [(deal, "sun", 2)]
    finish_steps(ops, deal)
    processing.outcome(ops, deal, "approved")
    assert processing.progress(li, deal)["overdue"] is False
    assert processing.list_overdue(li) == []


def test_another_salesperson_cannot_see_the_processing(wang, handed):
    with pytest.raises(NotFound):
        processing.progress(wang, handed["deal_id"])
    with pytest.raises(NotFound):
        processing.delay(wang, handed["deal_id"], "x", 1, client_told=True)
    assert processing.list_overdue(wang) == []


def test_approval_waits_until_every_step_is_done_or_skipped_with_a_reason(desk, ops, handed, rows):
    deal = handed["deal_id"]
    for row in handed["steps"][:7]:
        processing.step(ops, deal, row["code"], row["position"])
    before = rows(desk, "audit")
    with pytest.raises(GateRefused) as caught:
        processing.outcome(ops, deal, "approved")
    assert str(caught.value) == (
        f"deal {deal}: 1 processing step not done: TRADE-RIGHTS 4 领取备案登记表; mark each done "
        f"(`zizhi process step {deal} CODE N`) or skip it with the reason "
        f"(`zizhi process step {deal} CODE N --skip --reason TEXT`).")
    assert processing.progress(ops, deal)["outcome"] is None and rows(desk, "audit") == before

    with pytest.raises(InputError, match="skipping step 4 of TRADE-RIGHTS needs the reason"):
        processing.step(ops, deal, "TRADE-RIGHTS", 4, "skipped", reason=" ")
    with pytest.raises(InputError, match="only a skipped step takes a reason"):
        processing.step(ops, deal, "TRADE-RIGHTS", 4, "done", reason="电子备案，无需纸质登记表")
    assert processing.progress(ops, deal)["steps"][7]["status"] == "pending" and rows(desk, "audit") == before

    progress = processing.step(ops, deal, "TRADE-RIGHTS", 4, "skipped", reason="电子备案，无需纸质登记表")
    assert (progress["steps"][7]["status"], progress["steps"][7]["reason"]) == ("skipped", "电子备案，无需纸质登记表")
    assert audit.list_entries(desk, action="process.step")[0]["detail"]["reason"] == "电子备案，无需纸质登记表"
    assert processing.outcome(ops, deal, "approved")["outcome"] == "approved"


def test_a_rejection_needs_no_finished_steps(ops, handed):
    rejected = processing.outcome(ops, handed["deal_id"], "rejected", reason="材料不全")
    assert rejected["outcome"] == "rejected"
