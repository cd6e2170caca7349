"""The one clock. Tests and demos set it; nothing else reads the system time.

``ZIZHI_NOW`` (ISO date or datetime) fixes it for a whole process, so a subprocess test of a
cron command can say what "today" is.

The real time is the company's wall clock: opening a desk names the company's time zone
(``General.reminders.timezone``, :func:`use_zone`), so every "today", every stored stamp (a report
filed, a notice issued, a payment recorded) and the quarter it falls in are the company's — a server
kept in UTC does not file Beijing's 1 April report on 31 March. Before a desk is open (or when no
zone is named) it is the server's wall clock. A fixed time without an offset is taken as already
being in that zone; one with an offset (``2026-03-31T16:30:00+00:00``) is an instant, read in the
zone asked for.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from typing import Iterator

_fixed: dt.datetime | None = None
_zone: str | None = None  # the company's time zone, once a desk is open


def use_zone(zone: str | None) -> None:
    """Reckon every moment in ``zone`` (an IANA name) from now on: the company's, named by the desk."""
    global _zone
    _zone = zone or None


def set_now(moment: dt.datetime | dt.date | str | None) -> None:
    """Fix the clock (None returns it to real time)."""
    global _fixed
    if moment is None:
        _fixed = None
    elif isinstance(moment, str):
        _fixed = _parse(moment)
    elif isinstance(moment, dt.datetime):
        _fixed = moment
    else:
        _fixed = dt.datetime.combine(moment, dt.time(9, 0))


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def now(zone: str | None = None) -> dt.datetime:
    """Local wall-clock time, to the second: what a salesperson's watch says — in ``zone`` (an IANA
    name such as ``Asia/Shanghai``) when given, else the company's (:func:`use_zone`), else the
    server's."""
    zone = zone or _zone
    fixed = _fixed if _fixed is not None else _parse(os.environ["ZIZHI_NOW"]) if os.environ.get("ZIZHI_NOW") else None
    if fixed is not None and fixed.tzinfo is None:
        return fixed
    if zone:
        from zoneinfo import ZoneInfo

        moment = fixed.astimezone(ZoneInfo(zone)) if fixed else dt.datetime.now(ZoneInfo(zone))
    else:
        moment = fixed.astimezone() if fixed else dt.datetime.now()
    return moment.replace(tzinfo=None, microsecond=0)


def today(zone: str | None = None) -> dt.date:
    """The date of :func:`now` (in ``zone`` when given)."""
    return now(zone).date()


def company_today(desk) -> dt.date:
    """The company's day (settings.toml ``[reminders] timezone``), whatever the server's clock says:
    the day every deadline, review and report of the desk is reckoned from."""
    return today(desk.settings.general.reminders.timezone)


def stamp() -> str:
    """The current moment as stored in the database: 'YYYY-MM-DD HH:MM:SS', on the company's clock
    (so a stamp's first ten characters are the company's day, and its quarter the company's)."""
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
