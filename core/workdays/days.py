"""Working-day arithmetic over the ``calendar`` table: is a day worked, the next one, n of them on.

A deadline is counted in the days people work, so a hand-over before National Day does not
fall due in the middle of it, and a 调休 Saturday counts. Each function takes the store; the
table is read once per year and kept in memory until the database changes (another process
committing is seen through ``PRAGMA data_version``; this process's own import calls
:func:`forget`). A year the table does not cover follows the weekly rule, and any date reckoned
through it is provisional (:func:`is_provisional`): the State Council has not published it yet.
"""

from __future__ import annotations

import datetime as dt
import weakref

from zizhi.core.errors import InputError

_LIMIT = 3650  # working days a deadline may lie ahead: ten years is a typing mistake, not a plan


class WorkCalendar:
    """One database's calendar as read at one ``data_version``: covered years, exceptions by year."""

    def __init__(self, store, version: int) -> None:
        self.store, self.version = store, version
        self.years = frozenset(r["year"] for r in store.rows("SELECT year FROM calendar_years"))
        self._by_year: dict[int, dict[dt.date, str]] = {}
        self._worked: dict[dt.date, bool] = {}  # the dunning ladder asks of the same days thousands of times

    def exceptions(self, year: int) -> dict[dt.date, str]:
        """The year's holidays on weekdays and workdays on weekends, {date: kind}, read once."""
        if year not in self._by_year:
            rows = self.store.rows("SELECT date, kind FROM calendar WHERE date BETWEEN ? AND ?",
                                   [f"{year:04d}-01-01", f"{year:04d}-12-31"])
            self._by_year[year] = {dt.date.fromisoformat(r["date"]): r["kind"] for r in rows}
        return self._by_year[year]

    def is_workday(self, day: dt.date) -> bool:
        worked = self._worked.get(day)
        if worked is None:
            kind = self.exceptions(day.year).get(day)
            worked = self._worked[day] = kind == "workday" if kind is not None else day.weekday() < 5
        return worked


_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def calendar(store) -> WorkCalendar:
    """The store's calendar, read again only when the database changed since it was read."""
    version = store.scalar("PRAGMA data_version")
    known = _cache.get(store)
    if known is None or known.version != version:
        known = _cache[store] = WorkCalendar(store, version)
    return known


def forget(store) -> None:
    """Drop what is remembered of the store's calendar: this process has just changed the table
    (``data_version`` only moves for other connections' commits)."""
    _cache.pop(store, None)


def is_workday(store, day: dt.date | str) -> bool:
    """Whether people work on ``day``: a weekday that is no holiday, or a make-up workday."""
    return calendar(store).is_workday(as_date(day))


def next_workday(store, day: dt.date | str) -> dt.date:
    """``day`` itself when it is worked, else the first working day after it."""
    cal, day = calendar(store), as_date(day)
    for _ in range(_LIMIT):
        if cal.is_workday(day):
            return day
        day += dt.timedelta(days=1)
    raise InputError("workdays.too_far", date=day.isoformat(), days=_LIMIT)


def add_workdays(store, day: dt.date | str, count: int) -> dt.date:
    """The ``count``-th working day after ``day`` (``day`` itself when ``count`` is 0)."""
    cal, day = calendar(store), as_date(day)
    if count < 0 or count > _LIMIT:
        raise InputError("workdays.count_range", value=count, high=_LIMIT)
    while count:
        day += dt.timedelta(days=1)
        if cal.is_workday(day):
            count -= 1
    return day


def workdays_between(store, start: dt.date | str, end: dt.date | str) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier),
    so that ``add_workdays(start, workdays_between(start, end))`` is ``end`` when ``end`` is worked."""
    cal, start, end = calendar(store), as_date(start), as_date(end)
    if end < start:
        return -workdays_between(store, end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if cal.is_workday(start + dt.timedelta(days=n)))


def covered_years(store) -> list[int]:
    """The years whose holidays and make-up workdays are on record, oldest first."""
    return sorted(calendar(store).years)


def is_provisional(store, day: dt.date | str, since: dt.date | str | None = None) -> bool:
    """True when ``day`` — or any year between ``since`` and it, which a count passed through — is
    not covered: the date follows the weekly rule and may move once that year is published."""
    cal, day = calendar(store), as_date(day)
    first = as_date(since).year if since is not None else day.year
    low, high = sorted((first, day.year))
    return any(year not in cal.years for year in range(low, high + 1))


def as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
