"""Terminating a signed contract, the one way its deal is cancelled: a manager's act with the
reason; what is owed stays owed and ages, and finance goes on taking it — unless the manager
writes it off in the same act, which the ledger and aging then see."""

from __future__ import annotations

import pytest

from tests.core.test_contracts import paid_deal, ready_deal
from zizhi.core import audit, clock
from zizhi.core.errors import InputError, Refused, UserError
from zizhi.core.pipeline import contracts, deals, terminations
from zizhi.core.receivables import aging, ledger

NUMBER = "ZZ-2026-0001"  # ¥2,862.00: ¥1,431.00 paid, ¥1,431.00 due 12-08


def dump(desk) -> list[str]:
    return list(desk.store.conn.iterdump())


@pytest.fixture
def paid(li, finance):
    return paid_deal(li, finance)


def test_what_is_owed_stays_owed_ages_and_is_still_paid(li, manager, finance, desk, paid):
    ended = terminations.terminate(manager, NUMBER, "客户业务调整，双方协商解除")
    assert (ended["ended_on"], ended["ended_reason"], ended["outstanding"]) == (
        "2026-11-27", "客户业务调整，双方协商解除", 143_100)
    assert terminations.terminated_note(ended) == (
        "Contract ZZ-2026-0001 is terminated as of 2026-11-27 and its deal cancelled: ¥1,431.00 paid, ¥1,431.00 "
        "still owed — it ages as before, and finance records payments on it as usual.")
    deal = deals.get_deal(li, paid["id"])
    assert (deal["stage"], deal["end_reason"]) == ("cancelled", "客户业务调整，双方协商解除")
    assert deal["history"][-1]["to_stage"] == "cancelled"

    report = aging.aging(finance, as_of="2027-01-20")  # 43 days past the due date
    assert report["total"] == 143_100 and report["rows"][0]["buckets"]["31-60"] == 143_100
    settled = contracts.record_payment(finance, NUMBER, "1,431")
    assert (settled["outstanding"], settled["credit_added"]) == (0, 0)

    entry = audit.list_entries(desk, action="contract.terminate")[0]
    assert entry["detail"]["outstanding"] == 143_100 and entry["detail"]["written_off"] == []
    assert audit.list_entries(desk, action="deal.cancelled")[0]["detail"]["contract"]["state"] == "terminated"


def test_a_manager_may_write_off_what_is_owed_in_the_same_act(li, manager, finance, desk, paid):
    clock.set_now("2026-12-20 09:00:00")  # twelve days overdue
    ended = terminations.terminate(manager, NUMBER, "客户已注销，无法收回", write_off=True)
    assert (ended["written_off"], ended["outstanding"], ended["payments_allowed_at"]) == (143_100, 0, None)
    assert terminations.terminated_note(ended) == (
        "Contract ZZ-2026-0001 is terminated as of 2026-12-20 and its deal cancelled: ¥1,431.00 paid, ¥1,431.00 "
        "written off, ¥0.00 still owed.")
    row = desk.store.one("SELECT amount, on_date, reason FROM write_offs")
    assert row == {"amount": 143_100, "on_date": "2026-12-20", "reason": "客户已注销，无法收回"}
    assert ledger.balance(finance, paid["client_id"])["owed"] == 0
    assert aging.aging(finance, as_of="2027-01-20")["total"] == 0
    assert aging.aging(finance, as_of="2026-12-19")["total"] == 143_100  # the day before, it was still owed
    write_off = audit.list_entries(desk, action="instalment.write_off")[0]
    assert write_off["detail"]["reason"] == "客户已注销，无法收回"
    assert audit.list_entries(desk, action="contract.terminate")[0]["detail"]["written_off"] == [[f"{NUMBER}:2",
                                                                                                   143_100]]


@pytest.mark.parametrize("who", ["li", "finance"])
def test_only_a_manager_terminates(request, desk, paid, who):
    actor = request.getfixturevalue(who)
    before = dump(desk)
    for write_off in (False, True):
        with pytest.raises(Refused) as caught:
            terminations.terminate(actor, NUMBER, "客户业务调整", write_off=write_off)
        assert caught.value.message("en").startswith(
            "contract ZZ-2026-0001: only a manager or an admin can terminate a signed contract (your role is")
    assert dump(desk) == before


def test_a_draft_is_not_terminated_but_voided_with_its_deal(li, manager, desk):
    deal = ready_deal(li)
    contracts.new_contract(li, deal["id"])
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        terminations.terminate(manager, NUMBER, "客户放弃")
    assert caught.value.message("en") == (
        "contract ZZ-2026-0001 was never signed, so there is nothing to terminate: cancelling its deal makes it void "
        f"(`zizhi deal cancel {deal['id']} --reason TEXT`).")
    assert dump(desk) == before


def test_a_contract_is_terminated_once(manager, desk, paid):
    terminations.terminate(manager, NUMBER, "客户业务调整")
    before = dump(desk)
    with pytest.raises(UserError, match=f"deal {paid['id']} has already ended \\(cancelled, 2026-11-27\\)"):
        terminations.terminate(manager, NUMBER, "再次")
    with pytest.raises(InputError, match="terminating a contract needs the reason"):
        terminations.terminate(manager, NUMBER, "  ")
    assert dump(desk) == before

