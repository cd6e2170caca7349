"""Each salesperson's quarterly KPIs, checked against figures worked out by hand from a small story
acted out day by day through the real operations:

- Li signs client 甲 on 2026-08-10 (¥2,862.00: two instalments of ¥1,431.00); finance records
  ¥500.00 on 09-20 and reverses it on 10-05 (a mistake found next quarter).
- Li opens a deal with client 乙 on 10-01, signs it on 10-10, finance records the prepayment
  ¥1,431.00 on 10-20 and Li moves it to payment that day (19 days in the contract stage).
- On 11-01 the manager gives client 乙 to Wang; finance records the rest, ¥1,431.00, on 11-15.
- Wang opens a deal with client 丙 on 11-20 and loses it on 11-25 (5 days in proposal).
- The authority approves 甲 on 10-12 and rejects 乙 on 11-20; visits to 甲 score 5 (10-15) and 4
  (10-20), to 乙 3 (11-20) — written as operations would leave them.

So for 2026Q4: Li has revenue −500.00 + 1,431.00 = ¥931.00, contract value ¥2,862.00, one new
client, satisfaction 4.50 of 2, success 1/1, won 1 lost 0, contract stage 19 days; Wang has
revenue ¥1,431.00, nothing signed, satisfaction 3.00 of 1, success 0/1, won 0 lost 1, proposal
5 days. For 2026Q3 Li has ¥500.00 — still, after the reversal in Q4.
"""

from __future__ import annotations

import pytest

from tests.core.test_contracts import TOTAL, proposal_deal, ready_deal
from zizhi.core import audit, clock
from zizhi.core.clients import records as clients
from zizhi.core.errors import InputError, NotFound, Refused
from zizhi.core.kpi import figures, quarters, records, targets
from zizhi.core.people import users as people
from zizhi.core.pipeline import contracts, deals
from zizhi.core.receivables import ledger

HALF = TOTAL // 2  # 143,100 fen: rating B prepays 50 %


def signed_on(sales, day: str, name: str) -> dict:
    """A deal of a new client made on ``day`` at the contract stage, its contract signed that day."""
    with clock.travel(f"{day} 10:00"):
        deal = ready_deal(sales, name=name)
        contract = contracts.new_contract(sales, deal["id"])
        contracts.sign(sales, contract["id"], day)
    return {"deal": deal, "contract": contracts.get_contract(sales, contract["id"])}


def outcome(desk, deal_id: int, result: str, day: str) -> None:
    """What the authority decided, as processing leaves it (the steps are not the point here)."""
    with desk.store.unit_of_work() as db:
        db.execute("""INSERT INTO handovers (deal_id, operator_id, handed_by, at, expected_on, outcome, outcome_on)
                      VALUES (?, 1, 1, ?, ?, ?, ?)""", [deal_id, f"{day} 09:00:00", day, result, day])


def visit(desk, deal: dict, score: int, day: str) -> None:
    with desk.store.unit_of_work() as db:
        db.execute("""INSERT INTO visits (deal_id, client_id, due_on, done_on, user_id, satisfaction)
                      VALUES (?, ?, ?, ?, 1, ?)""", [deal["id"], deal["client_id"], day, day, score])


@pytest.fixture
def story(li, wang, manager, finance):
    first = signed_on(li, "2026-08-10", "甲进出口贸易有限公司")
    with clock.travel("2026-09-20 10:00"):
        mistaken = ledger.record_payment(finance, None, 50_000, "2026-09-20", contract_ref=first["contract"]["id"])
    q3_before = figures.figures(li, quarter="2026Q3")
    with clock.travel("2026-10-05 10:00"):
        ledger.reverse_payment(finance, mistaken["id"], "错记客户", "2026-10-05")
    with clock.travel("2026-10-01 10:00"):
        second = ready_deal(li, name="乙国际物流有限公司")
    with clock.travel("2026-10-10 10:00"):
        contract = contracts.new_contract(li, second["id"])
        contracts.sign(li, contract["id"], "2026-10-10")
        contracts.file_copy(li, contract["id"], "finance")
        contracts.file_copy(li, contract["id"], "legal")
    with clock.travel("2026-10-20 10:00"):
        ledger.record_payment(finance, None, HALF, "2026-10-20", contract_ref=contract["id"])
        deals.move(li, second["id"], "payment")
    with clock.travel("2026-11-01 10:00"):
        clients.assign(manager, str(second["client_id"]), "wang")
    with clock.travel("2026-11-15 10:00"):
        ledger.record_payment(finance, None, TOTAL - HALF, "2026-11-15", contract_ref=contract["id"])
    with clock.travel("2026-11-20 10:00"):
        lost = proposal_deal(wang, name="丙实业有限公司")
    with clock.travel("2026-11-25 10:00"):
        deals.lose(wang, lost["id"], "客户选择了其他代理")
    outcome(manager, first["deal"]["id"], "approved", "2026-10-12")
    outcome(manager, second["id"], "rejected", "2026-11-20")
    visit(manager, first["deal"], 5, "2026-10-15")
    visit(manager, first["deal"], 4, "2026-10-20")
    visit(manager, second, 3, "2026-11-20")
    return {"first": first, "second": second, "lost": lost, "q3_before": q3_before}


