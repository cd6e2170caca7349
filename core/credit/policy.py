"""The credit policy applied (rulebook §6.3, §7.2): what a client's rating asks before a contract
is made and before processing starts.

One rule, two moments. Drawing up a contract needs a rating backed by a recorded check no older
than the policy's ``recheck_days``, a guarantee where the policy asks one (or, where it allows,
a larger share prepaid instead), and the first instalment covering the share. The processing gate
asks the same prepayment and guarantee of the *current* check again, so a client downgraded after
signing pays what the new rating asks before work starts; the age of the check and the credit
limit are about extending new credit, so they are asked of new contracts only.

A rating with no recorded check behind it — typed on the client form, or set before checks were
recorded — does not make a contract: a bare letter says neither how nor when credit was assessed,
so the re-check rule could not be applied to it. Recording the check once (``zizhi credit
check``) is the way forward, and the refusal says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from zizhi.core import clock, percent
from zizhi.core.errors import UserError
from zizhi.core.money import format_fen, share


@dataclass(frozen=True)
class Credit:
    """The terms a contract is drawn up under: the rating, its policy, the check behind it, the
    guarantee that counts (or None), and the share of the total to prepay."""

    rating: str
    terms: Any  # config.schema.CreditTerms
    check: dict | None
    guarantee: str | None
    share: int  # basis points
    instead_of_guarantee: bool  # the share is the policy's alternative to a guarantee


def latest_check(db, client_id: int) -> dict | None:
    """The client's most recent check (latest date, then latest recorded), or None."""
    cursor = db.execute(
        """SELECT id, rating, method, checked_on, notes, guarantor, guarantee_amount, guarantee_document, at
           FROM credit_checks WHERE client_id = ? ORDER BY checked_on DESC, id DESC LIMIT 1""", [client_id])
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row)) if row else None


def recheck_by(check: dict, recheck_days: int) -> str:
    """The last day the check still backs a new contract; from the day after, it must be done again."""
    return (dt.date.fromisoformat(check["checked_on"]) + dt.timedelta(days=recheck_days)).isoformat()


def age_days(check: dict, today: dt.date | None = None) -> int:
    return ((today or clock.today()) - dt.date.fromisoformat(check["checked_on"])).days


def for_new_contract(desk, db, client: dict, guarantee: str | None) -> Credit:
    """The terms for a new contract of ``client``, or the refusal saying what the policy needs."""
    rating = client["credit_rating"]
    if not rating:
        raise UserError("contract.unrated", client=client["name"], id=client["id"])
    terms = _terms(desk.settings, client, rating)
    check = latest_check(db, client["id"])
    if check is None:
        raise UserError("credit.unchecked", client=client["name"], id=client["id"], rating=rating)
    if check["rating"] != rating:
        raise UserError("credit.rating_differs", client=client["name"], id=client["id"], rating=rating,
                        checked=check["rating"], checked_on=check["checked_on"])
    age = age_days(check)
    if age > terms.recheck_days:
        raise UserError("credit.recheck_due", client=client["name"], id=client["id"], rating=rating,
                        checked_on=check["checked_on"], count=age, limit=terms.recheck_days)
    given = (guarantee or "").strip() or guarantee_text(check)
    basis, instead = required_share(terms, bool(given), rating, client)
    return Credit(rating, terms, check, given, basis, instead)


def required_share(terms, guaranteed: bool, rating: str, client: dict) -> tuple[int, bool]:
    """The share to prepay, and whether it stands in for a missing guarantee; a guarantee the
    policy requires without an alternative is refused here."""
    if terms.guarantee_required and not guaranteed:
        if terms.guarantee_or_prepayment is None:
            raise UserError("contract.guarantee_required", rating=rating, client=client["name"], id=client["id"])
        return terms.guarantee_or_prepayment, True
    return terms.prepayment, False


def require_first_instalment(credit: Credit, total: int, first: int) -> None:
    """The first instalment (which the payment gate waits for) covers the share the policy asks."""
    required = share(total, credit.share)
    if first >= required:
        return
    if credit.instead_of_guarantee:
        raise UserError("credit.guarantee_or_prepay", rating=credit.rating,
                        share=percent.text(credit.share), required=format_fen(required), first=format_fen(first),
                        with_guarantee=percent.text(credit.terms.prepayment))
    raise UserError("contract.prepayment_short", rating=credit.rating, share=percent.text(credit.share),
                    required=format_fen(required), first=format_fen(first))


def processing_shortfall(db, settings, deal_id: int) -> tuple[str, dict] | None:
    """The processing gate's credit rule: what has been paid meets the prepayment (and guarantee)
    of the client's current check — or, without one, of the rating the contract was made under.
    None when it does; else the refusal's message key and parameters, for the gate to raise."""
    row = db.execute(
        """SELECT k.number, k.total, k.credit_rating, k.guarantee, d.client_id, c.name,
                  (SELECT coalesce(sum(paid), 0) FROM instalments WHERE contract_id = k.id)
           FROM contracts k JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = d.client_id
           WHERE k.deal_id = ?""", [deal_id]).fetchone()
    if row is None:
        return None  # the contract gate has said so already
    number, total, contract_rating, guarantee, client_id, name, paid = row
    client = {"id": client_id, "name": name}
    check = latest_check(db, client_id)
    rating = check["rating"] if check else contract_rating
    if not rating:
        return None  # a contract from before ratings were stored: its first instalment is the gate
    terms = _terms(settings, client, rating)
    guaranteed = bool(guarantee or guarantee_text(check))
    if terms.guarantee_required and not guaranteed and terms.guarantee_or_prepayment is None:
        return "gate.credit_guarantee", {"deal": deal_id, "client": name, "id": client_id, "rating": rating}
    basis, instead = required_share(terms, guaranteed, rating, client)
    required = share(total, basis)
    if paid >= required:
        return None
    key = "gate.credit_guarantee_or_prepay" if instead else "gate.credit_prepayment"
    return key, {"deal": deal_id, "number": number, "client": name, "id": client_id, "rating": rating,
                 "share": percent.text(basis), "required": format_fen(required), "paid": format_fen(paid),
                 "short": format_fen(required - paid), "checked_on": check["checked_on"] if check else "—"}


def guarantee_text(check: dict | None) -> str | None:
    """The guarantee a check records, as one line a contract can carry: who, how much, what paper."""
    if not check or not check.get("guarantor"):
        return None
    parts = [check["guarantor"]]
    if check.get("guarantee_amount"):
        parts.append(format_fen(check["guarantee_amount"]))
    if check.get("guarantee_document"):
        parts.append(check["guarantee_document"])
    return " · ".join(parts)


def _terms(settings, client: dict, rating: str):
    terms = settings.pricing.credit_policy.get(rating)
    if terms is None:
        raise UserError("contract.rating_not_in_policy", client=client["name"], rating=rating, id=client["id"],
                        allowed=", ".join(settings.pricing.credit_policy))
    return terms
