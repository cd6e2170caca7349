"""The audit trail as a hash chain, so a row changed, deleted or slipped in by hand is noticed.

Each row stores the hash of the row before it (``prev_hash``) and its own ``hash``: sha256 over
that previous hash and a canonical encoding of the row's content. Editing a row breaks its own
hash; deleting or inserting one breaks the link of the row after it. Deleting the *last* rows
leaves a valid shorter chain, so the heads seen by ``audit verify`` and by each backup are
remembered outside the database (the state folder, see :mod:`zizhi.core.trail_heads`) and must
still be in the chain.

The chain has no secret: whoever can write the database *and* the state folder can rebuild
both. It proves the trail is what Zizhi wrote, against everyone who cannot (README: "Audit
trail and schema").
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Iterator

GENESIS = "0" * 64
FIELDS = ("id", "at", "user_id", "admin_id", "action", "entity", "entity_id", "detail")


def row_hash(prev_hash: str, row: dict | sqlite3.Row) -> str:
    """sha256 of the previous hash and the row's content, encoded one way only (JSON, no spaces)."""
    content = json.dumps([row[name] for name in FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{content}".encode("utf-8")).hexdigest()


def last_link(db: sqlite3.Connection) -> tuple[int, str]:
    """The id and hash the next row chains to (0 and the genesis hash on an empty trail)."""
    found = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return (found[0], found[1] or GENESIS) if found else (0, GENESIS)


def append(db: sqlite3.Connection, row: dict) -> None:
    """Insert ``row`` (without id) as the next link; the caller's BEGIN IMMEDIATE keeps the order."""
    last_id, prev = last_link(db)
    linked = {**row, "id": last_id + 1, "prev_hash": prev}
    linked["hash"] = row_hash(prev, linked)
    names = [*FIELDS, "prev_hash", "hash"]
    db.execute(f"INSERT INTO audit ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
               [linked[name] for name in names])


def chain_existing(db: sqlite3.Connection) -> None:
    """Link every row already there, oldest first (the migration that brings in the chain)."""
    prev = GENESIS
    rows = db.execute(f"SELECT {', '.join(FIELDS)} FROM audit ORDER BY id").fetchall()
    for values in rows:
        row = dict(zip(FIELDS, values))
        current = row_hash(prev, row)
        db.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", [prev, current, row["id"]])
        prev = current


def rows_in_order(conn: sqlite3.Connection) -> Iterator[dict]:
    """Every row with its stored links, oldest first, from one read (one snapshot)."""
    names = [*FIELDS, "prev_hash", "hash"]
    cursor = conn.execute(f"SELECT {', '.join(names)} FROM audit ORDER BY id")
    for values in cursor:
        yield dict(zip(names, values))


def first_break(rows: Iterator[dict], remembered: dict[int, dict]) -> tuple[dict | None, dict]:
    """Walk the chain: the first problem found (or None) and the head reached.

    A problem is ``{"kind": changed|unlinked|unhashed|rewritten|truncated, ...}`` naming the row.
    ``remembered`` maps ids of heads seen before to ``{"hash", "at"}``; each must still be there.
    """
    prev_id, prev = 0, GENESIS
    count = 0
    for row in rows:
        count += 1
        problem = _row_problem(row, prev_id, prev)
        if problem is None and row["id"] in remembered and remembered[row["id"]]["hash"] != row["hash"]:
            problem = {"kind": "rewritten", "id": row["id"], "seen": remembered[row["id"]]["at"]}
        if problem:
            return problem, {"id": prev_id, "hash": prev, "rows": count - 1}
        prev_id, prev = row["id"], row["hash"]
    beyond = [head_id for head_id in remembered if head_id > prev_id]
    if beyond:
        lost = max(beyond)
        return {"kind": "truncated", "id": lost, "last": prev_id, "seen": remembered[lost]["at"]}, \
            {"id": prev_id, "hash": prev, "rows": count}
    return None, {"id": prev_id, "hash": prev, "rows": count}


def _row_problem(row: dict, prev_id: int, prev: str) -> dict | None:
    """What is wrong with one row given the row before it, or None."""
    if not row["hash"] or not row["prev_hash"]:
        return {"kind": "unhashed", "id": row["id"]}
    if row["hash"] != row_hash(row["prev_hash"], row):
        return {"kind": "changed", "id": row["id"], "at": row["at"]}
    if row["prev_hash"] != prev:
        return {"kind": "unlinked", "id": row["id"], "before": prev_id}
    return None
