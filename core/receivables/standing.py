"""Where each open debt stands on the dunning ladder on a given day.

An open instalment (something still owed at the end of ``as_of``) stands on the highest step
whose day has come. A promise to pay holds the ladder while it runs (from the day it was made to
the day promised): nothing is asked of the client who said they would pay. Kept — paid at least
the promised amount by the promised day, net of reversals — the ladder simply goes on by its
dates afterwards; broken, the debt moves one step above where it stands (by its dates, or where it
stood when the promise was made, whichever is higher), due at once. A part payment changes none of this: the rest keeps its place on the ladder. A step
is due until an action that answers it is logged.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Collection

from zizhi.core import access
from zizhi.core.receivables import in_force, positions
from zizhi.core.receivables.ladder import Ladder, Rung
from zizhi.core.workdays import days as workdays


def ladder(desk) -> Ladder:
    """The desk's ladder, kept while its calendar is the same (each due date's steps are then
    worked out once per desk, not once per read: the demo logs thousands of actions)."""
    kept = getattr(desk, "_dunning_ladder", None)
    if kept is None or kept.calendar is not workdays.calendar(desk.store):
        kept = Ladder(desk.store, desk.settings.pricing.dunning)
        desk._dunning_ladder = kept
    return kept


def open_debts(desk, day: str, client_id: int | None = None, clients: Collection[int] | None = None) -> list[dict]:
    """Every instalment owed at the end of ``day`` among the clients the user may see (or those of
    them named), oldest due first, with the client's owner (who duns them) and credit rating (the
    watch list weighs it)."""
    names, rows = _open_debt_rows(desk, day, client_id, clients)
    return [dict(zip(names, row)) for row in rows]


def _open_debt_rows(desk, day: str, client_id: int | None = None, clients: Collection[int] | None = None,
                    ordered: bool = True, owner: int | None = None) -> tuple[list[str], list[tuple]]:
    """:func:`open_debts` as the database gives them: the column names, and a tuple per debt
    (in no particular order unless ``ordered``: the morning's list sorts its own way)."""
    # a past day: the whole book's sums in one pass, a few clients' by their instalments' indexes
    whole_book = client_id is None and clients is None
    joins, paid, written_off = positions.sums(day) if whole_book else ("", *positions.amounts(day))
    cond, params = access.visible_named(desk.user, "c")
    if client_id is not None:  # a condition of its own, so the client's deals are read by index
        cond, params = f"{cond} AND c.id = :client", {**params, "client": client_id}
    if clients is not None:  # the same for a few clients (the watch list's)
        cond, params = f"{cond} AND c.id IN (SELECT value FROM json_each(:clients))", \
            {**params, "clients": json.dumps(sorted(clients))}
    if owner is not None:  # one owner's clients (a salesperson's agenda, whoever reads it)
        cond, params = f"{cond} AND c.owner_id = :owner", {**params, "owner": owner}
    order = "ORDER BY i.due_on, k.number, i.position" if ordered else ""
    # what is settled is left out before the joins: half the book on a busy desk. Over the whole
    # book the narrow instalments are read first (CROSS JOIN keeps SQLite to that order), so only
    # the owed ones look up their contract, deal and wide client row: half the time at 100,000
    # clients; for one client or a few, their deals lead through the client's index as before.
    join = "CROSS JOIN" if whole_book else "JOIN"
    return desk.store.tuples(
        f"""SELECT i.id AS instalment_id, k.number AS contract, k.number || ':' || i.position AS instalment,
                   i.position, i.due_on, i.amount, i.amount - {paid} - {written_off} AS owed,
                   c.id AS client_id, c.name AS client, c.owner_id, u.login AS owner, c.credit_rating AS rating
            FROM {in_force.instalments(day)} i {joins} {join} contracts k ON k.id = i.contract_id
            JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = c.owner_id
            WHERE {paid} + {written_off} < i.amount AND k.signed_on IS NOT NULL AND k.signed_on <= :d AND {cond}
            {order}""",
        {"d": day, **params})


def standings(desk, day: str, client_id: int | None = None, clients: Collection[int] | None = None) -> list[dict]:
    """Each open debt of ``day`` with its step, whether that step is due, and its promise."""
    names, found = parts(desk, day, client_id, clients)
    merged = []
    for row, added in found:
        debt = dict(zip(names, row))
        debt.update(added)
        debt["rung"] = added["rung"] and dict(added["rung"])
        debt["broken_promises"] = list(added["broken_promises"])
        merged.append(debt)
    return merged


def parts(desk, day: str, client_id: int | None = None, clients: Collection[int] | None = None,
          ordered: bool = True, owner: int | None = None) -> tuple[list[str], list[tuple[tuple, dict]]]:
    """:func:`standings` unmerged, for a report reading a few fields of thousands of debts (the
    morning's dunning list): the names of :func:`open_debts`' columns, and for each debt its row of
    them and what :func:`stand` adds to it. A debt nobody logged anything about stands where its
    due date puts it, so what is added to it is worked out once per due date and shared by the
    debts due that day: read it, never change it."""
    names, rows = _open_debt_rows(desk, day, client_id, clients, ordered, owner)
    if not rows:
        return names, []
    at_id, at_due = names.index("instalment_id"), names.index("due_on")
    steps, logged = ladder(desk), _logged(desk, day, {row[at_id] for row in rows}, client_id)
    promises = promise_states(desk, day, {c["action_id"] for covers in logged.values() for c in covers
                                          if c["promise_on"]})
    unlogged: dict[str, dict] = {}
    found = []
    for row in rows:
        covers = logged.get(row[at_id])
        if covers:
            found.append((row, _added(names, stand(steps, dict(zip(names, row)), day, covers, promises))))
            continue
        added = unlogged.get(row[at_due])
        if added is None:
            added = unlogged[row[at_due]] = _added(names, stand(steps, dict(zip(names, row)), day, [], promises))
        found.append((row, added))
    return names, found


def _added(names: list[str], stood: dict) -> dict:
    return {key: value for key, value in stood.items() if key not in names}


def stand(steps: Ladder, debt: dict, day: str, covers: list[dict], promises: dict[int, str]) -> dict:
    """One debt's place on the ladder on ``day``, given the actions logged about it by then."""
    rung, since, reason = steps.reached(debt["due_on"], day), None, "ladder"
    since = rung.on if rung else None
    promise, held, broken = None, False, []
    for cover in covers:
        if not cover["promise_on"]:
            continue
        state = promises[cover["action_id"]]
        promise = {"action_id": cover["action_id"], "made_on": cover["on_date"], "on": cover["promise_on"],
                   "amount": cover["promise_amount"], "state": state}
        held = held or cover["on_date"] <= day <= cover["promise_on"]
        if state == "broken":
            broken.append(cover["action_id"])
            rung, since, reason = _moved_up(steps, debt, cover, rung, since, reason, day)
    answered = max((c["rung"] for c in covers if c["rung"] is not None), default=None)
    due = rung is not None and not held and (answered is None or rung.days > answered)
    overdue = (dt.date.fromisoformat(day) - dt.date.fromisoformat(debt["due_on"])).days
    return {**debt, "days_overdue": overdue, "rung": _rung(rung), "since": since, "reason": reason,
            "answered": answered, "due": due, "held": held, "promise": promise, "broken_promises": broken,
            "flagged": bool(rung and rung.escalates) or _escalated(steps, debt, answered),
            "actions": len({c["action_id"] for c in covers})}


def _moved_up(steps: Ladder, debt: dict, cover: dict, rung: Rung | None, since, reason, day: str):
    """A broken promise: the step above the one the debt stood on — when the promise was made, or
    by its dates on the first working day after the promised day, whichever is higher — due that day."""
    start = steps.next_workday(dt.date.fromisoformat(cover["promise_on"]) + dt.timedelta(days=1)).isoformat()
    by_date = steps.reached(debt["due_on"], start)
    stood = max((d for d in (cover["at_rung"], by_date and by_date.days) if d is not None), default=None)
    above = steps.after(debt["due_on"], stood)
    if above is None or start > day or (rung is not None and rung.days >= above.days):
        return rung, since, reason
    return above, start, "broken_promise"


def _escalated(steps: Ladder, debt: dict, answered: int | None) -> bool:
    rung = steps.at(debt["due_on"], answered)
    return bool(rung and rung.escalates)


def _rung(rung: Rung | None) -> dict | None:
    return None if rung is None else {"days": rung.days, "action": rung.action, "on": rung.on}


def _logged(desk, day: str, instalments: set[int], client_id: int | None = None) -> dict[int, list[dict]]:
    """The actions logged by the end of ``day`` about each of ``instalments``, oldest first (one
    client's by its index when named, else the whole log in one read)."""
    found: dict[int, list[dict]] = {}
    whose = "" if client_id is None else "AND a.client_id = :c"
    for row in desk.store.rows(
            f"""SELECT v.instalment_id, v.at_rung, v.rung, a.id AS action_id, a.action, a.on_date, a.promise_on,
                       a.promise_amount
                FROM dunning_actions a JOIN dunning_covers v ON v.action_id = a.id
                WHERE a.on_date <= :d {whose} ORDER BY a.on_date, a.id""",
            {"d": day, "c": client_id}):
        if row["instalment_id"] in instalments:
            found.setdefault(row["instalment_id"], []).append(row)
    return found


def promise_states(desk, day: str, action_ids: set[int]) -> dict[int, str]:
    """``kept``, ``pending`` or ``broken`` on ``day`` for each promise: what was paid towards the
    promised debts between the promise and the promised day (a reversal made by ``day`` undoes its
    payment) against the amount — for all of them in one query, not one query a promise."""
    if not action_ids:
        return {}
    ids = sorted(action_ids)
    rows = desk.store.rows(
        f"""SELECT a.id, a.promise_on, a.promise_amount,
                   coalesce((SELECT sum(al.amount) FROM dunning_covers v
                             JOIN allocations al ON al.instalment_id = v.instalment_id
                             LEFT JOIN reversals r ON r.payment_id = al.payment_id AND r.on_date <= :d
                             WHERE v.action_id = a.id AND al.on_date BETWEEN a.on_date AND min(:d, a.promise_on)
                               AND r.id IS NULL), 0) AS paid
            FROM dunning_actions a WHERE a.id IN ({", ".join(str(int(i)) for i in ids)})""",
        {"d": day})
    return {row["id"]: "kept" if row["paid"] >= row["promise_amount"] else
            "pending" if day <= row["promise_on"] else "broken" for row in rows}


def promise_state(desk, action_id: int, day: str) -> str:
    """One promise's state on ``day`` (see :func:`promise_states`)."""
    return promise_states(desk, day, {action_id})[action_id]
