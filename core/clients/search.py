"""One search box for clients: any part of the name, contact, phone, credit code, email or
notes, or the pinyin (full or initials) of the name and contact.

The app asks for a first page (20 rows) on every keystroke, so the first page must cost about
the same whether a word is in every client (公司, h, 13) or in five, at 100,000 clients or
300,000. Results come in a fixed order: clients whose *name* holds the first word, then the
others, each part by urgency, name and id. That order is what makes a common word cheap: its top
20 are near the start of an index kept in that order, so nothing else needs ranking. Each part
is found in one of two ways:

- **Look up**, when a probe of a trigram index names at most ``FEW`` clients: those are checked
  and ranked. A long word's probes are its last trigram and then the phrase; a one- or
  two-character word's is the range of index terms it begins (both trigram documents end in two
  spaces, so every character begins a term) — one- and two-character grams need no table of
  their own. Names have their own index, so a word rare in names but common elsewhere (13, in
  every phone) finds its name matches without reading every phone.
- **Walk** otherwise: read the walk index (``m014_instant_search``: the search document stored
  in result order, per owner too) from its start, index only, and stop at a full page. A word in
  1 client of 250 fills a page within ``WALK_BUDGET`` entries. If the walk falls short (trigrams
  common but the whole word rare, or few of the user's clients hold it) the whole query is looked
  up after all.

A table of one- and two-character grams beside the trigram index was the other choice: ~200 rows
a client (20 million at 100,000, written by every demo and edit), and 公司 would still have to
rank the 96,000 clients it finds. So a common word never ranks the 99,000 others, a rare one
never reads them, and a one- or two-character word is never the full scan it was (figures in the README, from
``bench/search.py``). Every candidate is checked with the same LIKE over the same fields, so the
result is exactly what a scan gives.
"""

from __future__ import annotations

import json

from zizhi.core import access
from zizhi.core.clients import follow_ups
from zizhi.core.clients.schema import search_doc

LIST_COLUMNS = """c.id, c.name, c.credit_code, c.contact, c.phone, c.city, c.industry, c.size,
    c.urgency, c.channel, u.login AS owner, c.last_contact_at, c.next_step, c.next_date, c.archived_at"""
WALK_BUDGET = 5_000  # walk-index entries read before a part is looked up instead
FEW = 500  # a probe naming at most this many clients is looked up without a walk
_ORDER = "c.urgency_rank, c.name, c.id"
_WALKED = "c.pinyin IS NOT NULL"  # always true; says the walk indexes may serve (see the migration)
_DOC = search_doc("c.")
_LAST_CHAR = "\U0010ffff"
_Source = tuple[str, list]  # SQL naming client ids (as ``id``), and its parameters
_Sources = tuple[list[_Source], _Source | None]


def search_clients(desk, text: str, limit: int = 20, include_archived: bool = False,
                   due: bool = False) -> list[dict]:
    """Visible clients matching every word of ``text``; names that hold the first word come first.

    ``due`` keeps only clients whose follow-up is due today or earlier.
    """
    words = [w for w in (text or "").split() if w]
    if not words or limit <= 0:
        return []
    where, params = _conditions(desk.user, words, include_archived, due)
    first = _like_param(words[0])
    ids = _part(desk.store, desk.user, ["c.name LIKE ? ESCAPE '\\'", *where], [first, *params],
                _names_holding(words[0]), limit)
    if len(ids) < limit:
        ids += _part(desk.store, desk.user, ["NOT c.name LIKE ? ESCAPE '\\'", *where], [first, *params],
                     _documents_holding(max(words, key=len)), limit - len(ids))
    return _rows(desk.store, ids)


def _conditions(user: dict, words: list[str], include_archived: bool, due: bool) -> tuple[list[str], list]:
    """What every result must satisfy, written over columns the walk indexes hold."""
    cond, params = access.visible(user)
    where = [cond] + [f"{_DOC} LIKE ? ESCAPE '\\'" for _ in words]
    params += [_like_param(w) for w in words]
    if not include_archived:
        where.append("c.archived_at IS NULL")
    if due:
        condition, today = follow_ups.due_condition()
        where.append(condition)
        params += today
    return where, params


def _part(store, user: dict, where: list[str], params: list, sources: _Sources, need: int) -> list[int]:
    """The first ``need`` ids meeting ``where``, in result order: looked up if rare, else walked."""
    probes, whole = sources
    for probe in probes:
        ids = _few(store, probe)
        if ids == []:
            return []
        if ids is not None:
            return _ranked(store, where, params, ("SELECT value AS id FROM json_each(?)", [json.dumps(ids)]), need)
    ids = _walk(store, user, where, params, need)
    if len(ids) == need or _walked_all(store, user):
        return ids
    return _ranked(store, where, params, whole or ("SELECT id FROM clients", []), need)


