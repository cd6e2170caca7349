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
    rows: dict[object, dict] = {}
    weights: dict[object, int] = {}  # each row's latest bucket: the report is read from the most urgent down
    totals = dict.fromkeys(names, 0)
    bucket_on = _buckets_by_due_date(day, limits)
    for item in open_items(desk, day):
        key, due_on, owed = item["client_id"] if by == "client" else item["owner"], item["due_on"], item["owed"]
        row = rows.get(key)
        if row is None:
            row = rows[key] = _row(item, by, names)
            weights[key] = 0
        index = bucket_on(due_on)
        row["buckets"][names[index]] += owed
        row["total"] += owed
        totals[names[index]] += owed
        weights[key] = max(weights[key], index)
        if due_on < row["oldest_due"]:
            row["oldest_due"] = due_on
    ordered = sorted(rows, key=lambda k: (-weights[k], -rows[k]["total"], str(rows[k]["name"])))
    return {"as_of": day, "by": by, "buckets": names, "rows": [rows[key] for key in ordered], "totals": totals,
            "total": sum(totals.values())}


def _buckets_by_due_date(day: str, limits: list[int]):
    """``due_on`` → its bucket's index on ``day``, worked out once per due date (instalments share them)."""
    on = dt.date.fromisoformat(day)
    known: dict[str, int] = {}

    def bucket(due_on: str) -> int:
        if due_on not in known:
            known[due_on] = bucket_of((on - dt.date.fromisoformat(due_on)).days, limits)
        return known[due_on]

    return bucket


def open_items(desk, day: str) -> list[dict]:
    """Every instalment owed on ``day`` among the clients the user may see, with its client and owner."""
    paid, written_off = positions.amounts(day)
    cond, params = access.visible_named(desk.user, "c")
    rows = desk.store.rows(
        f"""SELECT * FROM (
                SELECT c.id AS client_id, c.name AS client, coalesce(u.login, '') AS owner, k.number AS contract,
                       i.position, i.due_on, i.amount - {paid} - {written_off} AS owed
                FROM {in_force.instalments(day)} i JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id
                JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id
                WHERE k.signed_on IS NOT NULL AND k.signed_on <= :d AND {cond}
            ) WHERE owed > 0""",
        {"d": day, **params})
    return rows


def _row(item: dict, by: str, names: list[str]) -> dict:
    name = item["client"] if by == "client" else item["owner"]
    row = {"name": name, "buckets": dict.fromkeys(names, 0), "total": 0, "oldest_due": item["due_on"]}
    if by == "client":
        row["client_id"] = item["client_id"]
        row["owner"] = item["owner"]
    return row
