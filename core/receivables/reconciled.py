"""Which reconciled months a ledger change reaches back into — told in the change's audit row.

Finance marks a month reconciled with the totals it agreed (:mod:`.reconciliation`). A change
recorded later but dated on or before such a month's last day (a payment received then, a
reversal, refund or write-off dated back, a contract signed back then) alters what that month
closed with, and every later month's opening: the audit row of the change names those months and
when each was marked, so the trail shows it without rereading the report. This module imports
nothing of the ledger, so every operation that writes money may ask it.
"""

from __future__ import annotations


def latest_marks(conn, since: str | None = None) -> list[dict]:
    """The latest mark of each reconciled month (whose last day is on or after ``since``)."""
    rows = conn.execute(
        """SELECT r.period, r.at, u.login, r.totals FROM reconciled_periods r JOIN users u ON u.id = r.user_id
           WHERE r.id IN (SELECT max(id) FROM reconciled_periods GROUP BY period)
             AND (:since IS NULL OR r.period >= substr(:since, 1, 7))
           ORDER BY r.period""", {"since": since}).fetchall()
    return [{"period": period, "at": at, "by": login, "totals": totals} for period, at, login, totals in rows]


def flag(conn, on_date: str) -> dict:
    """``{"reconciled_periods_changed": [[month, marked at], …]}`` for the audit row of a change dated
    ``on_date``, or nothing when it reaches no reconciled month."""
    reached = [[mark["period"], mark["at"]] for mark in latest_marks(conn, on_date)]
    return {"reconciled_periods_changed": reached} if reached else {}