def test_a_reversal_next_quarter_counts_then_and_leaves_the_closed_quarter_as_it_was(story, li):
    q3 = figures.figures(li, quarter="2026Q3")
    assert story["q3_before"]["revenue"] == q3["revenue"] == 50_000
    assert [(r["kind"], r["day"], r["amount"]) for r in figures.drill(li, "revenue", quarter="2026Q4")] == [
        ("reversal", "2026-10-05", -50_000), ("payment", "2026-10-20", HALF)]
    assert figures.figures(li, quarter="2026Q4")["revenue"] == HALF - 50_000


def test_a_payment_dated_in_a_closed_quarter_but_entered_later_changes_it_and_the_drill_says_so(story, li, finance):
    late = signed_on(li, "2026-09-10", "丁商贸有限公司")
    with clock.travel("2026-10-03 11:00"):  # paid on 09-25, entered after Q3 closed on 09-30
        ledger.record_payment(finance, None, 20_000, "2026-09-25", contract_ref=late["contract"]["id"])
    assert figures.figures(li, quarter="2026Q3")["revenue"] == 50_000 + 20_000  # the closed quarter changed
    rows = figures.drill(li, "revenue", quarter="2026Q3")
    assert [(r["day"], r["amount"], r["recorded_on"], r["recorded_later"]) for r in rows] == [
        ("2026-09-20", 50_000, "2026-09-20", False), ("2026-09-25", 20_000, "2026-10-03", True)]
    q4 = figures.drill(li, "revenue", quarter="2026Q4")
    assert [(r["kind"], r["recorded_later"]) for r in q4] == [("reversal", False), ("payment", False)]


def test_a_client_reassigned_mid_quarter_splits_its_deals_figures_at_the_day_it_changed_hands(story, li, manager):
    wang = figures.figures(manager, "wang", "2026Q4")
    assert wang["revenue"] == TOTAL - HALF  # the 11-15 payment; Li keeps the 10-20 one
    assert (wang["contract_value"], wang["new_clients"]) == (0, 0)  # signed while Li owned it
    assert wang["success_rate"] == {"rate": 0, "approved": 0, "decided": 1}  # decided 11-20, Wang's by then
    assert figures.figures(li, quarter="2026Q4")["contract_value"] == TOTAL


def test_every_figure_of_the_quarter_as_worked_out_by_hand(story, li, manager):
    mine = figures.figures(li, quarter="2026Q4")
    assert (mine["revenue"], mine["contract_value"], mine["new_clients"]) == (HALF - 50_000, TOTAL, 1)
    assert mine["satisfaction"] == {"mean": "4.50", "count": 2, "total": 9}
    assert mine["success_rate"] == {"rate": 10_000, "approved": 1, "decided": 1}
    assert mine["win_rate"] == {"rate": 10_000, "won": 1, "lost": 0}
    assert mine["stage_days"] == {"contract": {"mean": "19.0", "count": 1, "days": 19}}
    wang = figures.figures(manager, "wang", "2026Q4")
    assert wang["satisfaction"] == {"mean": "3.00", "count": 1, "total": 3}
    assert wang["win_rate"] == {"rate": 0, "won": 0, "lost": 1}
    assert wang["stage_days"] == {"proposal": {"mean": "5.0", "count": 1, "days": 5}}
    q3 = figures.figures(li, quarter="2026Q3")
    assert (q3["contract_value"], q3["new_clients"], q3["win_rate"]["won"]) == (TOTAL, 1, 1)


