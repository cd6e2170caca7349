"""The pipeline view (SPEC §2 weekly meeting): per stage the deals, their value and
probability-weighted value, and the deals stuck longer than the stage's stale-days.

A deal's clock restarts when it changes stage or when anyone logs contact with its client.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access, clock
from zizhi.core.money import from_basis_points
from zizhi.core.pipeline.stages import STAGES, still_open


def pipeline(desk, owner: str | None = None) -> dict:
    """Stage by stage: count, value, weighted value (fen) and the stuck deals, for open deals."""
    cond, params = access.visible_deals(desk.user)
    where = [cond, still_open()]
    if owner:
        where.append("u.login = ?")
        params.append(owner)
    deals = desk.store.rows(
        f"""SELECT d.id, d.title, d.stage, d.value, d.probability, d.stage_since, c.name AS client,
                   u.login AS owner, c.last_contact_at FROM deals d
            JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id
            WHERE {' AND '.join(where)} ORDER BY d.id""", params)
    stages = {s: {"stage": s, "count": 0, "value": 0, "weighted": 0, "stuck": 0} for s in STAGES}
    stuck = []
    today = clock.today()
    for deal in deals:
        config = desk.settings.pricing.stages[deal["stage"]]
        chance = deal["probability"] if deal["probability"] is not None else config.probability
        row = stages[deal["stage"]]
        row["count"] += 1
        row["value"] += deal["value"]
        row["weighted"] += deal["value"] * chance  # fen × basis points, rounded once per stage below
        idle = (today - _last_moved(deal)).days
        if today >= stuck_from(deal, config.stale_days):
            row["stuck"] += 1
            stuck.append({**deal, "idle_days": idle, "stale_days": config.stale_days})
    for row in stages.values():
        row["weighted"] = from_basis_points(row["weighted"])
    rows = list(stages.values())
    totals = {"count": sum(r["count"] for r in rows), "value": sum(r["value"] for r in rows),
              "weighted": sum(r["weighted"] for r in rows)}
    stuck.sort(key=lambda d: -d["idle_days"])
    return {"stages": rows, "totals": totals, "stuck": stuck, "as_of": today.isoformat()}


def stuck_from(deal: dict, stale_days: int) -> dt.date:
    """The first day the deal counts as stuck: ``stale_days`` whole days without a move behind it
    (the reminders ask this of every open deal; ``deal`` needs ``stage_since`` and ``last_contact_at``)."""
    return _last_moved(deal) + dt.timedelta(days=stale_days + 1)


def _last_moved(deal: dict) -> dt.date:
    """The later of its stage change and the client's latest logged contact."""
    moments = [deal["stage_since"], deal["last_contact_at"] or ""]
    return dt.date.fromisoformat(max(moments)[:10])
