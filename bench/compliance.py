"""Time the compliance reads (issue 12 items 7–9) on a demo database, as the register grows.

    python bench/compliance.py PATH [--runs N] [--stress]

Opens a desk on PATH (built by ``build_db.py``) as its first admin and as wang.fang, and times the
core functions the CLI and the app call — the two agenda sources (every notice not yet
acknowledged, every risk review due), the notices touching a deal, the notice list, the risk
register, its heat map, who is overdue for training — as the best and median of N runs (default
15). ``--stress`` first copies PATH to a temporary file and adds 500 notices (each touching 1–3
qualifications, read by a random part of the team) and 5,000 risks, far beyond what a company
records in years, so the figures show what the indexes keep. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import first_admin  # noqa: E402


def stressed(path: str) -> str:
    copy = Path(tempfile.mkdtemp()) / "compliance.db"
    shutil.copyfile(path, copy)
    rng = random.Random(1)
    codes = ["TRADE-RIGHTS", "CUSTOMS-REG", "CIQ-FILING", "EXPORT-LICENCE", "ORIGIN-REG", "AEO-ADVANCED"]
    with sqlite3.connect(copy) as conn:
        users = [row[0] for row in conn.execute("SELECT id FROM users")]
        for n in range(500):
            notice = conn.execute(
                """INSERT INTO policy_notices (title, summary, effective_on, created_at, created_by)
                   VALUES (?, '摘要', '2026-06-01', ?, ?)""",
                [f"通知 {n}", f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d} 10:00:00", users[0]]).lastrowid
            conn.executemany("INSERT INTO notice_codes VALUES (?, ?)",
                             [(notice, code) for code in rng.sample(codes, rng.randint(1, 3))])
            conn.executemany("INSERT INTO notice_acks VALUES (?, ?, '2026-11-01 09:00:00')",
                             [(notice, user) for user in rng.sample(users, rng.randint(0, len(users)))])
        for n in range(5000):
            status = rng.choice(["open", "mitigating", "closed"])
            conn.execute(
                """INSERT INTO risks (category, description, likelihood, impact, owner_id, status, next_review_on,
                   created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01', ?, '2026-01-01')""",
                [rng.choice(["legal", "credit", "market", "operational", "other"]), f"风险 {n}", rng.randint(1, 5),
                 rng.randint(1, 5), rng.choice(users), status,
                 None if status == "closed" else f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", users[0]])
    return str(copy)


def timed(function, runs: int) -> tuple[float, float]:
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--stress", action="store_true")
    args = parser.parse_args()
    path = stressed(args.path) if args.stress else args.path

    from zizhi.core import clock
    from zizhi.core.compliance import notices, risks, training
    from zizhi.core.desk import open_desk
    from zizhi.core.reminders import sources

    admin = open_desk(db=path, as_user=first_admin(path))
    wang = open_desk(db=path, as_user="wang.fang")
    day = clock.today().isoformat()
    some = admin.store.scalar("SELECT min(id) FROM policy_notices")
    reads = {
        "agenda source: notices not acknowledged (everyone)": lambda: sources.notice(admin, day),
        "… wang.fang's own": lambda: sources.notice(wang, day, wang.user["id"]),
        "agenda source: risk reviews due (everyone)": lambda: sources.risk_review(admin, day),
        "notices touching a deal (2 codes)": lambda: notices.affecting(wang, ["TRADE-RIGHTS", "CUSTOMS-REG"]),
        "notice list (legal's view, with counts)": lambda: notices.list_notices(admin),
        "notice show (who has and has not read it)": lambda: notices.get_notice(admin, some),
        "risk list": lambda: risks.list_risks(admin),
        "risk map": lambda: risks.heat_map(admin),
        "training overdue --all": lambda: training.overdue(admin, everyone=True),
    }
    print(f"{admin.store.scalar('SELECT count(*) FROM policy_notices')} notices, "
          f"{admin.store.scalar('SELECT count(*) FROM risks')} risks, "
          f"{admin.store.scalar('SELECT count(*) FROM clients')} clients\n")
    print("| read | best ms | median ms |\n|---|---:|---:|")
    for name, function in reads.items():
        best, median = timed(function, args.runs)
        print(f"| {name} | {best:.2f} | {median:.2f} |")
    if args.stress:
        shutil.rmtree(Path(path).parent)


if __name__ == "__main__":
    main()
