"""Month-end reconciliation (对账): finance and sales agree what clients owed at the start of a
month, what moved in it and what they owed at its end — per client and in total — and finance
marks the month reconciled.

The figures, from the dated events of :mod:`.movements`, in the **net** balance (what clients
owe on their signed contracts less their credit on account):

- **opening** — the net balance at the end of the month's eve; **closing** — at its last day.
  ``closing_owed`` is the aging report's total on that day, ``closing_credit`` the credit.
- **new** — new receivables: the instalments of the contracts *signed* in the month, whole
  schedules, as the aging report counts a contract from its signing, plus or minus the change of
  total of the contracts *amended* in it (``due`` is shown beside it:
  what fell due in the month — already owed, so it adds nothing);
- **received** — money received (whole payments, credit included); **reversed** — payments
  reversed (what they had counted: a payment reversed the day it came counts in neither);
  **refunded** — credit returned; **written_off** — debts given up.

    closing = opening + new − received + reversed + refunded − written_off, to the fen.

Credit applied moves money from credit to an instalment and leaves the net balance as it was.
A month is marked by finance (or an admin) once it is over, with the totals then; a later change
reaching back into it — recorded after the mark and dated on or before its last day — is listed
in the report as "changed since reconciled", and its audit row says so (:mod:`.reconciled`).
"""

from __future__ import annotations

import json
from collections import defaultdict

from zizhi.core import access, audit, clock
from zizhi.core.errors import Refused, UserError
from zizhi.core.receivables import movements, periods, positions, reconciled

FIGURES = ("opening", "new", "due", "received", "reversed", "refunded", "written_off", "closing",
           "closing_owed", "closing_credit")
# Each figure's share of the net balance: net(event) × sign.
FLOWS = {"signed": ("new", 1), "amended": ("new", 1), "payment": ("received", -1), "reversal": ("reversed", 1),
         "refund": ("refunded", 1), "write_off": ("written_off", -1)}
MARKERS = ("finance", "admin")


def reconcile(desk, period: str) -> dict:
    """The month's report for the clients the user sees, with its reconciliation mark if any."""
    access.require_receivables(desk.user)
    month, first, last = periods.month(period)
    with positions.reading(desk) as conn:
        return _report(conn, desk.user, month, first, last)


def mark_reconciled(desk, period: str) -> dict:
    """Finance marks a month that is over reconciled, storing who, when and the totals agreed."""
    month, first, last = periods.month(period)
    with desk.store.unit_of_work() as db:
        if desk.user["role"] not in MARKERS:
            raise Refused("ar.reconcile_finance_only", role=desk.user["role"])
        if last >= clock.today().isoformat():
            raise UserError("ar.period_not_over", period=month, last=last)
        report = _report(db, desk.user, month, first, last)
        mark = report["reconciled"]
        if mark and not mark["changed"]:
            raise UserError("ar.already_reconciled", period=month, at=mark["at"], by=mark["by"])
        mark_id = db.execute("INSERT INTO reconciled_periods (period, user_id, at, totals) VALUES (?, ?, ?, ?)",
                             [month, desk.user["id"], clock.stamp(), json.dumps(report["totals"])]).lastrowid
        audit.record(db, desk.user, "period.reconcile", "reconciled_period", mark_id, period=month,
                     totals=report["totals"], **({"marked_again_after": mark["at"]} if mark else {}))
        return _report(db, desk.user, month, first, last)


