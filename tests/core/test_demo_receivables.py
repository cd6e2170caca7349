"""The demo's money owed (issue 9 item 12): debts at every step of the dunning ladder, payments
partial, reversed and overpaid, invoices normal, special and red-lettered, promises kept and
broken, a write-off through a terminated contract and last month reconciled — and the reports
agreeing with each other to the fen, as a new user trying the README would check them.

One real SQLite file of 300 clients, the clock at 2026-11-27 (a Friday), the shipped configuration.
"""

from __future__ import annotations

import pytest

from zizhi.core import demo
from zizhi.core.audit import list_entries
from zizhi.core.receivables import aging, dunning, ledger, reconciliation, statement

N = 300


@pytest.fixture
def tour(desk):
    return demo.fill_demo(desk, clients=N, seed=7)["tour"]


def client_id(desk, name: str) -> int:
    return desk.store.scalar("SELECT id FROM clients WHERE name = ?", [name])


def test_today_asks_for_every_step_of_the_ladder(desk, tour):
    due = dunning.due(desk)["actions"]
    by_client = {(row["client"], row["action"]) for row in due}
    for story, action in [("due_soon", "friendly_reminder"), ("reminder", "reminder"), ("call", "call"),
                          ("letter", "letter"), ("visit", "visit"), ("escalation", "escalation"),
                          ("partial", "call"), ("promise_broken", "letter"), ("reversed", "reminder")]:
        assert (tour[story], action) in by_client, story
    escalated = [row for row in due if row["client"] == tour["escalation"]]
    assert {row["person"] for row in escalated} >= {"liu.yang"} and all(row["flagged"] for row in escalated)
    broken = next(row for row in due if row["client"] == tour["promise_broken"])
    assert broken["reason"] == "broken_promise" and broken["promise"]["state"] == "broken"
    quiet = {tour[s] for s in ("promise_kept", "overpaid", "paid", "written_off")}
    assert not quiet & {row["client"] for row in due}


def test_each_step_was_logged_on_its_day_and_the_kept_promise_is_kept(desk, tour):
    letter = dunning.history(desk, client_id(desk, tour["letter"]))
    assert [a["action"] for a in reversed(letter["actions"])] == ["friendly_reminder", "reminder", "call"]
    kept = dunning.history(desk, client_id(desk, tour["promise_kept"]))
    (promise,) = [a for a in kept["actions"] if a["promise_on"]]
    assert promise["promise_state"] == "kept"
    assert kept["debts"] and not any(d["due"] for d in kept["debts"])  # half paid, the rest not yet at the letter


def test_payments_partial_reversed_and_overpaid(desk, tour):
    partial = ledger.balance(desk, client_id(desk, tour["partial"]))
    assert 0 < partial["owed"] and partial["instalments"][-1]["paid"] > 0
    reversed_ = ledger.list_payments(desk, client_id(desk, tour["reversed"]))
    assert [p["reversed_on"] is not None for p in reversed_].count(True) == 1
    overpaid = ledger.balance(desk, client_id(desk, tour["overpaid"]))
    assert overpaid["credit"] == 50_000 and overpaid["owed"] == 0


def test_invoices_normal_special_and_one_red_lettered(desk, tour):
    rows = desk.store.rows("SELECT client_id, type, amount, reverses_id FROM invoices")
    assert {r["type"] for r in rows} == {"normal", "special"}
    (red,) = [r for r in rows if r["reverses_id"]]
    assert red["client_id"] == client_id(desk, tour["reversed"]) and red["amount"] < 0
    (special,) = [r for r in rows if r["type"] == "special"]
    assert special["client_id"] == client_id(desk, tour["paid"])


def test_the_write_off_came_with_the_termination(desk, tour):
    written = desk.store.rows(
        """SELECT w.amount, k.ended_on, d.stage FROM write_offs w JOIN instalments i ON i.id = w.instalment_id
           JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id WHERE d.client_id = ?""",
        [client_id(desk, tour["written_off"])])
    assert len(written) == 1 and written[0]["stage"] == "cancelled" and written[0]["amount"] > 0
    assert ledger.balance(desk, client_id(desk, tour["written_off"]))["owed"] == 0
    (entry,) = list_entries(desk, action="contract.terminate")
    assert entry["user"] == "liu.yang"


def test_aging_statement_and_reconciliation_agree_to_the_fen(desk, tour):
    report = aging.aging(desk)
    for story in ("partial", "escalation", "promise_broken", "overpaid"):
        cid = client_id(desk, tour[story])
        row = next((r for r in report["rows"] if r["client_id"] == cid), {"total": 0})
        told = statement.statement(desk, cid, start="2026-01-01", end="2026-11-27")
        assert told["closing"]["owed"] == row["total"], story
        lines = sum(line["owed"] for line in told["lines"])
        assert told["opening"]["owed"] + lines == told["closing"]["owed"]
    month = reconciliation.reconcile(desk, "2026-10")
    assert month["reconciled"]["by"] == "sun.li" and not month["reconciled"]["changed"]
    assert month["totals"]["closing_owed"] == aging.aging(desk, as_of="2026-10-31")["total"]
    t = month["totals"]
    assert t["closing"] == (t["opening"] + t["new"] - t["received"] + t["reversed"] + t["refunded"]
                            - t["written_off"])
    this_month = reconciliation.reconcile(desk, "2026-11")
    assert this_month["totals"]["opening"] == t["closing"]
    assert this_month["totals"]["closing_owed"] == report["total"]
    assert this_month["totals"]["written_off"] > 0 and this_month["totals"]["reversed"] > 0


def test_the_story_is_told_by_the_team_through_the_audit_trail(desk, tour):
    payments = list_entries(desk, action="payment.record", limit=100)
    assert payments and {e["user"] for e in payments} == {"sun.li"}
    logged = list_entries(desk, action="dunning.log", limit=200)
    assert {e["user"] for e in logged} >= {"liu.yang"} and len({e["user"] for e in logged}) >= 3
    assert desk.store.scalar("SELECT count(*) FROM reconciled_periods WHERE period = '2026-10'") == 1


def test_a_second_demo_added_keeps_last_months_mark(desk, tour):
    again = demo.fill_demo(desk, clients=50, seed=7, add=True)
    assert again["reconciled_months"] == 0 and again["debts"] == len(demo.debts.DEBTS)
    assert desk.store.scalar("SELECT count(*) FROM reconciled_periods") == 1
