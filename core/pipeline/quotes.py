"""Quotes (rulebook §6.2, SPEC §6): numbered versions of a priced offer for a deal, built from
the catalogue and the pricing policy, reviewed by legal, sent, then accepted or rejected.

Every figure is whole fen, worked out by :mod:`zizhi.core.pipeline.pricing`.

A quote keeps what it was priced with: each line stores its fees and the quote's ``snapshot``
holds the catalogue entries, percentages, client and company header it used, so a later edit of
catalogue.toml or pricing.toml changes new quotes only.

Pricing policy: a discount beyond the acting user's role limit, or a net unit price (service fee
after discount) under the price floor, marks the quote ``needs_approval`` and a manager must
record an approval before it is sent. The check reruns on every edit with the limit of whoever
edits, and every edit clears an earlier approval: an approval covers the figures the manager saw.
Every edit also raises the quote's ``revision``, which is what makes legal's review stale.
"""

from __future__ import annotations

import datetime as dt
import json

from zizhi.core import access, audit, clock, validation
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.i18n import t
from zizhi.core.numerals import capital_amount
from zizhi.core.pipeline import deals
from zizhi.core.pipeline.pricing import FIGURES, approval_reasons, price_lines, read_quantity, read_terms, reasons_text
from zizhi.core.pipeline.quote_records import lapsed, lapsed_condition, number, status_today, stored_quote
from zizhi.core.pipeline.reviews import decision, require_approved

# ---------------------------------------------------------------- operations

def new_quote(desk, deal_id: int | str, expedited: bool = False, valid_days: int | None = None) -> dict:
    """The deal's next version, a draft with one line per qualification at list price."""
    days = _days(valid_days if valid_days is not None else desk.settings.pricing.quotes.validity_days)
    with desk.store.unit_of_work() as db:
        deal = deals.resolve_deal(desk, deal_id)
        _require_quoting(desk, deal)
        deals.require_open(deal)
        entries = {q["code"]: _catalogue_entry(desk, q["code"]) for q in deal["qualifications"]}
        snapshot = {"pricing": _pricing(desk), "catalogue": entries, **_parties(desk, deal)}
        accepted = _accepted(db, deal["id"])
        if accepted:
            raise UserError("quote.deal_has_accepted", deal=deal["id"], quote=f"{deal['id']}-v{accepted[1]}")
        version = db.execute("SELECT coalesce(max(version), 0) + 1 FROM quotes WHERE deal_id = ?",
                             [deal["id"]]).fetchone()[0]
        quote_id = db.execute(
            """INSERT INTO quotes (deal_id, version, status, expedited, valid_until, snapshot, created_by,
               created_at) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)""",
            [deal["id"], version, int(bool(expedited)), (clock.today() + dt.timedelta(days=days)).isoformat(),
             json.dumps(snapshot, ensure_ascii=False), desk.user["id"], clock.stamp()]).lastrowid
        for position, item in enumerate(deal["qualifications"], start=1):
            _insert_line(db, quote_id, position, entries[item["code"]], item["quantity"])
        _reprice(db, desk, quote_id, snapshot)
        audit.record(db, desk.user, "quote.new", "quote", quote_id, deal=deal["id"], version=version,
                     expedited=bool(expedited))
    return get_quote(desk, quote_id)


def set_line(desk, quote_id: int | str, code: str, quantity: int | str | None = None,
             discount: str | int | None = None, service_fee: str | None = None) -> dict:
    """Change a draft line's quantity, discount ('5%') or service fee ('1,200.00'; 'list' resets)."""
    with desk.store.unit_of_work() as db:
        quote = _editable(desk, quote_id)
        line = _line(quote, code)
        changed = _change_line(db, line, quantity, discount, service_fee)
        if not changed:
            raise InputError("quote.nothing_to_change")
        _edited(db, desk, quote)
        audit.record(db, desk.user, "quote.line", "quote", quote["id"], code=line["code"], **changed)
    return get_quote(desk, quote["id"])


