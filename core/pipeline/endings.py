"""What ending a deal does to its contract, and when money may still be taken on it.

A deal lost or cancelled after its contract was signed is a broken agreement with money still
owed one way or the other, so only a manager (or an admin) ends it, with the reason. Its
contract is marked terminated on that day — never deleted or rewritten: what was paid and what
is still outstanding stay on record, count against the client's credit, and are settled by the
receivables work (collect or refund). A contract never signed is simply void.

No payment is recorded on a terminated contract unless a manager allowed it, with the reason
(a settlement agreed with the client: ``contracts.allow_payments``); finance then records
payments as usual. ``deals.end_deal`` and ``contracts.record_payment`` call in here.
"""

from __future__ import annotations

from zizhi.core import access, clock
from zizhi.core.errors import Refused, UserError
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.pipeline.stages import ENDINGS


def contract_at_stake(db, deal_id: int, user: dict | None = None) -> dict | None:
    """The deal's contract as an ending would leave it: number, signed or void, paid, outstanding,
    and (given the acting ``user``) whether ending it needs a manager."""
    row = db.execute(
        """SELECT k.id, k.number, k.signed_on, k.total, coalesce(sum(i.paid), 0) FROM contracts k
           LEFT JOIN instalments i ON i.contract_id = k.id WHERE k.deal_id = ? GROUP BY k.id""",
        [deal_id]).fetchone()
    if row is None:
        return None
    contract_id, number, signed_on, total, paid = row
    found = {"id": contract_id, "number": number, "state": "terminated" if signed_on else "void",
             "signed_on": signed_on, "total": total, "paid": paid, "outstanding": total - paid}
    if user is not None:
        found["needs_manager"] = bool(signed_on) and not access.is_manager(user)
    return found


def end_contract(db, desk, deal: dict, ending: str) -> dict | None:
    """Inside the deal's ending: refuse a non-manager when the contract is signed, else mark it ended."""
    found = contract_at_stake(db, deal["id"], desk.user)
    if found is None:
        return None
    if found["needs_manager"]:
        raise Refused("deal.end_signed_managers_only", id=deal["id"], number=found["number"], ending=ending,
                      role=desk.user["role"], verb="lose" if ending == "lost" else "cancel")
    found["ended_on"] = clock.today().isoformat()
    db.execute("UPDATE contracts SET ended_on = ?, ended_by = ? WHERE id = ?",
               [found["ended_on"], desk.user["id"], found["id"]])
    return found


def describe(found: dict, done: bool = True) -> str:
    """One line saying what happens (or happened) to the contract, money included."""
    key = f"deal.contract_{found['state']}{'' if done else '_ahead'}"
    return t(key, number=found["number"], paid=format_fen(found["paid"]),
             outstanding=format_fen(found["outstanding"]), date=found.get("ended_on") or clock.today().isoformat())


def state_lines(contract: dict) -> list[str]:
    """What a contract's show adds once its deal has ended: terminated or void, and any permission to pay."""
    if not contract.get("ended_on"):
        return []
    state = "terminated" if contract["signed_on"] else "void"
    lines = [t(f"contract.state_{state}", date=contract["ended_on"], stage=t(f"stage.{contract['deal_stage']}"),
               outstanding=format_fen(contract["outstanding"]))]
    if contract.get("payments_allowed_at"):
        lines.append(t("contract.state_payments_allowed", by=contract.get("payments_allowed_login") or "",
                       at=contract["payments_allowed_at"], reason=contract["payments_allowed_reason"]))
    return lines


def require_payable(contract: dict) -> None:
    """A contract whose deal has ended takes money only after a manager allowed it."""
    deal = contract["deal"]
    if deal["stage"] in ENDINGS and not contract.get("payments_allowed_at"):
        raise UserError("contract.pay_deal_ended", number=contract["number"], deal=deal["id"], stage=deal["stage"])
