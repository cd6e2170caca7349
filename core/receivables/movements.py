"""What moved a client's account between two days: the dated events behind every balance.

A client's account has two balances, both read "as of" a day exactly as the aging report and
the ledger read them (:mod:`.positions`):

- **owed** — what the instalments of their signed contracts still ask; the aging total. A
  contract adds its whole schedule (as signed) the day it is signed (aging counts it from then,
  as "not yet due"); an amendment adds or takes its change of total the day it is made (aging
  reads the schedule in force, :mod:`.in_force`); money allocated to an instalment and a write-off take from it; a reversal puts back
  what the reversed payment had paid.
- **credit** — money received that pays nothing yet: a payment adds to it, each allocation
  (on receipt or later, "credit applied") takes from it, a refund returns it, a reversal takes
  back what of the payment was still unused.

Each event below is one such change, dated, with its effect on each balance. They follow the
as-of formulas term by term, so the balance on the eve of a period plus the period's events is
the balance at its end — the statement and the reconciliation are both built on this, and their
tests check it against the aging report. An allocation or payment undone by a reversal on or
before its own date never counted on any day, so it is no event (and its reversal undoes only
what did count).

The ``net`` balance, owed less credit, is what the reconciliation sums: there a payment counts
whole when received, credit applied moves nothing, and a reversal or refund puts money back.
"""

from __future__ import annotations

from collections import defaultdict

from zizhi.core import access

# Kinds in the order a day's events are listed.
KINDS = ("signed", "amended", "due", "payment", "credit_applied", "reversal", "refund", "write_off")


def events(conn, user: dict, start: str, end: str, client_id: int | None = None) -> list[dict]:
    """Every event dated from ``start`` to ``end`` of the clients ``user`` sees (one when named),
    oldest first: ``{client_id, date, kind, ref, amount, owed, credit, …}`` (owed and credit
    are each balance's change; ``due`` lines change neither)."""
    cond, params = access.visible_named(user, "c")
    if client_id is not None:
        cond += " AND c.id = :client"
        params = {**params, "client": client_id}
    params = {**params, "a": start, "b": end}
    found = [*_signed(conn, cond, params), *_amended(conn, cond, params), *_due(conn, cond, params), *_payments(conn, cond, params),
             *_reversals(conn, cond, params), *_refunds(conn, cond, params), *_write_offs(conn, cond, params)]
    found.sort(key=lambda e: (e["date"], KINDS.index(e["kind"]), str(e["ref"])))
    return found


def balances(conn, user: dict, day: str, client_id: int | None = None) -> dict[int, dict]:
    """``{client_id: {"owed", "credit"}}`` at the end of ``day`` — owed as the aging report sums it
    (its open instalments), credit as :func:`.positions.credit` does — for the clients with either."""
    from zizhi.core.receivables import in_force, positions

    cond, params = access.visible_named(user, "c")
    if client_id is not None:
        cond += " AND c.id = :client"
        params = {**params, "client": client_id}
    paid, written_off = positions.amounts(day)
    found: dict[int, dict] = defaultdict(lambda: {"owed": 0, "credit": 0})
    for client, owed in conn.execute(
            f"""SELECT client_id, sum(owed) FROM (
                    SELECT c.id AS client_id, i.amount - {paid} - {written_off} AS owed
                    FROM {in_force.instalments(day)} i JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id
                    JOIN clients c ON c.id = d.client_id
                    WHERE k.signed_on IS NOT NULL AND k.signed_on <= :d AND {cond}
                ) WHERE owed > 0 GROUP BY client_id""", {"d": day, **params}).fetchall():
        found[client]["owed"] = owed
    for client, credit in conn.execute(
            f"""SELECT c.id,
                   coalesce((SELECT sum(p.amount - coalesce((SELECT sum(a.amount) FROM allocations a
                                                             WHERE a.payment_id = p.id AND a.on_date <= :d), 0))
                             FROM payments p LEFT JOIN reversals r ON r.payment_id = p.id AND r.on_date <= :d
                             WHERE p.client_id = c.id AND p.paid_on <= :d AND r.id IS NULL), 0)
                   - coalesce((SELECT sum(f.amount) FROM refunds f WHERE f.client_id = c.id AND f.on_date <= :d), 0)
                FROM clients c
                WHERE {cond} AND (EXISTS (SELECT 1 FROM payments p WHERE p.client_id = c.id AND p.paid_on <= :d)
                                  OR EXISTS (SELECT 1 FROM refunds f WHERE f.client_id = c.id AND f.on_date <= :d))""",
            {"d": day, **params}).fetchall():
        if credit:
            found[client]["credit"] = credit
    return dict(found)


