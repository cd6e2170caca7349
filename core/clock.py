"""The one clock. Tests and demos set it; nothing else reads the system time.

``ZIZHI_NOW`` (ISO date or datetime) fixes it for a whole process, so a subprocess test of a
cron command can say what "today" is.

The real time is the server's wall clock, unless a caller names a time zone: cron's reminders ask
for the company's day (``General.reminders.timezone``) so that a server kept in UTC does not send
Beijing's Monday on Sunday evening. A fixed time is taken as already being in that zone.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from typing import Iterator

_fixed: dt.datetime | None = None


def set_now(moment: dt.datetime | dt.date | str | None) -> None:
    """Fix the clock (None returns it to real time)."""
    global _fixed
    if moment is None:
        _fixed = None
    elif isinstance(moment, str):
        _fixed = _parse(moment)
    elif isinstance(moment, dt.datetime):
        _fixed = moment.replace(tzinfo=None)
    else:
        _fixed = dt.datetime.combine(moment, dt.time(9, 0))


def _parse(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=None)


def now(zone: str | None = None) -> dt.datetime:
    """Local wall-clock time, to the second: what a salesperson's watch says — in ``zone`` (an IANA
    name such as ``Asia/Shanghai``) when given, else the server's."""
    if _fixed is not None:
        return _fixed
    env = os.environ.get("ZIZHI_NOW")
    if env:
        return _parse(env)
    if zone:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None, microsecond=0)
    return dt.datetime.now().replace(microsecond=0)


def today(zone: str | None = None) -> dt.date:
    """The date of :func:`now` (in ``zone`` when given)."""
    return now(zone).date()


def company_today(desk) -> dt.date:
    """The company's day (settings.toml ``[reminders] timezone``), whatever the server's clock says:
    the day every deadline, review and report of the desk is reckoned from."""
    return today(desk.settings.general.reminders.timezone)


def stamp() -> str:
    """The current moment as stored in the database: 'YYYY-MM-DD HH:MM:SS'."""
    return now().isoformat(sep=" ", timespec="seconds")


@contextmanager
def travel(moment: dt.datetime | dt.date | str) -> Iterator[None]:
    """Fix the clock at ``moment`` for a while, then put it back as it was (the demo acts out its
    story this way: each operation dated and stamped on the day it happens)."""
    global _fixed
    before = _fixed
    set_now(moment)
    try:
        yield
    finally:
        _fixed = before
