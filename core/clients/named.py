"""The client a row of a file names: by credit code (in its own column, or in the client's), else
by the company's name written any way the clients' import matches it (:func:`names.name_key`:
full-width letters, spaces, 有限责任公司 for 有限公司).

One rule for every import whose rows belong to a client — the communication log, deals,
payments — so a file that names a client one way for one kind of record names it the same way
for the others. Asked of the database inside the import's unit of work.
"""

from __future__ import annotations

from zizhi.core import access
from zizhi.core.clients.names import name_key
from zizhi.core.errors import NotFound

COLUMNS = ("id", "name", "owner_id", "archived_at")


def find(desk, db, fields: dict[str, str]) -> dict:
    """The visible client ``fields`` names in ``credit_code`` or ``client`` (id, name, owner_id,
    archived_at), else refused as not found — a colleague's client the user may not see too."""
    code, name = (fields.get("credit_code") or "").strip().upper(), (fields.get("client") or "").strip()
    client = _find(db, "credit_code", code) if code else None
    if client is None and name:  # 客户 may hold the credit code too
        client = _find(db, "credit_code", name.upper()) or _find(db, "name_key", name_key(name))
    if client is None or not access.can_see(desk.user, client):
        raise NotFound("client.not_found", ref=code or name or "-")
    return client


def column(fields: dict[str, str]) -> str:
    """The column a refusal about the row's client is reported against."""
    return "credit_code" if "credit_code" in fields and "client" not in fields else "client"


def _find(db, column: str, value: str) -> dict | None:
    row = db.execute(f"SELECT {', '.join(COLUMNS)} FROM clients WHERE {column} = ? ORDER BY id LIMIT 1",
                     [value]).fetchone()
    return dict(zip(COLUMNS, row)) if row else None
