"""Amending a contract's schedule (rulebook §6.3): the client and the company agree new due dates,
new amounts or — when the scope changes — a new total, in a supplementary agreement (补充协议).

An amendment is a revision of the contract: numbered, with who, when, why, and the schedule and
total before and after, so nothing the contract said is lost. Money already recorded stays where
it is: instalment N of the new schedule is instalment N of the old one, keeping its payments and
write-offs, and it may not become smaller than they are; an old instalment the new schedule no
longer has goes only if nothing was ever recorded against it. The new schedule adds up to the new
total and meets the credit policy as a new contract's does (``schedules.checked_schedule``); a
larger total is new credit, so it stays within the client's credit limit.

Who amends is who draws up (``contracts.require_drafter``): the deal's owner, legal, managers and
admins — the people who agree terms with the client. Finance records money against the schedule
but does not reshape it: the clerk who books the payments should not also decide what is owed.
"""

from __future__ import annotations

import json

from zizhi.core import audit, clock, validation
from zizhi.core.credit import policy
from zizhi.core.errors import InputError, UserError
from zizhi.core.money import format_fen
from zizhi.core.pipeline import schedules
from zizhi.core.pipeline.contract_records import resolve as _resolve
from zizhi.core.pipeline.contracts import get_contract, require_drafter
from zizhi.core.pipeline.stages import ENDINGS


def amend(desk, contract_ref: int | str, instalments: list[tuple[str, str | int]] | None, reason: str,
          total: str | int | None = None, revision: int | None = None) -> dict:
    """Give the contract a new schedule (and total), recorded as its next revision.

    ``instalments`` is [(due date, amount)] as for a new contract; ``revision``, when given, is
    the revision the person read (``contract show``): if someone amended the contract since, this
    amendment is refused rather than overwrite one it never saw.
    """
    reason = (validation.text(reason, "reason", multiline=True) or "").strip()
    if not reason:
        raise InputError("contract.amend_reason_required", field="reason", value="")
    if not instalments:
        raise InputError("contract.amend_schedule_required", field="instalment", value="")
    new_total = schedules.positive_amount(total, "total") if total is not None else None
    with desk.store.unit_of_work() as db:
        contract = _resolve(desk, contract_ref)
        require_drafter(desk.user, contract["deal"])
        _require_amendable(contract, revision)
        new_total = new_total or contract["total"]
        client = desk.store.one("SELECT id, name, credit_rating FROM clients WHERE id = ?", [contract["client_id"]])
        credit = policy.for_new_contract(desk, db, client, contract["guarantee"])
        schedule = schedules.checked_schedule(desk, contract["deal"], new_total, credit, instalments)
        _check_schedule(db, contract, schedule, new_total)
        if new_total > contract["total"]:
            _check_credit_limit(desk, client, credit, new_total - contract["total"])
        number = _write(db, desk, contract, schedule, new_total, reason)
    amended = get_contract(desk, contract["id"])
    amended["amended"] = number
    return amended


def _require_amendable(contract: dict, revision: int | None) -> None:
    deal = contract["deal"]
    if deal["stage"] in ENDINGS:
        raise UserError("contract.amend_ended", number=contract["number"], deal=deal["id"], stage=deal["stage"])
    if revision is not None and revision != contract["revision"]:
        latest = contract["revisions"][-1] if contract["revisions"] else {"user": "", "at": ""}
        raise UserError("contract.amended_meanwhile", number=contract["number"], read=revision,
                        revision=contract["revision"], user=latest["user"], at=latest["at"])


def _check_schedule(db, contract: dict, schedule: list[tuple[str, int]], total: int) -> None:
    """Nothing due before signing, no instalment below what is recorded on it, none with money on
    record dropped — and something must change."""
    old = contract["instalments"]
    if [(i["due_on"], i["amount"]) for i in old] == schedule and total == contract["total"]:
        raise UserError("contract.amend_unchanged", number=contract["number"])
    signed = contract["signed_on"]
    for position, (due_on, amount) in enumerate(schedule, start=1):
        if signed and due_on < signed:
            raise InputError("contract.amend_due_before_signing", field=f"instalment {position}", value=due_on,
                             number=contract["number"], signed=signed)
        if position <= len(old) and amount < old[position - 1]["paid"] + old[position - 1]["written_off"]:
            item = old[position - 1]
            raise UserError("contract.amend_below_recorded", position=position, amount=format_fen(amount),
                            settled=format_fen(item["paid"] + item["written_off"]), paid=format_fen(item["paid"]),
                            written_off=format_fen(item["written_off"]))
    for item in old[len(schedule):]:
        if item["paid"] or item["written_off"] or _on_record(db, item["id"]):
            raise UserError("contract.amend_drops_recorded", number=contract["number"], position=item["position"],
                            count=len(schedule))


def _on_record(db, instalment_id: int) -> bool:
    """Whether any row anywhere points at the instalment — an allocation since reversed, a
    dunning action — so dropping it would orphan history. Read from the schema's foreign keys,
    so a table added later is counted without being named here."""
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
    for table in tables:
        for key in db.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            if key[2] == "instalments" and db.execute(
                    f'SELECT 1 FROM "{table}" WHERE "{key[3]}" = ? LIMIT 1', [instalment_id]).fetchone():
                return True
    return False


def _check_credit_limit(desk, client: dict, credit, increase: int) -> None:
    """A larger total is credit extended: what the client owes, plus the increase, within the limit."""
    owed = schedules.outstanding_of_client(desk, client["id"])
    if owed + increase > credit.terms.credit_limit:
        raise UserError("contract.amend_credit_limit", client=client["name"], rating=credit.rating,
                        limit=format_fen(credit.terms.credit_limit), owed=format_fen(owed),
                        increase=format_fen(increase))


def _write(db, desk, contract: dict, schedule: list[tuple[str, int]], total: int, reason: str) -> int:
    """Rewrite the instalments in place by position, record the revision and audit it; its number."""
    old = contract["instalments"]
    for position, (due_on, amount) in enumerate(schedule, start=1):
        if position <= len(old):
            db.execute("UPDATE instalments SET due_on = ?, amount = ? WHERE id = ?",
                       [due_on, amount, old[position - 1]["id"]])
        else:
            db.execute("INSERT INTO instalments (contract_id, position, due_on, amount) VALUES (?, ?, ?, ?)",
                       [contract["id"], position, due_on, amount])
    dropped = old[len(schedule):]
    for item in dropped:
        db.execute("DELETE FROM instalments WHERE id = ?", [item["id"]])
    db.execute("UPDATE contracts SET total = ? WHERE id = ?", [total, contract["id"]])
    number = contract["revision"] + 1
    before = [{k: i[k] for k in ("position", "due_on", "amount", "paid", "written_off")} for i in old]
    after = [{"position": n, "due_on": due_on, "amount": amount} for n, (due_on, amount) in enumerate(schedule, 1)]
    db.execute("""INSERT INTO contract_revisions (contract_id, number, reason, old_total, new_total, old_schedule,
                  new_schedule, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
               [contract["id"], number, reason, contract["total"], total, json.dumps(before), json.dumps(after),
                desk.user["id"], clock.stamp()])
    audit.record(db, desk.user, "contract.amend", "contract", contract["id"], number=contract["number"],
                 revision=number, reason=reason, old_total=contract["total"], new_total=total,
                 old_schedule=[[i["due_on"], i["amount"]] for i in old], new_schedule=[list(s) for s in schedule],
                 dropped=[i["position"] for i in dropped])
    return number
