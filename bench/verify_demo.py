"""Check every client and deal of a demo database against the core's own rules.

    python bench/verify_demo.py PATH

The demo composes pinyin from name parts and computes follow-ups in bulk; this recomputes both
the slow way for every row (pinyin.keys, interactions.refresh_follow_up's rule) and checks the
credit codes, phones, emails and owners with the core's validators. The deals are written in
bulk too: each one's history must hop one stage at a time, every gate it passed must still hold
(``gates.check_leave``), its owner must be its client's, every quote must re-price to its stored
figures and, once sent, carry legal's approval of its revision (and a manager's when its pricing
needs one), and every contract must add up to its accepted quote and its payments.
~30 s at 100,000 clients.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zizhi.core import validation
from zizhi.core.clients import pinyin
from zizhi.core.errors import InputError
from zizhi.core.pipeline.gates import GateRefused, check_leave
from zizhi.core.pipeline.pricing import FIGURES, price_lines
from zizhi.core.pipeline.stages import ENDINGS, STAGES


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
    problems += _deals(conn) + _quotes(conn) + _contracts(conn)
    for line in problems[:20]:
        print(line)
    total = conn.execute("SELECT count(*) FROM clients").fetchone()[0]
    deals = dict(conn.execute("SELECT stage, count(*) FROM deals GROUP BY stage").fetchall())
    print("deals by stage: " + ", ".join(f"{stage} {deals.get(stage, 0)}" for stage in (*STAGES, *ENDINGS)))
    print(f"{total} clients and {sum(deals.values())} deals checked in {time.perf_counter() - started:.1f} s: "
          f"{len(problems)} problems")
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


def _deals(conn: sqlite3.Connection) -> list[str]:
    """Each deal's history hops one stage at a time to where it is, and every gate it passed holds."""
    from zizhi.core.settings import load

    settings, problems = load(), []
    history: dict[int, list[tuple]] = {}
    for deal_id, start, end, at in conn.execute(
            "SELECT deal_id, from_stage, to_stage, at FROM deal_stages ORDER BY deal_id, id"):
        history.setdefault(deal_id, []).append((start, end, at))
    deals = conn.execute(
        """SELECT d.id, d.stage, d.channel, d.stage_since, d.owner_id IS c.owner_id FROM deals d
           JOIN clients c ON c.id = d.client_id""").fetchall()
    for deal_id, stage, channel, since, owned in deals:
        hops = history.get(deal_id, [])
        if not owned:
            problems.append(f"deal {deal_id}: its owner is not its client's")
        if not hops or hops[0][0] is not None or hops[-1][1] != stage or hops[-1][2] != since:
            problems.append(f"deal {deal_id}: its history does not end at {stage} since {since}")
            continue
        for start, end, _ in hops[1:]:
            if end not in ENDINGS and STAGES.index(end) != STAGES.index(start) + 1:
                problems.append(f"deal {deal_id}: moved from {start} to {end}")
        reached = hops[-1][0] if stage in ENDINGS else stage
        for passed in STAGES[:STAGES.index(reached)]:
            try:
                check_leave(conn, {"id": deal_id, "channel": channel}, passed, settings)
            except GateRefused as exc:
                problems.append(f"deal {deal_id} at {stage}: the {passed} gate fails: {exc.key}")
    return problems


def _quotes(conn: sqlite3.Connection) -> list[str]:
    """Every quote re-prices to its figures; a quote past draft had legal's approval of its revision."""
    problems = []
    lines: dict[int, list[dict]] = {}
    columns = ("quote_id", "code", "quantity", "government_fee", "service_fee", "discount", *FIGURES)
    for row in conn.execute(f"SELECT {', '.join(columns)} FROM quote_lines ORDER BY quote_id, position"):
        lines.setdefault(row[0], []).append(dict(zip(columns, row)))
    reviewed = {(q, r) for q, r in conn.execute(
        """SELECT quote_id, revision FROM reviews r WHERE decision = 'approved' AND id =
           (SELECT max(id) FROM reviews WHERE quote_id = r.quote_id)""")}
    for quote_id, status, expedited, snapshot, revision, needs, approved, *totals in conn.execute(
            """SELECT id, status, expedited, snapshot, revision, needs_approval, approved_by, government_total,
                       service_total, discount_total, surcharge_total, tax_total, total FROM quotes"""):
        pricing = json.loads(snapshot)["pricing"]
        priced, figures = price_lines(lines.get(quote_id, []), bool(expedited), pricing)
        if [figures[f] for f in FIGURES] != totals or any(
                line[f] != again[f] for line, again in zip(lines.get(quote_id, []), priced) for f in FIGURES):
            problems.append(f"quote {quote_id}: its figures are not what pricing makes of its lines")
        if status != "draft" and (quote_id, revision) not in reviewed:
            problems.append(f"quote {quote_id} is {status} without legal's approval of revision {revision}")
        if status != "draft" and needs and not approved:
            problems.append(f"quote {quote_id} is {status} without the manager's pricing approval")
    return problems


def _contracts(conn: sqlite3.Connection) -> list[str]:
    """A contract's instalments add up to its accepted quote; the money applied to them from payments
    not reversed to what the instalments hold (an overpayment's rest is the client's credit, a
    reversed payment pays nothing)."""
    problems = []
    for contract_id, total, quoted, status, scheduled, paid, received in conn.execute(
            """SELECT k.id, k.total, q.total, q.status,
                      (SELECT sum(amount) FROM instalments WHERE contract_id = k.id),
                      (SELECT sum(paid) FROM instalments WHERE contract_id = k.id),
                      (SELECT coalesce(sum(a.amount), 0) FROM allocations a JOIN instalments i ON i.id = a.instalment_id
                       WHERE i.contract_id = k.id
                         AND a.payment_id NOT IN (SELECT payment_id FROM reversals))
               FROM contracts k JOIN quotes q ON q.id = k.quote_id"""):
        if status != "accepted" or not total == quoted == scheduled or paid != received:
            problems.append(f"contract {contract_id}: total {total}, quote {quoted} ({status}), "
                            f"instalments {scheduled}, paid {paid}, applied from live payments {received}")
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