@pytest.mark.parametrize("metric", records.METRICS)
@pytest.mark.parametrize(("login", "quarter"), [("li", "2026Q3"), ("li", "2026Q4"), ("wang", "2026Q4")])
def test_the_records_behind_each_figure_add_up_to_it(story, manager, metric, login, quarter):
    shown = figures.figures(manager, login, quarter)
    rows = figures.drill(manager, metric, login, quarter)
    total = sum(row["amount"] for row in rows)
    if metric in ("revenue", "contract_value", "new_clients"):
        assert total == shown[metric]
    elif metric == "satisfaction":
        assert (len(rows), total) == (shown[metric]["count"], shown[metric]["total"])
        assert shown[metric]["mean"] == figures.mean(total, len(rows))
    elif metric == "success_rate":
        assert (total, len(rows)) == (shown[metric]["approved"], shown[metric]["decided"])
    elif metric == "win_rate":
        assert (total, len(rows) - total) == (shown[metric]["won"], shown[metric]["lost"])
    else:
        per_stage: dict[str, list[int]] = {}
        for row in rows:
            per_stage.setdefault(row["stage"], []).append(row["amount"])
        assert {s: {"count": len(d), "days": sum(d)} for s, d in per_stage.items()} == {
            s: {"count": v["count"], "days": v["days"]} for s, v in shown[metric].items()}


def test_an_amendment_after_signing_counts_its_change_in_its_own_quarter(li, desk, manager):
    first = signed_on(li, "2026-08-10", "甲进出口贸易有限公司")
    from zizhi.core.pipeline import amendments

    with clock.travel("2026-10-09 10:00"):
        amendments.amend(li, first["contract"]["id"], [("2026-10-20", "1,650"), ("2026-12-20", "1,650")],
                         "增加报检备案", total="3,300")
    assert figures.figures(li, quarter="2026Q3")["contract_value"] == TOTAL
    assert [(r["kind"], r["amount"]) for r in figures.drill(li, "contract_value", quarter="2026Q4")] == [
        ("amended", 330_000 - TOTAL)]


def test_targets_are_set_by_managers_keep_what_is_not_named_and_show_attainment(story, li, manager):
    with pytest.raises(Refused, match="Only managers and admins set targets"):
        targets.set_target(li, "li", "2026Q4", revenue="1,000")
    targets.set_target(manager, "li", "2026q4", revenue="1,862", new_clients=4)
    targets.set_target(manager, "li", "2026Q4", contract_value="5,724")
    mine = figures.figures(li, quarter="2026Q4")
    assert mine["targets"] == {"revenue": 186_200, "contract_value": 572_400, "new_clients": 4}
    assert mine["attainment"] == {"revenue": 5_000, "contract_value": 5_000, "new_clients": 2_500}
    trail = audit.list_entries(manager, action="kpi.target")
    assert [e["detail"]["quarter"] for e in trail] == ["2026Q4", "2026Q4"]
    assert trail[0]["detail"]["contract_value"] == [None, 572_400]
    with pytest.raises(Refused, match="targets are set for salespeople"):
        targets.set_target(manager, "zhao", "2026Q4", revenue="1")
    with pytest.raises(InputError, match="name at least one"):
        targets.set_target(manager, "li", "2026Q4")


def test_the_team_is_ranked_and_only_managers_see_it_or_another_persons_figures(story, li, manager, finance):
    team = figures.team(manager, "2026Q4")
    assert [(p["login"], p["rank"], p["revenue"]) for p in team["people"]] == [
        ("wang", 1, TOTAL - HALF), ("li", 2, HALF - 50_000)]
    by_win = figures.team(manager, "2026Q4", "win_rate")
    assert [(p["login"], p["rank"]) for p in by_win["people"]] == [("li", 1), ("wang", 2)]
    with pytest.raises(Refused, match="Only managers and admins"):
        figures.team(li, "2026Q4")
    with pytest.raises(Refused, match="Only managers and admins"):
        figures.figures(li, "wang", "2026Q4")
    with pytest.raises(Refused, match=r"KPIs are kept for salespeople \(your role is finance\)"):
        figures.figures(finance, quarter="2026Q4")
    with pytest.raises(NotFound):
        figures.figures(manager, "nobody", "2026Q4")
    with pytest.raises(InputError, match="not a KPI"):
        figures.drill(manager, "profit", "li", "2026Q4")


def test_a_trainee_not_on_duty_in_the_quarter_is_not_ranked_but_named_apart(story, desk, manager):
    people.add_user(desk, "sun", "孙新人", "sales")
    targets.set_target(manager, "sun", "2026Q4", revenue="1,000")  # a target does not rank a trainee
    team = figures.team(manager, "2026Q4")
    assert [p["login"] for p in team["people"]] == ["wang", "li"]
    assert team["not_on_duty"] == [{"login": "sun", "name": "孙新人"}]
    with clock.travel("2027-01-03 09:00"):
        people.record_exam(desk, "sun", 90)
    assert [p["login"] for p in figures.team(manager, "2026Q4")["not_on_duty"]] == ["sun"]  # passed after it
    assert "sun" in [p["login"] for p in figures.team(manager, "2027Q1")["people"]]


