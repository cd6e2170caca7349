"""The watch list: which debts are turning bad, riskiest first, each score explained (rulebook §7.2).

Every open instalment the user may see is scored (:mod:`.risk`) from where it stands on the
dunning ladder on ``as_of`` (:mod:`.standing` — days overdue, step reached, promises broken)
and its client's credit rating. A client is scored as one debt: all they owe, their oldest
overdue days, every promise they broke, the highest step any of their instalments reached — so
a client never scores below any of their instalments. The work is a fixed handful of queries
whatever the number of clients: the debts with their clients' ratings in one, their logged
actions in one (and one per promise, to tell whether it was kept).
"""

from __future__ import annotations

from zizhi.core import access, clock, validation
from zizhi.core.receivables import risk, standing


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
    shown = [_explained(client, weights) for client in (at_risk[:limit] if limit else at_risk)]
    return {"as_of": day, "count": len(at_risk), "clients": shown}


def client_risks(desk, day: str) -> list[dict]:
    """Every visible client owing something at the end of ``day``, scored, riskiest first, with
    their open debts as :func:`standing.standings` finds them (``debts``)."""
    access.require_receivables(desk.user)
    weights = desk.settings.pricing.watch
    clients: dict[int, list[dict]] = {}
    for debt in standing.standings(desk, day):
        clients.setdefault(debt["client_id"], []).append(debt)
    found = [_client(debts, debts[0]["rating"], weights) for debts in clients.values()]
    found.sort(key=lambda c: (-c["score"], -c["owed"], -c["days_overdue"], c["client"], c["client_id"]))
    return found


def _client(debts: list[dict], rating: str | None, weights) -> dict:
    """A client's signs, as one debt: summed, the oldest, every broken promise, the highest step."""
    owed = overdue = 0
    days, step, broken, flagged = debts[0]["days_overdue"], None, set(), False
    for debt in debts:  # one pass: a large watch list has a client for every 13 of the demo's
        owed += debt["owed"]
        if debt["days_overdue"] > 0:
            overdue += debt["owed"]
        days = max(days, debt["days_overdue"])
        step = risk.worst_step((step, _step(debt)))
        broken.update(debt["broken_promises"])
        flagged = flagged or debt["flagged"]
    scored = risk.score(risk.Signs(days, owed, rating, len(broken), step), weights)
    first = debts[0]
    return {"client_id": first["client_id"], "client": first["client"], "owner": first["owner"],
            "rating": rating, "owed": owed, "overdue": overdue, "days_overdue": max(days, 0),
            "broken_promises": len(broken), "step": step, "flagged": flagged, "score": scored.score,
            "risk": scored, "debts": debts}


def _explained(client: dict, weights) -> dict:
    """A client as the watch list shows it: reasons in words, instalments scored, riskiest first."""
    shown = {k: v for k, v in client.items() if k not in ("risk", "debts")}
    instalments = [_instalment(debt, client["rating"], weights) for debt in client["debts"]]
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
