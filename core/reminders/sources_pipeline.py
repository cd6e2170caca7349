"""The deal's reminders: processing late, after-sales visits due, deals stuck in their stage.

Each reads the whole book in one query, with the rule its own area keeps (the processing
deadline, the visit's day, the stage's stale-days), and goes to the deal's owner.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core.pipeline import stages
from zizhi.core.reminders.reminder import day_after, item, whose

_DEAL = """FROM deals d JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id"""


def processing_late(desk, day: str, owner: int | None = None) -> list[dict]:
    """Processing past its expected date (:func:`core.pipeline.due.late_condition`), from
    the day after it. Dealt with when the authority's decision is recorded, when a delay moves the
    expected date past the day (a new occurrence if that one passes too), or when the deal ends.
    Escalated ``escalate.processing_late_workdays`` working days late. The operator handling the
    application is told too: it is theirs to chase at the authority."""
    from zizhi.core.pipeline.due import late_condition
    from zizhi.core.workdays.days import add_workdays

    limit = desk.settings.pricing.reminders.escalate.processing_late_workdays
    rows = desk.store.tuples(
        f"""SELECT d.id, d.title, d.client_id, c.name, u.login, op.login, h.expected_on
            FROM handovers h JOIN deals d ON d.id = h.deal_id JOIN clients c ON c.id = d.client_id
            LEFT JOIN users u ON u.id = d.owner_id JOIN users op ON op.id = h.operator_id
            WHERE {late_condition()}{whose("d.owner_id", owner, "h.operator_id")}""", [day])[1]
    escalate_from = {expected: add_workdays(desk.store, expected, limit).isoformat()  # many deals share a date
                     for expected in {row[-1] for row in rows}}
    return [item("processing_late", f"deal:{deal_id}", day_after(expected), "remind.processing_late",
                 {"client": client, "deal": deal_id, "title": title, "expected": expected, "operator": operator},
                 owner=owner, client_id=client_id, client=client, deal_id=deal_id, deal=title,
                 command=f"zizhi process delay {deal_id} --cause … --days … --told", app_key="d",
                 escalated=escalate_from[expected] <= day, also=operator)
            for deal_id, title, client_id, client, owner, operator, expected in rows]


def visit(desk, day: str, owner: int | None = None) -> list[dict]:
    """An after-sales visit whose day has come (:func:`core.pipeline.due.visit_due_condition`).
    Dealt with when the visit is recorded done, or when the deal is cancelled (its contract ended)."""
    from zizhi.core.pipeline.due import visit_due_condition

    rows = desk.store.tuples(
        f"""SELECT v.id, v.due_on, d.id, d.title, c.id, c.name, u.login FROM visits v
            JOIN deals d ON d.id = v.deal_id JOIN clients c ON c.id = v.client_id
            LEFT JOIN users u ON u.id = d.owner_id
            WHERE {visit_due_condition()}{whose("d.owner_id", owner)}""", [day])[1]
    return [item("visit", f"visit:{visit_id}", due_on, "remind.visit",
                 {"client": client, "deal": deal_id, "title": title, "since": due_on},
                 owner=owner, client_id=client_id, client=client, deal_id=deal_id, deal=title,
                 command=f"zizhi visit done {visit_id} --satisfaction … --remarks …", app_key="v")
            for visit_id, due_on, deal_id, title, client_id, client, owner in rows]


def stale_deal(desk, day: str, owner: int | None = None) -> list[dict]:
    """A deal left in its stage longer than the stage's ``stale_days`` (:func:`stuck_deals`).
    Dealt with when it moves or contact is logged — its clock restarts, and if it sticks again
    that is a new occurrence — or when it ends."""
    return [item("stale_deal", f"deal:{deal['deal_id']}", deal["stuck_from"], "remind.stale_deal",
                 {"client": deal["client"], "deal": deal["deal_id"], "title": deal["title"],
                  "stage_word": f"stage.{deal['stage']}", "since": deal["since"], "limit": deal["limit"]},
                 owner=deal["owner"], client_id=deal["client_id"], client=deal["client"], deal_id=deal["deal_id"],
                 deal=deal["title"], command=_unstick(deal["stage"], deal["deal_id"], deal["client_id"]), app_key="]")
            for deal in stuck_deals(desk, day, owner)]


def stuck_deals(desk, day: str, owner: int | None = None) -> list[dict]:
    """The deals stuck on ``day`` (:func:`core.pipeline.board.stuck_from`: no stage change, no
    contact logged with its client, for longer than the stage's ``stale_days``), as plain records
    (the weekly review lists thousands). Left out: the last stage (after-sales), which has nowhere
    to move, and a deal whose processing is late or whose visit is due, which has a reminder that
    says more."""
    from zizhi.core.pipeline.board import stuck_from
    from zizhi.core.pipeline.due import late_condition, visit_due_condition

    config = desk.settings.pricing.stages
    moving = [stage for stage in stages.STAGES if stages.next_stage(stage)]
    # narrowed in SQL to the deals not moved since their stage's cutoff (the open deals are many);
    # stuck_from, the board's rule, still decides
    latest = {stage: (dt.date.fromisoformat(day) - dt.timedelta(days=config[stage].stale_days)).isoformat()
              for stage in moving}
    cutoff = f"CASE d.stage {' '.join(f'WHEN :{stage} THEN :{stage}_limit' for stage in moving)} END"
    rows = desk.store.tuples(
        f"""SELECT d.id, d.title, d.stage, d.stage_since, c.last_contact_at, c.id, c.name, u.login {_DEAL}
            WHERE d.stage IN ({', '.join(f':{stage}' for stage in moving)})
              AND substr(d.stage_since, 1, 10) < ({cutoff})
              AND coalesce(substr(c.last_contact_at, 1, 10), '') < ({cutoff})
              AND d.id NOT IN (SELECT h.deal_id FROM handovers h JOIN deals l ON l.id = h.deal_id
                               WHERE {late_condition('h', 'l', ':day')})
              AND d.id NOT IN (SELECT v.deal_id FROM visits v JOIN deals l ON l.id = v.deal_id
                               WHERE {visit_due_condition('v', 'l', ':day')}){whose("d.owner_id", owner)}""",
        {"day": day, **{stage: stage for stage in moving}, **{f"{stage}_limit": latest[stage] for stage in moving}})[1]
    found = []
    for deal_id, title, stage, since, contact, client_id, client, owner_login in rows:
        limit = config[stage].stale_days
        due_on = stuck_from({"stage_since": since, "last_contact_at": contact}, limit).isoformat()
        if due_on <= day:
            found.append({"deal_id": deal_id, "title": title, "client_id": client_id, "client": client,
                          "owner": owner_login, "stage": stage, "since": max(since, contact or "")[:10],
                          "stuck_from": due_on, "limit": limit})
    return found


def _unstick(stage: str, deal_id: int, client_id: int) -> str:
    """Move it on where the salesperson moves it; from processing and delivery on, operations'
    work and the visit move it, so the salesperson tells the client where it stands."""
    if stage in stages.before("processing"):
        return f"zizhi deal move {deal_id} {stages.next_stage(stage)}"
    return f"zizhi log add {client_id} --channel phone --summary … --next … --next-date …"
