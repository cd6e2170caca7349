"""The communication log and the follow-up it leaves on the client (rulebook §5.2.1)."""

from __future__ import annotations

import pytest

from zizhi.core import audit, clock
from zizhi.core.clients import interactions
from zizhi.core.clients import records as clients
from zizhi.core.errors import InputError, NotFound, Refused, UserError


@pytest.fixture
def client(li):
    return clients.add_client(li, name="华为技术有限公司", contact="张伟")[0]


def follow_up(desk, client) -> tuple:
    row = clients.get_client(desk, str(client["id"]))
    return row["next_step"], row["next_date"], row["last_contact_at"]


def log(desk, client, summary="电话沟通", **fields):
    return interactions.log_interaction(desk, str(client["id"]), fields.pop("channel", "phone"), summary, **fields)


def test_logging_with_a_next_step_sets_the_clients_follow_up(li, client, desk):
    entry = log(li, client, "询问出口许可证办理周期", details="客户关心时间", next_step="发送报价单",
                next_date="2026/12/01", channel="电话")
    assert (entry["channel"], entry["user"], entry["at"]) == ("phone", "li", "2026-11-27 09:00:00")
    assert follow_up(li, client) == ("发送报价单", "2026-12-01", "2026-11-27 09:00:00")
    assert audit.list_entries(desk, action="log.add")[0]["detail"] == {"client_id": client["id"], "channel": "phone"}


def test_a_next_step_needs_a_date_and_a_date_needs_a_step(li, client, rows):
    with pytest.raises(InputError, match="needs a date"):
        log(li, client, next_step="发送报价单")
    with pytest.raises(InputError, match="needs the agreed next step"):
        log(li, client, next_date="2026-12-01")
    assert rows(li, "interactions") == 0
    assert follow_up(li, client) == (None, None, None)


@pytest.mark.parametrize(
    ("fields", "named"),
    [(dict(channel="pigeon"), "channel"), (dict(channel=""), "channel"), (dict(summary="  "), "summary"),
     (dict(next_step="x", next_date="soon"), "next-date"), (dict(at="yesterday-ish"), "at")],
)
def test_a_bad_entry_is_refused(li, client, fields, named):
    summary = fields.pop("summary", "电话沟通")
    with pytest.raises(InputError) as caught:
        log(li, client, summary, **fields)
    assert caught.value.message("en").startswith(f"{named}:")


def test_a_follow_up_cannot_be_before_the_contact(li, client):
    with pytest.raises(InputError, match="before the contact"):
        log(li, client, next_step="回访", next_date="2026-11-26")


def test_a_contact_on_or_after_the_date_without_a_new_step_clears_the_follow_up(li, client):
    log(li, client, next_step="发送报价单", next_date="2026-12-01", at="2026-11-27 09:00")
    clock.set_now("2026-12-01 15:30:00")
    log(li, client, "已发送报价单")
    assert follow_up(li, client) == (None, None, "2026-12-01 15:30:00")
    assert clients.list_clients(li, due=True) == []


def test_a_contact_before_the_date_keeps_the_follow_up(li, client):
    log(li, client, next_step="发送报价单", next_date="2026-12-01", at="2026-11-27 09:00")
    clock.set_now("2026-11-29 10:00:00")
    log(li, client, "客户来电确认地址")
    assert follow_up(li, client) == ("发送报价单", "2026-12-01", "2026-11-29 10:00:00")


def test_a_new_step_replaces_the_old_one(li, client):
    log(li, client, next_step="发送报价单", next_date="2026-12-01")
    log(li, client, next_step="上门签约", next_date="2026-12-10")
    assert follow_up(li, client)[:2] == ("上门签约", "2026-12-10")


def test_a_follow_up_comes_due(li, client):
    log(li, client, next_step="发送报价单", next_date="2026-12-01")
    assert clients.list_clients(li, due=True) == []
    clock.set_now("2026-12-01 08:00:00")
    assert [c["name"] for c in clients.list_clients(li, due=True)] == ["华为技术有限公司"]


