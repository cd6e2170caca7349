"""Client data leaving Zizhi is recorded — who, what, under which filters, how many rows — in the
same transaction as the read; reading on screen is not recorded and takes no lock."""

from __future__ import annotations

import sqlite3

import pytest

from tests.core.conftest import credit_code
from zizhi.core import audit, exports
from zizhi.core.clients import records as clients
from zizhi.core.documents.render import render_quote
from zizhi.core.errors import Busy, ZizhiError
from zizhi.core.people import users as people


def export_rows(desk) -> list[dict]:
    return [e for e in audit.list_entries(desk, action="") if e["action"].endswith(".export")]


def client_list(desk, as_json=False, limit=50):
    return exports.read(desk, "client", lambda: clients.list_page(desk, limit), command="client list",
                        as_json=as_json, limit=limit, tag="展会")


@pytest.fixture
def many(li):
    """Li Na owns 51 clients, each with a mobile."""
    for n in range(51):
        clients.add_client(li, name=f"客户{n:02d}贸易有限公司", phone=f"138{n:08d}", contact="陈建国",
                           credit_code=credit_code(n + 1))


def test_a_json_read_records_who_what_filter_and_count(desk, li, many):
    rows, more = client_list(li, as_json=True, limit=10)
    assert len(rows) == 10 and more
    [row] = export_rows(desk)
    assert row["user"] == "li" and row["action"] == "client.export"
    assert row["detail"] == {"command": "client list", "form": "json", "count": 10,
                             "filter": {"limit": 10, "tag": "展会"}}


def test_a_plain_listing_is_an_export_only_beyond_a_screenful(desk, li, many):
    assert len(client_list(li, limit=50)[0]) == 50
    assert export_rows(desk) == []
    assert len(client_list(li, limit=100)[0]) == 51
    assert [(e["detail"]["form"], e["detail"]["count"]) for e in export_rows(desk)] == [("table", 51)]


def test_a_screen_read_takes_no_lock_and_an_export_waits_for_the_writer(desk, li, many, db_path):
    li.store.conn.execute("PRAGMA busy_timeout = 50")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert len(client_list(li, limit=20)[0]) == 20
        with pytest.raises(Busy):
            client_list(li, as_json=True)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert export_rows(desk) == []


def test_legal_exports_masked_contacts_and_sees_them_whole_on_screen(desk, li, desk_as):
    clients.add_client(li, name="宁波恒通进出口贸易有限公司", phone="13812345678", email="chen@hengtong.cn",
                       contact="陈建国", address="浙江省宁波市北仑区新碶街道明州路 88 号")
    people.add_user(desk, "zhou", "周静", "legal")
    legal = desk_as("zhou")
    shown = exports.read(legal, "client", lambda: clients.get_client(legal, "恒通"), command="client show")
    assert shown["phone"] == "13812345678"
    exported = exports.read(legal, "client", lambda: clients.get_client(legal, "恒通"), command="client show",
                            as_json=True)
    assert (exported["phone"], exported["email"], exported["contact"], exported["address"]) == (
        "138****5678", "c***@hengtong.cn", "陈**", "浙江省宁波市****")
    own = exports.read(li, "client", lambda: clients.get_client(li, "恒通"), command="client show", as_json=True)
    assert own["phone"] == "13812345678"


def test_a_rendered_quote_is_an_export_and_a_file_that_cannot_be_written_leaves_no_record(desk, li, quote,
                                                                                           tmp_path):
    text = render_quote(li, str(quote["id"]))
    assert "13812345678" in text
    target = tmp_path / "out" / "报价单.md"
    target.parent.mkdir()
    assert render_quote(li, str(quote["id"]), "markdown", str(target)) == str(target) and target.exists()
    assert [(e["detail"]["form"], e["detail"].get("file")) for e in export_rows(desk)] == [
        ("file", str(target)), ("document", None)]
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises((OSError, ZizhiError)):
        render_quote(li, str(quote["id"]), "markdown", str(blocker / "x.md"))
    assert len(export_rows(desk)) == 2


def test_legal_renders_a_quote_with_the_clients_mobile_masked(li, legal, quote):
    text = render_quote(legal, str(quote["id"]))
    assert "138****5678" in text and "13812345678" not in text
    assert "浙江省宁波市****" in text