def add_line(desk, quote_id: int | str, code: str, quantity: int | str = 1, discount: str | int | None = None,
             service_fee: str | None = None) -> dict:
    """Add a catalogue qualification to a draft, at today's list price or with the terms given.

    One operation: a line whose discount is refused is not added either.
    """
    with desk.store.unit_of_work() as db:
        quote = _editable(desk, quote_id)
        entry = _catalogue_entry(desk, code)
        if any(line["code"] == entry["code"] for line in quote["lines"]):
            raise UserError("quote.line_exists", quote=number(quote), code=entry["code"])
        position = max(line["position"] for line in quote["lines"]) + 1
        _insert_line(db, quote["id"], position, entry, read_quantity(quantity))
        line = _line(stored_quote(desk, quote["id"]), entry["code"])
        terms = _change_line(db, line, None, discount, service_fee)
        quote["snapshot"]["catalogue"][entry["code"]] = entry
        _edited(db, desk, quote)
        audit.record(db, desk.user, "quote.add_line", "quote", quote["id"], code=entry["code"], **terms)
    return get_quote(desk, quote["id"])


def remove_line(desk, quote_id: int | str, code: str) -> dict:
    """Take a qualification off a draft; a quote keeps at least one line."""
    with desk.store.unit_of_work() as db:
        quote = _editable(desk, quote_id)
        line = _line(quote, code)
        if len(quote["lines"]) == 1:
            raise UserError("quote.last_line", quote=number(quote), code=line["code"])
        db.execute("DELETE FROM quote_lines WHERE id = ?", [line["id"]])
        _edited(db, desk, quote)
        audit.record(db, desk.user, "quote.remove_line", "quote", quote["id"], code=line["code"])
    return get_quote(desk, quote["id"])


