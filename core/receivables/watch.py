"""The watch list: which debts are turning bad, riskiest first, each score explained (rulebook §7.2).

Every open instalment the user may see is scored (:mod:`.risk`) from where it stands on the
dunning ladder on ``as_of`` (:mod:`.standing` — days overdue, step reached, promises broken)
and its client's credit rating. A client is scored as one debt: all they owe, their oldest
overdue days, every promise they broke, the highest step any of their instalments reached — so
a client never scores below any of their instalments.

It is read in one query whatever the number of clients: what each client owes, summed by SQLite,
with their oldest due date. A client nobody has dunned yet stands where the ladder's dates put
their oldest instalment (no answer logged, no promise — see :mod:`.standing`), which the ladder
works out once per due date; only the clients with logged actions are stood debt by debt, in
one more query, by :func:`standing.standings` itself (:func:`client_risks`, every client scored,
for the cash forecast). The watch list shows only the first few: it looks up and scores in full
only the clients who could be among them (:mod:`.shortlist`), and counts the rest.
"""

from __future__ import annotations

import datetime as dt
import heapq

from zizhi.core import access, clock, validation
from zizhi.core.receivables import in_force, positions, risk, shortlist, standing


def watch_list(desk, as_of: str | None = None, limit: int | None = None) -> dict:
    """The clients at risk on ``as_of`` (default today) — money overdue or a promise to pay broken —
    riskiest first, at most ``limit`` (``count`` says how many there are in all); each score
    explained, and each of the client's open instalments scored and explained beneath. A client
    owing only what is not yet due is left out: their score (the rating, the amount) still
    discounts the cash forecast, but nothing has gone wrong yet."""
    access.require_receivables(desk.user)
    day = validation.date(as_of, "as-of") if as_of else clock.today().isoformat()
    if limit is not None:
        limit = validation.whole_in(str(limit), "limit", 1, 100_000)
    weights = desk.settings.pricing.watch
    count, shown = _riskiest(desk, day, limit, weights)
    return {"as_of": day, "count": count,
            "clients": [_explained(client, debts, weights) for client, debts in shown]}


def _riskiest(desk, day: str, limit: int | None, weights) -> tuple[int, list[tuple[dict, list[dict]]]]:
    """How many clients are at risk, and the riskiest ``limit`` of them with their debts stood on
    the ladder — as :func:`client_risks` would rank them, without scoring every client in full.

    Only the clients who may place are looked up (:mod:`.shortlist`). One nobody ever promised
    anything scores exactly what their sums, oldest due date and rating give (a step reached by
    dates; no promise to break). Only a client with a promise may score more (broken promises, a
    step moved up), so only those whose most possible score could still place them among the
    first ``limit`` — or whose being at risk at all hangs on a broken promise — are stood on the
    ladder debt by debt, with the first ``limit`` of the others, in one read."""
    names, rows, left_out = shortlist.candidates(desk, day, limit, weights)
    steps, today = standing.ladder(desk), dt.date.fromisoformat(day)
    top_step = max(weights.step_points.values())
    by_date: dict[str, int] = {}
    known, promised = [], []
    for row in rows:
        client_id, client, _, _, owed, overdue, oldest, _, days, base, promises = row
        step = by_date.get(oldest)
        if step is None:
            rung = steps.reached(oldest, day)
            step = by_date[oldest] = weights.step_points[rung.action] if rung else 0
        key = (-min(base + step, risk.MAX_SCORE), -owed, -max(days, 0), client, client_id)
        if promises:
            most = min(weights.broken_promises_max, promises * weights.broken_promise_points) + top_step
            promised.append((key, (-min(base + most, risk.MAX_SCORE), *key[1:]), row))
        elif overdue:
            known.append((key, row))
    bar = _bar([key for key, row in known] + [key for key, _, row in promised if row[5]], limit)
    unsure = {row[0]: row for key, best, row in promised if not row[5] or bar is None or best <= bar}
    first_known = heapq.nsmallest(limit, known) if limit else known
    stood = _stood(desk, day, {*unsure, *(row[0] for key, row in first_known)})
    scored = {client_id: _client(dict(zip(names, row)), stood[client_id], weights)
              for client_id, row in unsure.items()}
    ranked = [key for key, row in known] + [_key(c) for c in scored.values() if c["overdue"] or c["broken_promises"]]
    count = left_out + len(ranked) + sum(1 for key, best, row in promised if row[5] and row[0] not in unsure)
    first = heapq.nsmallest(limit, ranked) if limit else sorted(ranked)
    rows_of = {row[0]: row for key, row in first_known}
    shown = []
    for key in first:
        client_id = key[-1]
        if client_id not in scored:
            row = dict(zip(names, rows_of[client_id]))
            scored[client_id] = _client(row, stood[client_id], weights) if row["dunned"] else \
                _undunned(row, steps.reached(row["oldest_due"], day), today, weights)
        shown.append((scored[client_id], stood[client_id]))
    return count, shown


