"""Contracts and payments (rulebook §6.3, §7.2): from the accepted quote to money received.

A contract is made only after the client's credit is checked and recorded: the rating's policy
(:mod:`zizhi.core.credit.policy`) sets the share to be prepaid (the first instalment, which the
payment gate waits for), whether a guarantee is needed, and how much may be owed at once. The
instalments always add up to the contract total to the fen; payments fill the earliest unpaid
instalments first. The schedule and credit limit are in :mod:`zizhi.core.pipeline.schedules`.
"""

from __future__ import annotations

import json

from zizhi.core import access, audit, clock, validation
from zizhi.core.credit import policy
from zizhi.core.errors import InputError, Refused, UserError
from zizhi.core.i18n import t
from zizhi.core.numbering import next_number
from zizhi.core.pipeline import deals, schedules
from zizhi.core.pipeline.contract_records import resolve as _resolve
from zizhi.core.pipeline.stages import ENDINGS
from zizhi.core.receivables import reconciled

DRAFTERS = ("legal",)  # besides the deal's owner, managers and admins
OFFICES = ("finance", "legal")


def require_drafter(user: dict, deal: dict) -> None:
    """Who draws up and signs a deal's contract: its owner, managers, admins and legal."""
    access.require_deal_role(user, deal, DRAFTERS, "contract.cannot_draw_up")


def require_filer(user: dict, deal: dict, office: str | None = None) -> None:
    """Who marks a copy filed: the office receiving it (either office, before one is named), or the
    deal's owner, managers and admins."""
    access.require_deal_role(user, deal, (office,) if office else OFFICES, "contract.cannot_file")


def new_contract(desk, deal_id: int | str, instalments: list[tuple[str, str | int]] | None = None,
                 penalty: str | None = None, guarantee: str | None = None) -> dict:
    """Draw up the deal's contract from its accepted quote, after the client's credit assessment.

    ``instalments`` is [(due date, amount)], amounts as yuan text or whole fen; without it the
    first instalment is the rating's prepayment share, due now, and the rest falls due at the
    expected delivery (today + the longest standard processing time of the deal).
    """
    penalty = (penalty or desk.settings.pricing.contracts.penalty).strip()
    if not penalty:
        raise InputError("input.required", field="penalty")
    with desk.store.unit_of_work() as db:
        deal = deals.resolve_deal(desk, deal_id)
        quote = _ready(desk, db, deal)
        client = desk.store.one("SELECT id, name, credit_rating FROM clients WHERE id = ?", [deal["client_id"]])
        credit = policy.for_new_contract(desk, db, client, guarantee)
        schedule = schedules.checked_schedule(desk, deal, quote["total"], credit, instalments)
        schedules.check_credit_limit(desk, client, credit.rating, credit.terms, quote["total"], schedule[0][1])
        contract_id = _insert(db, desk, deal, quote, client, schedule, penalty, credit)
    return get_contract(desk, contract_id)


def check_new_contract(desk, deal_id: int | str) -> None:
    """Refuse now what :func:`new_contract` would refuse whatever is typed — the role, an ended
    deal, a second contract, no accepted quote — so the app says it before its form opens."""
    with desk.store.unit_of_work() as db:
        _ready(desk, db, deals.resolve_deal(desk, deal_id))


def _ready(desk, db, deal: dict) -> dict:
    """The new contract's checks that need nothing typed; the accepted quote it is made from."""
    require_drafter(desk.user, deal)
    if deal["stage"] in ENDINGS:
        raise UserError("contract.deal_ended", deal=deal["id"], stage=deal["stage"])
    _refuse_second(db, deal["id"])
    return _accepted_quote(desk, deal)


