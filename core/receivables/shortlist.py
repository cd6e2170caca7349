"""The watch list's first few clients without looking every client up (issue 9 item 14).

Ranking needs each client's score, and the score their credit rating: looking up all ~9,000
clients owing money in the wide clients table was a third of the watch list's time at 100,000
clients. But what a client owes, since when, and the points those earn (:mod:`.risk_sql`) come
from the instalments alone; the rating can add no fewer points than the lowest rating's and no
more than the highest's, a broken promise only what the promises made allow, the step no more
than the ladder's top. A client whose best possible score cannot reach the ``limit``-th surest
score is left out — still counted, as anyone with money overdue is at risk — and only the rest are
looked up, with their names and owners, for :mod:`.watch` to rank exactly.
"""

from __future__ import annotations

import heapq
import json

from zizhi.core import access
from zizhi.core.receivables import in_force, positions, risk, risk_sql, standing

COLUMNS = ["client_id", "client", "owner", "rating", "owed", "overdue", "oldest_due", "dunned", "days", "base",
           "promises"]


def candidates(desk, day: str, limit: int | None, weights) -> tuple[list[str], list[tuple], int]:
    """The clients who may be among the first ``limit`` at risk on ``day`` (or whose being at
    risk hangs on a promise), as rows of ``COLUMNS`` — ``base`` the points for days overdue,
    amount and rating, ``promises`` those they could have broken by then — and how many clients
    at risk were left out."""
    steps, by_date = standing.ladder(desk), {}
    ratings = [*weights.rating_points.values(), weights.unrated_points]
    fewest, most = min(ratings), max(ratings)
    top_step = max(weights.step_points.values())
    sure, kept = [], []
    rows = _sums(desk, day, weights)
    for row in rows:
        _, owed, overdue, oldest, days, points, _, promises = row
        step = by_date.get(oldest)
        if step is None:
            rung = steps.reached(oldest, day)
            step = by_date[oldest] = weights.step_points[rung.action] if rung else 0
        low, high = points + step + fewest, points + step + most
        if promises:  # each may be broken, and move the debt up the ladder
            high = points + top_step + most + min(weights.broken_promises_max, promises * weights.broken_promise_points)
        if overdue:
            sure.append(((-min(low, risk.MAX_SCORE), -owed, -max(days, 0)), -min(high, risk.MAX_SCORE), row))
        elif promises:
            kept.append(row)
    bar = heapq.nsmallest(limit, (low for low, _, _ in sure))[-1] if limit and len(sure) >= limit else None
    left_out = 0
    for low, high, row in sure:
        if bar is None or (high, *low[1:]) <= bar:
            kept.append(row)
        else:
            left_out += 1
    return COLUMNS, _looked_up(desk, kept, weights), left_out


def _sums(desk, day: str, weights) -> list[tuple]:
    """Per client the user may see: what they owe at the end of ``day``, how much is overdue, their
    oldest due date, days overdue, its and the amount's points, whether anyone dunned them and the
    promises they could have broken (the promised day gone) — no client looked up."""
    paid, written_off = positions.amounts(day)
    params: dict = {"d": day}
    visible = ""
    if not access.sees_all(desk.user):  # their clients' ids, from the owner's index
        cond, params = access.visible_named(desk.user, "c")
        visible, params = f"WHERE g.client_id IN (SELECT c.id FROM clients c WHERE {cond})", {"d": day, **params}
    days = "CAST(julianday(:d) - julianday(g.oldest_due) AS INTEGER)"
    return desk.store.tuples(
        f"""WITH x AS MATERIALIZED (
                SELECT * FROM (SELECT d.client_id, i.due_on, i.amount - {paid} - {written_off} AS owed
                               FROM {in_force.instalments(day)} i JOIN contracts k ON k.id = i.contract_id
                               JOIN deals d ON d.id = k.deal_id
                               WHERE k.signed_on IS NOT NULL AND k.signed_on <= :d) WHERE owed > 0)
            SELECT g.client_id, g.owed, g.overdue, g.oldest_due, {days},
                   {risk_sql.points(days, "g.owed", weights)},
                   EXISTS (SELECT 1 FROM dunning_actions a WHERE a.client_id = g.client_id AND a.on_date <= :d),
                   (SELECT count(*) FROM dunning_actions a WHERE a.client_id = g.client_id AND a.on_date <= :d
                    AND a.promise_on < :d)
            FROM (SELECT client_id, sum(owed) AS owed, sum(CASE WHEN due_on < :d THEN owed ELSE 0 END) AS overdue,
                         min(due_on) AS oldest_due FROM x GROUP BY client_id) g {visible}""", params)[1]


def _looked_up(desk, rows: list[tuple], weights) -> list[tuple]:
    """``rows`` of :func:`_sums` with each client's name, owner and rating, the rating's points added."""
    if not rows:
        return []
    found = {client_id: (name, owner, rating) for client_id, name, owner, rating in desk.store.tuples(
        """SELECT c.id, c.name, u.login, c.credit_rating FROM json_each(:ids) j
           JOIN clients c ON c.id = j.value LEFT JOIN users u ON u.id = c.owner_id""",
        {"ids": json.dumps([row[0] for row in rows])})[1]}
    return [(client_id, *found[client_id], owed, overdue, oldest, dunned, days,
             points + risk.rating_points(found[client_id][2], weights), promises)
            for client_id, owed, overdue, oldest, days, points, dunned, promises in rows]
