"""Whole-process time of a CLI command, against a one-option Typer command in the same venv.

    python bench/cli_start.py [PATH] [--runs 7] [--clients 50]

Without PATH a small demo database is built in a temporary folder (``zizhi --db X demo``); with
PATH that file is used as it is. Each round runs, as fresh processes, ``zizhi --db PATH --as
ADMIN client list --json`` and a script whose only content is a Typer command with one option,
alternating which goes first so that drift on a shared machine hits both alike. The first run of
each is a warm-up (migrations, byte-code). Reports median and minimum (best-of-N) per command and
the ratio of the two; the goal is a best-of-7 ratio of at most 1.3.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import first_admin, steady_environment

ROOT = Path(__file__).resolve().parent.parent
ZIZHI = Path(sys.executable).with_name("zizhi")
ONE_OPTION = '''import typer

app = typer.Typer()


@app.command()
def main(name: str = typer.Option("world", help="Who to greet.")) -> None:
    """Greet someone."""
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--clients", type=int, default=50, help="demo clients when no PATH is given")
    args = parser.parse_args()
    steady = steady_environment("zizhi-cli-start-")
    with tempfile.TemporaryDirectory() as folder:
        path = args.path or _demo_database(Path(folder) / "zizhi.db", args.clients)
        script = Path(folder) / "one_option.py"
        script.write_text(ONE_OPTION, encoding="utf-8")
        commands = {
            "`zizhi client list --json`": [str(ZIZHI), "--db", str(path), "--as", first_admin(str(path)),
                                           "client", "list", "--json"],
            "one-option Typer command": [sys.executable, str(script), "--name", "zizhi"],
        }
        times = _interleaved(commands, args.runs)
    shutil.rmtree(steady, ignore_errors=True)
    _report(path if args.path else f"a demo database of {args.clients} clients", times, args.runs)


def _demo_database(path: Path, clients: int) -> Path:
    subprocess.run([str(ZIZHI), "--db", str(path), "demo", "--clients", str(clients)], check=True,
                   capture_output=True, cwd=ROOT)
    return path


def _interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Run each command ``runs`` times (after one warm-up), alternating which goes first."""
    for command in commands.values():
        _whole(command)
    times: dict[str, list[float]] = {label: [] for label in commands}
    for round_ in range(runs):
        order = list(commands) if round_ % 2 == 0 else list(reversed(commands))
        for label in order:
            times[label].append(_whole(commands[label]))
    return times


def _whole(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def _report(source: str, times: dict[str, list[float]], runs: int) -> None:
    print(f"{source}: {runs} interleaved runs each, Python {sys.version.split()[0]}\n")
    print("| what | median ms | min ms |")
    print("|---|---:|---:|")
    for label, values in times.items():
        print(f"| {label} | {statistics.median(values):.0f} | {min(values):.0f} |")
    cli, typer_only = times.values()
    print(f"| **ratio** | **{statistics.median(cli) / statistics.median(typer_only):.2f}** | "
          f"**{min(cli) / min(typer_only):.2f}** |")


if __name__ == "__main__":
    main()
