"""The demo deals' calendar: dates counted back from one reading of the clock, and the moments
of each day a deal's phases happen at.
"""

from __future__ import annotations

import datetime as dt


class Calendar:
    """Days counted back from one reading of the clock, so a build running past midnight stays
    whole; each date is worked out once."""

    def __init__(self, today: dt.date) -> None:
        self.today, self.dates = today, {}

    def __call__(self, back: int) -> str:
        date = self.dates.get(back)
        if date is None:
            date = self.dates[back] = (self.today - dt.timedelta(days=back)).isoformat()
        return date

    def workdays(self, store, count: int) -> str:
        """The working day ``count`` working days from today (negative: before it), as ISO text."""
        from zizhi.core.workdays import days as workdays

        if count >= 0:
            return workdays.add_workdays(store, self.today, count).isoformat()
        day, left = self.today, -count
        while left:
            day -= dt.timedelta(days=1)
            left -= workdays.is_workday(store, day)
        return day.isoformat()


class Moment:
    """A walk forward through the plan's days: each phase starts its day in office hours, and
    what follows on the same day comes minutes later."""

    def __init__(self, rng, day: Calendar) -> None:
        self.rng, self.day, self.back, self.second = rng, day, None, 0

    def phase(self, back: int) -> str:
        if back != self.back:
            self.back, self.second = back, self.rng.randint(9 * 3600, 11 * 3600)
        return self.later()

    def later(self) -> str:
        self.second = min(self.second + self.rng.randint(120, 2400), 23 * 3600 + 3599)
        s = self.second
        return f"{self.day(self.back)} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
