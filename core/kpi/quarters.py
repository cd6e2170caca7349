"""Quarters, as the team counts performance (rulebook §4.3): ``2026Q4`` is 1 October to 31 December.

A quarter is read from what a person types (``2026Q4``, ``2026-q4``, ``2026 Q4``, full-width digits,
or ``this``/本季度 and ``last``/上季度) and always written ``2026Q4``; every command taking a quarter
reads it here, through :func:`chosen`. Its days are the company's: "this quarter" is the quarter of today
in the company's time zone (``General.reminders.timezone``), so a server kept in UTC does not start
the new quarter eight hours late. Every figure counts events whose day falls in ``[start, end)``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from zizhi.core import clock
from zizhi.core.errors import InputError

_TYPED = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Qq]\s*([1-4])\s*$")
THIS = ("this", "本季度", "本季")
LAST = ("last", "上季度", "上季")
YEARS = (2000, 2999)  # the years a quarter may be named in


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def name(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last(self) -> dt.date:
        return self.following().first - dt.timedelta(days=1)

    @property
    def bounds(self) -> tuple[str, str]:
        """The first day and the day after the last, as stored dates: ``first <= day < end``."""
        return self.first.isoformat(), self.following().first.isoformat()

    def following(self) -> "Quarter":
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def preceding(self) -> "Quarter":
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def __str__(self) -> str:
        return self.name


def parse(text: str | Quarter, field: str = "quarter") -> Quarter:
    """'2026Q4', '2026-q4', '２０２６Q4' → Quarter(2026, 4); anything else is refused naming the form."""
    if isinstance(text, Quarter):
        return text
    from zizhi.core.validation import ascii_digits

    found = _TYPED.match(ascii_digits(str(text)))
    if not found or not YEARS[0] <= int(found.group(1)) <= YEARS[1]:
        raise InputError("kpi.quarter_format", field=field, value=str(text).strip(), low=YEARS[0], high=YEARS[1])
    return Quarter(int(found.group(1)), int(found.group(2)))


def of_day(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def current(zone: str | None = None) -> Quarter:
    """The quarter of today in the company's time zone."""
    return of_day(clock.today(zone))


def chosen(desk, text: str | Quarter | None, field: str = "quarter") -> Quarter:
    """The quarter a person named — ``2026Q4``, ``this``/本季度 or ``last``/上季度, counted from the
    company's day — else (none named) the current one."""
    if isinstance(text, Quarter):
        return text
    word = (text or "").strip().lower()
    if word in ("", *THIS, *LAST):
        today = of_day(clock.company_today(desk))
        return today.preceding() if word in LAST else today
    return parse(text, field)
