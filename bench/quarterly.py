"""Time the quarterly report's reads on a demo database (issue 12 item 12).

    python bench/quarterly.py PATH [--runs N] [--user LOGIN] [--quarter 2026Q3]

Opens a desk on PATH (the 100,000-client demo for the README's figures) as its first admin and
times, as ``bench/kpi.py`` does: a filed report of the last quarter (its frozen figures and the
live ones it is compared with), this quarter's draft, the managers' roster (`report quarterly
list`), the agenda's source for the quarter-end reminder (everyone), and the two PDFs rendered in
memory (layout and fonts, no query: for the record, not the 200 ms goal) — the median of N runs
(default 9) after one warm-up, with the minimum and the minimum on a quiet machine. Prints a Markdown table.
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


def reads(user: str, filed: str, day: str) -> dict[str, Callable]:
    """name → function(desk) returning what is shown (a list, for the row count)."""
    from zizhi.core.kpi import figures
    from zizhi.core.quarterly import report_pdf, reports, team_pdf
    from zizhi.core.quarterly.document import ROWS
    from zizhi.core.reminders import sources

    return {
        f"report {user} {filed} (filed: frozen + live)": lambda desk: [reports.report(desk, user, filed)],
        f"report {user} this quarter (draft)": lambda desk: [reports.report(desk, user)],
        f"roster {filed}": lambda desk: reports.roster(desk, filed)["people"],
        "agenda source: quarterly_report (everyone)": lambda desk: sources.quarterly_report(desk, day),
        "(render) report PDF, no query": lambda desk, found={}: [
            report_pdf.render(found.setdefault("r", reports.report(desk, user, filed)), "公司")],
        "(render) team PDF, 6 charts, no query": lambda desk, found={}: [
            team_pdf.render(found.setdefault("t", figures.team(desk, filed)), list(ROWS), "公司")],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--user", default="wang.fang")
    parser.add_argument("--quarter", default=None, help="a filed quarter (default: the last one)")
    args = parser.parse_args()
    from zizhi.core import clock
    from zizhi.core.desk import open_desk
    from zizhi.core.kpi import quarters
    from zizhi.core.quarterly.reports import opens_on

    desk = open_desk(db=args.path, as_user=first_admin(args.path), lang="en")
    current = quarters.current(desk.settings.general.reminders.timezone)
    filed = args.quarter or current.preceding().name
    day = max(clock.today(), opens_on(desk, current)).isoformat()  # the reminder's busiest day: filing open
    print(f"{args.path} as {desk.user['login']}, filed quarter {filed}, agenda on {day}, {args.runs} runs, ms\n")
    print("| read | median | min | min, quiet machine | rows | goal |")
    print("|---|---:|---:|---:|---:|---|")
    timed = {"(yardstick)": lambda d: yardstick(), **reads(args.user, filed, day)}
    shown = {name: report(desk) for name, report in timed.items()}  # the warm-up
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(args.runs):
        for name, report in timed.items():
            started = time.perf_counter()
            report(desk)
            times[name].append((time.perf_counter() - started) * 1000)
    slowed = min(times["(yardstick)"]) / YARDSTICK_QUIET_MS
    for name, taken in times.items():
        quiet = min(taken) / slowed
        verdict = "" if name.startswith("(") else "ok" if quiet <= GOAL_MS else f"over {GOAL_MS}"
        print(f"| {name} | {statistics.median(taken):.1f} | {min(taken):.1f} | {quiet:.1f} | {len(shown[name]):,} "
              f"| {verdict} |")
    print(f"\nthe machine ran {slowed:.2f}× slower than quiet")
    desk.close()


if __name__ == "__main__":
    main()