def set_terms(desk, quote_id: int | str, expedited: bool | None = None, valid_days: int | None = None) -> dict:
    """Switch expedited handling on or off, or make the draft valid for ``valid_days`` from today."""
    with desk.store.unit_of_work() as db:
        quote = _editable(desk, quote_id)
        values = {}
        if expedited is not None:
            values["expedited"] = int(bool(expedited))
        if valid_days is not None:
            values["valid_until"] = (clock.today() + dt.timedelta(days=_days(valid_days))).isoformat()
        changed = audit.changes(quote, values)
        if not changed:
            raise InputError("quote.nothing_to_change")
        db.execute(f"UPDATE quotes SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                   [*values.values(), quote["id"]])
        quote.update(values)
        _edited(db, desk, quote)
        audit.record(db, desk.user, "quote.terms", "quote", quote["id"], **changed)
    return get_quote(desk, quote["id"])


def approve_pricing(desk, quote_id: int | str, note: str) -> dict:
    """A manager's recorded approval of a draft priced beyond policy: who, when and why."""
    if not (note or "").strip():
        raise InputError("quote.note_required")
    with desk.store.unit_of_work() as db:
        require_pricing_approver(desk.user)
        quote = stored_quote(desk, quote_id)
        _require_status(quote, "draft", "quote.not_editable")
        if not quote["needs_approval"]:
            raise UserError("quote.no_approval_needed", quote=number(quote))
        if quote["approved_by"]:
            raise UserError("quote.already_approved", quote=number(quote), by=quote["approved_by_login"],
                            at=quote["approved_at"])
        db.execute("UPDATE quotes SET approved_by = ?, approved_at = ?, approval_note = ? WHERE id = ?",
                   [desk.user["id"], clock.stamp(), note.strip(), quote["id"]])
        audit.record(db, desk.user, "quote.approve_pricing", "quote", quote["id"], note=note.strip(),
                     reasons=quote["snapshot"].get("approval_reasons"))
    return get_quote(desk, quote["id"])


def send_quote(desk, quote_id: int | str) -> dict:
    """Send a draft to the client: legal's review must be approved, and pricing too when needed."""
    with desk.store.unit_of_work() as db:
        quote = stored_quote(desk, quote_id)
        _require_quoting(desk, quote["deal"])
        _require_status(quote, "draft", "quote.not_draft_to_send")
        deals.require_open(quote["deal"])
        if lapsed(quote):
            raise UserError("quote.validity_passed", quote=number(quote), deal=quote["deal_id"],
                            version=quote["version"], date=quote["valid_until"])
        require_approved(desk, quote)
        if quote["needs_approval"] and not quote["approved_by"]:
            raise UserError("quote.needs_pricing_approval", quote=number(quote), deal=quote["deal_id"],
                            version=quote["version"],
                            reasons=reasons_text(quote["snapshot"].get("approval_reasons", [])))
        snapshot = {**quote["snapshot"], **_parties(desk, quote["deal"])}
        db.execute("UPDATE quotes SET status = 'sent', sent_at = ?, snapshot = ? WHERE id = ?",
                   [clock.stamp(), json.dumps(snapshot, ensure_ascii=False), quote["id"]])
        audit.record(db, desk.user, "quote.send", "quote", quote["id"], total=quote["total"],
                     valid_until=quote["valid_until"])
    return get_quote(desk, quote["id"])


def accept_quote(desk, quote_id: int | str, note: str | None = None) -> dict:
    """The client accepted a sent, unexpired quote: it sets the deal's value, other versions close."""
    with desk.store.unit_of_work() as db:
        quote = stored_quote(desk, quote_id)
        _require_quoting(desk, quote["deal"])
        if quote["status"] == "expired":
            raise UserError("quote.expired", quote=number(quote), deal=quote["deal_id"], version=quote["version"],
                            date=quote["valid_until"])
        accepted = _accepted(db, quote["deal_id"])
        if accepted and accepted[0] != quote["id"]:
            raise UserError("quote.other_accepted", deal=quote["deal_id"], other=accepted[0], version=accepted[1])
        _require_status(quote, "sent", "quote.not_sent")
        deals.require_open(quote["deal"])
        now = clock.stamp()
        db.execute("UPDATE quotes SET status = 'accepted', decided_at = ?, decision_note = ? WHERE id = ?",
                   [now, (note or "").strip() or None, quote["id"]])
        db.execute("""UPDATE quotes SET status = 'rejected', decided_at = ?, decision_note = ?
                      WHERE deal_id = ? AND id != ? AND status IN ('draft', 'sent')""",
                   [now, t("quote.superseded", version=quote["version"]), quote["deal_id"], quote["id"]])
        db.execute("UPDATE deals SET value = ?, updated_at = ? WHERE id = ?", [quote["total"], now, quote["deal_id"]])
        audit.record(db, desk.user, "quote.accept", "quote", quote["id"], deal=quote["deal_id"],
                     total=quote["total"])
    return get_quote(desk, quote["id"])


def reject_quote(desk, quote_id: int | str, reason: str) -> dict:
    """The client turned a sent quote down; the reason is kept for the next version."""
    if not (reason or "").strip():
        raise InputError("quote.reason_required")
    with desk.store.unit_of_work() as db:
        quote = stored_quote(desk, quote_id)
        _require_quoting(desk, quote["deal"])
        _require_status(quote, "sent", "quote.not_sent")
        db.execute("UPDATE quotes SET status = 'rejected', decided_at = ?, decision_note = ? WHERE id = ?",
                   [clock.stamp(), reason.strip(), quote["id"]])
        audit.record(db, desk.user, "quote.reject", "quote", quote["id"], reason=reason.strip())
    return get_quote(desk, quote["id"])


def expire_overdue(desk) -> list[dict]:
    """Record as expired the visible sent quotes whose validity has passed; the quotes expired.

    Cron (``zizhi quote expire``) and the app run this; reading a quote never writes, it only
    shows a lapsed quote as expired (:func:`status_today`), and a lapsed quote cannot be accepted.
    """
    cond, params = access.visible_deals(desk.user)
    gone, today = lapsed_condition()
    if not desk.store.scalar(f"SELECT 1 FROM quotes q WHERE q.status = 'sent' AND {gone} LIMIT 1", today):
        return []  # most mornings: nothing lapsed, so no write lock is taken (the app runs this on opening)
    with desk.store.unit_of_work() as db:
        overdue = desk.store.rows(
            f"""SELECT q.id, q.deal_id, q.version, q.valid_until, c.name AS client FROM quotes q
                JOIN deals d ON d.id = q.deal_id JOIN clients c ON c.id = d.client_id
                WHERE q.status = 'sent' AND {gone} AND {cond} ORDER BY q.id""", [*today, *params])
        for quote in overdue:
            quote["number"] = number(quote)
            db.execute("UPDATE quotes SET status = 'expired' WHERE id = ?", [quote["id"]])
            audit.record(db, desk.user, "quote.expire", "quote", quote["id"], valid_until=quote["valid_until"])
    return overdue


# ---------------------------------------------------------------- reading

def get_quote(desk, quote_id: int | str) -> dict:
    """One visible quote with its lines, figures, approval, review and the snapshot's parties."""
    quote = stored_quote(desk, quote_id)
    snapshot = quote.pop("snapshot")
    deal = quote.pop("deal")
    owner_id = desk.store.scalar("SELECT owner_id FROM clients WHERE id = ?", [deal["client_id"]])
    for line in quote["lines"]:
        entry = snapshot["catalogue"].get(line["code"], {})
        line.update({k: entry.get(k) for k in ("name_en", "permits", "materials", "steps", "standard_days",
                                                "validity")})
    quote.update(pricing=snapshot["pricing"], client=access.client_as_seen(desk.user, owner_id, snapshot["client"]),
                 company=snapshot["company"],
                 approval_reasons=snapshot.get("approval_reasons", []), editable=quote["status"] == "draft",
                 total_in_words=capital_amount(quote["total"]), review=decision(desk, quote))
    return quote


def list_quotes(desk, deal_id: int | str) -> list[dict]:
    """The versions of a visible deal's quote, newest first."""
    deal = deals.resolve_deal(desk, deal_id)
    rows = desk.store.rows(
        """SELECT q.id, q.deal_id, q.version, q.status, q.revision, q.expedited, q.valid_until, q.total,
                  q.needs_approval, q.approved_at, q.created_at, q.sent_at, q.decided_at, q.decision_note,
                  u.login AS created_by
           FROM quotes q JOIN users u ON u.id = q.created_by WHERE q.deal_id = ? ORDER BY q.version DESC""",
        [deal["id"]])
    for row in rows:
        row["number"] = number(row)
        row["status"] = status_today(row)
        row["review"] = decision(desk, row)["status"]
    return rows



# ---------------------------------------------------------------- inside a unit of work


def _change_line(db, line: dict, quantity: int | str | None, discount: str | int | None,
                 service_fee: str | None) -> dict:
    """Write the terms given for one line; what changed, as {field: [old, new]}."""
    values = read_terms(line, quantity, discount, service_fee)
    changed = audit.changes(line, values)
    if changed:
        db.execute(f"UPDATE quote_lines SET {', '.join(f'{k} = ?' for k in changed)} WHERE id = ?",
                   [*(values[k] for k in changed), line["id"]])
    return changed


def _editable(desk, ref: int | str) -> dict:
    quote = stored_quote(desk, ref)
    _require_quoting(desk, quote["deal"])
    _require_status(quote, "draft", "quote.not_editable")
    return quote


def _edited(db, desk, quote: dict) -> None:
    """After any change to a draft: a new revision, no pricing approval, figures worked out again."""
    db.execute("""UPDATE quotes SET revision = revision + 1, approved_by = NULL, approved_at = NULL,
                  approval_note = NULL WHERE id = ?""", [quote["id"]])
    _reprice(db, desk, quote["id"], quote["snapshot"])


def _reprice(db, desk, quote_id: int, snapshot: dict) -> None:
    """Work out every line and the totals from the stored fees and the snapshot's percentages."""
    pricing = snapshot["pricing"]
    expedited = db.execute("SELECT expedited FROM quotes WHERE id = ?", [quote_id]).fetchone()[0]
    lines = desk.store.rows("SELECT * FROM quote_lines WHERE quote_id = ? ORDER BY position", [quote_id])
    priced, totals = price_lines(lines, bool(expedited), pricing)
    for line in priced:
        db.execute(f"UPDATE quote_lines SET {', '.join(f'{k} = ?' for k in FIGURES)} WHERE id = ?",
                   [*(line[k] for k in FIGURES), line["id"]])
    role = desk.user["role"]
    limit = getattr(desk.settings.pricing.discount_limits, role, 0)
    reasons = approval_reasons(lines, role, limit, pricing["price_floor"])
    snapshot.update(approval_reasons=reasons, discount_limit={"role": role, "limit": limit})
    db.execute(
        """UPDATE quotes SET government_total = ?, service_total = ?, discount_total = ?, surcharge_total = ?,
           tax_total = ?, total = ?, needs_approval = ?, snapshot = ? WHERE id = ?""",
        [totals["government_amount"], totals["service_amount"], totals["discount_amount"],
         totals["surcharge_amount"], totals["tax_amount"], totals["total"], int(bool(reasons)),
         json.dumps(snapshot, ensure_ascii=False), quote_id])


def _insert_line(db, quote_id: int, position: int, entry: dict, quantity: int) -> None:
    db.execute(
        """INSERT INTO quote_lines (quote_id, position, code, name, quantity, government_fee, service_fee,
           list_service_fee, discount, government_amount, service_amount, discount_amount, surcharge_amount,
           tax_amount, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0)""",
        [quote_id, position, entry["code"], entry["name_zh"], quantity, entry["government_fee"],
         entry["service_fee"], entry["service_fee"]])


def _accepted(db, deal_id: int) -> tuple | None:
    return db.execute("SELECT id, version FROM quotes WHERE deal_id = ? AND status = 'accepted'",
                      [deal_id]).fetchone()


# ---------------------------------------------------------------- checks and inputs

def _require_quoting(desk, deal: dict) -> None:
    require_quoting(desk.user, deal)


def require_quoting(user: dict, deal: dict) -> None:
    """The deal's owner and managers prepare its quotes and record the client's answer."""
    access.require_deal_role(user, deal, (), "quote.cannot_change")


def require_pricing_approver(user: dict) -> None:
    """Pricing beyond policy is approved with oversight: by a manager or an admin."""
    if not access.is_manager(user):
        raise Refused("quote.managers_approve", role=user["role"])


def _require_status(quote: dict, status: str, key: str) -> None:
    if quote["status"] != status:
        raise UserError(key, quote=number(quote), deal=quote["deal_id"], version=quote["version"],
                        status=t(f"quote.status.{quote['status']}"))


def _line(quote: dict, code: str) -> dict:
    wanted = str(code).strip().upper()
    for line in quote["lines"]:
        if line["code"] == wanted:
            return line
    raise NotFound("quote.no_such_line", quote=number(quote), code=wanted,
                   codes=", ".join(line["code"] for line in quote["lines"]))


def _catalogue_entry(desk, code: str) -> dict:
    entry = desk.settings.catalogue.get(str(code).strip())
    if entry is None:
        known = ", ".join(q.code for q in desk.settings.catalogue.qualification)
        raise InputError("quote.unknown_qualification", value=code, allowed=known)
    return entry.model_dump()


def _pricing(desk) -> dict:
    pricing = desk.settings.pricing
    return {"service_vat": pricing.tax.service_vat, "expedited": pricing.surcharges.expedited,
            "price_floor": pricing.quotes.price_floor, "validity_days": pricing.quotes.validity_days}


def _parties(desk, deal: dict) -> dict:
    """The client as on file and the company header from settings, as the document will show them."""
    client = desk.store.one(
        "SELECT name, contact, phone, email, address, city, credit_code FROM clients WHERE id = ?",
        [deal["client_id"]])
    return {"client": client, "company": desk.settings.general.company.model_dump()}


def _days(value: int | str) -> int:
    days = validation.whole_number(value)
    if days is None or not 1 <= days <= 365:
        raise InputError("quote.valid_days_range", value=value)
    return days
