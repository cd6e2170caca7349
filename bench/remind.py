"""Whole-process time of cron's `zizhi remind` on a large database, against a one-option Typer
command in the same venv (issue 10 item 5).

    python bench/remind.py PATH [--runs 7] [--as-of DATE]

PATH is used as it is — copy the 100,000-client demo to a file of your own first: the first run
claims every reminder due (tens of thousands of outbox rows), and later runs find them sent. Each
round runs, as fresh processes, ``zizhi --db PATH --as ADMIN remind`` (the morning's run with
nothing new: the agenda computed, the outbox read, nothing printed — what cron does every
morning after the first), the same run on a new, empty database (process start: everything a
run imports and opens, with no rows to read) and a script whose only content is a Typer command with one option,
alternating their order so that drift on a shared machine hits all alike. The first run of each
is a warm-up (and the claim of everything due). Reports median and minimum per command and each
zizhi figure's ratio to the Typer command; the goals are a run well under a second and a process
start of at most 1.3× the Typer command. Every process runs as after a first start:
compiled modules cached and the configuration's checked values kept, in a folder of the bench's
(benchlib.steady_environment).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import first_admin, steady_environment
from cli_start import ONE_OPTION, _whole

ROOT = Path(__file__).resolve().parent.parent
ZIZHI = Path(sys.executable).with_name("zizhi")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--as-of", default=None, help="the day to run for (default: the company's today)")
    args = parser.parse_args()
    day = ["--as-of", args.as_of] if args.as_of else []
    steady = steady_environment("zizhi-remind-")
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "one_option.py"
        script.write_text(ONE_OPTION, encoding="utf-8")
        empty = Path(folder) / "empty.db"
        subprocess.run([str(ZIZHI), "--db", str(empty), "init"], check=True, capture_output=True, cwd=ROOT)
        zizhi = [str(ZIZHI), "--db", args.path, "--as", first_admin(args.path), "remind"]
        commands = {
            "`zizhi remind` (nothing new)": [*zizhi, *day],
            "`zizhi remind` on an empty database (process start)": [str(ZIZHI), "--db", str(empty), "remind", *day],
            "one-option Typer command": [sys.executable, str(script), "--name", "zizhi"],
        }
        times = _interleaved(commands, args.runs)
    shutil.rmtree(steady, ignore_errors=True)
    _report(args.path, times, args.runs)


def _interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Run each command ``runs`` times (after one warm-up), rotating which goes first."""
    for command in commands.values():
        _whole(command)
    times: dict[str, list[float]] = {label: [] for label in commands}
    labels = list(commands)
    for round_ in range(runs):
        shift = round_ % len(labels)
        for label in labels[shift:] + labels[:shift]:
            times[label].append(_whole(commands[label]))
    return times


def _report(source: str, times: dict[str, list[float]], runs: int) -> None:
    print(f"{source}: {runs} interleaved runs each, Python {sys.version.split()[0]}\n")
    print("| what | median ms | min ms | ratio to Typer (median / min) |")
    print("|---|---:|---:|---:|")
    typer_only = times["one-option Typer command"]
    for label, values in times.items():
        ratio = f"{statistics.median(values) / statistics.median(typer_only):.2f} / {min(values) / min(typer_only):.2f}"
        print(f"| {label} | {statistics.median(values):.0f} | {min(values):.0f} | {ratio} |")


if __name__ == "__main__":
    main()
