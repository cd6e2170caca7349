"""The watch list's first few clients without looking every client up (issue 9 item 14).

Ranking needs each client's score, and the score their credit rating: looking up all ~9,000
clients owing money in the wide clients table was a third of the watch list's time at 100,000
clients. But what a client owes, since when, the points those earn (:mod:`.risk_sql`) and the
step their oldest due date has reached by its dates come from the instalments alone; the rating
can add no fewer points than the lowest rating's and no more than the highest's; only a client
who made promises can score more — what breaking them all would add, the step up to the
ladder's top. A client whose best possible score cannot reach the ``limit``-th surest score is
left out — still counted, as anyone with money overdue is at risk — and only the rest are looked
up, with their names and owners, in the same query, for :mod:`.watch` to rank exactly.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access
from zizhi.core.receivables import in_force, positions, risk, risk_sql, standing

COLUMNS = ["client_id", "client", "owner", "rating", "owed", "overdue", "oldest_due", "dunned", "days", "base",
           "promises"]


def candidates(desk, day: str, limit: int | None, weights) -> tuple[list[str], list[tuple], int]:
    """The clients who may be among the first ``limit`` at risk on ``day`` (or whose being at
    risk hangs on a promise), as rows of ``COLUMNS`` — ``base`` the points for days overdue,
    amount and rating, ``promises`` those they could have broken by then — and how many clients
    at risk were left out. One query: the bar is the ``limit``-th surest client's (fewest rating
    points); a client is looked up when their most possible score reaches it."""
    ratings = [*weights.rating_points.values(), weights.unrated_points]
    bounds = {"fewest": min(ratings), "most": max(ratings), "top_step": max(weights.step_points.values()),
              "per": weights.broken_promise_points, "most_broken": weights.broken_promises_max,
              "skip": limit - 1 if limit else 1 << 62, "top": risk.MAX_SCORE}
    step, latest = _step_points(desk, day, weights)
    rows = _sums(desk, day, weights, step, {**bounds, **latest})
    left_out = rows[0][-1] - sum(1 for row in rows if row[5]) if rows else 0
    return COLUMNS, [(*row[:9], row[9] + risk.rating_points(row[3], weights), row[10]) for row in rows], left_out


def _step_points(desk, day: str, weights) -> tuple[str, dict]:
    """SQL for the points of the step a client's oldest due date has reached by ``day`` on the
    ladder's dates (no promise broken), and its parameters: for each step the latest due date
    that has reached it, found by halving (a later due date reaches each step later)."""
    steps, on = standing.ladder(desk), dt.date.fromisoformat(day)
    cases, latest = [], {}
    for index, (_, action) in reversed(list(enumerate(steps.steps))):
        low, high = on.toordinal() - 3660, on.toordinal() + 3660

        def reached(ordinal: int) -> bool:
            return steps.rungs(dt.date.fromordinal(ordinal).isoformat())[index].on <= day
        if not reached(low):
            continue
        while low < high:
            middle = (low + high + 1) // 2
            if reached(middle):
                low = middle
            else:
                high = middle - 1
        latest[f"step{index}"] = dt.date.fromordinal(low).isoformat()
        cases.append(f"WHEN g.oldest_due <= :step{index} THEN {weights.step_points[action]}")
    return " ".join(["(CASE", *cases, "ELSE 0 END)"]), latest


def _sums(desk, day: str, weights, step: str, bounds: dict) -> list[tuple]:
    """Per client the user may see who may place: what they owe at the end of ``day``, how much is
    overdue, their oldest due date, whether anyone dunned them, their days overdue, its and the
    amount's points, the promises they could have broken (the promised day gone), then how many
    clients have money overdue."""
    paid, written_off = positions.amounts(day)
    params: dict = {"d": day, **bounds}
    visible = ""
    if not access.sees_all(desk.user):  # their clients' ids, from the owner's index
        cond, params = access.visible_named(desk.user, "c")
        visible, params = f"WHERE g.client_id IN (SELECT c.id FROM clients c WHERE {cond})", \
            {"d": day, **bounds, **params}
    days = "CAST(julianday(:d) - julianday(g.oldest_due) AS INTEGER)"
    most = """min(:top, s.points + :most + CASE WHEN s.promises > 0 THEN :top_step + min(:most_broken, s.promises * :per)
                                                ELSE s.step END)"""
    return desk.store.tuples(
        f"""WITH x AS MATERIALIZED (
                SELECT * FROM (SELECT d.client_id, i.due_on, i.amount - {paid} - {written_off} AS owed
                               FROM {in_force.instalments(day)} i JOIN contracts k ON k.id = i.contract_id
                               JOIN deals d ON d.id = k.deal_id
                               WHERE k.signed_on IS NOT NULL AND k.signed_on <= :d) WHERE owed > 0),
            s AS MATERIALIZED (
                SELECT g.client_id, g.owed, g.overdue, g.oldest_due, {days} AS days,
                       {risk_sql.points(days, "g.owed", weights)} AS points, {step} AS step,
                       EXISTS (SELECT 1 FROM dunning_actions a WHERE a.client_id = g.client_id AND a.on_date <= :d)
                           AS dunned,
                       (SELECT count(*) FROM dunning_actions a WHERE a.client_id = g.client_id AND a.on_date <= :d
                        AND a.promise_on < :d) AS promises
                FROM (SELECT client_id, sum(owed) AS owed, sum(CASE WHEN due_on < :d THEN owed ELSE 0 END) AS overdue,
                             min(due_on) AS oldest_due FROM x GROUP BY client_id) g {visible}),
            bar AS (SELECT min(:top, points + step + :fewest) AS low, owed, max(days, 0) AS days FROM s WHERE overdue > 0
                    ORDER BY low DESC, owed DESC, days DESC LIMIT 1 OFFSET :skip)
            SELECT s.client_id, c.name, u.login, c.credit_rating, s.owed, s.overdue, s.oldest_due, s.dunned, s.days,
                   s.points, s.promises, (SELECT count(*) FROM s WHERE overdue > 0)
            FROM s JOIN clients c ON c.id = s.client_id LEFT JOIN users u ON u.id = c.owner_id
            WHERE CASE WHEN s.overdue = 0 THEN s.promises > 0
                       ELSE NOT EXISTS (SELECT 1 FROM bar)
                            OR ({most}, s.owed, max(s.days, 0)) >= (SELECT low, owed, days FROM bar) END""",
        params)[1]
