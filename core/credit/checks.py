"""Recording a client's credit check, and where the client's credit stands (rulebook §7.2).

A check says how the rating was reached (the public registry 国家企业信用信息公示系统, a rating
agency, or the client's payment history), on which day, and any guarantee offered (who, how much,
what document). Recording one sets the client's current rating in the same transaction, audited,
so the rating a contract is made under always has its check behind it.
"""

from __future__ import annotations

from zizhi.core import access, audit, clock, money, percent, validation
from zizhi.core.clients import records as clients
from zizhi.core.credit import policy, suggestion
from zizhi.core.errors import InputError, UserError
from zizhi.core.vocab import choose


def record_check(desk, client_ref: str, rating: str, method: str, checked_on: str | None = None,
                 notes: str | None = None, guarantor: str | None = None,
                 guarantee_amount: str | int | None = None, guarantee_document: str | None = None) -> dict:
    """Record a check and make its rating the client's; returns :func:`standing` afterwards."""
    fields = _cleaned(desk, rating, method, checked_on, notes, guarantor, guarantee_amount, guarantee_document)
    with desk.store.unit_of_work() as db:
        client = clients.resolve(desk, client_ref)
        access.require_credit_check(desk.user, client)
        latest = policy.latest_check(db, client["id"])
        if latest and fields["checked_on"] < latest["checked_on"]:
            raise UserError("credit.older_than_latest", client=client["name"], checked_on=fields["checked_on"],
                            latest=latest["checked_on"], rating=latest["rating"])
        check_id = db.execute(
            """INSERT INTO credit_checks (client_id, rating, method, checked_on, notes, guarantor, guarantee_amount,
               guarantee_document, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [client["id"], *(fields[k] for k in ("rating", "method", "checked_on", "notes", "guarantor",
                                                 "guarantee_amount", "guarantee_document")),
             desk.user["id"], clock.stamp()]).lastrowid
        db.execute("UPDATE clients SET credit_rating = ?, updated_at = ? WHERE id = ?",
                   [fields["rating"], clock.stamp(), client["id"]])
        audit.record(db, desk.user, "credit.check", "client", client["id"], check=check_id,
                     credit_rating=[client["credit_rating"], fields["rating"]],
                     **{k: v for k, v in fields.items() if k != "rating" and v is not None})
    return standing(desk, str(client["id"]))


def standing(desk, client_ref: str) -> dict:
    """Where a visible client's credit stands: the current rating and the check behind it, its
    age against the policy's re-check, the guarantee, the policy's terms, what is owed, the
    history (newest first) and what the payment history suggests."""
    client = clients.resolve(desk, client_ref)
    history = desk.store.rows(
        """SELECT k.id, k.rating, k.method, k.checked_on, k.notes, k.guarantor, k.guarantee_amount,
                  k.guarantee_document, u.login AS user, k.at FROM credit_checks k JOIN users u ON u.id = k.user_id
           WHERE k.client_id = ? ORDER BY k.checked_on DESC, k.id DESC""", [client["id"]])
    rating, latest = client["credit_rating"], (history[0] if history else None)
    terms = desk.settings.pricing.credit_policy.get(rating) if rating else None
    result = {"client_id": client["id"], "client": client["name"], "rating": rating,
              "checked": bool(latest and latest["rating"] == rating), "checked_on": None, "method": None,
              "age_days": None, "recheck_days": terms.recheck_days if terms else None, "recheck_due": None,
              "recheck_by": None, "guarantee": _guarantee(latest), "policy": _policy(terms),
              "outstanding": _owed(desk, client["id"]), "history": history,
              "suggestion": suggestion.suggest(desk, client["id"], rating)}
    if latest:
        age = policy.age_days(latest)
        result.update(checked_on=latest["checked_on"], method=latest["method"], age_days=age)
        if terms:
            result.update(recheck_due=age > terms.recheck_days,
                          recheck_by=policy.recheck_by(latest, terms.recheck_days))
    return result


def _cleaned(desk, rating, method, checked_on, notes, guarantor, guarantee_amount, guarantee_document) -> dict:
    """Every value checked before the transaction opens: a typo costs no lock."""
    grade = (rating or "").strip().upper()
    allowed = desk.settings.pricing.credit_policy
    if grade not in allowed:
        raise InputError("input.not_one_of", field="rating", value=rating or "", allowed=", ".join(allowed))
    how = choose("credit_method", method, "method")
    if how is None:
        raise InputError("input.required", field="method")
    texts = {name: (validation.text(value, name, multiline=name == "notes") or "").strip() or None
             for name, value in (("notes", notes), ("guarantor", guarantor),
                                 ("guarantee_document", guarantee_document))}
    amount = None
    if guarantee_amount not in (None, ""):
        amount = guarantee_amount if isinstance(guarantee_amount, int) and not isinstance(guarantee_amount, bool) \
            else money.parse(str(guarantee_amount), field="guarantee-amount")
        if amount <= 0:
            raise InputError("contract.amount_positive", field="guarantee-amount", value=money.format_fen(amount))
    if (amount or texts["guarantee_document"]) and not texts["guarantor"]:
        raise InputError("credit.guarantee_needs_guarantor")
    return {"rating": grade, "method": how, "checked_on": validation.happened(checked_on, "on"),
            "guarantee_amount": amount, **texts}


def _guarantee(check: dict | None) -> dict | None:
    if not check or not check["guarantor"]:
        return None
    return {k: check[k] for k in ("guarantor", "guarantee_amount", "guarantee_document", "checked_on")}


def _policy(terms) -> dict | None:
    """The rating's terms as people read them: shares as percentages, money in fen."""
    if terms is None:
        return None
    alternative = terms.guarantee_or_prepayment
    return {"prepayment": percent.text(terms.prepayment), "guarantee_required": terms.guarantee_required,
            "guarantee_or_prepayment": percent.text(alternative) if alternative is not None else None,
            "credit_limit": terms.credit_limit, "recheck_days": terms.recheck_days}


def _owed(desk, client_id: int) -> int:
    from zizhi.core.pipeline.schedules import outstanding_of_client

    return outstanding_of_client(desk, client_id)
