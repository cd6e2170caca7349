"""Real processes racing on one SQLite file: each opens its own desk, waits at a barrier, then
runs one core operation at the same moment as the others.

Threads sharing a connection would prove nothing here — the lost updates this guards against
happen between processes, each with its own connection, as when two clerks, cron and the app
write at once. Every read a racer makes is slowed down (as on a busy server), so that a check
made outside the transaction — read, then write later — is overtaken every time, not by luck.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Call:
    """One racer: who acts, which operation (``module.function``), and its arguments."""

    login: str
    operation: str
    args: tuple = ()
    kwargs: tuple = ()  # (name, value) pairs, so the call stays hashable and picklable


def race(db_path, calls: list[Call], now: str, timeout: float = 60) -> list[str]:
    """Run ``calls`` at once, one process each; each outcome is "ok" or the refusal's message key."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(calls))
    results = context.Queue()
    racers = [context.Process(target=_racer, args=(str(db_path), call, now, barrier, results, n))
              for n, call in enumerate(calls)]
    for racer in racers:
        racer.start()
    outcomes = dict(results.get(timeout=timeout) for _ in racers)
    for racer in racers:
        racer.join(timeout)
    return [outcomes[n] for n in range(len(calls))]


def _racer(db_path: str, call: Call, now: str, barrier, results, n: int) -> None:
    import importlib

    from zizhi.core import clock, i18n
    from zizhi.core.desk import open_desk
    from zizhi.core.errors import ZizhiError

    os.environ["ZIZHI_NOW"] = now
    clock.set_now(now)
    desk = open_desk(db=db_path, as_user=call.login, lang="en")
    desk.store.rows = _slowed(desk.store.rows)
    module, function = call.operation.rsplit(".", 1)
    operation = getattr(importlib.import_module(f"zizhi.core.{module}"), function)
    i18n.choose_language("en")
    barrier.wait()
    try:
        operation(desk, *call.args, **dict(call.kwargs))
        outcome = "ok"
    except ZizhiError as error:
        outcome = error.key
    except Exception as error:  # the test shows it rather than hanging on a missing result
        outcome = f"crash: {type(error).__name__}: {error}"
    finally:
        desk.close()
    results.put((n, outcome))


def _slowed(read):
    @functools.wraps(read)
    def slow_read(*args, **kwargs):
        time.sleep(READ_DELAY)
        return read(*args, **kwargs)
    return slow_read


READ_DELAY = 0.02
