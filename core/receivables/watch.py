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
one more query, by :func:`standing.standings` itself.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access, clock, validation
from zizhi.core.receivables import in_force, positions, risk, standing


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
    at_risk = [client for client in client_risks(desk, day) if client["overdue"] or client["broken_promises"]]
    shown = at_risk[:limit] if limit else at_risk
    debts: dict[int, list[dict]] = {}
    for debt in standing.standings(desk, day, clients={client["client_id"] for client in shown}) if shown else []:
        debts.setdefault(debt["client_id"], []).append(debt)
    return {"as_of": day, "count": len(at_risk),
            "clients": [_explained(client, debts[client["client_id"]], weights) for client in shown]}


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
    found.sort(key=lambda c: (-c["score"], -c["owed"], -c["days_overdue"], c["client"], c["client_id"]))
    return found


def _owing(desk, day: str) -> list[dict]:
    """Per visible client: what they owe at the end of ``day``, how much of it is overdue, their
    oldest due date, and whether any dunning action about them was logged by then."""
    paid, written_off = positions.amounts(day)
    cond, params = access.visible_named(desk.user, "c")
    return desk.store.rows(
        f"""SELECT c.id AS client_id, c.name AS client, u.login AS owner, c.credit_rating AS rating,
                   sum(x.owed) AS owed, sum(CASE WHEN x.due_on < :d THEN x.owed ELSE 0 END) AS overdue,
                   min(x.due_on) AS oldest_due,
                   EXISTS (SELECT 1 FROM dunning_actions a WHERE a.client_id = c.id AND a.on_date <= :d) AS dunned
            FROM (SELECT d.client_id, i.due_on, i.amount - {paid} - {written_off} AS owed
                  FROM {in_force.instalments(day)} i JOIN contracts k ON k.id = i.contract_id
                  JOIN deals d ON d.id = k.deal_id
                  WHERE k.signed_on IS NOT NULL AND k.signed_on <= :d) x
            JOIN clients c ON c.id = x.client_id LEFT JOIN users u ON u.id = c.owner_id
            WHERE x.owed > 0 AND {cond}
            GROUP BY c.id""", {"d": day, **params})


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
