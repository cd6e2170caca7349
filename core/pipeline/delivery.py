"""Delivery and after-sales (rulebook §5.3, §6.5): certificates handed over with their usage
notes and validity, then follow-up visits that record satisfaction and new needs.

The last certificate of a deal moves it to *delivered* and schedules the visits at the
configured offsets; the first visit done moves it on to *aftersales*. A new need heard on a
visit can open a new deal at once, linked to the visit.
"""

from __future__ import annotations

import calendar
import datetime as dt

from zizhi.core import access, audit, clock, validation
from zizhi.core.clients.records import resolve
from zizhi.core.errors import InputError, NotFound, UserError
from zizhi.core.pipeline import deals, gates, stages
from zizhi.core.pipeline.due import visit_due_condition

DELIVERERS = ("operations",)
_OPEN = stages.before("delivered")


def require_deliverer(user: dict, deal: dict) -> None:
    """Operations hand certificates over, and so may the deal's owner, managers and admins."""
    access.require_deal_role(user, deal, DELIVERERS, "deliver.cannot_deliver")


def require_visitor(user: dict, deal: dict) -> None:
    """Follow-up visits are the deal owner's (or a manager's) to record."""
    access.require_deal_role(user, deal, (), "visit.cannot_record")


def deliver(desk, deal_id: int | str, code: str, number: str, issued_on: str, usage_notes: str,
            expires_on: str | None = None) -> dict:
    """Record a certificate handed to the client; expiry from the catalogue's validity unless given."""
    validation.text(code, "code")
    validation.text(number, "number")
    validation.text(usage_notes, "notes", multiline=True)
    with desk.store.unit_of_work() as db:
        deal = deals.resolve_deal(desk, deal_id)
        _ready(desk, db, deal)
        code = (code or "").strip().upper()
        wanted = {q["code"]: q["quantity"] for q in deal["qualifications"]}
        if code not in wanted:
            raise InputError("deliver.not_in_deal", deal=deal["id"], code=code, codes=", ".join(wanted))
        number = (number or "").strip()
        if not number:
            raise InputError("input.required", field="number")
        usage_notes = (usage_notes or "").strip()
        if not usage_notes:
            raise InputError("deliver.usage_notes_required", code=code)
        if not issued_on:
            raise InputError("input.required", field="issued-on")
        issued = validation.happened(issued_on, "issued-on")
        expires = _expiry(desk, code, issued, expires_on)
        complete = _still_wanted(db, deal, wanted, code, number)
        moving = complete and deal["stage"] in _OPEN
        cursor = db.execute(
            """INSERT INTO certificates (deal_id, client_id, code, number, issued_on, expires_on, usage_notes,
               delivered_by, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [deal["id"], deal["client_id"], code, number, issued, expires, usage_notes, desk.user["id"],
             clock.stamp()])
        certificate_id = cursor.lastrowid
        visits = _schedule_visits(desk, db, deal) if complete else []
        audit.record(db, desk.user, "deliver.certificate", "deal", deal["id"], certificate=certificate_id,
                     code=code, number=number, issued_on=issued, expires_on=expires, visits=visits)
        if moving:
            deals.check_move(desk, deal, "delivered")
            deals.advance(db, desk, deal, "delivered")
    certificate = _certificate(desk, certificate_id)
    certificate.update(deal_delivered=complete, visits=visits)
    return certificate


def check_deliver(desk, deal_id: int | str) -> None:
    """Refuse now what :func:`deliver` would refuse whatever is typed — the role, an ended or
    blocked deal, no approval from the authority, steps unsettled — so the app says it before its
    form opens."""
    with desk.store.unit_of_work() as db:
        _ready(desk, db, deals.resolve_deal(desk, deal_id))


def _ready(desk, db, deal: dict) -> None:
    """The delivery's checks that need nothing typed."""
    require_deliverer(desk.user, deal)
    deals.require_open(deal)
    decided = db.execute("SELECT outcome FROM handovers WHERE deal_id = ?", [deal["id"]]).fetchone()
    if not decided or decided[0] != "approved":
        raise UserError("deliver.not_approved", deal=deal["id"])
    gates.require_steps_settled(db, deal)


def undelivered(deal: dict, certificates: list[dict]) -> list[str]:
    """The deal's qualification codes still owed a certificate, in the deal's order."""
    given: dict[str, int] = {}
    for row in certificates:
        given[row["code"]] = given.get(row["code"], 0) + 1
    return [q["code"] for q in deal["qualifications"] if given.get(q["code"], 0) < q["quantity"]]


def client_certificates(desk, client_ref: str) -> list[dict]:
    """A visible client's certificates, soonest expiry first (permanent ones last)."""
    client = resolve(desk, client_ref)
    rows = desk.store.rows(
        """SELECT id FROM certificates WHERE client_id = ?
           ORDER BY expires_on IS NULL, expires_on, issued_on, id""", [client["id"]])
    return [_certificate(desk, r["id"]) for r in rows]


def visit_done(desk, visit_id: int | str, satisfaction: int | str, remarks: str | None = None,
               new_needs: str | None = None, open_deal_codes: list[str] | None = None,
               done_on: str | None = None) -> dict:
    """Record a follow-up visit; new qualification codes open a new deal for the client, linked here."""
    validation.text(remarks, "remarks", multiline=True)
    validation.text(new_needs, "needs", multiline=True)
    with desk.store.unit_of_work() as db:
        visit = _visit(desk, visit_id)
        require_visitor(desk.user, visit["deal"])
        if visit["deal"]["stage"] == "delivered":
            deals.require_open(visit["deal"])
        if visit["done_on"]:
            raise UserError("visit.already_done", id=visit["id"], date=visit["done_on"])
        score = _satisfaction(satisfaction)
        done = validation.happened(done_on, "done-on")
        new_needs = (new_needs or "").strip() or None
        planned = deals.plan_deal(desk, str(visit["client_id"]), list(open_deal_codes)) if open_deal_codes else None
        moving = visit["deal"]["stage"] == "delivered"
        if moving:
            deals.check_move(desk, visit["deal"], "aftersales")
        new_deal = {"id": deals.insert_deal(db, desk, planned)} if planned else None
        db.execute("""UPDATE visits SET done_on = ?, user_id = ?, satisfaction = ?, remarks = ?, new_needs = ?,
                      new_deal_id = ? WHERE id = ?""",
                   [done, desk.user["id"], score, (remarks or "").strip() or None, new_needs,
                    new_deal["id"] if new_deal else None, visit["id"]])
        audit.record(db, desk.user, "visit.done", "visit", visit["id"], deal_id=visit["deal_id"],
                     satisfaction=score, new_deal_id=new_deal["id"] if new_deal else None)
        if moving:
            deals.advance(db, desk, visit["deal"], "aftersales")
    return get_visit(desk, visit["id"])


def get_visit(desk, visit_id: int | str) -> dict:
    visit = _visit(desk, visit_id)
    visit["stage"] = visit.pop("deal")["stage"]
    return visit


def list_visits(desk, due: bool = False, owner: str | None = None, client: str | None = None,
                done: bool | None = None, limit: int = 200) -> list[dict]:
    """Visible visits by due date: ``due`` keeps those not done and due by today — of deals still
    with the company (a deal cancelled when its contract was terminated is visited no more);
    ``done`` filters."""
    cond, params = access.visible_deals(desk.user)
    where = [cond]
    if due:
        where.append(visit_due_condition())
        params.append(clock.today().isoformat())
    elif done is not None:
        where.append("v.done_on IS NOT NULL" if done else "v.done_on IS NULL")
    if owner:
        where.append("o.login = ?")
        params.append(owner)
    if client:
        where.append("v.client_id = ?")
        params.append(resolve(desk, client)["id"])
    return desk.store.rows(
        f"""{_VISITS} WHERE {' AND '.join(where)} ORDER BY v.due_on, v.id LIMIT ?""", [*params, limit])


def expiry_from_validity(issued: dt.date, months: int | None) -> dt.date | None:
    """``months`` after the issue date (the month's last day when it is shorter); None when permanent."""
    if months is None:
        return None
    index = issued.month - 1 + months
    year, month = issued.year + index // 12, index % 12 + 1
    return issued.replace(year=year, month=month, day=min(issued.day, calendar.monthrange(year, month)[1]))


_VISITS = """SELECT v.id, v.deal_id, d.title AS deal_title, v.client_id, c.name AS client, o.login AS owner,
                    v.due_on, v.done_on, u.login AS done_by, v.satisfaction, v.remarks, v.new_needs, v.new_deal_id
             FROM visits v JOIN deals d ON d.id = v.deal_id JOIN clients c ON c.id = v.client_id
             LEFT JOIN users o ON o.id = d.owner_id LEFT JOIN users u ON u.id = v.user_id"""


def _visit(desk, visit_id: int | str) -> dict:
    text = str(visit_id).strip().lstrip("#")
    number = validation.whole_number(text)
    row = desk.store.one(f"{_VISITS} WHERE v.id = ?", [number]) if number is not None else None
    if not row:
        raise NotFound("visit.not_found", id=visit_id)
    try:
        row["deal"] = deals.resolve_deal(desk, row["deal_id"])
    except NotFound:
        raise NotFound("visit.not_found", id=visit_id) from None
    return row


def _still_wanted(db, deal: dict, wanted: dict[str, int], code: str, number: str) -> bool:
    """Refuse a certificate beyond the deal's quantity or a number on file; True when this one completes the deal."""
    counts = dict(db.execute("SELECT code, count(*) FROM certificates WHERE deal_id = ? GROUP BY code",
                             [deal["id"]]).fetchall())
    if counts.get(code, 0) >= wanted[code]:
        raise UserError("deliver.already_delivered", deal=deal["id"], code=code, count=wanted[code])
    taken = db.execute("SELECT deal_id FROM certificates WHERE code = ? AND number = ?", [code, number]).fetchone()
    if taken:
        raise UserError("deliver.duplicate_number", code=code, number=number, deal=taken[0])
    counts[code] = counts.get(code, 0) + 1
    return all(counts.get(c, 0) >= n for c, n in wanted.items())


def _schedule_visits(desk, db, deal: dict) -> list[str]:
    today = clock.today()
    dates = [(today + dt.timedelta(days=d)).isoformat() for d in desk.settings.pricing.aftersales.visit_offsets_days]
    for due_on in dates:
        db.execute("INSERT INTO visits (deal_id, client_id, due_on) VALUES (?, ?, ?)",
                   [deal["id"], deal["client_id"], due_on])
    return dates


def _expiry(desk, code: str, issued: str, given: str | None) -> str | None:
    if given:
        from zizhi.core import validation

        expires = validation.date(given, "expires-on")
        if expires <= issued:
            raise InputError("deliver.expiry_before_issue", expires=expires, issued=issued)
        return expires
    qualification = desk.settings.catalogue.get(code)
    if qualification is None:
        raise UserError("deliver.validity_unknown", code=code)
    expiry = expiry_from_validity(dt.date.fromisoformat(issued), qualification.validity_months)
    return expiry.isoformat() if expiry else None


def _certificate(desk, certificate_id: int) -> dict:
    row = desk.store.one(
        """SELECT k.id, k.deal_id, k.client_id, c.name AS client, k.code, k.number, k.issued_on, k.expires_on,
                  k.usage_notes, u.login AS delivered_by, k.delivered_at
           FROM certificates k JOIN clients c ON c.id = k.client_id JOIN users u ON u.id = k.delivered_by
           WHERE k.id = ?""", [certificate_id])
    qualification = desk.settings.catalogue.get(row["code"])
    row["name"] = qualification.name_zh if qualification else row["code"]
    row["validity"] = qualification.validity if qualification else None
    row["days_left"] = (dt.date.fromisoformat(row["expires_on"]) - clock.today()).days if row["expires_on"] else None
    row["expired"] = row["days_left"] is not None and row["days_left"] < 0
    return row


def _satisfaction(value: int | str) -> int:
    score = validation.whole_number(value)
    if score is None or not 1 <= score <= 5:
        raise InputError("visit.satisfaction_range", value=value)
    return score