def _bar(keys: list[tuple], limit: int | None) -> tuple | None:
    """The ``limit``-th key of ``keys`` in order, which a client must reach to be shown (None: all are)."""
    if not limit or len(keys) < limit:
        return None
    return heapq.nsmallest(limit, keys)[-1]


def _key(client: dict) -> tuple:
    """Where a client ranks: riskiest first, then the most owed, the longest overdue, by name."""
    return (-client["score"], -client["owed"], -client["days_overdue"], client["client"], client["client_id"])


def _stood(desk, day: str, clients) -> dict[int, list[dict]]:
    """The open debts of ``clients`` as the ladder stands them, by client (one query)."""
    found: dict[int, list[dict]] = {}
    for debt in standing.standings(desk, day, clients=clients) if clients else []:
        found.setdefault(debt["client_id"], []).append(debt)
    return found


def client_risks(desk, day: str) -> list[dict]:
    """Every visible client owing something at the end of ``day``, scored, riskiest first."""
    access.require_receivables(desk.user)
    weights, steps = desk.settings.pricing.watch, standing.ladder(desk)
    owing = _owing(desk, day)
    dunned = {row["client_id"] for row in owing if row["dunned"]}
    by_client: dict[int, list[dict]] = {}
    for debt in standing.standings(desk, day, clients=dunned) if dunned else []:
        by_client.setdefault(debt["client_id"], []).append(debt)
    today = dt.date.fromisoformat(day)
    found = []
    for row in owing:
        if row["client_id"] in by_client:
            found.append(_client(row, by_client[row["client_id"]], weights))
        else:
            found.append(_undunned(row, steps.reached(row["oldest_due"], day), today, weights))
    found.sort(key=_key)
    return found


def _owing(desk, day: str) -> list[dict]:
    """Per visible client: what they owe at the end of ``day``, how much of it is overdue, their
    oldest due date, and whether any dunning action about them was logged by then."""
    sql, params = _owing_query(desk, day)
    return desk.store.rows(sql, params)


def _owing_query(desk, day: str, more: str = "") -> tuple[str, dict]:
    """The query of :func:`_owing` (and ``more`` columns): the open instalments made once, summed
    per client, and only then each client looked up — once a client, not once an instalment."""
    paid, written_off = positions.amounts(day)
    cond, params = access.visible_named(desk.user, "c")
    return f"""WITH x AS MATERIALIZED (
                SELECT * FROM (SELECT d.client_id, i.due_on, i.amount - {paid} - {written_off} AS owed
                               FROM {in_force.instalments(day)} i JOIN contracts k ON k.id = i.contract_id
                               JOIN deals d ON d.id = k.deal_id
                               WHERE k.signed_on IS NOT NULL AND k.signed_on <= :d) WHERE owed > 0)
            SELECT c.id AS client_id, c.name AS client, u.login AS owner, c.credit_rating AS rating,
                   g.owed, g.overdue, g.oldest_due,
                   EXISTS (SELECT 1 FROM dunning_actions a WHERE a.client_id = c.id AND a.on_date <= :d) AS dunned
                   {more}
            FROM (SELECT client_id, sum(owed) AS owed, sum(CASE WHEN due_on < :d THEN owed ELSE 0 END) AS overdue,
                         min(due_on) AS oldest_due FROM x GROUP BY client_id) g
            JOIN clients c ON c.id = g.client_id LEFT JOIN users u ON u.id = c.owner_id
            WHERE {cond}""", {"d": day, **params}