def test_a_backdated_entry_is_placed_in_time_order(li, client):
    log(li, client, next_step="发送报价单", next_date="2026-12-01", at="2026-11-27 09:00")
    log(li, client, "上周的展会交流", at="2026-11-20")
    assert follow_up(li, client) == ("发送报价单", "2026-12-01", "2026-11-27 09:00:00")


def test_editing_an_entry_recomputes_the_follow_up(li, client, desk):
    first = log(li, client, next_step="发送报价单", next_date="2026-12-01", at="2026-11-27 09:00")
    clock.set_now("2026-11-28 12:00:00")
    later = log(li, client, "客户来电", at="2026-11-28 10:00")
    assert follow_up(li, client)[:2] == ("发送报价单", "2026-12-01")

    interactions.edit_interaction(li, first["id"], next_date="2026-11-28")
    assert follow_up(li, client)[:2] == (None, None)  # the later call was on the new date

    edited = interactions.edit_interaction(li, later["id"], next_step="寄送材料", next_date="2026-12-05")
    assert (edited["next_step"], edited["next_date"]) == ("寄送材料", "2026-12-05")
    assert follow_up(li, client)[:2] == ("寄送材料", "2026-12-05")
    assert audit.list_entries(desk, action="log.edit")[0]["detail"] == {
        "next_step": [None, "寄送材料"], "next_date": [None, "2026-12-05"]}


def test_an_edit_is_checked_like_a_new_entry(li, client):
    entry = log(li, client, next_step="发送报价单", next_date="2026-12-01")
    with pytest.raises(InputError, match="needs the agreed next step"):
        interactions.edit_interaction(li, entry["id"], next_step="")
    with pytest.raises(InputError, match="Nothing to change"):
        interactions.edit_interaction(li, entry["id"], summary="电话沟通")


def test_only_the_author_a_manager_or_an_admin_edits_an_entry(li, client, manager, finance, desk):
    entry = interactions.log_interaction(finance, str(client["id"]), "phone", "催收首期款")
    with pytest.raises(Refused, match="written by someone else"):
        interactions.edit_interaction(li, entry["id"], summary="改写")
    assert interactions.edit_interaction(finance, entry["id"], summary="催收首期款（已承诺周五付）")["user"] == "qian"
    assert interactions.edit_interaction(manager, entry["id"], details="经理补充")["details"] == "经理补充"
    assert interactions.edit_interaction(desk, entry["id"], channel="email")["channel"] == "email"


def test_an_unknown_entry_is_not_found(li):
    with pytest.raises(NotFound):
        interactions.edit_interaction(li, 999, summary="x")


def test_the_log_lists_newest_first(li, client):
    for when, summary in (("2026-11-20", "展会初识"), ("2026-11-25 14:00", "电话跟进"), ("2026-11-22", "发资料")):
        log(li, client, summary, at=when)
    listed = interactions.list_interactions(li, str(client["id"]))
    assert [e["summary"] for e in listed] == ["电话跟进", "发资料", "展会初识"]
    assert [e["summary"] for e in clients.get_client(li, str(client["id"]))["recent_log"]] == [
        "电话跟进", "发资料", "展会初识"]
    assert len(interactions.list_interactions(li, limit=2)) == 2


def test_an_archived_client_takes_no_new_entries(li, client):
    clients.archive(li, str(client["id"]))
    with pytest.raises(UserError, match="archived; restore it first"):
        log(li, client)


def test_a_contact_cannot_be_logged_in_the_future(li, client):
    log(li, client, next_step="发送报价单", next_date="2026-12-01")
    with pytest.raises(InputError):
        log(li, client, "打错日期", at="2026-12-27")
    assert follow_up(li, client)[:2] == ("发送报价单", "2026-12-01")
