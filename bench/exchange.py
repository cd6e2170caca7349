"""Importing clients at scale: `zizhi import clients` against the floor and the usual tool (issue 11 item 7).

    python bench/exchange.py [--rows 100000] [--keep DIR]

Generates a file of leads (UTF-8 CSV with Chinese headers, valid credit codes and phones) and
the same rows as an Excel workbook, then, in one run, each on a new database:

- ``zizhi import clients FILE`` — whole process: every row checked, matched, indexed for search;
- the floor: ``sqlite3`` ``executemany`` of the same rows, already parsed, into the same clients
  table (its indexes and search triggers) in one transaction — only the insert is timed;
- ``sqlite-utils insert DB leads FILE --csv`` — whole process, into a new plain table (no checks,
  no search index: what loading a CSV usually means);
- ``zizhi import clients FILE.xlsx`` — whole process.

Reports each time, rows per second, the import's peak memory, and the ratios the goals name:
the import's rate over the floor's (goal ≥ 0.5), sqlite-utils' time over the import's (goal ≥ 3),
the workbook's time over the CSV's (goal ≤ 3).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ZIZHI = Path(sys.executable).with_name("zizhi")
SQLITE_UTILS = Path(sys.executable).with_name("sqlite-utils")
HEADERS = ["公司名称", "统一社会信用代码", "联系人", "电话", "城市", "规模", "紧急程度", "渠道", "备注"]
CITIES = ["宁波", "上海", "杭州", "温州", "义乌", "深圳", "广州", "苏州", "青岛", "厦门"]
TRADES = ["进出口贸易", "国际贸易", "供应链管理", "箱包皮具", "五金制品", "纺织服装", "电子科技", "食品"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", help="write the files and databases here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = leads(args.rows)
        source = write_csv(folder / "leads.csv", rows)
        book = write_xlsx(folder / "leads.xlsx", rows)
        found = {
            "import": whole([str(ZIZHI), "--db", str(fresh(folder / "import.db")), "import", "clients", str(source)]),
            "floor": floor(fresh(folder / "floor.db"), rows),
            "sqlite-utils": whole([str(SQLITE_UTILS), "insert", str(folder / "plain.db"), "leads", str(source), "--csv"]),
            "xlsx": whole([str(ZIZHI), "--db", str(fresh(folder / "xlsx.db")), "import", "clients", str(book)]),
        }
    report(args.rows, found)


def leads(count: int) -> list[list[str]]:
    from stdnum.cn import uscc

    rng = random.Random(11)
    rows = []
    for n in range(count):
        body = f"9133{n:010d}MA3"[:17]
        city = rng.choice(CITIES)
        rows.append([f"{city}{rng.choice(TRADES)}第{n}号有限公司", body + uscc.calc_check_digit(body),
                     rng.choice(["王经理", "李先生", "陈女士", "张总"]), f"13{rng.randint(3, 9)}{n:08d}", city,
                     rng.choice(["小型", "中型", "微型"]), rng.choice(["普通", "紧急", "高"]),
                     rng.choice(["展会", "线上", "推荐"]), rng.choice(["广交会", "", "官网留言，需回电"])])
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADERS)
    for n, row in enumerate(rows, start=1):
        for column, cell in enumerate(row):
            if column == 3:
                sheet.write_number(n, column, int(cell))  # a phone typed as a number, as Excel users do
            elif cell:
                sheet.write_string(n, column, cell)
    book.close()
    return path


def fresh(path: Path) -> Path:
    subprocess.run([str(ZIZHI), "--db", str(path), "init"], check=True, capture_output=True)
    return path


def whole(command: list[str]) -> dict:
    """Wall time and peak memory of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[:400]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_mib": peak / 1024 if peak > before else None}


def floor(path: Path, rows: list[list[str]]) -> dict:
    """The same rows, parsed already, as one executemany into the real clients table."""
    sizes = {"小型": "small", "中型": "medium", "微型": "micro"}
    urgencies = {"普通": "normal", "紧急": "urgent", "高": "high"}
    channels = {"展会": "trade_show", "线上": "online", "推荐": "referral"}
    stamp = "2026-12-03 09:00:00"
    values = [(name, code, contact, phone, city, sizes[size], urgencies[urgency], channels[channel], notes or None,
               stamp, stamp) for name, code, contact, phone, city, size, urgency, channel, notes in rows]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("""INSERT INTO clients (name, credit_code, contact, phone, city, size, urgency, channel, notes,
                                             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", values)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return {"seconds": seconds, "peak_mib": None}


def report(count: int, found: dict) -> None:
    print(f"{count:,} rows, Python {sys.version.split()[0]}, {os.cpu_count()} processors\n")
    print("| what | seconds | rows/s | peak MiB |")
    print("|---|---:|---:|---:|")
    for label, row in found.items():
        peak = f"{row['peak_mib']:.0f}" if row["peak_mib"] else "—"
        print(f"| {label} | {row['seconds']:.1f} | {count / row['seconds']:,.0f} | {peak} |")
    ours = found["import"]["seconds"]
    print(f"\nimport rate / floor rate: {found['floor']['seconds'] / ours:.2f} (goal ≥ 0.5)")
    print(f"sqlite-utils time / import time: {found['sqlite-utils']['seconds'] / ours:.2f} (goal ≥ 3)")
    print(f"xlsx time / csv time: {found['xlsx']['seconds'] / ours:.2f} (goal ≤ 3)")


if __name__ == "__main__":
    main()
