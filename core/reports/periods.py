"""The spans the reports cover: an ISO week (the weekly review), a quarter or two dates (channels,
market research), read as people type them and measured on the company's calendar.

"Today" is the company's day (``general.reminders.timezone``, as cron's reminders read it), so a
server kept in UTC does not start Beijing's week on Sunday evening.
"""

from __future__ import annotations

import datetime as dt
import re

from zizhi.core import clock, validation
from zizhi.core.errors import InputError

WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)
THIS_WEEK = ("this", "本周")
LAST_WEEK = ("last", "上周")
_DIGITS = str.maketrans("０１２３４５６７８９－Ｗｗ", "0123456789-Ww")


def company_today(desk) -> dt.date:
    """The company's day: what the team's calendar on the wall says."""
    return clock.company_today(desk)


def week(desk, text: str | None) -> tuple[str, dt.date, dt.date]:
    """``"2026-W48"`` → ("2026-W48", Monday, Sunday); none (or ``this``/本周) is this week,
    ``last``/上周 the one before."""
    raw = (validation.text(text, "week") or "").strip()
    today = company_today(desk)
    if raw.lower() in ("", *THIS_WEEK) or raw in LAST_WEEK or raw.lower() in LAST_WEEK:
        back = 7 if raw.lower() in LAST_WEEK or raw in LAST_WEEK else 0
        monday = today - dt.timedelta(days=today.weekday() + back)
    else:
        found = WEEK.fullmatch(raw.translate(_DIGITS))
        try:
            monday = dt.date.fromisocalendar(int(found[1]), int(found[2]), 1) if found else None
        except ValueError:
            monday = None
        if monday is None:
            raise InputError("report.week_format", field="week", value=raw)
    year, number, _ = monday.isocalendar()
    return f"{year:04d}-W{number:02d}", monday, monday + dt.timedelta(days=6)


def span(desk, start: str | None, end: str | None, quarter: str | None) -> tuple[str, str]:
    """The first and last day: a quarter (``2026Q4``), or dates; none given is this quarter whole
    (to its last day, as the app's reports show it: the one default). ``--from`` alone runs to
    today, ``--to`` alone from its quarter's first day."""
    if quarter and (start or end):
        raise InputError("report.quarter_or_dates", field="quarter", value=quarter)
    if quarter or not (start or end):
        return quarter_days(desk, quarter or "this")
    today = company_today(desk).isoformat()
    last = validation.date(end, "to") or today
    first = validation.date(start, "from") or quarter_days(desk, _quarter_of(last))[0]
    if first > last:
        raise InputError("report.from_after_to", field="from", value=first, to=last)
    return first, last


def quarter_days(desk, text: str) -> tuple[str, str]:
    """``"2026Q4"`` (or 2026-Q4, this, last: read as every quarter is, by ``core.kpi.quarters``) →
    ("2026-10-01", "2026-12-31")."""
    from zizhi.core.kpi import quarters

    validation.text(text, "quarter")
    found = quarters.chosen(desk, text)
    return found.first.isoformat(), found.last.isoformat()


def _quarter_of(day: str) -> str:
    return f"{day[:4]}Q{(int(day[5:7]) - 1) // 3 + 1}"


def stamps(first: str, last: str) -> tuple[str, str]:
    """The stored moments ('YYYY-MM-DD HH:MM:SS') from the first day's start to the last's end,
    for comparing a timestamp column by its index."""
    return first, (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()
