"""Operations raced by real processes on one database file: the checks hold because each is made
inside the operation's own ``BEGIN IMMEDIATE`` transaction.

Moving any of these checks back before its transaction opens — the read-check-then-write shape
that once let a contract be paid four times over — makes its race here fail (racers read slowly,
see racing.py). Each race runs twice, the second time on a record with history.
"""

from __future__ import annotations

import pytest

from tests.core.quoting import deal, legal, quote  # noqa: F401  (fixtures)
from tests.core.racing import Call, race
from tests.core.test_contracts import ready_deal
from zizhi.core import clock
from zizhi.core.clients import records as clients
from zizhi.core.people import users as people
from zizhi.core.pipeline import contracts, deals, quotes, reviews
from zizhi.core.receivables import ledger

ROUNDS = 2


@pytest.fixture
def payable(li, finance):
    """``payable()``: a new signed contract of Li Na's, filed, its deal at the payment stage."""

    def make() -> dict:
        ready = ready_deal(li, name=f"宁波恒通进出口贸易有限公司{make.count}")
        make.count += 1
        contract = contracts.new_contract(li, ready["id"])
        contracts.sign(li, contract["id"])
        contracts.file_copy(li, contract["id"], "finance")
        contracts.file_copy(li, contract["id"], "legal")
        return contract

    make.count = 0
    return make


def test_many_full_payments_of_one_contract_at_once_pay_it_exactly_once(db_path, finance, desk_as, payable):
    """Four clerks record the whole amount at the same moment: the contract is paid once, and the
    three other receipts wait on the client's account as credit — never paid twice over."""
    people.add_user(desk_as("boss"), "sun", "孙丽", "finance")
    for _ in range(ROUNDS):
        contract = payable()
        amount = contract["total"]
        calls = [Call(login, "pipeline.contracts.record_payment", (contract["id"], amount))
                 for login in ("qian", "sun", "qian", "sun")]
        outcomes = race(db_path, calls, clock.stamp())
        after = contracts.get_contract(finance, contract["id"])
        assert outcomes == ["ok"] * 4, outcomes
        assert (after["paid"], after["outstanding"], len(after["payments"])) == (amount, 0, 1)
        assert ledger.balance(finance, after["client_id"])["credit"] == 3 * amount


def test_one_bank_slip_entered_by_two_clerks_at_once_is_recorded_once(db_path, finance, desk_as, payable):
    people.add_user(desk_as("boss"), "sun", "孙丽", "finance")
    for round_ in range(ROUNDS):
        contract = payable()
        calls = [Call(login, "receivables.ledger.record_payment", (None, contract["total"]),
                      (("contract_ref", contract["id"]), ("reference", f"ICBC-{round_}")))
                 for login in ("qian", "sun")]
        outcomes = race(db_path, calls, clock.stamp())
        position = ledger.balance(finance, contract["client_id"])
        assert sorted(outcomes) == ["ar.duplicate_reference", "ok"], outcomes
        assert (position["owed"], position["credit"]) == (0, 0)


def test_two_approvals_of_one_quote_revision_leave_one_record(db_path, legal, desk_as, quote):  # noqa: F811
    people.add_user(desk_as("boss"), "wu", "吴律师", "legal")
    li = desk_as("li")
    for round_ in range(ROUNDS):
        if round_:
            quote = quotes.set_line(li, quote["id"], "TRADE-RIGHTS", quantity=round_ + 1)  # a new revision
        calls = [Call("zhou", "pipeline.reviews.approve", (quote["id"],)),
                 Call("wu", "pipeline.reviews.approve", (quote["id"],))]
        outcomes = race(db_path, calls, clock.stamp())
        history = reviews.review_status(legal, quote["id"])["history"]
        assert outcomes == ["ok", "ok"], outcomes
        assert [h["revision"] for h in history].count(quote["revision"]) == 1


def test_two_moves_of_one_deal_record_one_hop(db_path, li, desk_as):
    people.add_user(desk_as("boss"), "zhao", "赵经理", "manager")
    for n in range(ROUNDS):
        clients.add_client(li, name=f"杭州环圣进出口有限公司{n}", channel="online")
        opened = deals.open_deal(li, f"环圣进出口有限公司{n}", ["TRADE-RIGHTS"])
        deals.assess(li, opened["id"], "需求合理")
        calls = [Call("li", "pipeline.deals.move", (opened["id"], "proposal")),
                 Call("zhao", "pipeline.deals.move", (opened["id"], "proposal"))]
        outcomes = race(db_path, calls, clock.stamp())
        history = deals.get_deal(li, opened["id"])["history"]
        assert sorted(outcomes) == ["deal.already_there", "ok"], outcomes
        assert [h["to_stage"] for h in history] == ["inquiry", "assessment", "proposal"]


def test_a_client_edited_twice_at_once_keeps_both_edits(db_path, li, desk_as):
    people.add_user(desk_as("boss"), "zhao", "赵经理", "manager")
    for n in range(ROUNDS):
        client, _ = clients.add_client(li, name=f"温州瓯海鞋业有限公司{n}", channel="online")
        calls = [Call("li", "clients.records.edit_client", (str(client["id"]),), (("phone", "13900001111"),)),
                 Call("zhao", "clients.records.edit_client", (str(client["id"]),), (("city", "温州"),))]
        outcomes = race(db_path, calls, clock.stamp())
        after = clients.get_client(li, str(client["id"]))
        assert outcomes == ["ok", "ok"]
        assert (after["phone"], after["city"]) == ("13900001111", "温州")


def test_an_assignment_racing_the_owners_edit_never_lets_the_old_owner_write_after_it(db_path, li, wang, desk_as):
    people.add_user(desk_as("boss"), "zhao", "赵经理", "manager")
    for n in range(ROUNDS):
        client, _ = clients.add_client(li, name=f"义乌小商品贸易有限公司{n}", channel="online")
        calls = [Call("li", "clients.records.edit_client", (str(client["id"]),), (("notes", "李娜的备注"),)),
                 Call("zhao", "clients.records.assign", (str(client["id"]), "wang"))]
        edit, assignment = race(db_path, calls, clock.stamp())
        after = clients.get_client(wang, str(client["id"]))
        trail = [row["action"] for row in desk_as("boss").store.rows(
            "SELECT action FROM audit WHERE entity = 'client' AND entity_id = ? ORDER BY id", [client["id"]])]
        assert assignment == "ok" and after["owner"] == "wang"
        if edit == "ok":  # the edit came first, while Li Na still owned the client
            assert trail == ["client.add", "client.edit", "client.assign"] and after["notes"] == "李娜的备注"
        else:  # assigned first: to Li Na the client is now someone else's, out of sight
            assert edit == "client.not_found" and trail == ["client.add", "client.assign"] and not after["notes"]
