"""Check every client of a demo database against the core's own rules.

    python bench/verify_demo.py PATH

The demo composes pinyin from name parts and computes follow-ups in bulk; this recomputes both
the slow way for every row (pinyin.keys, interactions.refresh_follow_up's rule) and checks the
credit codes, phones, emails and owners with the core's validators. ~20 s at 100,000 clients.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zizhi.core import validation
from zizhi.core.clients import pinyin
from zizhi.core.errors import InputError


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    args = parser.parse_args()
    conn = sqlite3.connect(f"file:{args.path}?mode=ro", uri=True)
    started = time.perf_counter()
    problems: list[str] = []
    owners = {r[0] for r in conn.execute("SELECT id FROM users WHERE role = 'sales' AND on_duty AND active")}
    for user_id, login in conn.execute(
            """SELECT u.id, u.login FROM users u WHERE u.on_duty AND NOT EXISTS
               (SELECT 1 FROM exams e WHERE e.user_id = u.id AND e.passed)"""):
        problems.append(f"user {login} is on duty without a passed exam")
    codes = set()
    rows = conn.execute("SELECT id, name, contact, pinyin, credit_code, phone, email, owner_id FROM clients")
    for client_id, name, contact, keys, code, phone, email, owner in rows:
        if keys != pinyin.keys(name, contact):
            problems.append(f"client {client_id}: pinyin {keys!r} != {pinyin.keys(name, contact)!r}")
        try:
            if validation.credit_code(code) != code or validation.phone(phone) != phone \
                    or validation.email(email) != email:
                problems.append(f"client {client_id}: a value is not in its normal form")
        except InputError as exc:
            problems.append(f"client {client_id}: {exc.key} {exc.params}")
        if code in codes:
            problems.append(f"client {client_id}: duplicate credit code {code}")
        codes.add(code)
        if owner is not None and owner not in owners:
            problems.append(f"client {client_id}: owner {owner} is not an on-duty salesperson")
    problems += _follow_ups(conn)
    for line in problems[:20]:
        print(line)
    total = conn.execute("SELECT count(*) FROM clients").fetchone()[0]
    print(f"{total} clients checked in {time.perf_counter() - started:.1f} s: {len(problems)} problems")
    return 1 if problems else 0


def _follow_ups(conn: sqlite3.Connection) -> list[str]:
    """Replay ``refresh_follow_up`` on every client's log and compare with the stored columns."""
    expected: dict[int, tuple] = {}
    for client_id, at, step, due in conn.execute(
            "SELECT client_id, at, next_step, next_date FROM interactions ORDER BY client_id, at, id"):
        last, pending = expected.get(client_id, (None, None))
        if due:
            pending = (step, due)
        elif pending and at[:10] >= pending[1]:
            pending = None
        expected[client_id] = (at, pending)
    problems = []
    for client_id, last, step, due in conn.execute(
            "SELECT id, last_contact_at, next_step, next_date FROM clients"):
        at, pending = expected.get(client_id, (None, None))
        if (last, step, due) != (at, *(pending or (None, None))):
            problems.append(f"client {client_id}: follow-up {(last, step, due)} != {(at, pending)}")
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
