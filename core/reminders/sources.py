"""Each kind of reminder: a function of the desk and the day giving the reminders due by its end.

Every source reads the whole book (routing decides who sees what, :mod:`.agenda`), in one or two
queries — cron runs them all each morning over 100,000 clients. A source names each occurrence
by the record and the day it fell due, so the same occurrence keeps its key from run to run.

The deal's kinds are in :mod:`.sources_pipeline` and :mod:`.sources_quotes`, the client's in
:mod:`.sources_clients`, the policy notices' and the risk register's in :mod:`.sources_compliance`, the
quarter-end personal report's in :mod:`.sources_quarterly`; all are named here, where the agenda finds each kind by its name. What
"not yet dealt with" means is in each source's docstring.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core.reminders.reminder import item, whose
from zizhi.core.reminders.sources_clients import certificate_expiring, credit_recheck
from zizhi.core.reminders.sources_compliance import notice, risk_review
from zizhi.core.reminders.sources_pipeline import processing_late, stale_deal, visit
from zizhi.core.reminders.sources_quarterly import quarterly_report
from zizhi.core.reminders.sources_quotes import quote_expired, quote_expiring

__all__ = ["calendar_missing", "certificate_expiring", "credit_recheck", "dunning", "follow_up", "notice",
           "processing_late", "quarterly_report", "quote_expired", "quote_expiring", "risk_review", "stale_deal",
           "visit"]  # one per kind: agenda finds each by name


def follow_up(desk, day: str, owner: int | None = None) -> list[dict]:
    """A client's agreed next step whose date has come (the communication log's follow-up). Dealt
    with when contact is logged with the next step after it (a new date is a new occurrence), or
    the client is archived."""
    late = desk.settings.pricing.reminders.escalate.follow_up_overdue_days
    escalate_before = (dt.date.fromisoformat(day) - dt.timedelta(days=late)).isoformat()
    rows = desk.store.tuples(
        """SELECT c.id, c.name, c.next_step, c.next_date, u.login FROM clients c LEFT JOIN users u ON u.id = c.owner_id
           WHERE c.next_date IS NOT NULL AND c.next_date <= :d AND c.archived_at IS NULL"""
        + whose("c.owner_id", owner), {"d": day})[1]
    return [item("follow_up", f"client:{client_id}", next_date, "remind.follow_up",
                 {"client": name, "step": step or "—", "since": next_date}, owner=owner, client_id=client_id,
                 client=name, command=f"zizhi log add {client_id} --channel phone --summary … --next … --next-date …",
                 app_key="l", escalated=next_date <= escalate_before)
            for client_id, name, step, next_date, owner in rows]


def dunning(desk, day: str, owner: int | None = None) -> list[dict]:
    """A dunning step come and not yet answered (the ladder's standing of each open debt,
    :mod:`core.receivables.standing`, as the dunning list reads it): one per debt, to the client's
    owner; escalated at the ladder's last step or past ``escalate.dunning_days`` overdue."""
    from operator import itemgetter

    from zizhi.core.money import format_fen
    from zizhi.core.receivables import standing

    late = desk.settings.pricing.reminders.escalate.dunning_days
    names, debts = standing.parts(desk, day, ordered=False, owner=owner)
    shown = itemgetter(*(names.index(name) for name in ("instalment", "client_id", "client", "owner", "due_on",
                                                         "owed")))
    found = []
    for row, stood in debts:
        if not stood["due"]:
            continue
        instalment, client_id, client, owner_login, due_on, owed = shown(row)
        action, days = stood["rung"]["action"], stood["days_overdue"]
        found.append(item(
            "dunning", f"instalment:{instalment}:{stood['rung']['days']}", stood["since"],
            "remind.dunning" if days > 0 else "remind.dunning_ahead",  # ahead: the friendly reminder before
            {"client": client, "instalment": instalment, "owed": format_fen(owed), "days": days, "due": due_on,
             "action_word": f"dunning_action.{action}"},
            owner=owner_login, client_id=client_id, client=client,
            command=f"zizhi dunning log {instalment} --action {action} --outcome …",
            app_key="r", escalated=action == "escalation" or days >= late))
    return found


def calendar_missing(desk, day: str, owner: int | None = None) -> list[dict]:
    """Next year's holidays not on record from 1 November (:func:`core.workdays.records.next_year_missing`),
    to the admins, who import them. Dealt with when the year is imported."""
    from zizhi.core.workdays.days import covered_years
    from zizhi.core.workdays.records import WARN_FROM, next_year_missing

    if owner is not None:  # an admin's, never in a salesperson's own agenda
        return []
    year = next_year_missing(set(covered_years(desk.store)), dt.date.fromisoformat(day))
    if year is None:
        return []
    since = dt.date(year - 1, *WARN_FROM).isoformat()
    return [item("calendar_missing", f"year:{year}", since, "remind.calendar_missing", {"year": year, "since": since},
                 owner=None, command=f"zizhi calendar import {year}.json", to_admins=True)]
