"""Ending a deal that has a contract: a signed one is not lost or cancelled but terminated (by a
manager, ``pipeline.terminations``), its balance kept on record and counted against the client's
credit; no payment on an ended contract without a manager's permission; a contract never signed is
void."""

from __future__ import annotations

import pytest

from tests.core.test_contracts import accept_quote, paid_deal, ready_deal
from zizhi.core import audit
from zizhi.core.errors import InputError, Refused, UserError
from zizhi.core.pipeline import contracts, deals, endings, schedules, terminations


def dump(desk) -> list[str]:
    """Every row of the database, to prove a refusal changed nothing."""
    return list(desk.store.conn.iterdump())


@pytest.fixture
def paid(li, finance):
    """A deal in payment: contract ZZ-2026-0001 signed, ¥1,431.00 of ¥2,862.00 received."""
    return paid_deal(li, finance)


@pytest.mark.parametrize("end", [deals.cancel, deals.lose])
@pytest.mark.parametrize("who", ["li", "manager"])
def test_a_deal_whose_contract_is_signed_is_not_lost_or_cancelled_even_by_a_manager(request, desk, paid, end, who):
    actor = request.getfixturevalue(who)
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        end(actor, paid["id"], "客户业务调整")
    assert caught.value.message("en") == (
        f"deal {paid['id']}: contract ZZ-2026-0001 is signed; the deal ends only when a manager terminates it (what "
        "is owed stays owed unless written off); ask a manager to run `zizhi contract terminate ZZ-2026-0001 "
        "--reason TEXT`.")
    assert "`zizhi contract terminate ZZ-2026-0001 --reason 原因`" in caught.value.message("zh")
    assert dump(desk) == before


def test_an_unsigned_contract_is_void_when_its_deal_is_lost(li):
    deal = ready_deal(li)
    contracts.new_contract(li, deal["id"])
    assert deals.ending_preview(li, deal["id"])["state"] == "void"
    ended = deals.lose(li, deal["id"], "客户选择了其他代理")
    assert ended["contract_ended"]["state"] == "void"
    assert endings.describe(ended["contract_ended"]) == (
        "Contract ZZ-2026-0001 was never signed and is void as of 2026-11-27; nothing is owed on it.")
    with pytest.raises(UserError, match="has ended"):
        contracts.sign(li, "ZZ-2026-0001")


def test_the_form_is_told_beforehand_what_ending_does(li, paid):
    ahead = deals.ending_preview(li, paid["id"])
    assert endings.describe(ahead, done=False) == (
        "Contract ZZ-2026-0001 is signed (¥1,431.00 paid, ¥1,431.00 outstanding): the deal ends only when a manager "
        "terminates the contract — `zizhi contract terminate ZZ-2026-0001 --reason TEXT`.")


def test_no_payment_on_a_contract_terminated_with_nothing_owed_until_a_manager_allows_it(
        li, manager, finance, desk, paid):
    terminations.terminate(manager, "ZZ-2026-0001", "客户破产，余款核销", write_off=True)
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        contracts.record_payment(finance, "ZZ-2026-0001", "500")
    assert caught.value.message("en") == (
        f"contract ZZ-2026-0001: deal {paid['id']} has ended (cancelled) and the contract is terminated; no payment "
        "is recorded on it unless a manager allows it: `zizhi contract allow-payments ZZ-2026-0001 --reason TEXT`.")
    with pytest.raises(Refused, match="Only a manager or an admin can allow payments"):
        contracts.allow_payments(finance, "ZZ-2026-0001", "结算")
    with pytest.raises(Refused):
        contracts.allow_payments(li, "ZZ-2026-0001", "结算")
    with pytest.raises(InputError, match="needs the reason"):
        contracts.allow_payments(manager, "ZZ-2026-0001", "")
    assert dump(desk) == before

    allowed = contracts.allow_payments(manager, "ZZ-2026-0001", "破产清算分配")
    assert endings.state_lines(allowed)[1:] == [
        "why: 客户破产，余款核销", "payments allowed by zhao at 2026-11-27 09:00:00: 破产清算分配"]
    with pytest.raises(UserError, match="already allowed"):
        contracts.allow_payments(manager, "ZZ-2026-0001", "再次")
    settled = contracts.record_payment(finance, "ZZ-2026-0001", "500")
    assert (settled["paid"], settled["credit_added"]) == (143_100, 50_000)  # written off: nothing left to pay
    assert audit.list_entries(desk, action="payment.record")[0]["detail"]["allowed_after_ending"] == "2026-11-27 09:00:00"
    assert audit.list_entries(desk, action="contract.allow_payments")[0]["detail"]["reason"] == "破产清算分配"


def test_payments_on_an_open_deal_or_a_void_contract_need_no_permission_or_get_none(li, manager, paid):
    with pytest.raises(UserError, match="still open, so payments need no permission"):
        contracts.allow_payments(manager, "ZZ-2026-0001", "结算")
    deal = ready_deal(li)
    contracts.new_contract(li, deal["id"])
    deals.lose(li, deal["id"], "客户放弃")
    with pytest.raises(UserError, match="never signed .* void"):
        contracts.allow_payments(manager, "ZZ-2026-0002", "结算")


def deal_for(li, client_id: int, total: int | None = None) -> dict:
    """Another deal of the same client, at the contract stage with an accepted quote."""
    deal = deals.open_deal(li, str(client_id), ["TRADE-RIGHTS"])
    deals.assess(li, deal["id"], "需求合理")
    deals.move(li, deal["id"], "proposal")
    accept_quote(li, deal, total)
    return deals.move(li, deal["id"], "contract")


def test_the_credit_check_still_counts_what_a_terminated_contract_is_owed(li, manager, desk):
    # Rating C: 80 % prepaid, at most ¥50,000 owed beyond it.
    first = ready_deal(li, rating="C")
    contract = contracts.new_contract(li, first["id"])
    contracts.sign(li, contract["id"])
    terminations.terminate(manager, contract["id"], "客户业务调整")
    client = first["client_id"]
    assert schedules.outstanding_of_client(li, client) == 286_200

    # ¥240,000 leaves ¥48,000 owed after the prepayment: within the limit alone, not with the ¥2,862.00 still owed.
    second = deal_for(li, client, total=24_000_000)
    before = dump(desk)
    with pytest.raises(UserError) as caught:
        contracts.new_contract(li, second["id"])
    assert "already owed ¥2,862.00" in caught.value.message("en")
    assert dump(desk) == before

    draft = deal_for(li, client)
    contracts.new_contract(li, draft["id"])
    deals.lose(li, draft["id"], "客户放弃")  # a void draft owes nothing
    assert schedules.outstanding_of_client(li, client) == 286_200


@pytest.mark.parametrize("reason", ["价格\u202e高太", "客户\x1b[2J放弃"])
def test_a_reason_with_hidden_direction_or_control_characters_is_refused(li, manager, desk, paid, reason):
    before = dump(desk)
    for end in (lambda: deals.cancel(manager, paid["id"], reason),
                lambda: terminations.terminate(manager, "ZZ-2026-0001", reason)):
        with pytest.raises(InputError) as caught:
            end()
        assert "reason" in caught.value.message("en")
    assert dump(desk) == before
