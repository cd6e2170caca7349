"""The dunning ladder as the desk works it: steps counted in working days across National Day, a
promise that holds the ladder and is kept or broken (a reversal can break it), a part payment
that leaves the rest on its step, escalation to the managers, and who may log what."""

from __future__ import annotations

import sqlite3

import pytest

from tests.core.test_contracts import ready_deal
from zizhi.core import clock
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.people import users as people
from zizhi.core.pipeline import contracts
from zizhi.core.receivables import dunning, ledger
from zizhi.core.receivables.ladder import Ladder

# Due Monday 28 September 2026, the last working day before the Mid-Autumn and National Day holidays
# (25 September and 1–7 October off; Sunday 20 September and Saturday 10 October worked).
DUE = "2026-09-28"


def owing(sales, name: str = "宁波海天国际贸易有限公司", schedule=((DUE, 100_000), ("2026-12-30", 100_000))) -> dict:
    """A signed contract of ``sales`` for a new client: ¥1,000.00 due on ``DUE`` and ¥1,000.00 later."""
    clock.set_now("2026-09-01 09:00:00")
    deal = ready_deal(sales, name=name, total=sum(amount for _, amount in schedule))
    contract = contracts.new_contract(sales, deal["id"], list(schedule))
    contracts.sign(sales, contract["id"])
    clock.set_now("2026-11-27 09:00:00")
    return contracts.get_contract(sales, contract["id"])


def actions(desk, day: str, person: str | None = None) -> list[tuple]:
    return [(row["person"], row["instalment"], row["action"], row["since"])
            for row in dunning.due(desk, day, person)["actions"]]


def test_the_steps_count_working_days_across_national_day(li):
    steps = Ladder(li.store, li.settings.pricing.dunning)
    assert [(r.days, r.action, r.on) for r in steps.rungs(DUE)] == [
        (-3, "friendly_reminder", "2026-09-22"),  # back over the 25th (holiday) and the weekend
        (7, "reminder", "2026-10-13"),            # over 1–7 October, counting Saturday the 10th
        (15, "call", "2026-10-23"),
        (30, "letter", "2026-11-13"),
        (60, "visit", "2026-12-25"),
        (90, "escalation", "2027-02-05"),
    ]


def test_in_calendar_days_a_step_on_a_holiday_moves_to_the_next_working_day(li):
    config = li.settings.pricing.dunning.model_copy(update={"working_days": False})
    steps = Ladder(li.store, config)
    # -3 is the 25th, a holiday: the reminder before the due date goes out the working day before;
    # +7 is 5 October: the reminder after it waits for the 8th; +15 is the 13th, a working day
    assert [r.on for r in steps.rungs(DUE)][:3] == ["2026-09-24", "2026-10-08", "2026-10-13"]


def test_only_the_step_reached_is_due_until_an_action_answers_it(li):
    contract = owing(li)
    first = f"{contract['number']}:1"
    assert actions(li, "2026-09-21") == []
    assert actions(li, "2026-09-22") == [("li", first, "friendly_reminder", "2026-09-22")]
    # not logged: on National Day's eve it is still the friendly reminder that is due
    assert actions(li, "2026-09-30") == [("li", first, "friendly_reminder", "2026-09-22")]
    # a week in, the reminder replaces it; a milder action does not answer it
    dunning.log_action(li, first, "friendly_reminder", "reached", on="2026-10-13")
    assert actions(li, "2026-10-13") == [("li", first, "reminder", "2026-10-13")]
    logged = dunning.log_action(li, first, "reminder", "reached", note="微信提醒", on="2026-10-13")
    assert logged["covers"] == [{"instalment": first, "at_rung": 7, "rung": 7}]
    assert actions(li, "2026-10-22") == []
    assert actions(li, "2026-10-23") == [("li", first, "call", "2026-10-23")]


def test_a_kept_promise_holds_the_ladder_and_a_part_payment_leaves_the_rest_on_its_step(li, finance):
    contract = owing(li)
    first = f"{contract['number']}:1"
    made = dunning.log_action(li, first, "reminder", promise_on="2026-10-20", promise_amount="500", on="2026-10-13")
    assert made["outcome"] == "promised"
    assert actions(li, "2026-10-19") == []  # held while the promise runs
    ledger.record_payment(finance, contract["client_id"], "500", "2026-10-16", contract_ref=contract["id"])
    history = dunning.history(li, str(contract["client_id"]))
    assert history["actions"][0]["promise_state"] == "kept"
    # the rest (¥500) is not sent back to the bottom: its call falls due on its own day
    assert actions(li, "2026-10-22") == []
    due = dunning.due(li, "2026-10-23")["actions"]
    assert [(r["action"], r["owed"], r["reason"]) for r in due] == [("call", 50_000, "ladder")]