def sign(desk, contract_ref: int | str, signed_on: str | None = None) -> dict:
    """Record the date both parties signed, not before the contract was drawn up.

    Nothing falls due before signing, so instalments due earlier move to the signing date; the
    result names them in ``moved_instalments`` ([position, old due date]) so the person is told.
    """
    signed_on = validation.happened(signed_on, "signed-on")
    with desk.store.unit_of_work() as db:
        contract = _resolve(desk, contract_ref)
        require_drafter(desk.user, contract["deal"])
        if contract["deal"]["stage"] in ENDINGS:
            raise UserError("contract.deal_ended", deal=contract["deal"]["id"], stage=contract["deal"]["stage"])
        if contract["signed_on"]:
            raise UserError("contract.already_signed", number=contract["number"], date=contract["signed_on"])
        drawn_up = contract["created_at"][:10]
        if signed_on < drawn_up:
            raise InputError("contract.signed_before_drawn_up", field="signed-on", value=signed_on,
                             number=contract["number"], created=drawn_up)
        moved = [[i["position"], i["due_on"]] for i in contract["instalments"] if i["due_on"] < signed_on]
        db.execute("UPDATE contracts SET signed_on = ? WHERE id = ?", [signed_on, contract["id"]])
        db.execute("UPDATE instalments SET due_on = ? WHERE contract_id = ? AND due_on < ?",
                   [signed_on, contract["id"], signed_on])
        audit.record(db, desk.user, "contract.sign", "contract", contract["id"], signed_on=signed_on,
                     instalments_moved_to_signing=moved, **reconciled.flag(db, signed_on))
    signed = get_contract(desk, contract["id"])
    signed["moved_instalments"] = moved
    return signed


def moved_note(contract: dict) -> str | None:
    """The line telling which instalments signing moved to the signing date, if any."""
    moved = contract.get("moved_instalments")
    if not moved:
        return None
    return t("contract.instalments_moved", count=len(moved), positions=", ".join(str(p) for p, _ in moved),
             dates=", ".join(d for _, d in moved), date=contract["signed_on"])


def file_copy(desk, contract_ref: int | str, with_: str, on_date: str | None = None) -> dict:
    """Mark the signed copy filed with finance or with legal (rulebook §6.3: 合同副本备案)."""
    office = (with_ or "").strip().lower()
    if office not in OFFICES:
        raise InputError("input.not_one_of", field="with", value=with_, allowed=", ".join(OFFICES))
    on_date = validation.happened(on_date, "date")
    with desk.store.unit_of_work() as db:
        contract = _resolve(desk, contract_ref)
        require_filer(desk.user, contract["deal"], office)
        if not contract["signed_on"]:
            raise UserError("contract.file_unsigned", number=contract["number"], id=contract["id"])
        if on_date < contract["signed_on"]:
            raise InputError("contract.filed_before_signing", field="date", value=on_date,
                             number=contract["number"], signed=contract["signed_on"])
        column = f"filed_{office}_on"
        if contract[column]:
            raise UserError("contract.already_filed", number=contract["number"], office=office,
                            date=contract[column])
        db.execute(f"UPDATE contracts SET {column} = ? WHERE id = ?", [on_date, contract["id"]])
        audit.record(db, desk.user, "contract.file", "contract", contract["id"], office=office, on=on_date)
    return get_contract(desk, contract["id"])


def record_payment(desk, contract_ref: int | str, amount: str | int, paid_on: str | None = None,
                   note: str | None = None) -> dict:
    """Finance confirms money received for this contract (yuan text, or whole fen as an int): it
    pays the earliest unpaid instalments first, part payments too; anything beyond what the
    contract still owes is the client's credit (:mod:`zizhi.core.receivables.ledger`)."""
    from zizhi.core.receivables import ledger

    payment = ledger.record_payment(desk, None, amount, paid_on, note=note, contract_ref=contract_ref)
    contract = get_contract(desk, contract_ref)
    contract["credit_added"] = payment["unused"]
    return contract


