"""Time the client search box and the client lists on a (demo) database.

    python bench/search.py PATH [--runs 30] [--as LOGIN]

Queries are taken from a real client in the file, so they find something on any demo database:
its two-character trade name (like 华为), the pinyin initials and full pinyin of that name, a
four-character name fragment, four digits of its phone, the first twelve characters of its credit
code, and a query that matches nothing. Prints a Markdown table of median and p95 milliseconds
(after one warm-up run), with the number of rows returned.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from benchlib import first_admin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zizhi.core.clients import pinyin
from zizhi.core.clients.records import count_clients, list_clients
from zizhi.core.clients.search import search_clients
from zizhi.core.desk import open_desk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--as", dest="login", default=None,
                        help="acting user (default: the first admin); a salesperson sees only their clients")
    args = parser.parse_args()
    desk = open_desk(db=args.path, as_user=args.login or first_admin(args.path), lang="en")
    cases = [(label, lambda q=query: search_clients(desk, q)) for label, query in _queries(desk)]
    cases += [
        ("list_clients, first page (50)", lambda: list_clients(desk)),
        ("list_clients(due=True), first page", lambda: list_clients(desk, due=True)),
        ("count_clients", lambda: [count_clients(desk)]),
    ]
    total = count_clients(desk)
    print(f"{total:,} visible clients, acting as {desk.user['login']} ({desk.user['role']}), "
          f"{args.runs} runs each\n")
    print("| what | median ms | p95 ms | rows |")
    print("|---|---:|---:|---:|")
    for label, call in cases:
        rows = call()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        shown = rows[0] if label == "count_clients" else len(rows)
        print(f"| {label} | {statistics.median(times):.2f} | {p95:.2f} | {shown} |")
    desk.close()


def _queries(desk) -> list[tuple[str, str]]:
    """Search texts built from one real client: (label, query)."""
    client = desk.store.one(
        """SELECT name, city, phone, credit_code FROM clients WHERE archived_at IS NULL
           AND phone GLOB '1*' AND credit_code IS NOT NULL AND substr(name, 1, length(city)) = city
           ORDER BY id LIMIT 1""")
    if not client:
        raise SystemExit("no suitable client in the database; build it with bench/build_db.py")
    trade = client["name"][len(client["city"]):][:2]
    full, initials = pinyin.full_and_initials(trade)
    return [
        (f"2-char name `{trade}`", trade),
        (f"2-letter initials `{initials}`", initials),
        (f"full pinyin `{full}`", full),
        (f"name fragment `{client['name'][len(client['city']):][:4]}`", client["name"][len(client["city"]):][:4]),
        (f"phone fragment `{client['phone'][3:7]}`", client["phone"][3:7]),
        (f"credit code prefix `{client['credit_code'][:12]}`", client["credit_code"][:12]),
        ("no match `不存在的公司`", "不存在的公司"),
    ]


if __name__ == "__main__":
    main()
