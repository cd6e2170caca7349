"""What has been invoiced: each invoice as issued, and what of a client's payments is still to invoice.

An invoice counts until it is voided; a red-letter invoice counts too, negatively, so an invoice
and its red letter add up to nothing. What is left to invoice of a payment is its amount less what
live invoices cover of it; of a client, what they paid (live payments, less refunds) less what
their live invoices add up to — the second bound holds invoices made ahead of payment, which
cover no payment, to account.

The ledger asks here, inside its own unit of work, before it undoes money an invoice stands for.
Every function takes the connection to read (an operation's unit of work, or the store's under
its lock, see :func:`zizhi.core.receivables.positions.reading`).
"""

from __future__ import annotations

from zizhi.core.errors import UserError
from zizhi.core.money import format_fen

LIVE = "NOT EXISTS (SELECT 1 FROM invoice_voids v WHERE v.invoice_id = {alias}.id)"
COVERED = f"""coalesce((SELECT sum(l.amount) FROM invoice_payments l JOIN invoices n ON n.id = l.invoice_id
    WHERE l.payment_id = p.id AND {LIVE.format(alias='n')}), 0)"""


def uninvoiced_payments(db, client_id: int, on_date: str) -> list[dict]:
    """The client's live payments received by ``on_date`` with something left to invoice, oldest first."""
    return [row for row in _payments(db, client_id, on_date) if row["left"] > 0]


def refuse_reversing_invoiced(db, payment: dict) -> None:
    """A payment on a live invoice stays until the invoice is voided or red-lettered: the
    invoice says the money came in, and the tax office has it."""
    numbers = invoices_of_payment(db, payment["id"])
    if numbers:
        raise UserError("invoice.payment_invoiced", id=payment["id"], numbers=", ".join(numbers))


def refuse_refunding_invoiced(db, client: dict, fen: int) -> None:
    """Money returned must not be money invoiced: only the credit not yet invoiced is refunded."""
    room_left = room(db, client["id"])
    if fen > room_left:
        raise UserError("invoice.refund_invoiced", client=client["name"], amount=format_fen(fen),
                        room=format_fen(max(room_left, 0)))


def payment_left(db, payment_id: int) -> int:
    """What of one payment live invoices do not cover yet (0 for a reversed one)."""
    row = db.execute(f"""SELECT p.amount - {COVERED} FROM payments p WHERE p.id = ?
                         AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = p.id)""",
                     [payment_id]).fetchone()
    return row[0] if row else 0


def room(db, client_id: int, on_date: str | None = None) -> int:
    """What the client paid by ``on_date`` (live payments less refunds) and is not yet invoiced;
    negative while invoices made ahead of payment exceed what came in since."""
    day = on_date or "9999-12-31"
    paid = db.execute("""SELECT coalesce(sum(amount), 0) FROM payments p WHERE client_id = ? AND paid_on <= ?
                         AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = p.id)""",
                      [client_id, day]).fetchone()[0]
    refunded = db.execute("SELECT coalesce(sum(amount), 0) FROM refunds WHERE client_id = ?",
                          [client_id]).fetchone()[0]
    return paid - refunded - invoiced(db, client_id)


def invoiced(db, client_id: int) -> int:
    """The sum of the client's live invoices, red letters counted negative."""
    return db.execute(f"SELECT coalesce(sum(i.amount), 0) FROM invoices i WHERE i.client_id = ? AND {LIVE.format(alias='i')}",
                      [client_id]).fetchone()[0]


def invoices_of_payment(db, payment_id: int) -> list[str]:
    """The numbers of the live, unreversed invoices that cover the payment."""
    return [row[0] for row in db.execute(
        f"""SELECT i.number FROM invoice_payments l JOIN invoices i ON i.id = l.invoice_id
            WHERE l.payment_id = ? AND l.amount > 0 AND {LIVE.format(alias='i')}
              AND NOT EXISTS (SELECT 1 FROM invoices red WHERE red.reverses_id = i.id
                              AND {LIVE.format(alias='red')})
            ORDER BY i.id""", [payment_id]).fetchall()]


