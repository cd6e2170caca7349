"""Reading a year's schedule as the State Council publishes it: holiday-cn's JSON, or TOML.

The JSON is the widely used holiday-cn data — ``{"year": 2027, "days": [{"name": "元旦",
"date": "2027-01-01", "isOffDay": true}, …]}`` — and the TOML has the same fields (``year`` and
``[[days]]`` tables). Every bad entry is collected, each named by file and line (TOML) or entry
number (JSON), so one pass over the file shows all that needs mending; any problem refuses the
whole file. Only the exceptions to the weekly rule are kept: a day off on a weekday and a
working day on a weekend (the weekend days of a holiday are off anyway).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from zizhi.core.errors import InputError

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Schedule:
    year: int
    days: list[tuple[str, str, str]]  # (date, 'holiday' | 'workday', name): the exceptions only
    listed: int  # entries in the file, weekend days off included


class ScheduleRejected(InputError):
    """The file's problems, every one of them; told in the reader's language when shown."""

    def __init__(self, file: str, problems: list[tuple[str, str, dict]]) -> None:
        super().__init__("calendar.file_rejected", file=file, count=len(problems))
        self.problems = problems  # (where, message key, its parameters)

    def message(self, lang: str | None = None, surface: str = "cli") -> str:
        from zizhi.core.i18n import t

        lines = [f"{where}: {t(key, lang=lang, **params)}" for where, key, params in self.problems]
        return "\n".join([super().message(lang, surface), *lines])


def read(path: Path | str) -> Schedule:
    """The schedule in ``path`` (.json or .toml), or :class:`ScheduleRejected` naming every problem."""
    path = Path(path)
    raw, text = _load(path)
    problems: list[tuple[str, str, dict]] = []
    year = raw.get("year") if isinstance(raw, dict) else None
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append((_where(path, text, ("year",)), "calendar.year_required",
                         {"value": year, "low": FIRST_YEAR, "high": LAST_YEAR}))
        year = None
    entries = raw.get("days") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        problems.append((_where(path, text, ("days",)), "calendar.days_required", {}))
        entries = []
    days, seen = [], {}
    for index, entry in enumerate(entries):
        where = _where(path, text, ("days", index))
        day = _entry(entry, index + 1, year, seen, lambda key, **p: problems.append((where, key, p)))
        if day is not None:
            days.append(day)
    if problems:
        raise ScheduleRejected(str(path), problems)
    exceptions = [(d.isoformat(), "holiday" if off else "workday", name) for d, off, name in days
                  if off == (d.weekday() < 5)]
    return Schedule(year, sorted(exceptions), len(days))


def _entry(entry, number: int, year: int | None, seen: dict, problem) -> tuple[dt.date, bool, str] | None:
    """One day of the file, checked; ``problem`` is told each thing wrong with it."""
    if not isinstance(entry, dict):
        problem("calendar.entry_not_a_day", number=number)
        return None
    name, off, day = entry.get("name"), entry.get("isOffDay"), _date(entry.get("date"))
    ok = True
    if not isinstance(name, str) or not name.strip():
        problem("calendar.entry_name", number=number)
        ok = False
    if not isinstance(off, bool):
        problem("calendar.entry_off", number=number, value=json.dumps(off, ensure_ascii=False))
        ok = False
    if day is None:
        problem("calendar.entry_date", number=number, value=entry.get("date"))
        return None
    if year is not None and day.year != year:
        problem("calendar.entry_other_year", number=number, date=day.isoformat(), year=year)
        ok = False
    if day in seen:
        problem("calendar.entry_twice", number=number, date=day.isoformat(), first=seen[day])
        ok = False
    seen.setdefault(day, number)
    return (day, off, name.strip()) if ok else None


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):  # TOML's own date
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _load(path: Path) -> tuple[object, str]:
    """The parsed file and its text; a file that cannot be read or parsed is one problem."""
    kind = path.suffix.lower()
    if kind not in (".json", ".toml"):
        raise InputError("calendar.file_kind", file=str(path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError("calendar.file_unreadable", file=str(path), detail=exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise InputError("calendar.file_not_utf8", file=str(path)) from None
    import tomllib

    try:
        return (json.loads(text) if kind == ".json" else tomllib.loads(text)), text
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError("calendar.file_syntax", file=str(path), detail=str(exc)) from None


def _where(path: Path, text: str, loc: tuple) -> str:
    """'file:line' where the TOML writes ``loc``; for JSON the file (each message names the entry)."""
    if path.suffix.lower() == ".toml":
        from zizhi.core.settings import key_line

        line = key_line(text, loc)
        if line:
            return f"{path}:{line}"
    return str(path)
