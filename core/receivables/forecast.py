"""The cash forecast: what money should come in, ISO week by ISO week, over the next weeks.

Each open instalment falls in the week of its due date — an overdue one in the first week, the
earliest it could still be paid — and is expected to bring what it still owes less its client's
bad-debt risk (:mod:`.watch`): a client scoring 30 is expected to pay 70 % of it. The one
rounding rule: each instalment's expected amount is ``money.share(owed, 100 − score %)``, half a
fen rounded away from zero, and a week's figure is the sum of its instalments'. So every week's
expected amount is at most what falls due in it, and the weeks' dues add up exactly to what the
aging report shows as owed on instalments due by the horizon: they are its open instalments.

The first week runs from ``as_of`` to its Sunday; the others Monday to Sunday.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access, clock, validation
from zizhi.core.money import share
from zizhi.core.receivables.aging import open_items
from zizhi.core.receivables.watch import client_risks

DEFAULT_WEEKS = 13
MAX_WEEKS = 52
WHOLE = 10_000  # basis points


def forecast(desk, as_of: str | None = None, weeks: int | str = DEFAULT_WEEKS) -> dict:
    """Weeks of expected receipts from ``as_of`` (default today): each with its dates, what falls
    due, what is expected and how many instalments; the totals, and what falls due later."""
    access.require_receivables(desk.user)
    day = validation.date(as_of, "as-of") if as_of else clock.today().isoformat()
    count = validation.whole_in(str(weeks), "weeks", 1, MAX_WEEKS)
    rows = week_rows(dt.date.fromisoformat(day), count)
    horizon, later = rows[-1]["to"], 0
    keep = {client["client_id"]: WHOLE - client["score"] * 100 for client in client_risks(desk, day)}
    for item in open_items(desk, day):
        if item["due_on"] > horizon:
            later += item["owed"]
            continue
        row = rows[_week_index(rows, item["due_on"])]
        row["due"] += item["owed"]
        row["expected"] += share(item["owed"], keep[item["client_id"]])
        row["instalments"] += 1
    return {"as_of": day, "to": horizon, "weeks": rows, "due": sum(r["due"] for r in rows),
            "expected": sum(r["expected"] for r in rows), "later": later, "all_clients": access.sees_all(desk.user)}


def week_rows(start: dt.date, count: int) -> list[dict]:
    """``count`` empty weeks: the first from ``start`` to its Sunday, then Monday to Sunday."""
    rows = []
    for index in range(count):
        monday = start - dt.timedelta(days=start.weekday()) + dt.timedelta(weeks=index)
        sunday = monday + dt.timedelta(days=6)
        year, week, _ = monday.isocalendar()
        rows.append({"year": year, "week": week, "from": (start if index == 0 else monday).isoformat(), "to": sunday.isoformat(),
                     "due": 0, "expected": 0, "instalments": 0})
    return rows


def _week_index(rows: list[dict], due_on: str) -> int:
    """The week an instalment due on ``due_on`` falls in; before the first week: the first."""
    if due_on <= rows[0]["to"]:
        return 0
    days = (dt.date.fromisoformat(due_on) - dt.date.fromisoformat(rows[1]["from"])).days
    return 1 + days // 7