def net(event: dict) -> int:
    """The event's change to what the client owes net of their credit."""
    return event["owed"] - event["credit"]


# ---------------------------------------------------------------- one query per kind of event

def _signed(conn, cond: str, params: dict) -> list[dict]:
    """Contracts signed, each with its whole schedule as signed (a later amendment is its own event)."""
    from zizhi.core.receivables import in_force

    total, count = in_force.signed_schedule("k")
    return [{"client_id": client, "date": day, "kind": "signed", "ref": number, "amount": amount, "owed": amount,
             "credit": 0, "instalments": instalments}
            for client, day, number, amount, instalments in conn.execute(
                f"""SELECT c.id, k.signed_on, k.number, {total}, {count}
                    FROM contracts k JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = d.client_id
                    WHERE k.signed_on BETWEEN :a AND :b AND {cond}
                      AND EXISTS (SELECT 1 FROM instalments i WHERE i.contract_id = k.id)""", params).fetchall()]


def _amended(conn, cond: str, params: dict) -> list[dict]:
    """Amendments of signed contracts, on the day each was made: the schedule's change of total is
    owed from then (one made on the signing day is already in the signed schedule)."""
    from zizhi.core.receivables.in_force import REVISION_DAY

    day = REVISION_DAY.format(v="v")
    return [{"client_id": client, "date": on, "kind": "amended", "ref": number, "amount": new - old,
             "owed": new - old, "credit": 0, "revision": revision, "old_total": old, "new_total": new,
             "reason": reason}
            for client, on, number, revision, old, new, reason in conn.execute(
                f"""SELECT c.id, {day}, k.number, v.number, v.old_total, v.new_total, v.reason
                    FROM contract_revisions v JOIN contracts k ON k.id = v.contract_id JOIN deals d ON d.id = k.deal_id
                    JOIN clients c ON c.id = d.client_id
                    WHERE k.signed_on IS NOT NULL AND {day} > k.signed_on AND {day} BETWEEN :a AND :b AND {cond}""",
                params).fetchall()]


def _due(conn, cond: str, params: dict) -> list[dict]:
    """Instalments falling due in the period (by the schedule in force at its end), with what is
    still owed of each then."""
    from zizhi.core.receivables import in_force, positions

    paid, written_off = positions.amounts(params["b"])
    return [{"client_id": client, "date": day, "kind": "due", "ref": f"{number}:{position}", "amount": amount,
             "owed": 0, "credit": 0, "outstanding": outstanding}
            for client, day, number, position, amount, outstanding in conn.execute(
                f"""SELECT c.id, i.due_on, k.number, i.position, i.amount,
                           i.amount - {paid} - {written_off}
                    FROM {in_force.instalments(params["b"])} i JOIN contracts k ON k.id = i.contract_id
                    JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = d.client_id
                    WHERE k.signed_on IS NOT NULL AND k.signed_on <= :b AND i.due_on BETWEEN :a AND :b
                      AND {cond}""", {**params, "d": params["b"]}).fetchall()]


