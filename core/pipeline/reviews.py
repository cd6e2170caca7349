"""Compliance review (rulebook §7.1.2; SPEC §5: "compliance review passed before the quote goes
out"): legal checks that what a quote promises is lawful before the client sees it.

Design. A decision is a row in ``reviews`` that names the quote *and the quote's revision* when
legal decided. Every change to a draft raises its revision (``pipeline.quotes``), so an approval given
before a change no longer matches and the quote needs a new review — nothing is deleted or
overwritten, and the history of decisions stays readable. For the current revision the latest
decision counts: legal may reject, the salesperson change the quote (a new revision), and legal
approve that. Only drafts are reviewed; a sent quote is what legal approved.

The status a quote's review is in:
  ``pending``  — no decision yet;
  ``approved`` / ``rejected`` — legal's latest decision on this revision;
  ``outdated`` — legal decided on an earlier revision and the quote has changed since.

Deciding is idempotent: the verdict already standing on this revision, given again, records
nothing and answers with that decision (who, when).
"""

from __future__ import annotations

from zizhi.core import audit, clock, validation
from zizhi.core.errors import InputError, Refused, UserError
from zizhi.core.i18n import t
from zizhi.core.pipeline.quote_records import number, resolve_quote

REVIEWERS = ("legal",)


def approve(desk, quote_id: int | str, note: str | None = None) -> dict:
    """Legal approves the quote's current revision; it may now be sent."""
    return _decide(desk, quote_id, "approved", (note or "").strip() or None)


def reject(desk, quote_id: int | str, reason: str) -> dict:
    """Legal rejects the quote's current revision, saying what must change."""
    if not (reason or "").strip():
        raise InputError("review.reason_required")
    return _decide(desk, quote_id, "rejected", reason.strip())


def review_status(desk, quote_id: int | str) -> dict:
    """The review of a visible quote: its status, the deciding decision and every decision so far."""
    quote = resolve_quote(desk, quote_id)
    status = decision(desk, quote)
    status["history"] = desk.store.rows(
        """SELECT r.revision, r.decision, u.login AS reviewer, r.at, r.reason FROM reviews r
           JOIN users u ON u.id = r.reviewer_id WHERE r.quote_id = ? ORDER BY r.id""", [quote["id"]])
    return status


def decision(desk, quote: dict) -> dict:
    """The review status of ``quote`` (a row with id and revision) and the decision behind it."""
    latest = desk.store.one(
        """SELECT r.revision, r.decision, u.login AS reviewer, r.at, r.reason FROM reviews r
           JOIN users u ON u.id = r.reviewer_id WHERE r.quote_id = ? ORDER BY r.id DESC LIMIT 1""",
        [quote["id"]])
    result = {"quote": quote["id"], "revision": quote["revision"], "status": "pending",
              "reviewer": None, "at": None, "reason": None}
    if latest:
        current = latest["revision"] == quote["revision"]
        result.update(status=latest["decision"] if current else "outdated", reviewer=latest["reviewer"],
                      at=latest["at"], reason=latest["reason"], reviewed_revision=latest["revision"])
    return result


def require_approved(desk, quote: dict) -> None:
    """Refuse unless legal approved this revision, saying what to do next."""
    review = decision(desk, quote)
    status = review["status"]
    if status == "approved":
        return
    key = "review.pending" if status == "pending" else ("review.rejected" if status == "rejected" else "review.outdated")
    raise UserError(key, quote=number(quote), deal=quote["deal_id"], version=quote["version"],
                    reason=review["reason"] or "")


def require_reviewer(user: dict) -> None:
    """Compliance reviews are legal's to decide."""
    if user["role"] not in REVIEWERS:
        raise Refused("review.legal_only", role=user["role"])


def _decide(desk, quote_id: int | str, verdict: str, reason: str | None) -> dict:
    """Record legal's verdict on the current revision.

    The same verdict again (a second press, two colleagues at once) is no error and no second
    record: the existing decision is returned with ``note`` saying who decided it and when.
    """
    validation.text(reason, "reason", multiline=True)
    with desk.store.unit_of_work() as db:
        require_reviewer(desk.user)
        quote = resolve_quote(desk, quote_id)
        if quote["status"] != "draft":
            raise UserError("review.not_draft", quote=number(quote), deal=quote["deal_id"],
                            version=quote["version"], status=t(f"quote.status.{quote['status']}"))
        latest = decision(desk, quote)
        repeated = latest["status"] == verdict
        if not repeated:
            db.execute("""INSERT INTO reviews (quote_id, reviewer_id, decision, reason, at, revision)
                          VALUES (?, ?, ?, ?, ?, ?)""",
                       [quote["id"], desk.user["id"], verdict, reason, clock.stamp(), quote["revision"]])
            audit.record(db, desk.user, f"review.{'approve' if verdict == 'approved' else 'reject'}", "quote",
                         quote["id"], revision=quote["revision"], reason=reason)
    status = review_status(desk, quote["id"])
    if repeated:
        status["note"] = t("review.already_decided", quote=number(quote), revision=quote["revision"],
                           decision=t(f"review.word.{verdict}"), reviewer=latest["reviewer"], at=latest["at"])
    return status
