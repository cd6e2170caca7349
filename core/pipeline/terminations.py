"""Terminating a signed contract (rulebook §6.3, §7.2): the one way a deal with a signed contract
is cancelled.

A signed contract is an agreement with money at stake, so ending it is a manager's decision, with
the reason. What is owed stays owed: the instalments stay open and age as before, and finance
goes on recording payments against them. A manager may instead give it up in the same act
(``write_off``): each open instalment is written off through the receivables ledger
(``ledger.write_off``), so the write-off is a receivable event like any other, dated and seen by
aging. The deal is cancelled with the same reason; a contract never signed is void, and its deal
is simply cancelled (``zizhi deal cancel``).
"""

from __future__ import annotations

from zizhi.core import access, audit, clock, validation
from zizhi.core.errors import InputError, Refused, UserError
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.pipeline import deals
from zizhi.core.pipeline.contract_records import resolve as _resolve
from zizhi.core.pipeline.contracts import get_contract
from zizhi.core.pipeline.stages import ENDINGS


def require_terminator(user: dict) -> None:
    """Ending a signed contract is a manager's (or an admin's) decision."""
    if not access.is_manager(user):
        raise Refused("contract.terminate_managers_only_role", role=user["role"])


def terminate(desk, contract_ref: int | str, reason: str, write_off: bool = False) -> dict:
    """End a signed contract and cancel its deal; with ``write_off``, give up what is still owed."""
    reason = (validation.text(reason, "reason", multiline=True) or "").strip()
    if not reason:
        raise InputError("contract.terminate_reason_required", field="reason", value="")
    with desk.store.unit_of_work() as db:
        contract = _resolve(desk, contract_ref)
        deal = contract["deal"]
        if not access.is_manager(desk.user):
            raise Refused("contract.terminate_managers_only", number=contract["number"], role=desk.user["role"])
        if deal["stage"] in ENDINGS:
            raise UserError("contract.already_ended", number=contract["number"], deal=deal["id"],
                            stage=deal["stage"], date=contract["ended_on"] or "—")
        if not contract["signed_on"]:
            raise UserError("contract.terminate_unsigned", number=contract["number"], deal=deal["id"])
        written = _write_off_open(desk, contract, reason) if write_off else []
        owed = contract["outstanding"] - sum(amount for _, amount in written)
        _end(db, desk, contract, reason, owed)
        deals.record_ending(db, desk, deal, "cancelled", reason)
        summary = {"number": contract["number"], "state": "terminated", "paid": contract["paid"], "outstanding": owed}
        audit.record(db, desk.user, "contract.terminate", "contract", contract["id"], deal_id=deal["id"],
                     reason=reason, paid=contract["paid"], written_off=written, outstanding=owed)
        audit.record(db, desk.user, "deal.cancelled", "deal", deal["id"], reason=reason, contract=summary)
    ended = get_contract(desk, contract["id"])
    ended["written_off_now"] = sum(amount for _, amount in written)
    return ended


def terminated_note(contract: dict) -> str:
    """One line saying what the termination left: still owed (and payable), or written off."""
    key = "contract.terminated_written_off" if contract.get("written_off_now") else "contract.terminated"
    return t(key, number=contract["number"], date=contract["ended_on"], paid=format_fen(contract["paid"]),
             outstanding=format_fen(contract["outstanding"]),
             written_off=format_fen(contract.get("written_off_now") or 0))


def _write_off_open(desk, contract: dict, reason: str) -> list[list]:
    """Write off every instalment still owed, each a ledger row of its own; [label, amount] each."""
    from zizhi.core.receivables import ledger

    written = []
    for item in contract["instalments"]:
        owed = item["amount"] - item["paid"] - item["written_off"]
        if owed > 0:
            ledger.write_off(desk, f"{contract['id']}:{item['position']}", reason)
            written.append([f"{contract['number']}:{item['position']}", owed])
    return written


def _end(db, desk, contract: dict, reason: str, owed: int) -> None:
    """Mark the contract ended; while something is still owed, finance may go on taking it."""
    now = clock.stamp()
    db.execute("UPDATE contracts SET ended_on = ?, ended_by = ?, ended_reason = ? WHERE id = ?",
               [clock.today().isoformat(), desk.user["id"], reason, contract["id"]])
    if owed > 0:
        db.execute("""UPDATE contracts SET payments_allowed_at = ?, payments_allowed_by = ?,
                      payments_allowed_reason = ? WHERE id = ?""", [now, desk.user["id"], reason, contract["id"]])
