"""The one clock. Tests and demos set it; nothing else reads the system time.

``ZIZHI_NOW`` (ISO date or datetime) fixes it for a whole process, so a subprocess test of a
cron command can say what "today" is.
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


def now() -> dt.datetime:
    """Local wall-clock time, to the second: what a salesperson's watch says."""
    if _fixed is not None:
        return _fixed
    env = os.environ.get("ZIZHI_NOW")
    if env:
        return _parse(env)
    return dt.datetime.now().replace(microsecond=0)


def today() -> dt.date:
    return now().date()


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
