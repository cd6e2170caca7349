"""The calendar on record: a year's exceptions shown, a new year imported, coverage checked.

The State Council publishes next year's holidays in the autumn (usually November); until it is
imported, deadlines reaching into that year are provisional. So from 1 November a missing next
year is a warning, for ``zizhi calendar check`` in cron and for ``zizhi config check``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zizhi.core import audit, clock
from zizhi.core.errors import InputError, Refused
from zizhi.core.workdays import days, schedule_file

ADMINS = ("admin",)
WARN_FROM = (11, 1)  # month, day: from here on next year's schedule should be on record


def year_days(store, year: int | str | None = None) -> dict:
    """The year's holidays and make-up workdays, and whether the year is covered at all."""
    year = _year(year)
    rows = store.rows("""SELECT date, kind, name, source FROM calendar WHERE date BETWEEN ? AND ? ORDER BY date""",
                      [f"{year:04d}-01-01", f"{year:04d}-12-31"])
    for row in rows:
        row["weekday"] = dt.date.fromisoformat(row["date"]).isoweekday()
    origin = store.one("""SELECT y.source, y.origin, y.imported_at, u.login AS imported_by FROM calendar_years y
                          LEFT JOIN users u ON u.id = y.imported_by WHERE y.year = ?""", [year])
    return {"year": year, "covered": origin is not None, "provisional": origin is None,
            **(origin or {"source": None, "origin": None, "imported_at": None, "imported_by": None}), "days": rows}


def coverage(store, today: dt.date | None = None) -> dict:
    """Which years are covered, and the warning due today when next year is missing."""
    today = today or clock.today()
    years = store.rows("""SELECT y.year, y.source, y.origin, y.imported_at, u.login AS imported_by,
                                 (SELECT count(*) FROM calendar c WHERE c.date BETWEEN y.year || '-01-01'
                                  AND y.year || '-12-31') AS days
                          FROM calendar_years y LEFT JOIN users u ON u.id = y.imported_by ORDER BY y.year""")
    covered = {row["year"] for row in years}
    missing = next_year_missing(covered, today)
    return {"today": today.isoformat(), "years": years, "first": min(covered, default=None),
            "last": max(covered, default=None), "this_year_covered": today.year in covered,
            "next_year_missing": missing}


def next_year_missing(covered, today: dt.date) -> int | None:
    """Next year's number when it is 1 November or later and next year is not on record."""
    if (today.month, today.day) >= WARN_FROM and today.year + 1 not in covered:
        return today.year + 1
    return None


def next_year_missing_in(path: Path, today: dt.date | None = None) -> int | None:
    """:func:`next_year_missing` for a database file, read-only and without opening a desk (for
    ``zizhi config check``); None when the file is not there or predates the calendar."""
    import sqlite3

    if not Path(path).is_file():
        return None
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            covered = {row[0] for row in conn.execute("SELECT year FROM calendar_years")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:  # no calendar yet (migrated on next open) or no database: not this check's to say
        return None
    return next_year_missing(covered, today or clock.today())


def import_file(desk, path: str | Path) -> dict:
    """Import a year's schedule (admins): it replaces whatever the year held, all of it or none, and
    the open processing deadlines counted into that year are counted again on it."""
    from zizhi.core.pipeline import processing  # not at import: the morning's reminders ask only next_year_missing

    schedule = schedule_file.read(path)
    store = desk.store
    try:
        with store.unit_of_work() as db:
            if desk.user["role"] not in ADMINS:
                raise Refused("calendar.admins_only", role=desk.user["role"])
            replaced = db.execute("SELECT source, origin FROM calendar_years WHERE year = ?",
                                  [schedule.year]).fetchone()
            deadlines = processing.open_deadlines_from(desk, db, f"{schedule.year:04d}-01-01")
            at, origin = clock.stamp(), Path(path).name
            db.execute("DELETE FROM calendar WHERE date BETWEEN ? AND ?",
                       [f"{schedule.year:04d}-01-01", f"{schedule.year:04d}-12-31"])
            db.executemany("""INSERT INTO calendar (date, kind, name, source, imported_by, imported_at)
                              VALUES (?, ?, ?, 'import', ?, ?)""",
                           [(*day, desk.user["id"], at) for day in schedule.days])
            db.execute("""INSERT OR REPLACE INTO calendar_years (year, source, origin, imported_by, imported_at)
                          VALUES (?, 'import', ?, ?, ?)""", [schedule.year, origin, desk.user["id"], at])
            days.forget(store)  # this connection's own change: data_version does not move for it
            summary = {**_summary(schedule, origin, replaced), "deadlines_moved": processing.recount_deadlines(
                desk, db, deadlines)}
            audit.record(db, desk.user, "calendar.import", "calendar", schedule.year, **summary)
    finally:
        days.forget(store)
    return summary


def _summary(schedule: schedule_file.Schedule, origin: str, replaced) -> dict:
    kinds = [kind for _, kind, _ in schedule.days]
    return {"year": schedule.year, "file": origin, "listed": schedule.listed, "holidays": kinds.count("holiday"),
            "workdays": kinds.count("workday"), "replaced": {"source": replaced[0], "origin": replaced[1]} if replaced else None}


def _year(value: int | str | None) -> int:
    if value is None or value == "":
        return clock.today().year
    try:
        year = int(str(value).strip())
    except ValueError:
        year = 0
    if not schedule_file.FIRST_YEAR <= year <= schedule_file.LAST_YEAR:
        raise InputError("input.number_range", field="year", value=value, low=schedule_file.FIRST_YEAR,
                         high=schedule_file.LAST_YEAR)
    return year
