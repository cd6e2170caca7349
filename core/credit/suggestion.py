"""What the client's payment history suggests about its rating (rulebook §7.2).

Only a suggestion: a person decides, and records a check with method ``payment_history`` if they
agree. The rule is deliberately plain so the reason can be said in one sentence: an instalment
paid (or still unpaid) more than ``LATE_DAYS`` after it fell due suggests one grade lower; at
least ``ON_TIME`` instalments fallen due, every one paid in full by its due date, suggest one
grade higher. Grades are the credit policy's, best first, as pricing.toml lists them.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import clock
from zizhi.core.i18n import t
from zizhi.core.money import format_fen

LATE_DAYS = 60
ON_TIME = 3


def suggest(desk, client_id: int, rating: str | None) -> dict:
    """{"rating": the suggested grade or None (no change), "direction", "reason" in words,
    "overdue": fen fallen due and unpaid, "instalments": how many were judged}."""
    today = clock.today()
    # Judged: what was paid in full (early counts as on time) and what is overdue; an instalment
    # not yet due and not yet paid says nothing either way.
    due = [i for i in _instalments(desk, client_id) if i["paid"] >= i["amount"] or i["due_on"] < today.isoformat()]
    overdue = sum(i["amount"] - i["paid"] for i in due)
    result = {"rating": None, "direction": None, "overdue": overdue, "instalments": len(due)}
    if not due:
        return {**result, "reason": t("credit.suggest.nothing_due")}
    worst = max(due, key=lambda i: (_days_late(i, today), i["due_on"]))
    late = _days_late(worst, today)
    grades = list(desk.settings.pricing.credit_policy)
    if late > LATE_DAYS:
        paid = worst["paid"] >= worst["amount"]
        reason = t("credit.suggest.paid_late" if paid else "credit.suggest.overdue", number=worst["number"],
                   position=worst["position"], amount=format_fen(worst["amount"]), count=late,
                   unpaid=format_fen(worst["amount"] - worst["paid"]), limit=LATE_DAYS)
        return {**result, **_step(grades, rating, +1, reason)}
    if late <= 0 and len(due) >= ON_TIME:
        reason = t("credit.suggest.on_time", count=len(due))
        return {**result, **_step(grades, rating, -1, reason)}
    if late > 0:
        return {**result, "reason": t("credit.suggest.late_within", count=late, limit=LATE_DAYS,
                                      number=worst["number"], position=worst["position"])}
    return {**result, "reason": t("credit.suggest.too_few", count=len(due), needed=ON_TIME)}


def _step(grades: list[str], rating: str | None, by: int, reason: str) -> dict:
    """One grade lower (+1) or higher (-1) than ``rating``; none past either end, or unrated."""
    if rating not in grades:
        return {"reason": t("credit.suggest.unrated", reason=reason)}
    index = grades.index(rating) + by
    if not 0 <= index < len(grades):
        return {"reason": t("credit.suggest.at_end", reason=reason, rating=rating)}
    return {"rating": grades[index], "direction": "lower" if by > 0 else "higher",
            "reason": t("credit.suggest.change", reason=reason, rating=rating, suggested=grades[index])}


def _days_late(item: dict, today: dt.date) -> int:
    """Days after its due date it was paid in full, or, still owed, days it has been overdue."""
    until = dt.date.fromisoformat(item["paid_on"]) if item["paid"] >= item["amount"] and item["paid_on"] else today
    return (until - dt.date.fromisoformat(item["due_on"])).days


def _instalments(desk, client_id: int) -> list[dict]:
    """The instalments of the client's signed contracts (a void draft was never owed)."""
    return desk.store.rows(
        """SELECT k.number, i.position, i.due_on, i.amount, i.paid, i.paid_on FROM instalments i
           JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id
           WHERE d.client_id = ? AND k.signed_on IS NOT NULL ORDER BY i.due_on, k.id, i.position""", [client_id])
