"""Build a demo database for the benchmarks, and time it.

    python bench/build_db.py PATH [--clients 100000] [--seed 7] [--replace]

Creates PATH on purpose (``init_database``, with ``admin`` as its admin) when it is missing, opens
a desk on it as ``admin`` and calls ``core.demo.fill_demo``. On an existing file it adds more
clients (and their deals), unless --replace deletes the file first. "Today" is the real date
unless ZIZHI_NOW says otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--as", dest="login", default=None, help="acting admin (default: your own account)")
    parser.add_argument("--replace", action="store_true", help="delete PATH (and its -wal/-shm) first")
    args = parser.parse_args()
    if args.replace:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.path}{suffix}").unlink(missing_ok=True)

    started = time.perf_counter()
    from zizhi.core.demo import fill_demo
    from zizhi.core.desk import init_database, open_desk

    if not args.path.exists():  # a database is only ever created on purpose
        init_database(args.path, admin=args.login)
    desk = open_desk(db=args.path, as_user=args.login, lang="en")
    opened = time.perf_counter()
    counts = fill_demo(desk, clients=args.clients, seed=args.seed)
    filled = time.perf_counter()
    desk.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.close()
    done = time.perf_counter()
    size = args.path.stat().st_size / 1e6
    print(f"{args.path}: {counts['clients']:,} clients, {counts['interactions']:,} log entries, "
          f"{counts['tags']:,} tags, {counts['users']} new colleagues, {counts.get('deals', 0):,} deals")
    print(f"open {opened - started:.2f} s · fill_demo {filled - opened:.2f} s "
          f"({counts['clients'] / (filled - opened):,.0f} clients/s) · checkpoint {done - filled:.2f} s · "
          f"file {size:.0f} MB")


if __name__ == "__main__":
    main()