def _ranked(store, where: list[str], params: list, candidates: _Source, need: int) -> list[int]:
    """The first ``need`` of ``candidates`` meeting ``where``, each checked and all ranked."""
    sql, found = candidates
    return [row["id"] for row in store.rows(
        f"""SELECT c.id FROM ({sql}) k CROSS JOIN clients c ON c.id = k.id
            WHERE {' AND '.join(where)} ORDER BY {_ORDER} LIMIT ?""", [*found, *params, need])]


def _few(store, source: _Source) -> list[int] | None:
    """The ids ``source`` names if they are at most ``FEW``; reads no more than that to say so."""
    sql, params = source
    _, rows = store.tuples(f"{sql} LIMIT ?", [*params, FEW + 1])  # under the store's lock, as every read
    ids = [row[0] for row in rows]
    return ids if len(ids) <= FEW else None


def _walked_all(store, user: dict) -> bool:
    """Whether the user sees fewer clients than one walk reads, so a walk saw every one of them."""
    visible, owner = access.visible(user)
    return store.scalar(f"""SELECT count(*) FROM (SELECT 1 FROM clients c INDEXED BY {_walk_index(owner)}
                            WHERE {visible} AND {_WALKED} LIMIT ?)""", [*owner, WALK_BUDGET]) < WALK_BUDGET


def _walk(store, user: dict, where: list[str], params: list, need: int) -> list[int]:
    """The matches among the first ``WALK_BUDGET`` clients the user sees, in result order.

    The match is computed in the select list, not the WHERE, so LIMIT counts entries read (the
    budget), while the outer query stops at ``need`` matches.
    """
    visible, owner = access.visible(user)
    index = _walk_index(owner)
    return [row["id"] for row in store.rows(
        f"""SELECT id FROM (
                SELECT c.id, ({' AND '.join(where)}) AS hit FROM clients c INDEXED BY {index}
                WHERE {visible} AND {_WALKED} ORDER BY {_ORDER} LIMIT ?)
            WHERE hit LIMIT ?""", [*params, *owner, WALK_BUDGET, need])]


def _walk_index(owner: list) -> str:
    return "clients_search_walk_by_owner" if owner else "clients_search_walk"


def _names_holding(word: str) -> _Sources:
    """Where to find the clients whose name may hold ``word``."""
    return _sources("client_names", "client_name_terms", word)


def _documents_holding(word: str) -> _Sources:
    """Where to find the clients whose search document may hold ``word``."""
    return _sources("client_search", "client_search_terms", word)


def _sources(table: str, terms: str, word: str) -> _Sources:
    """Cheap probes that each name a superset of the clients holding ``word``, and the whole query.

    A long word's probes are its last trigram (the end of a code or a phone number is its rarest
    part), then the whole word (every trigram, as a phrase where positions are kept), which costs
    more: it reads the trigrams' lists until it has found enough. Either naming few clients is
    enough; a word both find common is walked.
    """
    if len(word) >= 3:
        grams = [word[i:i + 3] for i in reversed(range(len(word) - 2))]  # last first
        match = f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ?"
        whole = (match, [" AND ".join(map(_quoted, [word] if table == "client_search" else grams))])
        return [(match, [_quoted(grams[0])])] + ([whole] if len(grams) > 1 else []), whole
    folded = _folded(word)
    if folded is None:
        return [], None
    terms_begun = (f"SELECT DISTINCT doc AS id FROM {terms} WHERE term >= ? AND term < ?",
                   [folded, folded + _LAST_CHAR])
    return [terms_begun], terms_begun


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _folded(word: str) -> str | None:
    """``word`` as the trigram index stores it (lower case), or None when that is not certain.

    The index folds case as SQLite's Unicode tables do; Python's lower() agrees for ASCII and for
    characters without case (Chinese, digits), which is every word a user types here in practice.
    """
    if all(ch.isascii() or ch.lower() == ch.upper() == ch for ch in word):
        return word.lower()
    return None


def _rows(store, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    rows = store.rows(f"""SELECT {LIST_COLUMNS} FROM clients c LEFT JOIN users u ON u.id = c.owner_id
                          WHERE c.id IN (SELECT value FROM json_each(?))""", [json.dumps(ids)])
    by_id = {row["id"]: row for row in rows}
    return [by_id[i] for i in ids]


def _like_param(word: str) -> str:
    return f"%{escape_like(word)}%"


def escape_like(word: str) -> str:
    """A word made literal inside a LIKE pattern written with ESCAPE '\\'."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