def allow_payments(desk, contract_ref: int | str, reason: str) -> dict:
    """A manager allows payments on a terminated contract (a settlement), saying why; audited."""
    reason = (validation.text(reason, "reason", multiline=True) or "").strip()
    if not reason:
        raise InputError("contract.allow_reason_required")
    with desk.store.unit_of_work() as db:
        if not access.is_manager(desk.user):
            raise Refused("contract.allow_managers_only", role=desk.user["role"])
        contract = _resolve(desk, contract_ref)
        deal = contract["deal"]
        if deal["stage"] not in ENDINGS:
            raise UserError("contract.allow_deal_open", number=contract["number"], deal=deal["id"])
        if not contract["signed_on"]:
            raise UserError("contract.allow_void", number=contract["number"], deal=deal["id"])
        if contract["payments_allowed_at"]:
            raise UserError("contract.payments_already_allowed", number=contract["number"],
                            at=contract["payments_allowed_at"], reason=contract["payments_allowed_reason"])
        now = clock.stamp()
        db.execute("""UPDATE contracts SET payments_allowed_at = ?, payments_allowed_by = ?,
                      payments_allowed_reason = ? WHERE id = ?""", [now, desk.user["id"], reason, contract["id"]])
        audit.record(db, desk.user, "contract.allow_payments", "contract", contract["id"], deal_id=deal["id"],
                     stage=deal["stage"], outstanding=contract["outstanding"], reason=reason)
    return get_contract(desk, contract["id"])


def get_contract(desk, contract_ref: int | str) -> dict:
    """The contract with its services, instalments, payments and what is still owed."""
    contract = _resolve(desk, contract_ref)
    contract.pop("deal")
    return contract


def contract_for_deal(desk, deal_id: int | str) -> dict | None:
    deal = deals.resolve_deal(desk, deal_id)
    found = desk.store.one("SELECT id FROM contracts WHERE deal_id = ?", [deal["id"]])
    return get_contract(desk, found["id"]) if found else None


def _accepted_quote(desk, deal: dict) -> dict:
    quote = desk.store.one("""SELECT * FROM quotes WHERE deal_id = ? AND status = 'accepted'
                              ORDER BY version DESC LIMIT 1""", [deal["id"]])
    if not quote:
        raise UserError("contract.no_accepted_quote", deal=deal["id"])
    if quote["total"] <= 0:
        raise UserError("contract.nothing_to_pay", deal=deal["id"], version=quote["version"])
    return quote


def _insert(db, desk, deal: dict, quote: dict, client: dict, schedule, penalty: str, credit) -> int:
    """Write the contract, numbered in the year's sequence, and its instalments; audit it."""
    services = json.dumps(_services(desk, quote["id"]), ensure_ascii=False)
    year = clock.today().year
    seq, number = next_number(db, "contracts", desk.settings.pricing.contracts.number_pattern, year)
    contract_id = db.execute(
        """INSERT INTO contracts (deal_id, quote_id, number, client_party, company_party, services, total,
           penalty, created_by, created_at, credit_rating, prepayment, guarantee, year, seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [deal["id"], quote["id"], number, client["name"], desk.settings.general.company.name, services,
         quote["total"], penalty, desk.user["id"], clock.stamp(), credit.rating, credit.share, credit.guarantee,
         year, seq]).lastrowid
    for position, (due_on, amount) in enumerate(schedule, start=1):
        db.execute("INSERT INTO instalments (contract_id, position, due_on, amount) VALUES (?, ?, ?, ?)",
                   [contract_id, position, due_on, amount])
    audit.record(db, desk.user, "contract.new", "contract", contract_id, deal_id=deal["id"],
                 number=number, total=quote["total"], instalments=[a for _, a in schedule], rating=credit.rating,
                 credit_check=credit.check["id"], prepayment=credit.share, guarantee=credit.guarantee)
    return contract_id


def _refuse_second(db, deal_id: int) -> None:
    existing = db.execute("SELECT id, number FROM contracts WHERE deal_id = ?", [deal_id]).fetchone()
    if existing:
        raise UserError("contract.exists", deal=deal_id, number=existing[1], id=existing[0])


def _services(desk, quote_id: int) -> list[dict]:
    return desk.store.rows(
        """SELECT code, name, quantity, government_amount, service_amount, discount_amount, surcharge_amount,
                  tax_amount, total FROM quote_lines WHERE quote_id = ? ORDER BY position""", [quote_id])
