"""The working-day calendar's tables, seeded from the chinese-calendar package.

Only the exceptions are stored: a holiday on a weekday, a make-up workday (调休) on a weekend.
``calendar_years`` records which years are covered and where each came from, so a year missing
is told apart from a year without exceptions.
"""

from __future__ import annotations

SOURCES = ("package", "import")
KINDS = ("holiday", "workday")


def m201_working_day_calendar(db) -> None:
    db.execute("""
        CREATE TABLE calendar (
            date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
            name TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('package', 'import')),
            imported_by INTEGER REFERENCES users(id),
            imported_at TEXT NOT NULL
        ) STRICT, WITHOUT ROWID""")
    db.execute("""
        CREATE TABLE calendar_years (
            year INTEGER PRIMARY KEY,
            source TEXT NOT NULL CHECK (source IN ('package', 'import')),
            origin TEXT NOT NULL,
            imported_by INTEGER REFERENCES users(id),
            imported_at TEXT NOT NULL
        ) STRICT""")
    _seed_from_package(db)


def package_exceptions() -> tuple[list[int], list[tuple[str, str, str]]]:
    """The years chinese-calendar covers and their exceptions as (date, kind, 中文 name)."""
    from chinese_calendar.constants import Holiday, holidays, workdays

    chinese = {h.value: h.chinese for h in Holiday}
    years = list(range(min(holidays).year, max(holidays).year + 1))
    days = [(d.isoformat(), "holiday", chinese.get(name, name)) for d, name in holidays.items() if d.weekday() < 5]
    days += [(d.isoformat(), "workday", chinese.get(name, name)) for d, name in workdays.items() if d.weekday() >= 5]
    return years, sorted(days)


def _seed_from_package(db) -> None:
    from importlib.metadata import version

    from zizhi.core import clock

    years, days = package_exceptions()
    at, origin = clock.stamp(), f"chinese-calendar {version('chinese-calendar')}"
    db.conn.executemany("INSERT INTO calendar (date, kind, name, source, imported_at) VALUES (?, ?, ?, 'package', ?)",
                        [(*day, at) for day in days])
    db.conn.executemany("INSERT INTO calendar_years (year, source, origin, imported_at) VALUES (?, 'package', ?, ?)",
                        [(year, origin, at) for year in years])


MIGRATIONS = (m201_working_day_calendar,)
