"""A contract as it is read: by id or number, with its deal, instalments, payments, revisions and what is owed.

Read by the contract operations (:mod:`.contracts`) and by the receivables ledger, which must
find a contract without importing the operations that call it.
"""

from __future__ import annotations

import json

from zizhi.core import validation
from zizhi.core.errors import NotFound
from zizhi.core.pipeline import deals


def resolve(desk, ref: int | str) -> dict:
    """A contract by id or number, visible as its deal is; with instalments and payments."""
    text = str(ref).strip()
    if validation.whole_number(text) is not None:
        row = desk.store.one("SELECT * FROM contracts WHERE id = ?", [validation.whole_number(text)])
    else:
        row = desk.store.one("SELECT * FROM contracts WHERE number = ?", [text])
    if not row:
        raise NotFound("contract.not_found", ref=text)
    try:
        deal = deals.resolve_deal(desk, row["deal_id"])
    except NotFound:
        raise NotFound("contract.not_found", ref=text) from None
    row["deal"] = deal
    row["client_id"] = deal["client_id"]
    row["deal_stage"] = deal["stage"]
    if row["payments_allowed_by"]:
        row["payments_allowed_login"] = desk.store.scalar("SELECT login FROM users WHERE id = ?",
                                                          [row["payments_allowed_by"]])
    row["services"] = json.loads(row["services"])
    row["instalments"] = desk.store.rows(
        """SELECT id, position, due_on, amount, paid, paid_on, written_off FROM instalments WHERE contract_id = ?
           ORDER BY position""", [row["id"]])
    row["payments"] = desk.store.rows(
        """SELECT p.id, sum(a.amount) AS amount, p.paid_on, u.login AS user, p.at, p.note,
                  r.on_date AS reversed_on FROM payments p JOIN allocations a ON a.payment_id = p.id
           JOIN instalments i ON i.id = a.instalment_id JOIN users u ON u.id = p.user_id
           LEFT JOIN reversals r ON r.payment_id = p.id
           WHERE i.contract_id = ? GROUP BY p.id ORDER BY p.paid_on, p.id""", [row["id"]])
    row["revisions"] = desk.store.rows(
        """SELECT r.number, r.reason, r.old_total, r.new_total, u.login AS user, r.at FROM contract_revisions r
           JOIN users u ON u.id = r.user_id WHERE r.contract_id = ? ORDER BY r.number""", [row["id"]])
    row["revision"] = len(row["revisions"])
    row["paid"] = sum(i["paid"] for i in row["instalments"])
    row["written_off"] = sum(i["written_off"] for i in row["instalments"])
    row["outstanding"] = row["total"] - row["paid"] - row["written_off"]
    row["required_payment"] = row["instalments"][0]["amount"] if row["instalments"] else 0
    row["prepayment_met"] = row["paid"] >= row["required_payment"]
    return row
