"""Time from process start to the app's first screen showing its content, beside a bare Textual app.

    python bench/app_start.py PATH [--runs 5] [--as LOGIN]

Each run is a fresh Python process, ``bench/app_start_child.py`` (so imports are paid as a person
would pay them, and nothing of the bench's own), that goes
the way a bare ``zizhi`` goes — imports ``commands.main`` (Typer and the command table) and
``tui.app``, opens the desk on PATH, builds the app with ``tui.app.desk_app`` (the keys of
settings.toml bound) — then runs it headless with ``run_test()`` and polls until the first
screen, Today, shows the acting person's agenda (its rows, or the line saying nothing is due).
The parent measures from just before it starts the process to the moment
the child reports rows, and the child reports its own milestones:

- imports: ``textual.app``, ``commands.main`` and ``tui.app`` done
- desk: database opened, configuration in force known, acting user known
- screen: ``run_test`` hands over the pilot: the app and its first screen are mounted (the first
  paint: Today says "Loading…" while its worker reads the agenda)
- rows: the agenda is on the screen

The yardstick is ``bench/bare_app.py``, a bare Textual app showing a 100-row DataTable, timed
the same way (parent's clock, ``run_test()`` at the same size) in runs alternating with the
app's, so drift on a shared machine hits both alike; the goal is the app within 2× of it.
Also times ``python -c "import textual.app"`` and ``python -c pass`` as whole processes, for scale.
Headless rendering skips the terminal driver, so a real terminal adds a few milliseconds.

Every process runs as on a person's machine after the first start: one unmeasured warm-up of
each, compiled modules cached (in a folder of the bench's, ``PYTHONPYCACHEPREFIX``, even where
``PYTHONDONTWRITEBYTECODE`` is set) and the configuration's check remembered in a state folder
of the bench's (``ZIZHI_STATE``), which no other checkout on the machine overwrites.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchlib import app_bench_options, steady_environment

ROOT = Path(__file__).resolve().parent.parent
BARE = Path(__file__).resolve().parent / "bare_app.py"
CHILD = Path(__file__).resolve().parent / "app_start_child.py"
TIMEOUT_S = 60
GOAL = 2.0  # the app's start within twice the bare app's


def main() -> None:
    args, login = app_bench_options(__doc__)
    folder = steady_environment("zizhi-app-start-")
    _timed([str(BARE)])  # warm-up: modules compiled, the configuration checked once
    _timed([str(CHILD), args.path, login])
    print(f"{args.path}: {args.runs} runs, acting as {login}\n")
    print("| what | median ms | min ms | max ms |")
    print("|---|---:|---:|---:|")
    for label, command in (("`python -c pass`", ["-c", "pass"]),
                           ("`python -c 'import textual.app'`", ["-c", "import textual.app"])):
        _row(label, [_whole(command) for _ in range(args.runs)])
    bare, runs = [], []
    for n in range(args.runs):  # alternating which goes first
        pair = (lambda: bare.append(_timed([str(BARE)])),
                lambda: runs.append(_timed([str(CHILD), args.path, login])))
        for run in pair if n % 2 == 0 else reversed(pair):
            run()
    for key, label in (("imports", "bare app: imports done (textual.app, DataTable)"),
                       ("screen", "bare app: screen mounted, 100 rows added"),
                       ("total", "**bare app: process start → rows on screen**")):
        _row(label, [run[key] for run in bare])
    for key, label in (("imports", "imports done (textual.app, commands.main, tui.app)"), ("desk", "desk open"),
                       ("screen", "first screen mounted (first paint)"),
                       ("rows", "agenda on screen (child clock)"),
                       ("total", "**process start → agenda on screen**")):
        _row(label, [run[key] for run in runs])
    ratio = statistics.median(run["total"] for run in runs) / statistics.median(run["total"] for run in bare)
    best = min(run["total"] for run in runs) / min(run["total"] for run in bare)
    paint = statistics.median(run["screen"] for run in runs) / statistics.median(run["screen"] for run in bare)
    print(f"\nrows shown: {runs[-1]['row_count']}, table: {runs[-1]['table']}")
    print(f"app / bare app: {ratio:.2f}× (medians), {best:.2f}× (minimums); goal ≤ {GOAL:.0f}×: "
          f"{'met' if ratio <= GOAL else 'not met'}")
    print(f"first paint (Today, loading) / bare app's screen with its rows: {paint:.2f}× (medians, child clocks)")
    shutil.rmtree(folder, ignore_errors=True)


def _row(label: str, values: list[float]) -> None:
    print(f"| {label} | {statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f} |")


def _whole(arguments: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *arguments], check=True, cwd=ROOT)
    return (time.perf_counter() - started) * 1000


def _timed(arguments: list[str]) -> dict:
    """Run a child that reports its milestones as JSON; add the parent's time to its rows."""
    started = time.time()
    done = subprocess.run([sys.executable, *arguments], cwd=ROOT, check=False,
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    if done.returncode:
        raise SystemExit(f"the app run failed:\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["total"] = (report.pop("rows_at") - started) * 1000
    return report


if __name__ == "__main__":
    main()
