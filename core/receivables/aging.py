"""The aging report: who owes what, and how late, on any day.

Each open instalment is aged on its due date — not yet due, then the configured buckets of days
overdue (1–30, 31–60, … over 120) — and summed per client or per owner. The buckets of a row
add up to its total exactly, and the rows to the report's total, including what is not yet due:
the same outstanding amount the client's statement and the ledger show. ``as_of`` a past day
reads the books as they stood then (:mod:`.positions`), so last month's report can be produced
again and must come out the same.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access, clock, validation
from zizhi.core.errors import InputError
from zizhi.core.receivables import in_force, positions

GROUPINGS = ("client", "owner")


def bucket_names(limits: list[int]) -> list[str]:
    """``not_due``, ``1-30``, ``31-60``, …, ``over_120`` for limits [30, 60, …, 120]."""
    names, low = ["not_due"], 1
    for limit in limits:
        names.append(f"{low}-{limit}")
        low = limit + 1
    return [*names, f"over_{limits[-1]}"]


def bucket_label(name: str) -> str:
    """A bucket's column title in the person's language: "not yet due", "1-30 days", "over 120 days"."""
    from zizhi.core.i18n import t

    if name == "not_due":
        return t("col.not_due")
    if name.startswith("over_"):
        return t("ar.bucket_over", days=name[5:])
    return t("ar.bucket_days", days=name)


def bucket_of(days_overdue: int, limits: list[int]) -> int:
    """The index into :func:`bucket_names` for an instalment this many days past due (≤ 0: not due)."""
    if days_overdue <= 0:
        return 0
    for index, limit in enumerate(limits, start=1):
        if days_overdue <= limit:
            return index
    return len(limits) + 1


def aging(desk, as_of: str | None = None, by: str = "client") -> dict:
    """The report: one row per client (or owner) with an amount in each bucket, and the totals."""
    access.require_receivables(desk.user)
    if by not in GROUPINGS:
        raise InputError("input.not_one_of", field="by", value=by, allowed=", ".join(GROUPINGS))
    day = validation.date(as_of, "as-of") if as_of else clock.today().isoformat()
    limits = list(desk.settings.pricing.receivables.aging_buckets)
    names = bucket_names(limits)
    rows, sums = [], []
    for name, key, total, oldest_due, *owed, owner in _summed(desk, day, by, limits):
        sums.append(owed)
        row = {"name": name, "buckets": dict(zip(names, owed)), "total": total, "oldest_due": oldest_due}
        if by == "client":
            row["client_id"], row["owner"] = key, owner
        rows.append(row)
    totals = dict(zip(names, (sum(column) for column in zip(*sums)))) if sums else dict.fromkeys(names, 0)
    return {"as_of": day, "by": by, "buckets": names, "rows": rows, "totals": totals,
            "total": sum(totals.values())}


def _summed(desk, day: str, by: str, limits: list[int]) -> list[tuple]:
    """(name, client id, total, oldest due date, owed in each bucket…, owner) per client or owner,
    latest bucket first, then the most owed — summed by SQLite, not row by row in Python (the
    demo's morning has over 11,000 open instalments). An instalment's bucket is found by comparing
    its due date with each bucket's first day, worked out here once. The open instalments are
    made once (MATERIALIZED): inlined, what each owes would be worked out again for every sum."""
    items, params = _open_items_query(desk, day)
    on = dt.date.fromisoformat(day)
    starts = {f"b{n}": (on - dt.timedelta(days=limit)).isoformat() for n, limit in enumerate(limits, start=1)}
    bucket = " ".join(["CASE WHEN due_on >= :d THEN 0", *(f"WHEN due_on >= :{key} THEN {key[1:]}" for key in starts),
                       f"ELSE {len(limits) + 1} END"])
    owed_in = ", ".join(f"sum(CASE bucket WHEN {n} THEN owed ELSE 0 END)" for n in range(len(limits) + 2))
    key, name = ("client_id", "client") if by == "client" else ("owner", "owner")
    return desk.store.tuples(
        f"""WITH items AS MATERIALIZED ({items})
            SELECT {name}, {key}, sum(owed) AS total, min(due_on), {owed_in}, max(owner)
            FROM (SELECT client_id, client, owner, due_on, owed, {bucket} AS bucket FROM items)
            GROUP BY {key} ORDER BY max(bucket) DESC, total DESC, {name}, {key}""",
        {**params, **starts})[1]


def open_items(desk, day: str) -> list[dict]:
    """Every instalment owed on ``day`` among the clients the user may see, with its client and owner."""
    return desk.store.rows(*_open_items_query(desk, day))


def _open_items_query(desk, day: str) -> tuple[str, dict]:
    """The query of :func:`open_items` and its parameters (``:d`` the day), for the report to sum."""
    joins, paid, written_off = positions.sums(day)
    cond, params = access.visible_named(desk.user, "c")
    # the narrow instalments first, the settled ones left out before the joins (CROSS JOIN keeps
    # SQLite to that order): only what is owed looks up its contract, deal and wide client row
    return (f"""SELECT c.id AS client_id, c.name AS client, coalesce(u.login, '') AS owner, k.number AS contract,
                       i.position, i.due_on, i.amount - {paid} - {written_off} AS owed
                FROM {in_force.instalments(day)} i {joins} CROSS JOIN contracts k ON k.id = i.contract_id
                JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id
                WHERE {paid} + {written_off} < i.amount AND k.signed_on IS NOT NULL AND k.signed_on <= :d AND {cond}""",
            {"d": day, **params})
