"""Demo data (issue item 11): a team and clients that keep every rule the core enforces.

Each test fills a real SQLite file with 200 clients (the shipped configuration, the clock fixed
at 2026-11-27) and checks the result with the core's own functions: the validators, the search,
the lists and ``refresh_follow_up``.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest

from tests.core.conftest import TODAY
from zizhi.core import demo, demo_words, validation
from zizhi.core.audit import list_entries
from zizhi.core.clients import pinyin
from zizhi.core.clients.interactions import refresh_follow_up
from zizhi.core.clients.records import list_clients
from zizhi.core.clients.search import search_clients
from zizhi.core.desk import init_database, open_desk
from zizhi.core.errors import Refused
from zizhi.core.paths import SHIPPED_CONFIG

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
    monkeypatch.setattr(demo, "_keys", lambda name_parts, contact_parts: "wrong")
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