def _undunned(row: dict, rung, today: dt.date, weights) -> dict:
    """A client no action was logged about: their oldest instalment's step by its dates, the
    highest any of theirs reached (a later due date reaches each step later)."""
    days = (today - dt.date.fromisoformat(row["oldest_due"])).days
    step = rung.action if rung else None
    scored = risk.score(risk.Signs(days, row["owed"], row["rating"], 0, step), weights)
    return {"client_id": row["client_id"], "client": row["client"], "owner": row["owner"], "rating": row["rating"],
            "owed": row["owed"], "overdue": row["overdue"], "days_overdue": max(days, 0), "broken_promises": 0,
            "step": step, "flagged": bool(rung and rung.escalates), "score": scored.score, "risk": scored}


def _client(row: dict, debts: list[dict], weights) -> dict:
    """A client as one debt, from their debts as the ladder stands them: summed, the oldest, every
    broken promise, the highest step."""
    owed = overdue = 0
    days, step, broken, flagged = debts[0]["days_overdue"], None, set(), False
    for debt in debts:
        owed += debt["owed"]
        if debt["days_overdue"] > 0:
            overdue += debt["owed"]
        days = max(days, debt["days_overdue"])
        step = risk.worst_step((step, _step(debt)))
        broken.update(debt["broken_promises"])
        flagged = flagged or debt["flagged"]
    scored = risk.score(risk.Signs(days, owed, row["rating"], len(broken), step), weights)
    return {"client_id": row["client_id"], "client": row["client"], "owner": row["owner"], "rating": row["rating"],
            "owed": owed, "overdue": overdue, "days_overdue": max(days, 0), "broken_promises": len(broken),
            "step": step, "flagged": flagged, "score": scored.score, "risk": scored}


def _explained(client: dict, debts: list[dict], weights) -> dict:
    """A client as the watch list shows it: reasons in words, instalments scored, riskiest first."""
    shown = {k: v for k, v in client.items() if k != "risk"}
    instalments = [_instalment(debt, client["rating"], weights) for debt in debts]
    instalments.sort(key=lambda i: (-i["score"], i["due_on"], i["instalment"]))
    return {**shown, **_reasons(client["risk"]), "instalments": instalments}


def _instalment(debt: dict, rating: str | None, weights) -> dict:
    signs = risk.Signs(days_overdue=debt["days_overdue"], owed=debt["owed"], rating=rating,
                       broken_promises=len(debt["broken_promises"]), step=_step(debt))
    scored = risk.score(signs, weights)
    return {"instalment": debt["instalment"], "contract": debt["contract"], "position": debt["position"],
            "due_on": debt["due_on"], "owed": debt["owed"], "days_overdue": max(debt["days_overdue"], 0),
            "step": signs.step, "broken_promises": signs.broken_promises, "flagged": debt["flagged"],
            "score": scored.score, **_reasons(scored)}


def _step(debt: dict) -> str | None:
    return debt["rung"]["action"] if debt["rung"] else None


def _reasons(scored: risk.Risk) -> dict:
    return {"explanation": risk.explain(scored),
            "parts": [{"sign": p.sign, "points": p.points} for p in scored.parts if p.points]}
