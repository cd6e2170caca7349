"""What ending a deal does to its contract, and when money may still be taken on it.

A contract never signed is simply void when its deal is lost or cancelled. A signed one is an
agreement with money still owed one way or the other: its deal is not lost or cancelled here but
ends only when a manager terminates the contract, with the reason
(:mod:`zizhi.core.pipeline.terminations`) — never deleted or rewritten: what was paid and what is
still outstanding stay on record, count against the client's credit and age until they are
collected or written off.

No payment is recorded on an ended contract unless a manager allowed it, with the reason (a
settlement agreed with the client: ``contracts.allow_payments``; terminating a contract with
money still owed allows it). ``deals.end_deal`` and ``contracts.record_payment`` call in here.
"""

from __future__ import annotations

from zizhi.core import clock
from zizhi.core.errors import UserError
from zizhi.core.i18n import how, t
from zizhi.core.money import format_fen
from zizhi.core.pipeline.stages import ENDINGS


def contract_at_stake(db, deal_id: int) -> dict | None:
    """The deal's contract as an ending would leave it: number, terminated (signed) or void, paid
    and outstanding."""
    row = db.execute(
        """SELECT k.id, k.number, k.signed_on, k.total, coalesce(sum(i.paid), 0) FROM contracts k
           LEFT JOIN instalments i ON i.contract_id = k.id WHERE k.deal_id = ? GROUP BY k.id""",
        [deal_id]).fetchone()
    if row is None:
        return None
    contract_id, number, signed_on, total, paid = row
    return {"id": contract_id, "number": number, "state": "terminated" if signed_on else "void",
            "signed_on": signed_on, "total": total, "paid": paid, "outstanding": total - paid}


def end_contract(db, desk, deal: dict) -> dict | None:
    """Inside the deal's ending: a draft is void with it; a signed contract refuses — it is
    terminated first, which cancels the deal (``zizhi contract terminate``)."""
    found = contract_at_stake(db, deal["id"])
    if found is None:
        return None
    if found["state"] == "terminated":
        raise UserError("deal.end_signed_terminate", id=deal["id"], number=found["number"])
    found["ended_on"] = clock.today().isoformat()
    db.execute("UPDATE contracts SET ended_on = ?, ended_by = ? WHERE id = ?",
               [found["ended_on"], desk.user["id"], found["id"]])
    return found


def describe(found: dict, done: bool = True, surface: str = "cli") -> str:
    """One line saying what happens (or happened) to the contract, money included; a way forward in
    it names the command, or the app's key (``surface`` "tui")."""
    key = f"deal.contract_{found['state']}{'' if done else '_ahead'}"
    params = {"number": found["number"], "paid": format_fen(found["paid"]),
              "outstanding": format_fen(found["outstanding"]), "date": found.get("ended_on") or clock.today().isoformat()}
    return t(key, **params, how=how(key, surface, **params))


def state_lines(contract: dict) -> list[str]:
    """What a contract's show adds once its deal has ended: terminated or void, and any permission to pay."""
    if not contract.get("ended_on"):
        return []
    state = "terminated" if contract["signed_on"] else "void"
    lines = [t(f"contract.state_{state}", date=contract["ended_on"], stage=t(f"stage.{contract['deal_stage']}"),
               outstanding=format_fen(contract["outstanding"]))]
    if contract.get("ended_reason"):
        lines.append(t("contract.state_reason", reason=contract["ended_reason"]))
    if contract.get("payments_allowed_at"):
        lines.append(t("contract.state_payments_allowed", by=contract.get("payments_allowed_login") or "",
                       at=contract["payments_allowed_at"], reason=contract["payments_allowed_reason"]))
    return lines


def require_payable(contract: dict) -> None:
    """A contract whose deal has ended takes money only after a manager allowed it."""
    deal = contract["deal"]
    if deal["stage"] in ENDINGS and not contract.get("payments_allowed_at"):
        raise UserError("contract.pay_deal_ended", number=contract["number"], deal=deal["id"], stage=deal["stage"])
