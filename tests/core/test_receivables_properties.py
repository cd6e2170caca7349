"""Properties of the receivables over random histories, each on a fresh real SQLite file: payments
(some back-dated as far as the rule allows), reversals, credit applied, refunds, write-offs and
amendments on random days. On every day of the history the books add up — allocations exactly,
aging buckets to the outstanding, statements to the aging total, reconciliations to their
flows — a report made on a day reads the same when made again later, a payment then its reversal
leaves every balance as it was, and no float reaches storage."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.core.test_contracts import accept_quote
from tests.core.test_ledger import signed
from zizhi.core import clock
from zizhi.core.desk import init_database, open_desk
from zizhi.core.errors import InputError, UserError
from zizhi.core.people import users as people
from zizhi.core.pipeline import amendments, contracts, deals
from zizhi.core.receivables import aging, in_force, ledger, positions
from zizhi.core.receivables.reconciliation import reconcile
from zizhi.core.receivables.statement import statement

START = dt.date(2026, 11, 27)
KINDS = ("pay", "pay", "pay_contract", "reverse", "credit", "refund", "write_off", "amend")
STEPS = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(1, 300_000), st.integers(0, 9), st.integers(0, 6)),
                 min_size=1, max_size=12)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@contextmanager
def books():
    """A fresh database: Li Na's client with two signed contracts (11-17 and 11-27), finance and a
    manager — the same books as test_ledger's ``two``, new for every example."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "zizhi.db"
        clock.set_now("2026-11-17 09:00:00")
        init_database(path, admin="boss")
        opened = {login: None for login in ("boss", "li", "qian", "zhao")}
        opened["boss"] = open_desk(db=path, as_user="boss", lang="en")
        for login, name, role in (("li", "李娜", "sales"), ("qian", "钱会计", "finance"), ("zhao", "赵经理", "manager")):
            people.add_user(opened["boss"], login, name, role)
        people.record_exam(opened["boss"], "li", 90)
        for login in ("li", "qian", "zhao"):
            opened[login] = open_desk(db=path, as_user=login, lang="en")
        li = opened["li"]
        first = signed(li, "宁波海天国际贸易有限公司")
        clock.set_now(f"{START} 09:00:00")
        deal = deals.open_deal(li, str(first["client_id"]), ["CIQ-FILING"])
        deals.assess(li, deal["id"], "需求合理")
        deals.move(li, deal["id"], "proposal")
        accept_quote(li, deal, None)
        deals.move(li, deal["id"], "contract")
        second = contracts.new_contract(li, deal["id"])
        contracts.sign(li, second["id"])
        try:
            yield {"li": li, "finance": opened["qian"], "manager": opened["zhao"], "boss": opened["boss"],
                   "client": first["client_id"], "contracts": (first["id"], second["id"])}
        finally:
            for desk in opened.values():
                desk.close()


def play(b: dict, steps, snapshots: dict | None = None) -> dt.date:
    """Run the steps, each on its day; refusals the ledger makes are fine. With ``snapshots``, keep
    the day's aging and client position after each step, dropping those an entry dated on or
    before their day has since changed (what back-dating is for). Returns the last day."""
    finance, client, made, day = b["finance"], b["client"], [], START
    for kind, amount, gap, back in steps:
        day += dt.timedelta(days=gap)
        clock.set_now(f"{day} 09:00:00")
        on = _dated(kind, day, back)
        try:
            if kind in ("pay", "pay_contract"):
                contract = b["contracts"][amount % 2] if kind == "pay_contract" else None
                made.append(ledger.record_payment(finance, client, amount, on, contract_ref=contract)["id"])
            elif kind == "reverse" and made:
                ledger.reverse_payment(finance, made.pop(amount % len(made)), "测试冲销", on)
            elif kind == "credit":
                ledger.apply_credit(finance, client, on)
            elif kind == "refund":
                ledger.refund(finance, client, amount % 50_000 + 1, "退款", on)
            elif kind == "write_off":
                number = contracts.get_contract(finance, b["contracts"][amount % 2])["number"]
                ledger.write_off(b["manager"], f"{number}:{amount % 2 + 1}", "核销", amount % 50_000 + 1, on)
            elif kind == "amend":
                on = day.isoformat()
                _amend(b, amount, back)
            else:
                continue
        except (UserError, InputError) as refused:  # no credit, beyond owed, against the credit policy …
            event(f"refused: {refused.key}")
            continue
        event(f"{kind}{' back-dated' if on < day.isoformat() else ''}")
        if snapshots is not None:
            for seen in [d for d in snapshots if d >= on]:
                del snapshots[seen]
            snapshots[day.isoformat()] = _report(b, day.isoformat())
    return day


