"""One search box for clients: any part of the name, contact, phone, credit code, email or
notes, or the pinyin (full or initials) of the name and contact.

Every client has one trigram document (see the schema). A query of three characters or more
uses the trigram index; a shorter one — 华为, 'hw' — scans that single column, which stays in
tens of milliseconds at 100,000 clients (figures in the README, from bench/).
"""

from __future__ import annotations

from zizhi.core import access
from zizhi.core.clients import follow_ups

LIST_COLUMNS = """c.id, c.name, c.credit_code, c.contact, c.phone, c.city, c.industry, c.size,
    c.urgency, c.channel, u.login AS owner, c.last_contact_at, c.next_step, c.next_date, c.archived_at"""


def search_clients(desk, text: str, limit: int = 20, include_archived: bool = False,
                   due: bool = False) -> list[dict]:
    """Visible clients matching ``text``; names that contain it come first, then urgency.

    ``due`` keeps only clients whose follow-up is due today or earlier.
    """
    words = [w for w in (text or "").split() if w]
    if not words:
        return []
    cond, params = access.visible(desk.user)
    likes = [_like(w) for w in words]
    where = [cond] + [sql for sql, _ in likes]
    params += [param for _, param in likes]
    if not include_archived:
        where.append("c.archived_at IS NULL")
    if due:
        condition, today = follow_ups.due_condition()
        where.append(condition)
        params += today
    first = escape_like(words[0])
    return desk.store.rows(
        # CROSS JOIN keeps SQLite from walking a salesperson's own clients first (seconds at
        # 100k) instead of starting from the search index (milliseconds).
        f"""SELECT {LIST_COLUMNS} FROM client_search s
            CROSS JOIN clients c ON c.id = s.rowid LEFT JOIN users u ON u.id = c.owner_id
            WHERE {' AND '.join(where)}
            ORDER BY (c.name LIKE ? ESCAPE '\\') DESC, c.urgency_rank, c.name LIMIT ?""",
        [*params, f"%{first}%", limit])


def _like(word: str) -> tuple[str, str]:
    """A LIKE the trigram index can serve; ESCAPE (which FTS5 cannot use) only when needed.

    Words under three characters keep ESCAPE: SQLite 3.40's trigram LIKE finds nothing for a
    two-character Chinese pattern without it, and they scan the column anyway.
    """
    if len(word) >= 3 and not any(ch in word for ch in "%_\\"):
        return "s.doc LIKE ?", f"%{word}%"
    return "s.doc LIKE ? ESCAPE '\\'", f"%{escape_like(word)}%"


def escape_like(word: str) -> str:
    """A word made literal inside a LIKE pattern written with ESCAPE '\\'."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