def _payments(conn, cond: str, params: dict) -> list[dict]:
    """Money received, with what it paid that same day; allocations on later days (credit applied)
    are events of their own, one per payment and day."""
    found: dict[tuple, dict] = {}
    for pid, client, day, amount, reference, method in conn.execute(
            f"""SELECT p.id, c.id, p.paid_on, p.amount, p.reference, p.method
                FROM payments p JOIN clients c ON c.id = p.client_id
                LEFT JOIN reversals r ON r.payment_id = p.id
                WHERE p.paid_on BETWEEN :a AND :b AND (r.id IS NULL OR r.on_date > p.paid_on) AND {cond}""",
            params).fetchall():
        found[(pid, day)] = {"client_id": client, "date": day, "kind": "payment", "ref": pid, "amount": amount,
                             "owed": 0, "credit": amount, "reference": reference, "method": method,
                             "instalments": []}
    for pid, client, day, paid_on, amount, label in conn.execute(
            f"""SELECT a.payment_id, c.id, a.on_date, p.paid_on, a.amount, k.number || ':' || i.position
                FROM allocations a JOIN payments p ON p.id = a.payment_id JOIN clients c ON c.id = p.client_id
                JOIN instalments i ON i.id = a.instalment_id JOIN contracts k ON k.id = i.contract_id
                LEFT JOIN reversals r ON r.payment_id = p.id
                WHERE a.on_date BETWEEN :a AND :b AND (r.id IS NULL OR r.on_date > a.on_date) AND {cond}
                ORDER BY a.id""", params).fetchall():
        event = found.get((pid, day)) if day == paid_on else None
        if event is None:
            event = found.setdefault((pid, day, "applied"), {
                "client_id": client, "date": day, "kind": "credit_applied", "ref": pid, "amount": 0, "owed": 0,
                "credit": 0, "instalments": []})
            event["amount"] += amount
        event["owed"] -= amount
        event["credit"] -= amount
        event["instalments"].append([label, amount])
    return list(found.values())


def _reversals(conn, cond: str, params: dict) -> list[dict]:
    """A reversal undoes what of its payment had counted before its date: the payment's money (unless
    reversed the day it came) and the allocations dated before it."""
    return [{"client_id": client, "date": day, "kind": "reversal", "ref": pid, "amount": amount, "owed": allocated,
             "credit": allocated - (amount if paid_on < day else 0), "reason": reason}
            for pid, client, day, amount, paid_on, allocated, reason in conn.execute(
                f"""SELECT p.id, c.id, r.on_date, p.amount, p.paid_on,
                           coalesce((SELECT sum(a.amount) FROM allocations a
                                     WHERE a.payment_id = p.id AND a.on_date < r.on_date), 0), r.reason
                    FROM reversals r JOIN payments p ON p.id = r.payment_id JOIN clients c ON c.id = p.client_id
                    WHERE r.on_date BETWEEN :a AND :b AND {cond}""", params).fetchall()]


def _refunds(conn, cond: str, params: dict) -> list[dict]:
    return [{"client_id": client, "date": day, "kind": "refund", "ref": rid, "amount": amount, "owed": 0,
             "credit": -amount, "reason": reason}
            for rid, client, day, amount, reason in conn.execute(
                f"""SELECT f.id, c.id, f.on_date, f.amount, f.reason FROM refunds f JOIN clients c ON c.id = f.client_id
                    WHERE f.on_date BETWEEN :a AND :b AND {cond}""", params).fetchall()]


def _write_offs(conn, cond: str, params: dict) -> list[dict]:
    return [{"client_id": client, "date": day, "kind": "write_off", "ref": label, "amount": amount,
             "owed": -amount, "credit": 0, "reason": reason}
            for client, day, amount, label, reason in conn.execute(
                f"""SELECT c.id, w.on_date, w.amount, k.number || ':' || i.position, w.reason
                    FROM write_offs w JOIN instalments i ON i.id = w.instalment_id
                    JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id
                    JOIN clients c ON c.id = d.client_id
                    WHERE w.on_date BETWEEN :a AND :b AND {cond}""", params).fetchall()]