def find(db, ref: str) -> dict | None:
    """An invoice by its number, else by its id; with its client's owner, for the visibility check."""
    text = str(ref).strip()
    row = db.execute("SELECT id FROM invoices WHERE number = ?", [text]).fetchone()
    if row is None and text.isdigit() and len(text) < 19:
        row = db.execute("SELECT id FROM invoices WHERE id = ?", [int(text)]).fetchone()
    return invoice(db, row[0]) if row else None


def invoice(db, invoice_id: int) -> dict:
    """One invoice as issued, its payments, and what became of it (voided, reversed, or a red letter)."""
    found = _dicts(db.execute(
        """SELECT i.id, i.number, i.type, i.on_date, i.client_id, c.name AS client, c.owner_id, i.amount, i.buyer,
                  i.tax_id, i.address_phone, i.bank, i.bank_account, o.number AS reverses, i.reverses_id, i.reason,
                  u.login AS user, i.at
           FROM invoices i JOIN clients c ON c.id = i.client_id JOIN users u ON u.id = i.user_id
           LEFT JOIN invoices o ON o.id = i.reverses_id WHERE i.id = ?""", [invoice_id]))[0]
    found["payments"] = _rows(db, """SELECT l.payment_id, p.paid_on, p.amount AS payment_amount, l.amount
        FROM invoice_payments l JOIN payments p ON p.id = l.payment_id WHERE l.invoice_id = ? ORDER BY p.paid_on, p.id""",
                              [invoice_id])
    found["ahead_of_payment"] = found["amount"] - sum(link["amount"] for link in found["payments"])
    voided = _rows(db, "SELECT on_date, reason FROM invoice_voids WHERE invoice_id = ?", [invoice_id])
    found["voided"] = voided[0] if voided else None
    red = _rows(db, f"""SELECT number, on_date, reason FROM invoices i WHERE reverses_id = ?
                        AND {LIVE.format(alias='i')}""", [invoice_id])
    found["reversed_by"] = red[0] if red else None
    found["status"] = ("voided" if voided else "red" if found["reverses_id"] else "reversed" if red else "issued")
    return found


def listing(db, condition: str, params: list, limit: int) -> list[dict]:
    """The newest invoices of the clients ``condition`` (on ``c``) admits, with their status."""
    return _rows(db, f"""
        SELECT i.id, i.number, i.type, i.on_date, c.name AS client, i.amount, o.number AS reverses,
               CASE WHEN v.invoice_id IS NOT NULL THEN 'voided' WHEN i.reverses_id IS NOT NULL THEN 'red'
                    WHEN EXISTS (SELECT 1 FROM invoices red WHERE red.reverses_id = i.id
                                 AND {LIVE.format(alias='red')}) THEN 'reversed'
                    ELSE 'issued' END AS status
        FROM invoices i JOIN clients c ON c.id = i.client_id LEFT JOIN invoices o ON o.id = i.reverses_id
        LEFT JOIN invoice_voids v ON v.invoice_id = i.id
        WHERE {condition} ORDER BY i.on_date DESC, i.id DESC LIMIT ?""", [*params, limit])


def last_bank_details(db, client_id: int) -> dict:
    """The buyer's address and phone, bank and account as the client's latest invoice carried them."""
    row = db.execute("""SELECT address_phone, bank, bank_account FROM invoices WHERE client_id = ?
                        AND bank IS NOT NULL AND reverses_id IS NULL ORDER BY id DESC LIMIT 1""",
                     [client_id]).fetchone()
    return dict(zip(("address_phone", "bank", "bank_account"), row)) if row else {}


def _payments(db, client_id: int, on_date: str) -> list[dict]:
    return _rows(db, f"""SELECT p.id, p.paid_on, p.amount, p.amount - {COVERED} AS left FROM payments p
                         WHERE p.client_id = ? AND p.paid_on <= ?
                           AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = p.id)
                         ORDER BY p.paid_on, p.id""", [client_id, on_date])


def _rows(db, sql: str, params) -> list[dict]:
    return _dicts(db.execute(sql, params))


def _dicts(cursor) -> list[dict]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
