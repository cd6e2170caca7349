"""Time from process start to the app's first screen showing clients.

    python bench/app_start.py PATH [--runs 5] [--as LOGIN]

Each run is a fresh Python process (so imports are paid as a person would pay them) that opens
the desk on PATH, runs ``tui.app.ZizhiApp(desk)`` headless with ``run_test()``, and polls until
a DataTable on the screen has rows. The parent measures from just before it starts the process
to the moment the child reports rows, and the child reports its own milestones:

- imports: ``import textual.app`` and ``tui.app`` done
- desk: database opened, configuration loaded, acting user known
- screen: ``run_test`` hands over the pilot: the app and its first screen are mounted
- rows: a table on the screen has rows

Also times ``python -c "import textual.app"`` and ``python -c pass`` as whole processes, for scale.
Headless rendering skips the terminal driver, so a real terminal adds a few milliseconds.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchlib import app_bench_options

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60


def main() -> None:
    options = app_bench_options(__doc__, _child)
    if options is None:
        return
    args, login = options
    print(f"{args.path}: {args.runs} runs, acting as {login}\n")
    print("| what | median ms | min ms | max ms |")
    print("|---|---:|---:|---:|")
    for label, command in (("`python -c pass`", ["-c", "pass"]),
                           ("`python -c 'import textual.app'`", ["-c", "import textual.app"])):
        _row(label, [_whole(command) for _ in range(args.runs)])
    runs = [_app_run(args.path, login) for _ in range(args.runs)]
    for key, label in (("imports", "imports done (textual.app, tui.app)"), ("desk", "desk open"),
                       ("screen", "first screen mounted"), ("rows", "client rows on screen (child clock)"),
                       ("total", "**process start → rows on screen**")):
        _row(label, [run[key] for run in runs])
    print(f"\nrows shown: {runs[-1]['row_count']}, table: {runs[-1]['table']}")


def _row(label: str, values: list[float]) -> None:
    print(f"| {label} | {statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f} |")


def _whole(arguments: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *arguments], check=True, cwd=ROOT)
    return (time.perf_counter() - started) * 1000


def _app_run(path: str, login: str) -> dict:
    started = time.time()
    done = subprocess.run([sys.executable, __file__, path, "--as", login, "--child"], cwd=ROOT, check=False,
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    if done.returncode:
        raise SystemExit(f"the app run failed:\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["total"] = (report.pop("rows_at") - started) * 1000
    return report


def _child(path: str, login: str) -> None:
    """Runs in the fresh process: start the app headless and report milestones as JSON."""
    import asyncio

    born = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    import textual.app  # noqa: F401
    from textual.widgets import DataTable

    from zizhi.tui.app import ZizhiApp

    imports = time.perf_counter()
    from zizhi.core.desk import open_desk

    desk = open_desk(db=path, as_user=login)
    opened = time.perf_counter()

    async def run() -> dict:
        app = ZizhiApp(desk)
        async with app.run_test(size=(160, 48)) as pilot:
            mounted = time.perf_counter()  # run_test yields once the app and its first screen are up
            deadline = mounted + TIMEOUT_S
            while time.perf_counter() < deadline:
                tables = [t for t in app.screen.query(DataTable) if t.row_count]
                if tables:
                    return {"screen": mounted, "rows": time.perf_counter(), "rows_at": time.time(),
                            "row_count": tables[0].row_count, "table": tables[0].id or type(tables[0]).__name__}
                await pilot.pause(0.002)
        raise SystemExit("no table with rows appeared")

    found = asyncio.run(run())
    desk.close()
    ms = lambda moment: round((moment - born) * 1000, 1)
    print(json.dumps({"imports": ms(imports), "desk": ms(opened), "screen": ms(found["screen"]),
                      "rows": ms(found["rows"]), "rows_at": found["rows_at"],
                      "row_count": found["row_count"], "table": found["table"]}))
    os._exit(0)  # skip interpreter teardown; the parent already has what it needs


if __name__ == "__main__":
    main()
