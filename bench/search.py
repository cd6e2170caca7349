"""Time the client search box and the client counts on two (demo) databases, side by side.

    python bench/search.py SMALL LARGE [--runs 30] [--as LOGIN]

SMALL and LARGE are demo databases of different sizes (100,000 and 300,000 clients in the
README). Queries are taken from one real client of SMALL and asked of both, so each kind of query
is the same text at both sizes: one and two characters of its trade name, 公司 (in nearly every
name), one and two pinyin initials, the full pinyin, a four-character name fragment, the digits 13
and 138 and four digits of its phone, the first twelve and the last six characters of its credit
code, and a text that matches nothing. Then the first page of the client list and of the due
follow-ups, and the counts the app shows: all visible clients and those due. Prints a Markdown table: the median over N runs (after one warm-up) at each size, the
ratio LARGE/SMALL, and the rows found. Each size is timed in its own runs, alternating, so a
shared machine's drift hits both alike.
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
    parser.add_argument("small")
    parser.add_argument("large")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--as", dest="login", default=None,
                        help="acting user (default: the first admin); a salesperson sees only their clients")
    args = parser.parse_args()
    desks = [open_desk(db=path, as_user=args.login or first_admin(path), lang="en")
             for path in (args.small, args.large)]
    cases = [(label, lambda desk, q=query: search_clients(desk, q)) for label, query in _queries(desks[0])]
    cases += [("client list, first page (50)", list_clients),
              ("due follow-ups, first page (50)", lambda desk: list_clients(desk, due=True)),
              ("count of visible clients", lambda desk: [count_clients(desk)]),
              ("count of those due", lambda desk: [count_clients(desk, due=True)])]
    user = desks[0].user
    sizes = [count_clients(desk) for desk in desks]
    print(f"acting as {user['login']} ({user['role']}): {sizes[0]:,} and {sizes[1]:,} visible clients, "
          f"{args.runs} runs each, median ms\n")
    print(f"| query | {sizes[0]:,} | {sizes[1]:,} | ratio | rows |")
    print("|---|---:|---:|---:|---:|")
    for label, call in cases:
        medians, found = _medians(desks, call, args.runs)
        print(f"| {label} | {medians[0]:.2f} | {medians[1]:.2f} | {medians[1] / medians[0]:.2f} | "
              f"{found[0]} / {found[1]} |")
    for desk in desks:
        desk.close()


def _medians(desks, call, runs: int) -> tuple[list[float], list]:
    """Median milliseconds of ``call`` on each desk, runs interleaved; and what the last run found."""
    times: list[list[float]] = [[] for _ in desks]
    found = []
    for desk in desks:
        rows = call(desk)
        found.append(rows[0] if rows and isinstance(rows[0], int) else len(rows))
    for _ in range(runs):
        for i, desk in enumerate(desks):
            started = time.perf_counter()
            call(desk)
            times[i].append((time.perf_counter() - started) * 1000)
    return [statistics.median(t) for t in times], found


def _queries(desk) -> list[tuple[str, str]]:
    """Search texts built from one real client: (label, query)."""
    client = desk.store.one(
        """SELECT name, city, phone, credit_code FROM clients WHERE archived_at IS NULL
           AND phone GLOB '13*' AND credit_code IS NOT NULL AND substr(name, 1, length(city)) = city
           ORDER BY id LIMIT 1""")
    if not client:
        raise SystemExit("no suitable client in the database; build it with bench/build_db.py")
    trade = client["name"][len(client["city"]):]
    full, initials = pinyin.full_and_initials(trade[:2])
    code, phone = client["credit_code"], client["phone"]
    return [
        (f"1 Chinese character `{trade[0]}`", trade[0]),
        (f"2 Chinese characters `{trade[:2]}`", trade[:2]),
        ("2 common characters `公司`", "公司"),
        (f"1 pinyin initial `{initials[0]}`", initials[0]),
        (f"2 pinyin initials `{initials}`", initials),
        (f"full pinyin `{full}`", full),
        (f"4 characters of a name `{trade[:4]}`", trade[:4]),
        ("phone digits `13`", "13"),
        ("phone digits `138`", "138"),
        (f"4 digits of a phone `{phone[3:7]}`", phone[3:7]),
        (f"credit code, first 12 `{code[:12]}`", code[:12]),
        (f"credit code, last 6 `{code[-6:]}`", code[-6:]),
        ("no match `不存在的公司`", "不存在的公司"),
    ]


if __name__ == "__main__":
    main()
