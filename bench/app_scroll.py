"""The clients screen at scale: End to the last client, and each keystroke of a search.

    python bench/app_scroll.py PATH [--runs 5] [--as LOGIN]

Each run is a fresh Python process that opens the desk on PATH and runs ``tui.app.ZizhiApp``
headless with ``run_test()`` at 120×40, waits for the first rows, then measures:

- End: from pressing End to the cursor resting on the last client of the list (the one
  ``core.clients.listing`` puts last), and the process's resident memory (RSS) after it,
  after paging back up 30 screens from there, and its peak (VmHWM);
- keystrokes: for each of 华, 华为, hw and 138, typed a character at a time into the search
  box ``GAP_S`` apart (a brisk typist), from pressing the key to the status line naming what
  was typed (the query ran and its rows are on the table). The box is emptied between queries.
  Beside each, the core's ``search_clients`` alone for the same text in the same process, so
  what the app adds can be told from what the search costs.

Keys are sent to the app as a terminal would send them, not with ``Pilot.press`` (which then
waits for the whole process to fall idle, tens of milliseconds more). The clock stops when the
screen's state shows the result; the next frame draws it. Reports medians over the runs (and
the worst run) as a Markdown table, then the slowest key's median against the goal of 100 ms.
Headless, so a real terminal adds its own drawing.
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
QUERIES = ("华", "华为", "hw", "138")
TIMEOUT_S = 30
GAP_S = 0.15  # between keystrokes: five keys a second
KEY_GOAL_MS = 100  # every key answered at once: its rows on screen within this


def main() -> None:
    options = app_bench_options(__doc__, _child)
    if options is None:
        return
    args, login = options
    runs = [_run(args.path, login) for _ in range(args.runs)]
    print(f"{args.path}: {args.runs} runs, acting as {login}; status line: {runs[-1]['status']}\n")
    print("| what | median | worst |")
    print("|---|---:|---:|")
    for key, label, unit in (("end_ms", "End → last client on screen", "ms"),
                             ("rss_end", "RSS after End", "MB"), ("rss_back", "RSS after 30 × PageUp", "MB"),
                             ("rss_peak", "peak RSS (VmHWM)", "MB")):
        _row(label, [run[key] for run in runs], unit)
    for query in QUERIES:
        for n in range(1, len(query) + 1):
            _row(f"typing `{query}`: key {n} (`{query[:n]}`) → screen updated",
                 [run["keys"][query][n - 1] for run in runs], "ms")
            _row(f"… `search_clients('{query[:n]}')` alone", [run["core"][query[:n]] for run in runs], "ms")
    print(f"\nlast client: {runs[-1]['last']}")
    keys = [statistics.median(run["keys"][query][n] for run in runs) for query in QUERIES for n in range(len(query))]
    print(f"slowest key → screen (median): {max(keys):.1f} ms; goal ≤ {KEY_GOAL_MS} ms: "
          f"{'met' if max(keys) <= KEY_GOAL_MS else 'not met'}")


def _row(label: str, values: list[float], unit: str) -> None:
    print(f"| {label} | {statistics.median(values):.1f} {unit} | {max(values):.1f} {unit} |")


def _run(path: str, login: str) -> dict:
    done = subprocess.run([sys.executable, __file__, path, "--as", login, "--child"], cwd=ROOT, check=False,
                          capture_output=True, text=True, timeout=TIMEOUT_S * 4)
    if done.returncode:
        raise SystemExit(f"the app run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _memory() -> dict[str, float]:
    """The process's resident and peak resident memory in MB, from /proc."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


def _child(path: str, login: str) -> None:
    """Runs in the fresh process: drive the app headless and report the figures as JSON."""
    import asyncio

    sys.path.insert(0, str(ROOT))
    from textual import events
    from textual.widgets import Static

    from zizhi.core.clients import listing
    from zizhi.core.clients.search import search_clients
    from zizhi.core.desk import open_desk
    from zizhi.tui.app import ZizhiApp
    from zizhi.tui.client_window import PAGE
    from zizhi.tui.widgets.client_table import ClientTable

    desk = open_desk(db=path, as_user=login)
    last = listing.page(desk, last=True, limit=1)[0][0]

    async def until(pilot, ready) -> float:
        started = time.perf_counter()
        while not ready():
            if time.perf_counter() - started > TIMEOUT_S:
                raise SystemExit("the screen did not update")
            await asyncio.sleep(0.0005)
        return (time.perf_counter() - started) * 1000

    def key(app, name: str, char: str | None = None) -> None:
        """A key press as the terminal driver delivers it."""
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)

    async def run() -> dict:
        app = ZizhiApp(desk)
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(ClientTable)
            status = lambda: str(app.screen.query_one("#list-status", Static).content)  # noqa: E731
            await until(pilot, lambda: table.row_count > 0)
            report = {"status": status(), "last": last["name"]}
            await pilot.pause(0.5)  # the first screen drawn and its client's record loaded
            key(app, "end")
            report["end_ms"] = await until(pilot, lambda: table.client_id == last["id"])
            report["rss_end"] = _memory()["VmRSS"]
            for _ in range(30):
                await pilot.press("pageup")
            await pilot.app.workers.wait_for_complete()
            report["rss_back"] = _memory()["VmRSS"]
            report["keys"] = {}
            for query in QUERIES:
                await pilot.press("slash")
                timings = []
                for n, char in enumerate(query, 1):
                    await asyncio.sleep(GAP_S)
                    key(app, char, char)
                    timings.append(await until(pilot, lambda typed=query[:n]: f"“{typed}”" in status()))
                report["keys"][query] = timings
                app.screen.query_one("#search").value = ""
                await pilot.press("escape")
                await until(pilot, lambda: "“" not in status())
            report["rss_peak"] = _memory()["VmHWM"]
            report["core"] = {}
            for query in QUERIES:
                for n in range(1, len(query) + 1):
                    started = time.perf_counter()
                    search_clients(desk, query[:n], limit=PAGE)
                    report["core"][query[:n]] = (time.perf_counter() - started) * 1000
            return report

    report = asyncio.run(run())
    desk.close()
    print(json.dumps(report))
    os._exit(0)


if __name__ == "__main__":
    main()
