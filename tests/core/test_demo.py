"""Demo data (issue item 11): a team and clients that keep every rule the core enforces.

Each test fills a real SQLite file with 200 clients (the shipped configuration, the clock fixed
at 2026-11-27) and checks the result with the core's own functions: the validators, the search,
the lists and ``refresh_follow_up``. The deals are checked the same way: every gate a deal has
passed still holds (``gates.check_leave``), quotes re-price to their stored figures, and the
operations carry a sample of them on to their next step.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import defaultdict

import pytest

from tests.core.conftest import TODAY
from zizhi.core import demo, validation
from zizhi.core.audit import list_entries
from zizhi.core.clients import pinyin
from zizhi.core.clients.interactions import refresh_follow_up
from zizhi.core.clients.records import list_clients
from zizhi.core.clients.search import search_clients
from zizhi.core.demo import clients as demo_clients
from zizhi.core.demo import words as demo_words
from zizhi.core.desk import init_database, open_desk
from zizhi.core.errors import Refused, UserError
from zizhi.core.money import share
from zizhi.core.paths import SHIPPED_CONFIG
from zizhi.core.pipeline import contracts, deals, processing, quotes, reviews
from zizhi.core.pipeline.board import pipeline
from zizhi.core.pipeline.delivery import expiry_from_validity, list_visits, visit_done
from zizhi.core.pipeline.gates import GateRefused, check_leave
from zizhi.core.pipeline.pricing import FIGURES, approval_reasons, price_lines
from zizhi.core.pipeline.quotes import expire_overdue
from zizhi.core.pipeline.reviews import decision
from zizhi.core.pipeline.stages import ENDINGS, STAGES

N = 200


@pytest.fixture
def filled(desk):
    return demo.fill_demo(desk, clients=N, seed=7)


def all_clients(desk) -> list[dict]:
    return desk.store.rows("SELECT * FROM clients ORDER BY id")


def test_the_counts_returned_are_the_rows_written_and_audited(desk, filled, rows):
    assert (filled["clients"], filled["users"]) == (N, len(demo_words.TEAM))
    assert filled["interactions"] == rows(desk, "interactions") > N
    assert filled["tags"] == rows(desk, "client_tags")
    assert rows(desk, "clients") == N
    (entry,) = list_entries(desk, action="demo.fill")
    assert (entry["user"], entry["detail"]["clients"], entry["detail"]["seed"]) == ("boss", N, 7)


def test_every_credit_code_phone_and_email_passes_the_validators_in_normal_form(desk, filled):
    clients = all_clients(desk)
    codes = [c["credit_code"] for c in clients]
    assert all(validation.credit_code(code) == code for code in codes)
    assert len(set(codes)) == N
    assert all(validation.phone(c["phone"]) == c["phone"] for c in clients)
    assert all(validation.email(c["email"]) == c["email"] for c in clients)
    assert sum(bool(c["phone"] and c["phone"].startswith("0")) for c in clients) > 10  # landlines too


def test_the_team_has_on_duty_salespeople_who_passed_and_one_still_in_training(desk, filled):
    pass_mark = desk.settings.pricing.onboarding.pass_mark
    sales = desk.store.rows(
        """SELECT u.login, u.on_duty, max(e.score) AS best FROM users u LEFT JOIN exams e ON e.user_id = u.id
           WHERE u.role = 'sales' GROUP BY u.id""")
    on_duty = [s for s in sales if s["on_duty"]]
    assert 3 <= len(on_duty) <= 4
    assert all(s["best"] >= pass_mark for s in on_duty)
    (trainee,) = [s for s in sales if not s["on_duty"]]
    assert trainee["best"] is None or trainee["best"] < pass_mark
    roles = {r["role"] for r in desk.store.rows("SELECT role FROM users")}
    assert {"manager", "finance", "legal", "operations"} <= roles
    assert desk.store.scalar("SELECT count(*) FROM trainings") > 0
    assert all("." in s["login"] for s in sales)


def test_someone_is_overdue_for_continuing_training_so_the_report_has_something_to_show(desk, filled):
    from zizhi.core.compliance import training

    found = training.overdue(desk)
    assert found["overdue"] >= 1 and found["interval_days"] == desk.settings.pricing.onboarding.continuing_interval_days
    assert found["overdue"] < found["total"]  # the others are in time
    assert all(p["overdue"] and p["days_overdue"] > 0 for p in found["people"])


def test_the_exams_follow_the_configured_pass_mark(isolated, desk):
    shipped = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(shipped.replace("pass_mark = 80", "pass_mark = 95"), encoding="utf-8")
    strict = open_desk(db=desk.store.path, as_user="boss", lang="en")
    try:
        demo.fill_demo(strict, clients=20)
        assert strict.store.scalar("SELECT min(score) FROM exams WHERE passed") >= 95
        assert strict.store.scalar("SELECT count(*) FROM users WHERE on_duty") == 4
    finally:
        strict.close()


def test_every_owner_is_an_on_duty_salesperson_and_a_few_clients_have_none(desk, filled):
    owners = desk.store.rows(
        "SELECT u.role, u.on_duty, count(*) AS n FROM clients c JOIN users u ON u.id = c.owner_id GROUP BY u.id")
    assert all(o["role"] == "sales" and o["on_duty"] for o in owners)
    assert len(owners) >= 3
    assert 0 < desk.store.scalar("SELECT count(*) FROM clients WHERE owner_id IS NULL") < N // 5


def test_the_clients_vary_like_a_real_book(desk, filled):
    clients = all_clients(desk)
    assert len({c["city"] for c in clients}) >= 10
    assert {c["size"] for c in clients} == {"micro", "small", "medium", "large"}
    urgencies = [c["urgency"] for c in clients]
    assert urgencies.count("normal") > N / 3 and "urgent" in urgencies
    assert {c["credit_rating"] for c in clients} >= {"A", "B", "C", "D"}
    assert all(c["name"].startswith(c["city"]) and c["name"].endswith(("公司", "厂")) for c in clients)
    assert any("进出口权" in (c["notes"] or "") + c["needs"] for c in clients)


def test_referrals_point_at_an_earlier_client(desk, filled):
    referred = [c for c in all_clients(desk) if c["channel"] == "referral"]
    assert referred
    assert all(c["referrer_id"] is not None and c["referrer_id"] < c["id"] for c in referred)
    assert desk.store.scalar("SELECT count(*) FROM clients WHERE referrer_id IS NOT NULL AND channel != 'referral'") == 0


def test_the_pinyin_column_is_what_pinyin_keys_makes_of_name_and_contact(desk, filled):
    for client in all_clients(desk):
        assert client["pinyin"] == pinyin.keys(client["name"], client["contact"]), client["name"]


def test_a_wrong_composed_pinyin_is_caught_and_every_row_computed_exactly(desk, monkeypatch):
    monkeypatch.setattr(demo_clients, "_keys", lambda name_parts, contact_parts: "wrong")
    demo.fill_demo(desk, clients=30)
    for client in all_clients(desk):
        assert client["pinyin"] == pinyin.keys(client["name"], client["contact"])


def test_search_finds_a_demo_client_by_its_two_character_name_and_its_initials(desk, filled):
    client = all_clients(desk)[0]
    trade = client["name"][len(client["city"]):][:2]
    full, initials = pinyin.full_and_initials(trade)
    assert client["id"] in [c["id"] for c in search_clients(desk, trade, limit=N)]
    assert client["id"] in [c["id"] for c in search_clients(desk, initials, limit=N)]
    assert client["id"] in [c["id"] for c in search_clients(desk, full, limit=N)]
    whole_initials = pinyin.full_and_initials(client["name"])[1]
    assert [c["id"] for c in search_clients(desk, whole_initials)] == [client["id"]]


def test_some_follow_ups_are_due_and_some_are_ahead(desk, filled):
    due = list_clients(desk, due=True, limit=N)
    assert due and all(c["next_date"] <= TODAY[:10] for c in due)
    assert desk.store.scalar("SELECT count(*) FROM clients WHERE next_date > ?", [TODAY[:10]]) > 0


def test_follow_ups_are_what_refresh_follow_up_derives_from_the_log(desk, filled):
    columns = "SELECT id, last_contact_at, next_step, next_date FROM clients ORDER BY id"
    stored = desk.store.rows(columns)
    with desk.store.unit_of_work() as db:
        for client in stored:
            refresh_follow_up(db, client["id"])
    assert desk.store.rows(columns) == stored
    assert sum(c["last_contact_at"] is not None for c in stored) > N / 2


def test_the_log_is_in_the_past_by_people_allowed_to_log_for_the_client(desk, filled):
    entries = desk.store.rows(
        """SELECT i.at, i.next_date, i.created_at, u.role, i.user_id, c.owner_id, c.created_at AS since
           FROM interactions i JOIN clients c ON c.id = i.client_id JOIN users u ON u.id = i.user_id""")
    assert all(e["since"] < e["at"] < TODAY and e["created_at"] == e["at"] for e in entries)
    assert all(e["next_date"] is None or e["next_date"] >= e["at"][:10] for e in entries)
    assert all(e["user_id"] == e["owner_id"] or e["role"] == "manager" for e in entries)
    assert {e["channel"] for e in desk.store.rows("SELECT DISTINCT channel FROM interactions")} == \
        {"phone", "email", "visit", "chat", "meeting"}


def test_the_same_seed_gives_the_same_data(desk, filled, tmp_path):
    init_database(tmp_path / "other.db", admin="boss")
    other = open_desk(db=tmp_path / "other.db", as_user="boss", lang="en")
    try:
        demo.fill_demo(other, clients=N, seed=7)
        same = "SELECT * FROM clients ORDER BY id"
        assert other.store.rows(same) == desk.store.rows(same)
    finally:
        other.close()


def test_running_twice_adds_more_clients_and_no_second_team(desk, filled):
    again = demo.fill_demo(desk, clients=N, seed=7, add=True)
    assert (again["clients"], again["users"], again["exams"]) == (N, 0, 0)
    clients = all_clients(desk)
    assert len(clients) == 2 * N
    assert len({c["credit_code"] for c in clients}) == 2 * N
    assert [c["name"] for c in clients[:N]] != [c["name"] for c in clients[N:]]
    founders = desk.store.scalar("SELECT count(*) FROM audit WHERE action = 'user.bootstrap'")
    assert desk.store.scalar("SELECT count(*) FROM users") == founders + len(demo_words.TEAM)


def test_only_an_admin_fills_a_database_with_demo_data(li, rows):
    with pytest.raises(Refused):
        demo.fill_demo(li, clients=5)
    assert rows(li, "clients") == 0


# -- the pinyin shortcut -------------------------------------------------------------------


def _toneless(reading: str) -> str:
    text = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def test_composing_pinyin_from_name_parts_cannot_differ_from_the_whole_name():
    """Why the demo may add up the pinyin of parts instead of calling pypinyin per name.

    pypinyin reads a character from the longest dictionary phrase that covers it, else by its
    first reading. A character that reads the same in every phrase reads the same whatever the
    neighbours; a city that does not is a dictionary phrase no trade-name character extends.
    """
    from pypinyin import phrases_dict, pinyin_dict
    from pypinyin.seg.mmseg import p_set

    in_phrases: dict[str, set[str]] = defaultdict(set)
    for word, readings in phrases_dict.phrases_dict.items():
        if len(word) == len(readings):
            for ch, reading in zip(word, readings):
                in_phrases[ch].add(_toneless(reading[0]))

    def stable(ch: str) -> bool:
        first = _toneless(pinyin_dict.pinyin_dict[ord(ch)].split(",")[0])
        return in_phrases[ch] <= {first} and pinyin.full_and_initials(ch)[0] == first

    parts = [demo_words.TRADE_CHARS, demo_words.SURNAMES, *demo_words.GIVEN_NAMES, *(i[0] for i in demo_words.INDUSTRIES),
             *(f for f, _ in demo_words.LEGAL_FORMS)]
    assert [ch for part in parts for ch in part if not stable(ch)] == []
    for city, *_ in demo_words.CITIES:
        if not all(stable(ch) for ch in city):
            assert city in phrases_dict.phrases_dict, city
            assert [city + ch for ch in demo_words.TRADE_CHARS if city + ch in p_set] == []


def test_demo_refuses_a_database_that_already_has_clients(desk):
    from zizhi.core.clients import records as clients
    from zizhi.core.errors import UserError

    clients.add_client(desk, name="真实客户贸易有限公司")
    with pytest.raises(UserError, match="already holds clients"):
        demo.fill_demo(desk, clients=5)
    assert demo.fill_demo(desk, clients=5, add=True)["clients"] == 5


# -- the pipeline ---------------------------------------------------------------------------


def deals_of(desk, where: str = "1", params=()) -> list[dict]:
    return desk.store.rows(f"SELECT * FROM deals WHERE {where} ORDER BY id", list(params))


def test_the_board_has_deals_in_every_stage_some_stuck_and_some_ended(desk, filled):
    board = pipeline(desk)
    counts = {row["stage"]: row["count"] for row in board["stages"]}
    assert all(counts[stage] > 0 for stage in STAGES), counts
    assert {d["stage"] for d in board["stuck"]} >= {"inquiry", "proposal", "payment", "processing", "delivered"}
    assert 0 < len(board["stuck"]) < board["totals"]["count"] // 2
    ended = deals_of(desk, "stage IN ('lost', 'cancelled')")
    assert {d["stage"] for d in ended} == {"lost", "cancelled"}
    assert all(d["end_reason"] for d in ended)
    assert filled["deals"] == len(deals_of(desk))
    # about one client in four, besides each salesperson's five quarters (a few dozen deals each)
    assert N // 5 <= filled["deals"] - filled["placed_deals"] <= N // 3


def test_every_deal_belongs_to_its_clients_owner_and_nothing_is_dated_after_now(desk, filled):
    mismatched = desk.store.rows(
        "SELECT d.id FROM deals d JOIN clients c ON c.id = d.client_id WHERE d.owner_id IS NOT c.owner_id")
    assert mismatched == []
    moments = desk.store.rows(
        """SELECT max(at) AS latest FROM (SELECT at FROM deal_stages UNION ALL SELECT created_at FROM quotes
           UNION ALL SELECT at FROM payments UNION ALL SELECT delivered_at FROM certificates
           UNION ALL SELECT at FROM reviews UNION ALL SELECT done_on FROM visits WHERE done_on IS NOT NULL)""")
    assert moments[0]["latest"] < TODAY
    early = desk.store.rows(
        "SELECT d.id FROM deals d JOIN clients c ON c.id = d.client_id WHERE d.created_at < c.created_at")
    assert early == []


def test_every_gate_a_deal_has_passed_still_holds_and_its_history_hops_one_stage_at_a_time(desk, filled):
    for deal in deals_of(desk):
        history = desk.store.rows("SELECT * FROM deal_stages WHERE deal_id = ? ORDER BY id", [deal["id"]])
        assert [h["at"] for h in history] == sorted(h["at"] for h in history)
        assert history[0]["from_stage"] is None and history[-1]["to_stage"] == deal["stage"]
        assert deal["stage_since"] == history[-1]["at"]
        for hop in history[1:]:
            if hop["to_stage"] in ENDINGS:
                assert hop["note"] == deal["end_reason"]
            else:
                assert STAGES.index(hop["to_stage"]) == STAGES.index(hop["from_stage"]) + 1
        reached = history[-1]["from_stage"] if deal["stage"] in ENDINGS else deal["stage"]
        for stage in STAGES[:STAGES.index(reached)]:
            check_leave(desk.store.conn, deal, stage, desk.settings)


def test_one_deal_is_blocked_as_unlawful_and_its_gate_says_so(desk, filled):
    blocked = deals_of(desk, "blocked = 1")
    assert blocked and all(d["stage"] == "assessment" for d in blocked)
    (assessment,) = desk.store.rows("SELECT * FROM assessments WHERE deal_id = ?", [blocked[0]["id"]])
    assert assessment["verdict"] == "unlawful" and assessment["explanation"]
    with pytest.raises(GateRefused) as gate:
        check_leave(desk.store.conn, blocked[0], "assessment", desk.settings)
    assert gate.value.key == "gate.assessment_blocked"
    with pytest.raises(UserError) as moving:
        deals.move(desk, blocked[0]["id"], "proposal")
    assert moving.value.key == "deal.blocked"


def test_quotes_in_every_status_each_reviewed_priced_and_approved_as_sending_requires(desk, filled):
    quotes = desk.store.rows("SELECT * FROM quotes ORDER BY id")
    assert {q["status"] for q in quotes} == {"draft", "sent", "accepted", "rejected", "expired"}
    for quote in quotes:
        lines = desk.store.rows("SELECT * FROM quote_lines WHERE quote_id = ? ORDER BY position", [quote["id"]])
        snapshot = json.loads(quote["snapshot"])
        priced, totals = price_lines(lines, bool(quote["expedited"]), snapshot["pricing"])
        assert [quote[f"{f.removesuffix('_amount')}_total" if f != "total" else f] for f in FIGURES] == \
            [totals[f] for f in FIGURES]
        assert all(line[f] == p[f] for line, p in zip(lines, priced) for f in FIGURES)
        limit = desk.settings.pricing.discount_limits.sales
        assert bool(approval_reasons(lines, "sales", limit, snapshot["pricing"]["price_floor"])) == \
            bool(quote["needs_approval"])
        if quote["status"] != "draft":
            assert decision(desk, quote)["status"] == "approved", quote["id"]
            assert not quote["needs_approval"] or quote["approved_by"]
    assert any(q["needs_approval"] and q["approved_by"] for q in quotes)
    assert any(q["status"] == "draft" and decision(desk, q)["status"] == "pending" for q in quotes)


def test_expired_quotes_have_lapsed_and_nothing_is_left_for_the_expiry_run(desk, filled):
    expired = desk.store.rows("SELECT * FROM quotes WHERE status = 'expired'")
    assert expired and all(q["valid_until"] < TODAY[:10] and q["sent_at"] for q in expired)
    assert all(q["valid_until"] >= TODAY[:10] for q in desk.store.rows("SELECT * FROM quotes WHERE status = 'sent'"))
    assert expire_overdue(desk) == []


def test_contracts_add_up_to_their_quote_and_take_the_prepayment_their_rating_asks(desk, filled):
    contracts = desk.store.rows("SELECT * FROM contracts")
    assert any(not c["signed_on"] for c in contracts) and any(c["signed_on"] for c in contracts)
    policy = desk.settings.pricing.credit_policy
    for contract in contracts:
        items = desk.store.rows("SELECT * FROM instalments WHERE contract_id = ? ORDER BY position", [contract["id"]])
        quote = desk.store.one("SELECT * FROM quotes WHERE id = ?", [contract["quote_id"]])
        assert quote["status"] == "accepted" and quote["total"] == contract["total"] == sum(i["amount"] for i in items)
        assert items[0]["amount"] >= share(contract["total"], policy[contract["credit_rating"]].prepayment)
        assert contract["created_at"] >= quote["decided_at"]
        paid = desk.store.scalar(  # what live payments paid (a reversed one no more, an overpayment's rest is credit)
            """SELECT coalesce(sum(a.amount), 0) FROM allocations a JOIN payments p ON p.id = a.payment_id
               WHERE p.contract_id = ? AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = p.id)""",
            [contract["id"]])
        assert paid == sum(i["paid"] for i in items)
        if contract["signed_on"]:
            assert contract["created_at"][:10] <= contract["signed_on"] <= min(i["due_on"] for i in items)
    partly = desk.store.rows(
        """SELECT k.id FROM contracts k JOIN instalments i ON i.contract_id = k.id AND i.position = 1
           WHERE i.paid > 0 AND i.paid < i.amount""")
    assert partly
    numbers = [c["number"] for c in sorted(contracts, key=lambda c: c["created_at"])]
    assert len(set(numbers)) == len(numbers)


def test_one_deal_is_delayed_and_not_overdue_while_others_are_overdue(desk, filled):
    delayed = desk.store.rows("SELECT * FROM delays")
    assert delayed and all(d["client_told"] and d["cause"] for d in delayed)
    shown = processing.progress(desk, delayed[0]["deal_id"])
    assert not shown["overdue"] and shown["delays"]
    statuses = {s["status"] for s in shown["steps"]}
    assert "skipped" in statuses and statuses & {"pending", "in_progress"}
    assert all(s["reason"] for s in shown["steps"] if s["status"] == "skipped")
    assert processing.list_overdue(desk)


def test_delivered_deals_have_their_certificates_and_visits_some_expiring_or_due(desk, filled):
    for deal in deals_of(desk, "stage IN ('delivered', 'aftersales')"):
        certificates = desk.store.rows("SELECT * FROM certificates WHERE deal_id = ?", [deal["id"]])
        codes = desk.store.rows("SELECT code FROM deal_qualifications WHERE deal_id = ?", [deal["id"]])
        assert sorted(c["code"] for c in certificates) == sorted(c["code"] for c in codes)
        for certificate in certificates:
            months = desk.settings.catalogue.get(certificate["code"]).validity_months
            expected = expiry_from_validity(dt.date.fromisoformat(certificate["issued_on"]), months)
            assert certificate["expires_on"] == (expected.isoformat() if expected else None)
        assert desk.store.scalar("SELECT count(*) FROM visits WHERE deal_id = ?", [deal["id"]]) == \
            len(desk.settings.pricing.aftersales.visit_offsets_days)
        done = desk.store.scalar("SELECT count(*) FROM visits WHERE deal_id = ? AND done_on IS NOT NULL", [deal["id"]])
        assert (done > 0) == (deal["stage"] == "aftersales")
    soon = desk.store.rows("SELECT * FROM certificates WHERE expires_on BETWEEN ? AND date(?, '+60 days')",
                           [TODAY[:10], TODAY[:10]])
    assert soon
    assert list_visits(desk, due=True)


def test_the_next_step_of_each_kind_of_demo_deal_is_accepted_by_the_core(desk, filled, desk_as):
    """The demo is consistent when the operations carry its deals on without complaint."""
    sent = desk.store.one("SELECT q.id, u.login FROM quotes q JOIN deals d ON d.id = q.deal_id "
                          "JOIN users u ON u.id = d.owner_id WHERE q.status = 'sent' LIMIT 1")
    assert quotes.accept_quote(desk_as(sent["login"]), sent["id"])["status"] == "accepted"
    pending = next(q for q in desk.store.rows("SELECT * FROM quotes WHERE status = 'draft'")
                   if decision(desk, q)["status"] == "pending")
    assert reviews.approve(desk_as("zhou.jing"), pending["id"])["status"] == "approved"
    short = desk.store.one(
        """SELECT k.id AS contract, d.id AS deal, u.login, i.amount - i.paid AS owed FROM contracts k
           JOIN deals d ON d.id = k.deal_id JOIN users u ON u.id = d.owner_id
           JOIN instalments i ON i.contract_id = k.id AND i.position = 1 WHERE i.paid > 0 AND i.paid < i.amount""")
    contracts.record_payment(desk_as("sun.li"), short["contract"], short["owed"])
    assert processing.handover(desk_as(short["login"]), short["deal"], "wu.hao")["stage"] == "processing"
    ended = {r["id"] for r in desk.store.rows("SELECT id FROM deals WHERE stage IN ('lost', 'cancelled')")}
    visit = next(v for v in list_visits(desk, due=True) if v["deal_id"] not in ended)  # not the written-off debt's
    owner = desk.store.scalar("SELECT u.login FROM deals d JOIN users u ON u.id = d.owner_id WHERE d.id = ?",
                              [visit["deal_id"]])
    assert visit_done(desk_as(owner), visit["id"], 5)["stage"] == "aftersales"


def test_the_same_seed_gives_the_same_deals(desk, filled, tmp_path):
    init_database(tmp_path / "again.db", admin="boss")
    other = open_desk(db=tmp_path / "again.db", as_user="boss", lang="en")
    try:
        demo.fill_demo(other, clients=N, seed=7)
        for table in ("deals", "deal_stages", "quotes", "quote_lines", "contracts", "instalments", "processing_steps",
                      "certificates", "visits"):
            same = f"SELECT * FROM {table} ORDER BY rowid"
            assert other.store.rows(same) == desk.store.rows(same), table
    finally:
        other.close()


def test_adding_clients_adds_deals_for_the_new_clients_only(desk, filled):
    before = deals_of(desk)
    again = demo.fill_demo(desk, clients=N, seed=7, add=True)
    after = deals_of(desk)
    assert after[:len(before)] == before
    added = after[len(before):]
    assert len(added) == again["deals"] > 0
    assert all(d["client_id"] > N for d in added)
    numbers = [r["number"] for r in desk.store.rows("SELECT number FROM contracts")]
    assert len(set(numbers)) == len(numbers)


def test_won_and_lost_deals_reach_back_over_past_quarters_for_the_reports(desk, filled):
    """The reports (KPIs per quarter, channels, lost to whom) have past quarters to show."""
    from zizhi.core import clock

    today = clock.today()
    this_quarter = f"{today.year}Q{(today.month + 2) // 3}"

    def quarter(day: str) -> str:
        return f"{day[:4]}Q{(int(day[5:7]) + 2) // 3}"

    paid = {quarter(r["paid_on"]) for r in desk.store.rows("SELECT paid_on FROM payments")} - {this_quarter}
    lost = {quarter(d["stage_since"]) for d in deals_of(desk, "stage = 'lost'")} - {this_quarter}
    visited = desk.store.rows("SELECT done_on FROM visits WHERE done_on IS NOT NULL AND satisfaction IS NOT NULL")
    assert len(paid) >= 3 and lost and {quarter(v["done_on"]) for v in visited} - {this_quarter}, (paid, lost)


def test_the_last_four_quarters_reports_are_filed_and_reviewed_with_the_figures_they_were_filed_with(desk, filled):
    from zizhi.core.quarterly import reports

    last = reports.roster(desk, "2026Q3")  # the tests' day is 2026-11-27
    assert {p["login"]: p["status"] for p in last["people"] if p["on_duty"]} == {
        "chen.jie": "draft", "li.qiang": "draft", "wang.fang": "reviewed", "zhang.min": "filed"}
    for quarter in ("2025Q4", "2026Q1", "2026Q2"):
        assert {p["status"] for p in reports.roster(desk, quarter)["people"] if p["on_duty"]} == {"reviewed"}
    begun = reports.report(desk, "chen.jie", "2026Q3")
    assert begun["sections"]["results"] and not begun["sections"]["plans"]
    found = reports.report(desk, "wang.fang", "2026Q3")
    assert found["figures"]["targets"]["revenue"] is not None
    assert all(found["sections"].values()) and found["review_comment"]


def test_a_payment_entered_after_the_quarter_was_filed_changes_the_filed_figure_and_says_so(desk, filled):
    """The balance of a deal of wang.fang's, received in 2026Q3 and entered in November."""
    from zizhi.core.kpi import figures
    from zizhi.core.quarterly import reports

    found = reports.report(desk, "wang.fang", "2026Q3")
    assert found["changed"] == ["revenue"]
    late = [r for r in figures.drill(desk, "revenue", "wang.fang", "2026Q3") if r["recorded_later"]]
    assert len(late) == 1 and late[0]["recorded_on"] > found["filed_at"][:10]
    assert found["live"]["revenue"] - found["figures"]["revenue"] == late[0]["amount"] > 0


