"""The watch list and the cash forecast at scale, beside the aging report and dunning due.

    python bench/watch.py PATH [--runs 9] [--as LOGIN]

Opens a desk on PATH and times, in one process, the core calls behind `zizhi ar aging`,
`zizhi dunning due`, `zizhi ar watch` (the riskiest 20) and `zizhi ar forecast` (13 weeks), each
on today's books. The first call of each is reported apart (what a CLI command, a fresh process,
pays: the working-day calendar and the ladder's dates are worked out then), then the median and
the fastest of the following runs, interleaved so drift on a shared machine hits them alike.
Prints a Markdown table and the number of open instalments and clients at risk.
"""

from __future__ import annotations

import argparse
import statistics
import time

from benchlib import first_admin

from zizhi.core.desk import open_desk
from zizhi.core.receivables import aging, dunning, forecast, watch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--as", dest="login", default=None, help="acting user (default: the first admin)")
    args = parser.parse_args()
    desk = open_desk(db=args.path, as_user=args.login or first_admin(args.path), lang="en")
    cases = {"ar aging (aging)": lambda: aging.aging(desk),
             "dunning due (dunning.due)": lambda: dunning.due(desk),
             "ar watch --limit 20 (watch.watch_list)": lambda: watch.watch_list(desk, limit=20),
             "ar forecast (forecast.forecast)": lambda: forecast.forecast(desk)}
    first = {label: _ms(call) for label, call in cases.items()}
    times: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(args.runs):
        for label, call in cases.items():
            times[label].append(_ms(call))
    found = watch.watch_list(desk, limit=1)
    open_items = len(aging.open_items(desk, found["as_of"]))
    print(f"{args.path} as {desk.user['login']} ({desk.user['role']}), {found['as_of']}: {open_items:,} open "
          f"instalments, {found['count']:,} clients at risk; {args.runs} runs\n")
    print("| core call | first call ms | median ms | fastest ms |")
    print("|---|---:|---:|---:|")
    for label in cases:
        print(f"| {label} | {first[label]:.0f} | {statistics.median(times[label]):.0f} | {min(times[label]):.0f} |")
    desk.close()


def _ms(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