def _dated(kind: str, day: dt.date, back: int) -> str:
    """``back`` days before ``day``: the ledger refuses what the back-dating rule does not allow
    (and a payment on a contract before its signing)."""
    return (day - dt.timedelta(days=back)).isoformat()


def _amend(b: dict, amount: int, back: int) -> None:
    """A new schedule: each instalment a little later, the last larger or smaller (never below what
    is on record), sometimes one more instalment."""
    contract = contracts.get_contract(b["li"], b["contracts"][amount % 2])
    schedule = []
    for item in contract["instalments"]:
        due = (dt.date.fromisoformat(item["due_on"]) + dt.timedelta(days=back)).isoformat()
        schedule.append([due, item["amount"]])
    recorded = contract["instalments"][-1]["paid"] + contract["instalments"][-1]["written_off"]
    schedule[-1][1] = max(recorded, 1, schedule[-1][1] + amount % 60_001 - 30_000)
    if amount % 3 == 0:
        schedule.append(["2027-03-15", 20_000])
    amendments.amend(b["li"], contract["id"], [tuple(s) for s in schedule], "补充协议",
                     total=sum(amount for _, amount in schedule))


def _report(b: dict, day: str) -> tuple:
    return aging.aging(b["finance"], as_of=day), ledger.balance(b["finance"], b["client"], as_of=day)


def _days(last: dt.date):
    day = START - dt.timedelta(days=11)
    while day <= last:
        yield day.isoformat()
        day += dt.timedelta(days=1)


def _months(last: dt.date) -> list[str]:
    months, day = [], dt.date(2026, 11, 1)
    while day <= last:
        months.append(f"{day:%Y-%m}")
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def check_the_day(b: dict, day: str) -> None:
    """On ``day``: no instalment settled beyond its amount, no credit below nothing, the buckets
    adding up to the outstanding, and the outstanding the same in the aging and the ledger."""
    conn = b["finance"].store.conn
    paid, written_off = positions.amounts(day)
    left = [row[0] for row in conn.execute(
        f"""SELECT i.amount - {paid} - {written_off} FROM {in_force.instalments(day)} i
            JOIN contracts k ON k.id = i.contract_id WHERE k.signed_on <= :d""", {"d": day}).fetchall()]
    assert all(owed >= 0 for owed in left), (day, left)
    position = ledger.balance(b["finance"], b["client"], as_of=day)
    assert position["credit"] >= 0, day
    report = aging.aging(b["finance"], as_of=day)
    assert sum(report["totals"].values()) == report["total"] == sum(left) == position["owed"], day
    assert all(sum(row["buckets"].values()) == row["total"] for row in report["rows"])


def check_allocations(b: dict) -> None:
    """Every allocation is whole fen, no payment gives more than it brought, each instalment's kept
    sums are its live rows, and money in = money allocated + credit + refunds."""
    conn = b["finance"].store.conn
    assert conn.execute("""SELECT count(*) FROM payments p WHERE p.amount <
                           (SELECT coalesce(sum(a.amount), 0) FROM allocations a WHERE a.payment_id = p.id)""").fetchone()[0] == 0
    live = "NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = a.payment_id)"
    for paid, written_off, amount, allocated, off in conn.execute(
            f"""SELECT i.paid, i.written_off, i.amount,
                       (SELECT coalesce(sum(a.amount), 0) FROM allocations a WHERE a.instalment_id = i.id AND {live}),
                       (SELECT coalesce(sum(w.amount), 0) FROM write_offs w WHERE w.instalment_id = i.id)
                FROM instalments i""").fetchall():
        assert (paid, written_off) == (allocated, off) and paid + written_off <= amount
    received = conn.execute("""SELECT coalesce(sum(amount), 0) FROM payments p
                               WHERE NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = p.id)""").fetchone()[0]
    allocated = conn.execute(f"SELECT coalesce(sum(amount), 0) FROM allocations a WHERE {live}").fetchone()[0]
    refunded = conn.execute("SELECT coalesce(sum(amount), 0) FROM refunds").fetchone()[0]
    assert received == allocated + positions.credit(conn, b["client"]) + refunded


