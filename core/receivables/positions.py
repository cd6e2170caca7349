"""What the ledger adds up to: on any day, what each instalment has been paid, what a client owes
and what credit they hold.

"As of" a day means as the books stood at its end: payments received after it are unpaid, a
reversal dated after it has not happened yet, a write-off after it not made. Reading today's
position takes the instalments' kept sums (``paid``, ``written_off``), which the ledger keeps
equal to their live rows; a past day adds up the dated rows themselves.

Every function takes the connection to read: inside an operation, its unit of work's; for a
read, the store's, held under its lock (:func:`reading`).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from zizhi.core import clock, validation
from zizhi.core.errors import NotFound
from zizhi.core.receivables import in_force

# Paid and written off as of :d, per instalment, from the dated rows.
PAID_AS_OF = """coalesce((SELECT sum(a.amount) FROM allocations a
    LEFT JOIN reversals r ON r.payment_id = a.payment_id AND r.on_date <= :d
    WHERE a.instalment_id = i.id AND a.on_date <= :d AND r.id IS NULL), 0)"""
WRITTEN_OFF_AS_OF = """coalesce((SELECT sum(w.amount) FROM write_offs w
    WHERE w.instalment_id = i.id AND w.on_date <= :d), 0)"""


# The same for every instalment ``i`` at once, joined (for a report over thousands of them): one
# pass over the dated rows instead of two subqueries an instalment.
SUMS_AS_OF = """LEFT JOIN (SELECT a.instalment_id, sum(a.amount) AS amount FROM allocations a
        LEFT JOIN reversals r ON r.payment_id = a.payment_id AND r.on_date <= :d
        WHERE a.on_date <= :d AND r.id IS NULL GROUP BY a.instalment_id) paid_then ON paid_then.instalment_id = i.id
    LEFT JOIN (SELECT w.instalment_id, sum(w.amount) AS amount FROM write_offs w WHERE w.on_date <= :d
        GROUP BY w.instalment_id) written_off_then ON written_off_then.instalment_id = i.id"""


@contextmanager
def reading(desk) -> Iterator:
    """The store's connection for a read, no other thread using it meanwhile (no transaction)."""
    with desk.store.lock:
        yield desk.store.conn


def amounts(as_of: str | None) -> tuple[str, str]:
    """SQL for an instalment ``i``'s paid and written-off amounts on ``as_of`` (None: today)."""
    if as_of is None or as_of >= clock.today().isoformat():
        return "i.paid", "i.written_off"
    return PAID_AS_OF, WRITTEN_OFF_AS_OF


def sums(as_of: str | None) -> tuple[str, str, str]:
    """:func:`amounts` for a report over every instalment ``i``: the joins to add after ``i`` in
    its FROM, then the SQL of the paid and written-off amounts."""
    if as_of is None or as_of >= clock.today().isoformat():
        return "", "i.paid", "i.written_off"
    return SUMS_AS_OF, "coalesce(paid_then.amount, 0)", "coalesce(written_off_then.amount, 0)"


def open_instalments(db, client_id: int, contract_id: int | None, on_date: str) -> list[dict]:
    """The client's instalments still owed, oldest due first, on contracts that take money.

    A contract takes money once signed (on or before ``on_date``) unless its deal has ended
    without a manager allowing payments (see :mod:`zizhi.core.pipeline.endings`).
    """
    cursor = db.execute(
        """SELECT i.id, i.contract_id, k.number || ':' || i.position AS label, i.due_on, i.amount, i.paid,
                  i.written_off
           FROM instalments i JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id
           WHERE d.client_id = :client AND (:contract IS NULL OR k.id = :contract)
             AND k.signed_on IS NOT NULL AND k.signed_on <= :on
             AND (k.ended_on IS NULL OR k.payments_allowed_at IS NOT NULL)
             AND i.paid + i.written_off < i.amount
           ORDER BY i.due_on, k.signed_on, k.id, i.position""",
        {"client": client_id, "contract": contract_id, "on": on_date})
    return _dicts(cursor)


def credit(db, client_id: int, as_of: str | None = None) -> int:
    """Money the client paid that pays nothing yet: live payments less their allocations and refunds."""
    day = as_of or "9999-12-31"
    received, used = db.execute(
        """SELECT coalesce(sum(p.amount), 0),
                  coalesce(sum((SELECT coalesce(sum(a.amount), 0) FROM allocations a
                                WHERE a.payment_id = p.id AND a.on_date <= :d)), 0)
           FROM payments p LEFT JOIN reversals r ON r.payment_id = p.id AND r.on_date <= :d
           WHERE p.client_id = :c AND p.paid_on <= :d AND r.id IS NULL""", {"c": client_id, "d": day}).fetchone()
    refunded = db.execute("SELECT coalesce(sum(amount), 0) FROM refunds WHERE client_id = ? AND on_date <= ?",
                          [client_id, day]).fetchone()[0]
    return received - used - refunded