def test_a_broken_promise_moves_the_debt_up_at_once(li, finance):
    contract = owing(li)
    first = f"{contract['number']}:1"
    dunning.log_action(li, first, "reminder", promise_on="2026-10-20", promise_amount="500", on="2026-10-13")
    ledger.record_payment(finance, contract["client_id"], "300", "2026-10-19", contract_ref=contract["id"])
    assert actions(li, "2026-10-20") == []
    due = dunning.due(li, "2026-10-21")["actions"]
    assert [(r["action"], r["since"], r["reason"], r["owed"]) for r in due] == [
        ("call", "2026-10-21", "broken_promise", 70_000)]
    assert due[0]["promise"]["state"] == "broken"


def test_a_reversed_payment_breaks_a_promise_it_had_kept(li, finance):
    contract = owing(li)
    first = f"{contract['number']}:1"
    dunning.log_action(li, first, "reminder", promise_on="2026-10-20", promise_amount="500", on="2026-10-13")
    payment = ledger.record_payment(finance, contract["client_id"], "500", "2026-10-16", contract_ref=contract["id"])
    assert actions(li, "2026-10-21") == []
    ledger.reverse_payment(finance, payment["id"], "退票", "2026-10-21")
    assert actions(li, "2026-10-20") == []  # the books of the 20th still held the payment
    assert actions(li, "2026-10-21") == [("li", first, "call", "2026-10-21")]


def test_escalation_reaches_the_managers_and_flags_a_possible_bad_debt(li, manager, finance):
    contract = owing(li)
    first = f"{contract['number']}:1"
    due = [r for r in dunning.due(finance, "2027-02-05")["actions"] if r["instalment"] == first]
    assert [(r["person"], r["action"], r["flagged"]) for r in due] == [
        ("li", "escalation", True), ("zhao", "escalation", True)]
    assert actions(finance, "2027-02-05", person="zhao") == [("zhao", first, "escalation", "2027-02-05")]
    assert actions(li, "2026-12-31", person="li")[0][2] == "visit"


def test_a_client_wide_action_covers_every_debt_on_the_ladder(li):
    contract = owing(li)
    clock.set_now("2027-01-20 09:00:00")
    logged = dunning.log_action(li, "宁波海天国际贸易有限公司", "visit", "reached", on="2027-01-04")
    assert [c["instalment"] for c in logged["covers"]] == [f"{contract['number']}:1", f"{contract['number']}:2"]
    assert actions(li, "2027-01-04") == []


def test_who_may_log_and_refusals_change_nothing(li, wang, finance, desk, desk_as, rows):
    contract = owing(li)
    first = f"{contract['number']}:1"
    people.add_user(desk, "zhou", "周律师", "legal")
    with pytest.raises(Refused, match="salesperson, finance and managers"):
        dunning.log_action(desk_as("zhou"), first, "call", "reached")
    with pytest.raises((Refused, NotFound)):
        dunning.log_action(wang, first, "call", "reached")
    with pytest.raises(InputError, match="needs both its day"):
        dunning.log_action(li, first, "call", promise_on="2026-12-05")
    with pytest.raises(InputError, match="more than is owed"):
        dunning.log_action(li, first, "call", promise_on="2026-12-05", promise_amount="1,000.01")
    with pytest.raises(InputError, match="before the action"):
        dunning.log_action(li, first, "call", promise_on="2026-11-20", promise_amount="10")
    with pytest.raises(InputError, match="not one of"):
        dunning.log_action(li, first, "sue", "reached")
    assert rows(li, "dunning_actions") == 0
    assert dunning.log_action(finance, first, "电话", "未接通")["action"] == "call"
    ledger.record_payment(finance, contract["client_id"], "2,000", "2026-11-27")
    with pytest.raises(UserError, match="owes nothing"):
        dunning.log_action(li, first, "call", "reached")


def test_the_log_is_history(li):
    contract = owing(li)
    dunning.log_action(li, f"{contract['number']}:1", "call", "reached")
    for statement in ("UPDATE dunning_actions SET outcome = 'paid'", "DELETE FROM dunning_covers"):
        with pytest.raises(sqlite3.IntegrityError):
            li.store.conn.execute(statement)


def test_a_promise_racing_the_payment_that_clears_the_debt_is_never_made_on_a_paid_debt(db_path, li, finance):
    from tests.core.racing import Call, race

    contract = owing(li)
    first = f"{contract['number']}:1"
    calls = [Call("li", "receivables.dunning.log_action", (first, "call"),
                  (("promise_on", "2026-12-04"), ("promise_amount", "1,000"))),
             Call("qian", "receivables.ledger.record_payment", (None, "1,000"), (("contract_ref", contract["id"]),))]
    outcomes = race(db_path, calls, clock.stamp())
    order = [r["action"] for r in reversed(li.store.rows(
        "SELECT action FROM audit WHERE action IN ('dunning.log', 'payment.record') ORDER BY id DESC"))]
    # the promise is checked against what is owed inside its transaction: made before the payment, or refused
    assert (outcomes, order) in ((["ok", "ok"], ["dunning.log", "payment.record"]),
                                 (["dunning.nothing_owed", "ok"], ["payment.record"])), (outcomes, order)
