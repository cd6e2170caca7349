"""One run of the reminders at a time: an ``flock`` on a file beside the database.

Cron may start a run while yesterday's is still waiting on a slow mail server, or an admin may
run one by hand at 08:00. The second run must not wait (cron would pile them up) nor deliver in
parallel: it finds the lock and stops at once with exit 75 (EX_TEMPFAIL). The lock is a file of
its own, ``<database>.remind.lock``, never the database or its -wal/-shm files, whose locks
SQLite owns (an ``flock`` there could be dropped by SQLite closing a descriptor). The kernel
releases it when the process ends, however it ends, so a killed run leaves no stale lock.
The outbox's unique claims hold even without it (:mod:`.outbox`); the lock keeps runs from
reporting each other's claims in flight as stuck.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from zizhi.core.errors import Busy


def lock_path(database: Path | str) -> Path:
    database = Path(database)
    return database.with_name(database.name + ".remind.lock")


@contextmanager
def held(database: Path | str) -> Iterator[Path]:
    """Hold the reminders' lock of ``database`` for the block, or raise :class:`Busy` at once."""
    path = lock_path(database)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy("remind.running", lock=str(path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # for a person wondering who holds it
        yield path
    finally:
        os.close(fd)
