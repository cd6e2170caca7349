"""The span a statement or a reconciliation covers: a month ("2026-11") or two dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from zizhi.core import clock, validation
from zizhi.core.errors import InputError

MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def month(text: str | None, field: str = "period") -> tuple[str, str, str]:
    """``"2026-11"`` → ("2026-11", "2026-11-01", "2026-11-30"); a month is written YYYY-MM."""
    raw = validation.text(text, field) or ""
    found = MONTH.fullmatch(raw.strip().translate(str.maketrans("０１２３４５６７８９－", "0123456789-")))
    if not found or not 1 <= int(found[2]) <= 12 or not 2000 <= int(found[1]) <= 9999:
        raise InputError("ar.period_format", field=field, value=raw)
    year, number = int(found[1]), int(found[2])
    last = calendar.monthrange(year, number)[1]
    return f"{year:04d}-{number:02d}", f"{year:04d}-{number:02d}-01", f"{year:04d}-{number:02d}-{last:02d}"


def span(start: str | None, end: str | None, period: str | None) -> tuple[str, str]:
    """The first and last day: a month, or dates (from the first of the end's month, to today by
    default); neither given means this month so far."""
    if period and (start or end):
        raise InputError("ar.period_or_dates", field="period", value=period)
    if period:
        _, first, last = month(period)
        return first, last
    today = clock.today().isoformat()
    last = validation.date(end, "to") or today
    first = validation.date(start, "from") or last[:8] + "01"
    if first > last:
        raise InputError("ar.from_after_to", field="from", value=first, to=last)
    return first, last


def eve(day: str) -> str:
    """The day before ``day``: the balance a period opens with is the one its eve closed with."""
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def previous() -> str:
    """The last month that is over: the one a reconciliation is usually about."""
    first = clock.today().replace(day=1)
    return (first - dt.timedelta(days=1)).isoformat()[:7]