def check_the_months(b: dict, last: dt.date) -> None:
    """Each month's statement runs through, closes on the aging total and opens where the last
    closed; each month's reconciliation closes on its flows and on the aging total."""
    closing = None
    for month in _months(last):
        found = statement(b["finance"], b["client"], period=month)
        owed = found["opening"]["owed"] + sum(line["owed"] for line in found["lines"])
        credit = found["opening"]["credit"] + sum(line["credit"] for line in found["lines"])
        assert (owed, credit) == (found["closing"]["owed"], found["closing"]["credit"]), month
        assert found["closing"]["owed"] == aging.aging(b["finance"], as_of=found["to"])["total"], month
        if closing is not None:
            assert found["opening"] == closing, month
        closing = {"owed": found["closing"]["owed"], "credit": found["closing"]["credit"]}
        totals = reconcile(b["finance"], month)["totals"]
        assert totals["closing"] == (totals["opening"] + totals["new"] - totals["received"] + totals["reversed"]
                                     + totals["refunded"] - totals["written_off"]), month
        assert totals["closing_owed"] == found["closing"]["owed"] and totals["closing_credit"] == found["closing"]["credit"]


@PROPERTY
@given(steps=STEPS)
@example(steps=[("pay", 143_100, 1, 0), ("reverse", 0, 5, 0), ("pay", 143_100, 2, 4)])  # paid before a reversal
@example(steps=[("pay", 300_000, 1, 0), ("pay", 100_000, 3, 0), ("refund", 6_999, 1, 3)])  # refunded before paid
def test_every_day_of_any_history_adds_up_and_reads_as_it_did_then(steps):
    with books() as b:
        snapshots: dict[str, tuple] = {}
        last = play(b, steps, snapshots)
        check_allocations(b)
        for day in _days(last):
            check_the_day(b, day)
        check_the_months(b, last)
        for day, then in snapshots.items():
            assert _report(b, day) == then, day
        assert_no_float_in_storage(b["finance"].store.conn)


@PROPERTY
@given(steps=STEPS, amount=st.integers(1, 500_000), gap=st.integers(0, 5))
def test_a_payment_then_its_reversal_leaves_every_balance_as_it_was(steps, amount, gap):
    with books() as b:
        today = play(b, steps)
        finance, client = b["finance"], b["client"]
        later = (today + dt.timedelta(days=gap)).isoformat()

        def balances(day: str) -> tuple:
            kept = [(i["paid"], i["written_off"]) for k in b["contracts"]
                    for i in contracts.get_contract(finance, k)["instalments"]]
            return _report(b, day), statement(finance, client, start="2026-11-01", end=day)["closing"], kept

        before = balances(later)
        paid = ledger.record_payment(finance, client, amount, today.isoformat())
        clock.set_now(f"{later} 09:00:00")
        ledger.reverse_payment(finance, paid["id"], "登记错误", later)
        assert balances(later) == before
        if gap:  # on the days between, the payment counted
            counted = ledger.balance(finance, client, as_of=today.isoformat())
            assert counted["owed"] - counted["credit"] == before[0][1]["owed"] - before[0][1]["credit"] - amount


def assert_no_float_in_storage(conn) -> None:
    """Every column of INTEGER affinity holds whole numbers, no column anywhere a float, and every
    money column is declared INTEGER."""
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()]
    checked = 0
    for table in tables:
        for _, column, declared, *_ in conn.execute(f'PRAGMA table_info("{table}")').fetchall():
            floats = conn.execute(f'SELECT count(*) FROM "{table}" WHERE typeof("{column}") = \'real\'').fetchone()[0]
            assert floats == 0, f"{table}.{column} holds {floats} floats"
            if "INT" in declared.upper():
                checked += 1
                wrong = conn.execute(f"""SELECT count(*) FROM "{table}"
                                         WHERE typeof("{column}") NOT IN ('integer', 'null')""").fetchone()[0]
                assert wrong == 0, f"{table}.{column} holds {wrong} values that are not integers"
            elif re.fullmatch(r"(amount|total|paid|written_off|old_total|new_total|\w+_fen|\w+_amount)", column):
                raise AssertionError(f"money column {table}.{column} is declared {declared!r}, not INTEGER")
    assert checked > 50


def test_no_float_reaches_storage_after_the_demo(tmp_path, isolated):
    """``zizhi demo`` run as a user runs it: the installed command, in a process of its own."""
    import os
    import subprocess
    import sys

    db = tmp_path / "demo.db"
    env = {**os.environ, "ZIZHI_NOW": "2026-11-27T09:00:00", "ZIZHI_CONFIG": str(isolated)}
    command = Path(sys.executable).with_name("zizhi")
    done = subprocess.run([str(command), "--db", str(db), "demo", "--clients", "200"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM instalments").fetchone()[0] > 0
        assert_no_float_in_storage(conn)
    finally:
        conn.close()
