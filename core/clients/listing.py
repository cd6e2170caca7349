"""The whole client list one page at a time, by key: what the app scrolls through.

An offset costs a walk past every row it skips (the last page of 100,000 clients reads them
all) and slips when a client is added above it; a key — the sort columns of the row at the
edge of what is shown, the client id last so no two rows tie — costs one index seek
wherever it lands. The order is :func:`records.list_clients`'s, so the app and
``client list`` agree.
"""

from __future__ import annotations

from zizhi.core import access
from zizhi.core.clients import follow_ups
from zizhi.core.clients.search import LIST_COLUMNS

# The sort columns of the list, and of the due list (soonest follow-up first).
ORDER = ("urgency_rank", "name", "id")
DUE_ORDER = ("next_date", "urgency_rank", "name", "id")


def order(due: bool) -> tuple[str, ...]:
    return DUE_ORDER if due else ORDER


def page_key(row: dict, due: bool = False) -> tuple:
    """Where ``row`` stands in the list: the values it is sorted by."""
    return tuple(row[column] for column in order(due))


def page(desk, due: bool = False, after: tuple | None = None, before: tuple | None = None,
         since: tuple | None = None, last: bool = False, limit: int = 100) -> tuple[list[dict], bool]:
    """Up to ``limit`` visible clients in list order, and whether more lie beyond them.

    From the start by default; just past the key ``after``; from the key ``since`` on (that
    row included: the rows shown, read again after a change); just before the key ``before``;
    or the last ``limit`` of the list when ``last``. Rows come back in list order either way;
    "beyond" means past the end read towards (the start, for ``before`` and ``last``).
    """
    where, params = _filter(desk, due)
    columns = [f"c.{column}" for column in order(due)]
    backwards = before is not None or last
    for key, operator in ((after, ">"), (since, ">="), (before, "<")):
        if key is not None:
            where.append(f"({', '.join(columns)}) {operator} ({', '.join('?' * len(key))})")
            params += list(key)
    direction = " DESC" if backwards else ""
    rows = desk.store.rows(
        f"""SELECT {LIST_COLUMNS}, c.urgency_rank FROM clients c LEFT JOIN users u ON u.id = c.owner_id
            WHERE {' AND '.join(where)} ORDER BY {', '.join(c + direction for c in columns)} LIMIT ?""",
        [*params, limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return (rows[::-1] if backwards else rows), more


def around(desk, client_id: int, due: bool = False, limit: int = 100) -> tuple[list[dict], bool, bool] | None:
    """About ``limit`` rows of the list with client ``client_id`` among them — half a page before
    it, the rest from it on — and whether more lie before and after; None when the list (``due``:
    the due list) does not hold that client, e.g. one just added with no follow-up due.

    What the app shows after a client is added: the list where the new client stands, not its start.
    """
    where, params = _filter(desk, due)
    row = desk.store.one(f"SELECT {', '.join('c.' + c for c in order(due))} FROM clients c "
                         f"WHERE c.id = ? AND {' AND '.join(where)}", [client_id, *params])
    if row is None:
        return None
    key = page_key(row, due)
    before, more_before = page(desk, due=due, before=key, limit=limit // 2)
    after, more_after = page(desk, due=due, since=key, limit=limit - len(before))
    return before + after, more_before, more_after


def count(desk, due: bool = False) -> int:
    """How many clients the list holds: all visible ones, or those whose follow-up is due."""
    where, params = _filter(desk, due)
    return desk.store.scalar(f"SELECT count(*) FROM clients c WHERE {' AND '.join(where)}", params)


def _filter(desk, due: bool) -> tuple[list[str], list]:
    cond, params = access.visible(desk.user)
    where = [cond, "c.archived_at IS NULL"]
    if due:
        condition, today = follow_ups.due_condition()
        where.append(condition)
        params += today
    return where, params