def unused_payments(db, client_id: int) -> list[tuple[int, int]]:
    """(payment, amount not yet allocated) of the client's live payments, oldest first — the
    credit is spent first in, first out; a refund takes from the newest (so it is not counted here
    until the oldest are used, which :func:`credit` bounds)."""
    rows = db.execute(
        """SELECT p.id, p.amount - coalesce((SELECT sum(a.amount) FROM allocations a WHERE a.payment_id = p.id), 0)
           FROM payments p WHERE p.client_id = ? AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = p.id)
           ORDER BY p.paid_on, p.id""", [client_id]).fetchall()
    budget = credit(db, client_id)
    found = []
    for payment_id, left in rows:
        take = min(left, budget)
        if take > 0:
            found.append((payment_id, take))
            budget -= take
    return found


def resum(db, instalment_id: int) -> None:
    """Set an instalment's kept sums from its live rows (after a reversal or a write-off)."""
    db.execute(
        f"""UPDATE instalments AS i SET paid = {PAID_AS_OF.replace(':d', "'9999-12-31'")},
                   written_off = {WRITTEN_OFF_AS_OF.replace(':d', "'9999-12-31'")},
                   paid_on = (SELECT max(a.on_date) FROM allocations a WHERE a.instalment_id = i.id
                              AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = a.payment_id))
            WHERE i.id = ?""", [instalment_id])


def payment(db, payment_id: int) -> dict | None:
    """A payment with its client, its allocations (instalment, contract, amount, date) and reversal."""
    cursor = db.execute(
        """SELECT p.id, p.client_id, c.name AS client, c.owner_id, p.contract_id, p.amount, p.paid_on, p.method,
                  p.reference, p.note, u.login AS user, p.at
           FROM payments p JOIN clients c ON c.id = p.client_id JOIN users u ON u.id = p.user_id WHERE p.id = ?""",
        [payment_id])
    rows = _dicts(cursor)
    if not rows:
        return None
    found = rows[0]
    found["allocations"] = _rows(db, """SELECT a.instalment_id, k.number AS contract, i.position, a.amount, a.on_date
        FROM allocations a JOIN instalments i ON i.id = a.instalment_id JOIN contracts k ON k.id = i.contract_id
        WHERE a.payment_id = ? ORDER BY a.id""", [payment_id])
    reversal = _rows(db, "SELECT on_date, reason FROM reversals WHERE payment_id = ?", [payment_id])
    found["reversal"] = reversal[0] if reversal else None
    found["unused"] = 0 if reversal else found["amount"] - sum(a["amount"] for a in found["allocations"])
    return found


def find_instalment(desk, ref: str) -> dict:
    """An instalment by ``CONTRACT:POSITION`` (contract number or id), visible as its deal is."""
    from zizhi.core.pipeline.contract_records import resolve as resolve_contract

    contract_ref, _, position = str(ref).strip().rpartition(":")
    if not contract_ref:
        raise validation_error(ref)
    number = validation.whole_in(position, "instalment", 1, 999)
    contract = resolve_contract(desk, contract_ref)
    for item in contract["instalments"]:
        if item["position"] == number:
            label = f"{contract['number']}:{number}"
            return {**item, "contract_id": contract["id"], "label": label}
    raise NotFound("ar.instalment_not_found", ref=str(ref), number=contract["number"],
                   count=len(contract["instalments"]))


def client_position(conn, client: dict, as_of: str) -> dict:
    """The client's open instalments on ``as_of``, what is due and not yet due, their credit."""
    paid, written_off = amounts(as_of)
    items = _rows(conn,
        f"""SELECT k.number AS contract, k.deal_id, i.position, i.due_on, i.amount, {paid} AS paid,
                   {written_off} AS written_off
            FROM {in_force.instalments(as_of)} i JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id
            WHERE d.client_id = :c AND k.signed_on IS NOT NULL AND k.signed_on <= :d
            ORDER BY i.due_on, k.id, i.position""", {"c": client["id"], "d": as_of})
    for item in items:
        item["owed"] = item["amount"] - item["paid"] - item["written_off"]
    open_items = [item for item in items if item["owed"] > 0]
    return {"client_id": client["id"], "client": client["name"], "as_of": as_of,
            "owed": sum(item["owed"] for item in open_items),
            "overdue": sum(item["owed"] for item in open_items if item["due_on"] < as_of),
            "credit": credit(conn, client["id"], as_of),
            "instalments": open_items}


def validation_error(ref: str):
    from zizhi.core.errors import InputError

    return InputError("ar.instalment_ref", field="instalment", value=str(ref))


def _rows(conn, sql: str, params) -> list[dict]:
    return _dicts(conn.execute(sql, params))


def _dicts(cursor) -> list[dict]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