def test_every_salesperson_has_something_in_each_of_the_last_five_quarters(desk, filled):
    """Contracts, money, visits scored, decisions and deals won and lost, for everyone on duty."""
    from zizhi.core.kpi import figures

    for quarter in ("2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"):
        team = figures.team(desk, quarter)["people"]
        assert {p["login"] for p in team} == {"chen.jie", "li.qiang", "wang.fang", "zhang.min"}
        for p in team:
            assert p["revenue"] > 0 and p["contract_value"] > 0 and p["new_clients"] > 0, (quarter, p["login"])
            assert p["satisfaction"]["count"] and p["success_rate"]["decided"], (quarter, p["login"])
            assert p["win_rate"]["won"] and p["win_rate"]["lost"], (quarter, p["login"])
    attained = [p["attainment"]["revenue"] for p in figures.team(desk, "2026Q2")["people"]]
    assert min(attained) < 10_000 < max(attained)  # someone beat the target, someone fell short


def test_the_filed_reports_say_what_their_own_figures_show(desk, filled):
    """Above or below the target, approvals below 80 %, no new clients: words and figures agree."""
    from zizhi.core.quarterly import reports

    for quarter in ("2025Q4", "2026Q1", "2026Q2"):
        for login in ("chen.jie", "li.qiang", "wang.fang", "zhang.min"):
            found = reports.report(desk, login, quarter)
            fig, results, comment = found["figures"], found["sections"]["results"], found["review_comment"]
            short = fig["attainment"]["revenue"] < 10_000
            assert ("未完成回款目标" in results) == short and ("下季度请重点跟进" in comment) == short, (login, quarter)
            rate = fig["success_rate"]
            assert ("成功率偏低" in comment) == (rate["decided"] > 0 and rate["rate"] < 8_000), (login, quarter)
            assert ("新客户开发有进步" not in comment) or fig["new_clients"] > 0
            assert f"签约{fig['win_rate']['won']}单" in results


def test_no_competitor_shares_the_company_s_name_and_a_high_win_rate_is_kept_not_raised():
    import tomllib
    from pathlib import Path

    from zizhi.core.demo import report_text, words

    config = Path(__file__).parents[2] / "config" / "settings.toml"
    company = tomllib.loads(config.read_text(encoding="utf-8"))["company"]["name"]  # 华信外贸资质服务有限公司
    assert all(rival[:2] != company[:2] for rival in words.COMPETITORS)  # not 华信…, whom the PDFs name
    fig = {"attainment": {"revenue": 12_000}, "targets": {"revenue": 100_000}, "revenue": 120_000,
           "contract_value": 50_000, "new_clients": 2, "success_rate": {"decided": 0, "approved": 0, "rate": None},
           "win_rate": {"won": 10, "lost": 1, "rate": 9_091}, "satisfaction": {"mean": "4.60", "count": 3}}
    assert "提高赢单率" not in report_text.sections(fig)["plans"]
    fig["win_rate"] = {"won": 2, "lost": 3, "rate": 4_000}
    assert "提高赢单率" in report_text.sections(fig)["plans"]
