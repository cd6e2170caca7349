"""One search box for clients: any part of the name, contact, phone, credit code, email or
notes, or the pinyin (full or initials) of the name and contact.

Every client has one trigram document (see the schema). A query of three characters or more
uses the trigram index; a shorter one — 华为, 'hw' — scans that single column, which stays in
tens of milliseconds at 100,000 clients (figures in the README, from bench/).
"""

from __future__ import annotations

from core import access
from core.clients import LIST_COLUMNS


def search_clients(desk, text: str, limit: int = 20, include_archived: bool = False) -> list[dict]:
    """Visible clients matching ``text``; names that contain it come first, then urgency."""
    words = [w for w in (text or "").split() if w]
    if not words:
        return []
    cond, params = access.visible(desk.user)
    where = [cond] + ["s.doc LIKE ? ESCAPE '\\'"] * len(words)
    params += [f"%{_escape(w)}%" for w in words]
    if not include_archived:
        where.append("c.archived_at IS NULL")
    first = _escape(words[0])
    return desk.store.rows(
        f"""SELECT {LIST_COLUMNS} FROM client_search s
            JOIN clients c ON c.id = s.rowid LEFT JOIN users u ON u.id = c.owner_id
            WHERE {' AND '.join(where)}
            ORDER BY (c.name LIKE ? ESCAPE '\\') DESC, c.urgency_rank, c.name LIMIT ?""",
        [*params, f"%{first}%", limit])


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
