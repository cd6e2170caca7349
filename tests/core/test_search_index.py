"""The search's indexes give exactly what a plain scan gives, and stay current.

Each test fills a real file with demo clients. The walk budget and the look-up threshold are made
small, so a few hundred clients take every path the search has at 100,000: common words walked,
rare ones looked up, words the walk falls short on looked up in full.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from tests.core.conftest import TODAY
from zizhi.core import access, demo, identity
from zizhi.core.clients import follow_ups, search
from zizhi.core.clients import records as clients
from zizhi.core.clients.schema import search_doc
from zizhi.core.desk import open_desk
from zizhi.core.people import users as people
from zizhi.core.store import Store

N = 400


@pytest.fixture(params=[(40, 8), (100_000, 100_000)], ids=["small-budgets", "shipped-budgets"])
def budgets(request, monkeypatch):
    monkeypatch.setattr(search, "WALK_BUDGET", request.param[0])
    monkeypatch.setattr(search, "FEW", request.param[1])


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """One demo database of N clients (a few archived), shared by the comparisons below."""
    from zizhi.core import clock
    from zizhi.core.desk import init_database

    clock.set_now(TODAY)
    path = tmp_path_factory.mktemp("search") / "demo.db"
    init_database(path, admin="boss")
    desk = open_desk(db=path, as_user="boss", lang="en")
    demo.fill_demo(desk, clients=N, seed=11)
    for client_id in (3, 50, 51, 200):
        clients.archive(desk, str(client_id))
    desk.close()
    clock.set_now(None)
    return path


@pytest.fixture
def on_demo(demo_file):
    opened = []

    def open_as(login: str):
        opened.append(open_desk(db=demo_file, as_user=login, lang="en"))
        return opened[-1]

    yield open_as
    for desk in opened:
        desk.close()


def scanned(desk, text: str, limit: int, include_archived: bool = False, due: bool = False) -> list[int]:
    """What the search must return, by the plainest query there is: LIKE over every visible row."""
    words = text.split()
    cond, params = access.visible(desk.user)
    where = [cond] + [f"{search_doc('c.')} LIKE ? ESCAPE '\\'" for _ in words]
    params += [f"%{search.escape_like(w)}%" for w in words]
    if not include_archived:
        where.append("c.archived_at IS NULL")
    if due:
        condition, today = follow_ups.due_condition()
        where.append(condition)
        params += today
    return [r["id"] for r in desk.store.rows(
        f"""SELECT c.id FROM clients c WHERE {' AND '.join(where)}
            ORDER BY (c.name LIKE ? ESCAPE '\\') DESC, c.urgency_rank, c.name, c.id LIMIT ?""",
        [*params, f"%{search.escape_like(words[0])}%", limit])]


def queries(desk) -> list[str]:
    """Every kind of prefix a user types, taken from real clients of the file."""
    some = desk.store.rows("SELECT name, city, phone, credit_code, contact, pinyin FROM clients "
                           "WHERE owner_id IS NOT NULL ORDER BY id LIMIT 3")
    texts = ["公司", "有限", "h", "13", "138", "9", "x", "不存在", "zz", "Q", "@", "公司 13", "É", "_", "%", "a_b"]
    for c in some:
        trade = c["name"][len(c["city"]):]
        initials = c["pinyin"].split()[1]
        texts += [trade[:1], trade[:2], trade[:4], initials[:1], initials[:2], initials.upper()[:2],
                  c["pinyin"].split()[0][:6], c["phone"][-4:], c["phone"][:2], c["credit_code"][:12],
                  c["credit_code"][-6:], c["credit_code"][8:10], c["contact"][:1], f"{trade[:2]} {c['phone'][-2:]}"]
    return texts


@pytest.mark.parametrize("login", ["boss", "wang.fang", "zhou.jing"])
def test_every_kind_of_query_finds_what_a_scan_finds_in_the_same_order(on_demo, budgets, login):
    desk = on_demo(login)
    for text in queries(on_demo("boss")):
        for limit in (20, 1000):
            assert [c["id"] for c in search.search_clients(desk, text, limit=limit)] == scanned(desk, text, limit), text


@pytest.mark.parametrize("login", ["boss", "wang.fang"])
def test_due_and_archived_searches_find_what_a_scan_finds(on_demo, budgets, login):
    desk = on_demo(login)
    for text in queries(on_demo("boss"))[:20]:
        found = [c["id"] for c in search.search_clients(desk, text, limit=20, due=True)]
        assert found == scanned(desk, text, 20, due=True), text
        found = [c["id"] for c in search.search_clients(desk, text, limit=500, include_archived=True)]
        assert found == scanned(desk, text, 500, include_archived=True), text


def test_a_salesperson_never_finds_another_salespersons_client(on_demo, budgets):
    desk = on_demo("wang.fang")
    mine = {r["id"] for r in desk.store.rows("SELECT id FROM clients WHERE owner_id = ?", [desk.user["id"]])}
    assert 0 < len(mine) < N
    for text in queries(on_demo("boss")):
        assert {c["id"] for c in search.search_clients(desk, text, limit=1000)} <= mine, text


@pytest.fixture
def few_paths(monkeypatch):
    """Budgets so small that a search on a handful of clients must use the indexes to find anything."""
    monkeypatch.setattr(search, "WALK_BUDGET", 1)
    monkeypatch.setattr(search, "FEW", 1)


def names(desk, text: str) -> list[str]:
    return [c["name"] for c in search.search_clients(desk, text)]


def test_an_edit_is_found_at_once_and_the_old_text_is_not(desk, few_paths):
    added = clients.add_client(desk, name="宁波港贸易有限公司", contact="张伟", phone="13812345678")[0]
    clients.add_client(desk, name="杭州西湖茶叶有限公司", contact="李明", phone="057188886666")
    assert names(desk, "港贸") == ["宁波港贸易有限公司"]
    clients.edit_client(desk, str(added["id"]), name="温州鞋业有限公司", phone="13900001111")
    assert names(desk, "港贸") == []
    assert names(desk, "鞋") == ["温州鞋业有限公司"]
    assert names(desk, "wz") == ["温州鞋业有限公司"]
    assert names(desk, "1111") == ["温州鞋业有限公司"]
    assert names(desk, "5678") == []


def test_archiving_and_urgency_are_followed_by_the_index(desk, few_paths):
    first = clients.add_client(desk, name="甲乙贸易有限公司", urgency="low")[0]
    clients.add_client(desk, name="丙丁贸易有限公司", urgency="normal")
    assert names(desk, "贸易") == ["丙丁贸易有限公司", "甲乙贸易有限公司"]
    clients.edit_client(desk, str(first["id"]), urgency="urgent")
    assert names(desk, "贸易") == ["甲乙贸易有限公司", "丙丁贸易有限公司"]
    clients.archive(desk, str(first["id"]))
    assert names(desk, "贸易") == ["丙丁贸易有限公司"]
    assert [c["name"] for c in search.search_clients(desk, "甲乙", include_archived=True)] == ["甲乙贸易有限公司"]


def test_the_last_characters_of_a_name_and_of_the_document_are_found(desk, few_paths):
    clients.add_client(desk, name="ABC Trading Co", contact="王五")  # the document ends in 'ww'
    assert names(desk, "o") == ["ABC Trading Co"]
    assert names(desk, "co") == ["ABC Trading Co"]
    assert names(desk, "w") == ["ABC Trading Co"]
    assert names(desk, "ww") == ["ABC Trading Co"]


def test_the_migration_indexes_the_clients_already_there(tmp_path, few_paths):
    from zizhi.core.schema import migrations

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migrations.apply(Database(conn), stop_before="m014_instant_search")
    conn.execute("""INSERT INTO clients (name, contact, phone, pinyin, urgency, created_at, updated_at)
                    VALUES ('宁波港贸易有限公司', '张伟', '13812345678',
                            'ningbogangmaoyiyouxiangongsi nbgmyyxgs zhangwei zw', 'normal', ?, ?)""",
                 [TODAY, TODAY])
    conn.commit()
    conn.close()
    store = Store(path)
    people.register_first_admins(store, [identity.real_login(), "boss"])
    store.close()
    desk = open_desk(db=path, as_user="boss", lang="en")
    try:
        for text in ("港贸", "港", "nbg", "zw", "5678", "13812345678"):
            assert names(desk, text) == ["宁波港贸易有限公司"], text
    finally:
        desk.close()


def test_the_due_count_is_the_count_of_the_due_list(desk, add_sales, desk_as):
    for n, day in enumerate(("2026-11-01", "2026-11-27", "2026-12-30")):
        row = clients.add_client(desk, name=f"到期测试{n}有限公司")[0]
        desk.store.conn.execute("UPDATE clients SET next_date = ? WHERE id = ?", [day, row["id"]])
    assert clients.count_clients(desk, due=True) == len(clients.list_clients(desk, due=True)) == 2
    assert clients.count_clients(desk) == 3


def test_the_total_follows_adding_archiving_and_assigning(desk, add_sales, desk_as):
    add_sales("li", "李娜")
    add_sales("wang", "王强")
    li = desk_as("li")
    first = clients.add_client(desk, name="总数一有限公司", owner="li")[0]
    clients.add_client(desk, name="总数二有限公司", owner="li")
    clients.add_client(li, name="总数三有限公司")
    clients.add_client(desk, name="总数四有限公司")
    assert (clients.count_clients(desk), clients.count_clients(li)) == (4, 3)
    clients.archive(desk, str(first["id"]))
    assert (clients.count_clients(desk), clients.count_clients(li)) == (3, 2)
    assert clients.count_clients(desk, archived=True) == 1
    clients.assign(desk, "总数二有限公司", "wang")
    assert (clients.count_clients(desk), clients.count_clients(li)) == (3, 1)
    assert clients.count_clients(desk) == len(clients.list_clients(desk))
