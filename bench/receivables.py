"""Time the receivables reports a morning starts with, on a demo database (issue 9 item 14).

    python bench/receivables.py PATH [--runs N] [--as LOGIN] [--as-of DATE]

Opens a desk on PATH (built by ``build_db.py``: 100,000 clients for the README's figures) and
times each report in ``REPORTS`` — the core function the CLI and the app call, its whole query
time — as the median of N runs (default 15) after one warm-up, with the minimum and the rows it
returned. The goal is ≤ 100 ms each. Prints a Markdown table. A new report is one line in
``REPORTS`` (name → function of the desk and the day).
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
    print("| report | median | min | rows | goal |")
    print("|---|---:|---:|---:|---|")
    for name, report in REPORTS.items():
        rows = report(desk, args.as_of)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            report(desk, args.as_of)
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        verdict = "ok" if median <= GOAL_MS else f"over {GOAL_MS}"
        print(f"| {name} | {median:.1f} | {min(times):.1f} | {len(rows):,} | {verdict} |")
    desk.close()


if __name__ == "__main__":
    main()
