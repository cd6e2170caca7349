"""One search box for clients: Chinese fragments, pinyin, contacts, phones, codes and notes."""

from __future__ import annotations

import pytest

from tests.core.conftest import GOOD_CODE
from zizhi.core.clients import records as clients
from zizhi.core.clients import search


@pytest.fixture
def book(desk, make_code):
    add = lambda **fields: clients.add_client(desk, **fields)[0]  # noqa: E731
    return {
        "huawei": add(name="华为技术有限公司", credit_code=GOOD_CODE, contact="张伟", phone="13812345678",
                      email="zhangwei@huawei.example.cn", notes="关注出口许可证 AEO 认证", urgency="normal"),
        "haiwan": add(name="海湾化工有限公司", contact="李明", phone="021-68881234", urgency="urgent",
                      credit_code=make_code(7)),
        "percent": add(name="百分百贸易有限公司", notes="折扣 100% 返还", phone="0755-23456789"),
        "under": add(name="Under_Score Trading Co", notes="code a_b"),
        "plain": add(name="Underscore Trading Co", notes="code axb"),
        "archived": add(name="华为终端回收有限公司", contact="王五"),
    }


def found(desk, text: str, **options) -> list[str]:
    return [c["name"] for c in search.search_clients(desk, text, **options)]


@pytest.fixture
def archived_book(desk, book):
    clients.archive(desk, str(book["archived"]["id"]))
    return book


@pytest.mark.parametrize(
    "query",
    ["华为", "为技", "华为技术", "hwjs", "HWJS", "huawei", "HuaWei", "jishu", "张伟", "zhangwei", "zw",
     "13812345678", "1234567", "600037341", "600037341l", "huawei.example", "出口许可证", "AEO"],
)
def test_each_way_of_asking_finds_the_client(desk, archived_book, query):
    assert found(desk, query) == ["华为技术有限公司"]


def test_a_phone_fragment_finds_a_landline(desk, archived_book):
    assert found(desk, "6888") == ["海湾化工有限公司"]
    assert found(desk, "021-6888") == ["海湾化工有限公司"]


def test_pinyin_initials_shared_by_two_names_find_both_urgent_first(desk, archived_book):
    # 华为 and 海湾 are both "hw"; 海湾 is urgent
    assert found(desk, "hw") == ["海湾化工有限公司", "华为技术有限公司"]
    assert found(desk, "HW") == ["海湾化工有限公司", "华为技术有限公司"]


def test_names_containing_the_text_come_before_other_matches(desk, archived_book):
    clients.add_client(desk, name="出口服务有限公司", urgency="low")
    # 华为 mentions 出口 only in its notes, so the low-urgency name match still comes first
    assert found(desk, "出口") == ["出口服务有限公司", "华为技术有限公司"]
    assert found(desk, "有限公司") == ["海湾化工有限公司", "华为技术有限公司", "百分百贸易有限公司", "出口服务有限公司"]


def test_several_words_must_all_match(desk, archived_book):
    assert found(desk, "华为 张伟") == ["华为技术有限公司"]
    assert found(desk, "huawei 13812345678") == ["华为技术有限公司"]
    assert found(desk, "华为 李明") == []


def test_percent_and_underscore_are_literal(desk, archived_book):
    assert found(desk, "100%") == ["百分百贸易有限公司"]
    assert found(desk, "%") == ["百分百贸易有限公司"]
    assert found(desk, "a_b") == ["Under_Score Trading Co"]
    assert found(desk, "Under_") == ["Under_Score Trading Co"]
    assert found(desk, "_") == ["Under_Score Trading Co"]


def test_archived_clients_are_left_out_unless_asked(desk, archived_book):
    assert found(desk, "回收") == []
    assert found(desk, "回收", include_archived=True) == ["华为终端回收有限公司"]


def test_empty_search_finds_nothing(desk, archived_book):
    assert found(desk, "") == []
    assert found(desk, "   ") == []


def test_limit(desk, archived_book):
    assert len(found(desk, "trading")) == 2
    assert len(found(desk, "trading", limit=1)) == 1


def test_renaming_updates_what_search_finds(desk, archived_book):
    clients.edit_client(desk, str(archived_book["percent"]["id"]), name="阿里巴巴进出口有限公司", contact="马云")
    assert found(desk, "alibaba") == ["阿里巴巴进出口有限公司"]
    assert found(desk, "my") == ["阿里巴巴进出口有限公司"]
    assert found(desk, "百分百") == []
    assert found(desk, "100%") == ["阿里巴巴进出口有限公司"]  # notes kept


def test_a_rare_word_is_looked_up_in_the_trigram_index_and_a_common_one_walked(desk, archived_book, monkeypatch):
    statements = []
    desk.store.conn.set_trace_callback(statements.append)
    assert found(desk, "huawei") == ["华为技术有限公司"]
    assert any("client_search MATCH" in sql for sql in statements)
    assert not any("clients_search_walk" in sql for sql in statements)

    statements.clear()
    monkeypatch.setattr(search, "FEW", 1)  # 有限公司 is in more names than that: it is common here
    assert found(desk, "有限公司") == ["海湾化工有限公司", "华为技术有限公司", "百分百贸易有限公司"]
    assert any("INDEXED BY clients_search_walk" in sql for sql in statements)
    desk.store.conn.set_trace_callback(None)


TYPING = """
import sys, threading
from zizhi.core.clients import search
from zizhi.core.desk import open_desk

desk = open_desk(db=sys.argv[1], as_user="boss")
desk.store.give_up_reads_when(lambda: False)  # a Python progress handler, as the app sets one


def typing(words):
    for _ in range(40):
        for word in words:
            search.search_clients(desk, word, limit=100)


threads = [threading.Thread(target=typing, args=(words,))
           for words in (["h", "hw", "华", "13"], ["n", "nb", "宁", "0"], ["s", "sh", "上", "9"])]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("done")
"""


def test_searches_from_threads_sharing_one_connection_never_hang(desk):
    """The app searches in a worker thread at every keystroke while another may still be reading,
    with a progress handler (Python) on the connection: every read must hold the store's lock, or
    one thread waits on SQLite's mutex holding the GIL the other needs — and the app freezes. Run
    as a process of its own, so a hang fails this test instead of stopping the run."""
    import subprocess
    import sys

    from zizhi.core.demo import fill_demo

    fill_demo(desk, clients=300, add=True)
    try:
        done = subprocess.run([sys.executable, "-c", TYPING, str(desk.store.path)], capture_output=True,
                              text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("searches from three threads hung")
    assert done.stdout.strip() == "done", done.stderr
