"""Time the receivables reports a morning starts with, on a demo database (issue 9 item 14).

    python bench/receivables.py PATH [--runs N] [--as LOGIN] [--as-of DATE]

Opens a desk on PATH (built by ``build_db.py``: 100,000 clients for the README's figures) and
times each report in ``REPORTS`` — the core function the CLI and the app call, its whole query
time — as the median of N runs (default 15) after one warm-up, with the minimum and the rows it
returned. The goal is ≤ 100 ms each. A new report is one line in ``REPORTS`` (name → function of
the desk and the day).

These machines are shared: the same work takes up to twice as long when neighbours are busy. So
the reports take turns with a yardstick — fixed work of the same kind (an SQLite query and a few
thousand dicts sorted) whose best time here is ``YARDSTICK_QUIET_MS`` — and each report's best
time is also given as on a quiet machine: scaled by the yardstick's quiet time over its best time
in the same run. The goal is judged on that figure. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import first_admin  # noqa: E402

GOAL_MS = 100
# The yardstick's best time on these machines: the minimum of 120 runs on 2026-12-03.
YARDSTICK_QUIET_MS = 28.0


def yardstick(desk=None, day=None) -> list:
    """Fixed work like a report's: 20,000 rows grouped by SQLite, 20,000 dicts built and sorted."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, v INTEGER)")
    conn.executemany("INSERT INTO t (k, v) VALUES (?, ?)", ((f"k{i % 997}", i) for i in range(20000)))
    rows = conn.execute("SELECT k, sum(v) FROM t GROUP BY k ORDER BY k").fetchall()
    conn.close()
    found = [{"k": k, "v": v, "i": i} for i in range(20) for k, v in rows]
    found.sort(key=lambda row: (row["v"], row["i"]))
    return found


def _aging(desk, day):
    from zizhi.core.receivables import aging

    return aging.aging(desk, as_of=day)["rows"]


def _dunning_due(desk, day):
    from zizhi.core.receivables import dunning

    return dunning.due(desk, as_of=day)["actions"]


def _watch(desk, day):
    from zizhi.core.receivables import watch

    return watch.watch_list(desk, as_of=day, limit=20)["clients"]


def _forecast(desk, day):
    from zizhi.core.receivables import forecast

    return forecast.forecast(desk, as_of=day)["weeks"]


# name → function(desk, as_of day) returning the rows shown.
REPORTS: dict[str, Callable] = {
    "ar aging": _aging,
    "dunning due": _dunning_due,
    "ar watch --limit 20": _watch,
    "ar forecast": _forecast,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--as", dest="login", default=None, help="acting user (default: the first admin)")
    parser.add_argument("--as-of", dest="as_of", default=None, help="the day reported (default: today)")
    args = parser.parse_args()
    from zizhi.core.desk import open_desk

    desk = open_desk(db=args.path, as_user=args.login or first_admin(args.path), lang="en")
    print(f"{args.path} as {desk.user['login']}, {args.runs} runs after a warm-up, ms\n")
    print("| report | median | min | min, quiet machine | rows | goal |")
    print("|---|---:|---:|---:|---:|---|")
    timed = {"(yardstick)": yardstick, **REPORTS}
    shown = {name: report(desk, args.as_of) for name, report in timed.items()}  # the warm-up
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(args.runs):  # in turns, so a busy moment on the machine hits them all
        for name, report in timed.items():
            started = time.perf_counter()
            report(desk, args.as_of)
            times[name].append((time.perf_counter() - started) * 1000)
    slowed = min(times["(yardstick)"]) / YARDSTICK_QUIET_MS
    for name, taken in times.items():
        quiet = min(taken) / slowed
        verdict = "" if name not in REPORTS else "ok" if quiet <= GOAL_MS else f"over {GOAL_MS}"
        print(f"| {name} | {statistics.median(taken):.1f} | {min(taken):.1f} | {quiet:.1f} | {len(shown[name]):,} "
              f"| {verdict} |")
    print(f"\nthe machine ran {slowed:.2f}× slower than quiet")
    desk.close()


if __name__ == "__main__":
    main()
