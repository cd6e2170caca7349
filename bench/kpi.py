"""Time the KPI queries on a demo database (issue 12 item 12).

    python bench/kpi.py PATH [--runs N] [--as LOGIN] [--user LOGIN] [--quarter 2026Q4]

Opens a desk on PATH (the 100,000-client demo for the README's figures) as a manager (default:
the first admin) and times, as in ``bench/receivables.py``: each metric's query for the whole
team (what :func:`zizhi.core.kpi.records.tallies` runs, one per metric), one person's figures
(``zizhi kpi``), the team (``zizhi kpi team``) and each drill-down of that person (``zizhi kpi
drill``) — the core function's whole time from query to the rows returned, the median of N runs
(default 15) after one warm-up, with the minimum, the same minimum as on a quiet machine (scaled
by the receivables bench's yardstick) and the rows. The goal is ≤ 200 ms each. Prints a Markdown table.
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


def reports(user: str, quarter: str) -> dict[str, Callable]:
    """name → function(desk) returning what is shown."""
    from zizhi.core.kpi import figures, quarters, records

    start, end = quarters.parse(quarter).bounds

    def metric_query(metric: str) -> Callable:
        query = records.query(metric, detail=False)
        grouped = "owner_id, stage" if metric == "stage_days" else "owner_id"
        return lambda desk: desk.store.tuples(f"SELECT {grouped}, count(*), sum(amount) FROM ({query}) "
                                              f"GROUP BY {grouped}", {"start": start, "end": end})[1]

    found: dict[str, Callable] = {f"query: {metric}": metric_query(metric) for metric in records.METRICS}
    found[f"kpi --user {user}"] = lambda desk: [figures.figures(desk, user, quarter)]
    found["kpi team"] = lambda desk: figures.team(desk, quarter)["people"]
    for metric in records.METRICS:
        found[f"kpi drill {metric}"] = lambda desk, m=metric: figures.drill(desk, m, user, quarter)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--as", dest="login", default=None, help="acting user (default: the first admin)")
    parser.add_argument("--user", default="wang.fang", help="whose figures and drill-downs")
    parser.add_argument("--quarter", default=None, help="the quarter (default: the current one)")
    args = parser.parse_args()
    from zizhi.core.desk import open_desk
    from zizhi.core.kpi import quarters

    desk = open_desk(db=args.path, as_user=args.login or first_admin(args.path), lang="en")
    quarter = quarters.chosen(desk, args.quarter).name
    print(f"{args.path} as {desk.user['login']}, {quarter}, {args.runs} runs after a warm-up, ms\n")
    print("| query | median | min | min, quiet machine | rows | goal |")
    print("|---|---:|---:|---:|---:|---|")
    timed = {"(yardstick)": lambda d: yardstick(), **reports(args.user, quarter)}
    shown = {name: report(desk) for name, report in timed.items()}  # the warm-up
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(args.runs):  # in turns, so a busy moment on the machine hits them all
        for name, report in timed.items():
            started = time.perf_counter()
            report(desk)
            times[name].append((time.perf_counter() - started) * 1000)
    slowed = min(times["(yardstick)"]) / YARDSTICK_QUIET_MS
    for name, taken in times.items():
        quiet = min(taken) / slowed
        verdict = "" if name == "(yardstick)" else "ok" if quiet <= GOAL_MS else f"over {GOAL_MS}"
        print(f"| {name} | {statistics.median(taken):.1f} | {min(taken):.1f} | {quiet:.1f} | {len(shown[name]):,} "
              f"| {verdict} |")
    print(f"\nthe machine ran {slowed:.2f}× slower than quiet")
    desk.close()


if __name__ == "__main__":
    main()
