"""Time the team's reports — the weekly pipeline review, channels and referrals, market research —
on a demo database (issue 12, item 12).

    python bench/reports.py PATH [--runs N] [--as LOGIN] [--week 2026-W48] [--quarter 2026Q4]

Opens a desk on PATH (the 100,000-client demo for the README's figures) and times each report in
``REPORTS`` — the core function the CLI and the app call, its whole query time to the dict it
returns — as the median of N runs (default 15) after one warm-up, with the minimum, in turns with
the receivables bench's yardstick so a busy machine is told apart from a slow report (see
``bench/receivables.py``). The goal is ≤ 200 ms each. Prints a Markdown table.
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
from receivables import YARDSTICK_QUIET_MS, yardstick  # noqa: E402

GOAL_MS = 200


def _weekly(week: str) -> Callable:
    def run(desk, args):
        from zizhi.core.reports.weekly import weekly

        report = weekly(desk, week or args.week)
        return sum(report["totals"][section] for section in ("moved", "won", "lost", "opened", "stuck",
                                                             "follow_ups", "dunning"))
    return run


def _channels(desk, args):
    from zizhi.core.reports.channels import channels
    from zizhi.core.reports.periods import quarter_days

    report = channels(desk, *quarter_days(desk, args.quarter))
    return len(report["channels"]) + len(report["referrers"])


def _market(by: str) -> Callable:
    def run(desk, args):
        from zizhi.core.reports.market import market
        from zizhi.core.reports.periods import quarter_days

        return len(market(desk, *quarter_days(desk, args.quarter), by)["groups"])
    return run


# name → function(desk, args) returning how many rows the report shows.
REPORTS: dict[str, Callable] = {
    "report weekly (the week asked)": _weekly(""),
    "report weekly --week last": _weekly("last"),
    "report channels --quarter": _channels,
    "report market --by industry": _market("industry"),
    "report market --by region": _market("region"),
    "report market --by qualification": _market("qualification"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--as", dest="login", default=None, help="acting user (default: the first admin)")
    parser.add_argument("--week", default="this", help="the weekly review's week (default: this week)")
    parser.add_argument("--quarter", default="2026Q4", help="the channels' and market's quarter")
    args = parser.parse_args()
    from zizhi.core.desk import open_desk

    desk = open_desk(db=args.path, as_user=args.login or first_admin(args.path), lang="en")
    print(f"{args.path} as {desk.user['login']}, week {args.week}, quarter {args.quarter}, "
          f"{args.runs} runs after a warm-up, ms\n")
    print("| report | median | min | min, quiet machine | rows | goal |")
    print("|---|---:|---:|---:|---:|---|")
    timed = {"(yardstick)": lambda desk, args: len(yardstick()), **REPORTS}
    shown = {name: report(desk, args) for name, report in timed.items()}  # the warm-up
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(args.runs):  # in turns, so a busy moment on the machine hits them all
        for name, report in timed.items():
            started = time.perf_counter()
            report(desk, args)
            times[name].append((time.perf_counter() - started) * 1000)
    slowed = min(times["(yardstick)"]) / YARDSTICK_QUIET_MS
    for name, taken in times.items():
        quiet = min(taken) / slowed
        verdict = "" if name not in REPORTS else "ok" if quiet <= GOAL_MS else f"over {GOAL_MS}"
        print(f"| {name} | {statistics.median(taken):.1f} | {min(taken):.1f} | {quiet:.1f} | {shown[name]:,} "
              f"| {verdict} |")
    print(f"\nthe machine ran {slowed:.2f}× slower than quiet")
    desk.close()


if __name__ == "__main__":
    main()