def _report(conn, user: dict, month: str, first: str, last: str) -> dict:
    opening = movements.balances(conn, user, periods.eve(first))
    closing = movements.balances(conn, user, last)
    rows: dict[int, dict] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for client, balance in opening.items():
        rows[client]["opening"] = balance["owed"] - balance["credit"]
    for client, balance in closing.items():
        row = rows[client]
        row["closing"] = balance["owed"] - balance["credit"]
        row["closing_owed"], row["closing_credit"] = balance["owed"], balance["credit"]
    for event in movements.events(conn, user, first, last):
        if event["kind"] == "due":
            rows[event["client_id"]]["due"] += event["amount"]
        elif event["kind"] in FLOWS:
            figure, sign = FLOWS[event["kind"]]
            rows[event["client_id"]][figure] += movements.net(event) * sign
    listed = [{**_who(conn, client), **figures} for client, figures in rows.items() if any(figures.values())]
    listed.sort(key=lambda row: (-abs(row["closing"]), row["name"]))
    totals = {figure: sum(row[figure] for row in listed) for figure in FIGURES}
    return {"period": month, "from": first, "to": last, "rows": listed, "totals": totals,
            "all_clients": access.sees_all(user), "reconciled": _mark(conn, user, month, last, totals)}


def _who(conn, client_id: int) -> dict:
    name, owner = conn.execute("""SELECT c.name, coalesce(u.login, '') FROM clients c
                                  LEFT JOIN users u ON u.id = c.owner_id WHERE c.id = ?""", [client_id]).fetchone()
    return {"client_id": client_id, "name": name, "owner": owner}


def _mark(conn, user: dict, month: str, last: str, totals: dict) -> dict | None:
    """The month's latest mark, and what changed since: the ledger rows recorded after it that
    reach back into the month, and — for those who see every client — totals that differ."""
    marks = [m for m in reconciled.latest_marks(conn, last) if m["period"] == month]
    if not marks:
        return None
    mark = marks[0]
    agreed = json.loads(mark["totals"])
    differences = {k: [agreed.get(k, 0), totals[k]] for k in FIGURES if agreed.get(k, 0) != totals[k]} \
        if access.sees_all(user) else {}
    changes = later_changes(conn, user, mark["at"], last)
    return {"at": mark["at"], "by": mark["by"], "totals": agreed, "differences": differences, "changes": changes,
            "changed": bool(differences or changes)}


def later_changes(conn, user: dict, since: str, last: str) -> list[dict]:
    """Ledger rows recorded after ``since`` and dated on or before ``last``, of clients the user sees."""
    cond, params = access.visible_named(user, "c")
    params = {**params, "since": since, "last": last}
    rows = conn.execute(
        f"""SELECT kind, ref, date, at, amount, name FROM (
                SELECT 'payment' AS kind, p.id AS ref, p.paid_on AS date, p.at, p.amount, c.name, c.owner_id
                FROM payments p JOIN clients c ON c.id = p.client_id
                UNION ALL
                SELECT 'credit_applied', a.payment_id, a.on_date, a.at, sum(a.amount), c.name, c.owner_id
                FROM allocations a JOIN payments p ON p.id = a.payment_id JOIN clients c ON c.id = p.client_id
                WHERE p.at <= :since GROUP BY a.payment_id, a.on_date, a.at
                UNION ALL
                SELECT 'reversal', r.payment_id, r.on_date, r.at, p.amount, c.name, c.owner_id
                FROM reversals r JOIN payments p ON p.id = r.payment_id JOIN clients c ON c.id = p.client_id
                UNION ALL
                SELECT 'refund', f.id, f.on_date, f.at, f.amount, c.name, c.owner_id
                FROM refunds f JOIN clients c ON c.id = f.client_id
                UNION ALL
                SELECT 'write_off', k.number || ':' || i.position, w.on_date, w.at, w.amount, c.name, c.owner_id
                FROM write_offs w JOIN instalments i ON i.id = w.instalment_id JOIN contracts k ON k.id = i.contract_id
                JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = d.client_id
                UNION ALL
                SELECT 'signed', k.number, k.signed_on, e.at, k.total, c.name, c.owner_id
                FROM audit e JOIN contracts k ON k.id = e.entity_id JOIN deals d ON d.id = k.deal_id
                JOIN clients c ON c.id = d.client_id WHERE e.action = 'contract.sign'
            ) AS c WHERE at > :since AND date <= :last AND {cond}
            ORDER BY at, date""", params).fetchall()
    return [{"kind": kind, "ref": ref, "date": date, "at": at, "amount": amount, "client": name}
            for kind, ref, date, at, amount, name in rows]
