"""The audit trail: who changed or exported what, written in the same transaction as the change.

The table is append-only (triggers refuse UPDATE and DELETE), so history cannot be rewritten
through Zizhi; and each row is a link of a hash chain (:mod:`zizhi.core.audit_chain`), so a
rewrite by hand, past the triggers, is caught by :func:`verify`.
"""

from __future__ import annotations

import json
from typing import Any

from zizhi.core import access, audit_chain, clock, trail_heads
from zizhi.core.errors import Refused, Tampered


def record(db, actor: dict | None, action: str, entity: str, entity_id: int | None, **detail: Any) -> None:
    """Append one audit record; call it inside the operation's unit of work.

    ``actor`` is the desk's user; when an admin acts as someone else (``--as``) it carries the
    admin's id as ``acting_admin_id``, and the record names both.
    """
    audit_chain.append(db, {
        "at": clock.stamp(), "user_id": actor["id"] if actor else None,
        "admin_id": actor.get("acting_admin_id") if actor else None, "action": action, "entity": entity,
        "entity_id": entity_id, "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
    })


def changes(before: dict, after: dict) -> dict:
    """The fields that differ, as {field: [old, new]}, for an audit record of an edit."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def list_entries(desk, entity: str | None = None, entity_id: int | None = None,
                 user: str | None = None, action: str | None = None, limit: int = 100) -> list[dict]:
    """The newest audit records first; for managers and admins only."""
    if not access.is_manager(desk.user):
        raise Refused("audit.managers_only")
    where, params = ["1=1"], []
    if entity:
        where.append("a.entity = ?")
        params.append(entity)
    if entity_id is not None:
        where.append("a.entity_id = ?")
        params.append(entity_id)
    if user:
        where.append("u.login = ?")
        params.append(user)
    if action:
        where.append("a.action LIKE ?")
        params.append(action + "%")
    rows = desk.store.rows(
        f"""SELECT a.id, a.at, u.login AS user, admin.login AS acting_admin, a.action, a.entity, a.entity_id, a.detail
            FROM audit a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users admin ON admin.id = a.admin_id
            WHERE {' AND '.join(where)} ORDER BY a.id DESC LIMIT ?""",
        [*params, limit],
    )
    for row in rows:
        row["detail"] = json.loads(row["detail"]) if row["detail"] else {}
    return rows


def verify(desk) -> dict:
    """Recompute the hash chain and check the heads remembered before; managers and admins only.

    Intact: the head is remembered (so cutting rows from the end later shows) and returned with
    the row count. Broken: :class:`Tampered` naming the first row that is not what Zizhi wrote.
    """
    if not access.is_manager(desk.user):
        raise Refused("audit.managers_only")
    heads = trail_heads.remembered(desk.store.path)
    with desk.store.lock:
        problem, head = audit_chain.first_break(audit_chain.rows_in_order(desk.store.conn), heads)
    if problem:
        raise Tampered(f"audit.broken_{problem.pop('kind')}", **problem)
    trail_heads.remember(desk.store.path, head, "verify")
    return {"rows": head["rows"], "head_id": head["id"], "head_hash": head["hash"], "remembered": len(heads)}