def test_kpis_are_kept_for_salespeople_so_a_manager_is_pointed_to_the_team_not_shown_zeros(story, manager, finance):
    with pytest.raises(Refused) as own:
        figures.figures(manager, quarter="2026Q4")
    assert own.value.message() == ("KPIs are kept for salespeople, and your role is manager: the team's are zizhi kpi "
                                   "team, one salesperson's zizhi kpi --user LOGIN.")
    with pytest.raises(Refused) as named:
        figures.drill(manager, "revenue", "qian", "2026Q4")
    assert named.value.message() == "qian is finance: KPIs are kept for salespeople (the team's: zizhi kpi team)."
    assert figures.figures(manager, "li", "2026Q4")["revenue"] == HALF - 50_000


def test_a_salesperson_who_leaves_keeps_the_figures_of_their_quarter(story, desk, manager):
    before = figures.figures(manager, "wang", "2026Q4")
    for client in ("乙国际物流有限公司", "丙实业有限公司"):
        clients.assign(manager, client, "li")
    people.edit_user(desk, "wang", active=False)
    team = {p["login"]: p for p in figures.team(manager, "2026Q4")["people"]}
    assert team["wang"]["revenue"] == before["revenue"] == TOTAL - HALF
    assert "wang" not in [p["login"] for p in figures.team(manager, "2027Q1")["people"]]


@pytest.mark.parametrize(("typed", "name", "first", "last"), [
    ("2026Q4", "2026Q4", "2026-10-01", "2026-12-31"), ("2026-q1", "2026Q1", "2026-01-01", "2026-03-31"),
    ("２０２６Ｑ2".replace("Ｑ", "Q"), "2026Q2", "2026-04-01", "2026-06-30"), (" 2025 q3 ", "2025Q3", "2025-07-01", "2025-09-30")])
def test_a_quarter_is_read_as_typed_and_written_one_way(typed, name, first, last):
    q = quarters.parse(typed)
    assert (q.name, q.first.isoformat(), q.last.isoformat()) == (name, first, last)
    assert q.following().preceding() == q


@pytest.mark.parametrize("typed", ["2026Q5", "2026", "Q4", "26Q4", "2026Q0"])
def test_anything_else_is_refused_naming_the_form(typed):
    with pytest.raises(InputError, match="e.g. 2026Q4"):
        quarters.parse(typed)


def test_without_a_quarter_named_it_is_the_quarter_of_today(li):
    clock.set_now("2026-12-31 20:00")
    assert quarters.chosen(li, None).name == quarters.chosen(li, " ").name == "2026Q4"
    clock.set_now("2027-01-01 00:10")
    assert figures.figures(li)["quarter"] == "2027Q1"
    assert quarters.of_day(quarters.Quarter(2026, 4).following().first).name == "2027Q1"


def test_the_ownership_history_of_older_deals_is_rebuilt_from_the_audit_trail(story, desk):
    """What m230 fills in for deals from before it equals what its triggers record from then on."""
    from zizhi.core.kpi import schema

    conn = desk.store.conn
    recorded = conn.execute("SELECT deal_id, owner_id, day, changed FROM main.deal_owners ORDER BY id").fetchall()
    assert [(deal, changed) for deal, _, _, changed in recorded if changed] == [(story["second"]["id"], 1)]
    conn.execute("CREATE TEMP TABLE deal_owners (id INTEGER PRIMARY KEY, deal_id INTEGER, owner_id INTEGER, "
                 "since TEXT, day TEXT, changed INTEGER)")
    try:
        schema._backfill(conn)
        rebuilt = conn.execute("SELECT deal_id, owner_id, day, changed FROM temp.deal_owners ORDER BY id").fetchall()
    finally:
        conn.execute("DROP TABLE temp.deal_owners")
    assert rebuilt == recorded


def test_the_stays_of_older_deals_are_rebuilt_from_their_stage_history(story, desk):
    """What m233 fills in from the stage history equals what its trigger writes as deals move."""
    from zizhi.core.kpi import schema

    conn = desk.store.conn
    columns = "move_id, deal_id, stage, entered, left_at, day, days"
    written = conn.execute(f"SELECT {columns} FROM main.stage_stays ORDER BY move_id").fetchall()
    assert ("contract", 19) in [(stage, days) for _, _, stage, _, _, _, days in written]
    conn.execute("CREATE TEMP TABLE stage_stays (move_id INTEGER PRIMARY KEY, deal_id INTEGER, stage TEXT, "
                 "entered TEXT, left_at TEXT, day TEXT, days INTEGER)")
    try:
        schema.stays_from_history(conn)
        rebuilt = conn.execute(f"SELECT {columns} FROM temp.stage_stays ORDER BY move_id").fetchall()
    finally:
        conn.execute("DROP TABLE temp.stage_stays")
    assert rebuilt == written
