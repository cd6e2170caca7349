"""The quotes' reminders: a sent quote about to lapse, and one that lapsed unanswered.

Only a deal's latest version counts (an earlier one was replaced), of a deal still open; both go
to the deal's owner. Reminding never writes the quotes: recording the expiry stays the explicit
operation (``zizhi quote expire``), and a lapsed quote is lapsed whether or not it is recorded
(:func:`core.pipeline.quote_records.lapsed`).
"""

from __future__ import annotations

import datetime as dt

from zizhi.core.pipeline import stages
from zizhi.core.pipeline.quote_records import lapsed_condition, number
from zizhi.core.reminders.reminder import day_after, item, whose

_LATEST = f"""FROM quotes q JOIN deals d ON d.id = q.deal_id JOIN clients c ON c.id = d.client_id
              LEFT JOIN users u ON u.id = d.owner_id
              WHERE {stages.still_open()}
                AND NOT EXISTS (SELECT 1 FROM quotes n WHERE n.deal_id = q.deal_id AND n.version > q.version)"""
_COLUMNS = "q.id, q.deal_id, q.version, q.valid_until, q.sent_at, d.title, c.id, c.name, u.login"


def quote_expiring(desk, day: str, owner: int | None = None) -> list[dict]:
    """A sent quote still valid on the day, lapsing within ``reminders.quote_expiry_days``: due
    that many days before its last valid day (or from its sending, when it was sent later).
    Dealt with when the client accepts or rejects it, a new version is drafted, or the deal ends;
    once lapsed, :func:`quote_expired` takes over."""
    ahead = desk.settings.pricing.reminders.quote_expiry_days
    gone, params = lapsed_condition("q", day)
    horizon = (dt.date.fromisoformat(day) + dt.timedelta(days=ahead)).isoformat()
    rows = desk.store.tuples(f"""SELECT {_COLUMNS} {_LATEST} AND q.status = 'sent' AND NOT ({gone})
                                 AND q.valid_until <= ?{whose("d.owner_id", owner)}""",
                             [*params, horizon])[1]
    found = []
    for quote_id, deal_id, version, until, sent_at, title, client_id, client, owner in rows:
        warn = (dt.date.fromisoformat(until) - dt.timedelta(days=ahead)).isoformat()
        ref = number({"deal_id": deal_id, "version": version})
        found.append(item(
            "quote_expiring", f"quote:{quote_id}", max(warn, (sent_at or warn)[:10]), "remind.quote_expiring",
            {"client": client, "quote": ref, "deal": deal_id, "title": title, "until": until},
            owner=owner, client_id=client_id, client=client, deal_id=deal_id, deal=title,
            command=f"zizhi quote accept {ref} --note …", app_key="A"))
    return found


def quote_expired(desk, day: str, owner: int | None = None) -> list[dict]:
    """A deal's latest quote lapsed without an answer — sent, or its expiry recorded since — due
    from the day after its last valid day. Dealt with when a new version is drafted, the client's
    no is recorded (``zizhi quote reject``), or the deal ends."""
    gone, params = lapsed_condition("q", day)
    rows = desk.store.tuples(
        f"""SELECT {_COLUMNS} {_LATEST} AND q.status IN ('sent', 'expired') AND {gone}{whose("d.owner_id", owner)}""",
        params)[1]
    return [item("quote_expired", f"quote:{quote_id}", day_after(until), "remind.quote_expired",
                 {"client": client, "quote": number({"deal_id": deal_id, "version": version}), "deal": deal_id,
                  "title": title, "until": until},
                 owner=owner, client_id=client_id, client=client, deal_id=deal_id, deal=title,
                 command=f"zizhi quote new {deal_id}", app_key="N")
            for quote_id, deal_id, version, until, _sent, title, client_id, client, owner in rows]
