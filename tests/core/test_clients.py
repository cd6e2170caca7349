"""Clients (rulebook §5): the record, duplicates, edits, ownership, archive, lists and lookup."""

from __future__ import annotations

import pytest

from tests.core.conftest import GOOD_CODE
from zizhi.core import audit
from zizhi.core.clients import interactions
from zizhi.core.clients import records as clients
from zizhi.core.errors import InputError, NotFound, Refused, UserError


def last_audit(desk, action: str) -> dict:
    return audit.list_entries(desk, action=action, limit=1)[0]


def test_add_a_client_with_every_field(li, desk):
    client, warnings = clients.add_client(
        li, name=" 华为技术有限公司 ", credit_code=GOOD_CODE.lower(), contact="张伟",
        phone="+86 138-1234-5678", email="zhangwei@huawei.example.cn", address="坂田华为基地", city="深圳",
        business_scope="通信设备制造", industry="electronics", size="大型", needs="出口许可证",
        urgency="紧急", channel="展会", credit_rating="a", tags="vip，出口; 展会2026", notes="明年扩大出口")
    assert warnings == []
    assert client["name"] == "华为技术有限公司"
    assert client["credit_code"] == GOOD_CODE
    assert client["phone"] == "13812345678"
    assert (client["size"], client["urgency"], client["channel"]) == ("large", "urgent", "trade_show")
    assert client["credit_rating"] == "A"
    assert client["tags"] == ["vip", "出口", "展会2026"]
    assert client["owner"] == "li"  # a salesperson's new client is their own
    assert client["created_at"] == "2026-11-27 09:00:00"
    entry = last_audit(desk, "client.add")
    assert (entry["user"], entry["entity_id"], entry["detail"]["credit_code"]) == ("li", client["id"], GOOD_CODE)


def test_only_a_name_is_required_and_urgency_defaults_to_normal(desk):
    client, _ = clients.add_client(desk, name="宁波港贸易有限公司")
    assert (client["urgency"], client["owner"], client["credit_code"]) == ("normal", None, None)
    with pytest.raises(InputError, match="name"):
        clients.add_client(desk, name="  ")


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [("size", "huge", "size"), ("urgency", "asap", "urgency"), ("channel", "tiktok", "channel"),
     ("credit_rating", "Z", "credit_rating"), ("phone", "12345", "12345"), ("email", "x@y", "x@y"),
     ("credit_code", GOOD_CODE[:-1] + "M", GOOD_CODE[:-1] + "M"), ("colour", "red", "colour")],
)
def test_a_bad_field_is_refused_and_nothing_is_written(desk, rows, field, value, named):
    with pytest.raises(InputError) as caught:
        clients.add_client(desk, name="宁波港贸易有限公司", **{field: value})
    assert named in caught.value.message("en")
    assert rows(desk, "clients") == 0


def test_every_bad_field_is_named_at_once_by_the_rules_the_save_applies(desk, rows):
    typed = dict(name="", phone="12345", email="x@y", credit_code=GOOD_CODE[:-1] + "M", referrer="无此客户", city="宁波")
    found = clients.field_problems(desk, typed, creating=True)
    assert [problem.params["field"] for problem in found] == ["name", "phone", "email", "credit_code", "referrer"]
    assert [problem.key for problem in found][1:4] == ["client.phone_format", "client.email_format",
                                                      "client.credit_code_check_digit"]
    assert clients.field_problems(desk, dict(name="宁波港贸易有限公司", phone="13812345678"), creating=True) == []
    assert rows(desk, "clients") == 0


def test_a_referral_records_the_referrer_and_the_channel(desk):
    first, _ = clients.add_client(desk, name="华为技术有限公司")
    second, _ = clients.add_client(desk, name="深圳市前海贸易有限公司", referrer="华为技术有限公司")
    assert (second["referrer_id"], second["referrer_name"], second["channel"]) == (first["id"], "华为技术有限公司", "referral")


def test_a_duplicate_credit_code_is_refused_naming_the_existing_client(desk, rows):
    first, _ = clients.add_client(desk, name="华为技术有限公司", credit_code=GOOD_CODE)
    with pytest.raises(UserError) as caught:
        clients.add_client(desk, name="华为", credit_code=GOOD_CODE.lower())
    message = caught.value.message("en")
    assert GOOD_CODE in message and f"client {first['id']} 华为技术有限公司" in message
    assert rows(desk, "clients") == 1


def test_a_duplicate_of_an_archived_client_says_how_to_restore_it(desk):
    first, _ = clients.add_client(desk, name="华为技术有限公司", credit_code=GOOD_CODE)
    clients.archive(desk, str(first["id"]))
    with pytest.raises(UserError) as caught:
        clients.add_client(desk, name="华为技术有限公司", credit_code=GOOD_CODE)
    message = caught.value.message("en")
    assert "archived client" in message
    assert f"zizhi client archive {first['id']} --restore" in message


def test_a_similar_name_gives_a_warning_not_a_refusal(desk):
    first, _ = clients.add_client(desk, name="上海宝钢国际贸易有限公司")
    second, warnings = clients.add_client(desk, name="上海宝钢国际贸易股份有限公司")
    assert second["id"] != first["id"]
    assert warnings == [f"{first['id']} 上海宝钢国际贸易有限公司"]


def test_a_similar_short_chinese_name_gives_a_warning(desk):
    first, _ = clients.add_client(desk, name="华为技术有限公司")
    _, warnings = clients.add_client(desk, name="华为（深圳）有限公司")
    assert warnings == [f"{first['id']} 华为技术有限公司"]


def test_edit_records_the_changed_fields_as_old_and_new(li, desk):
    client, _ = clients.add_client(li, name="华为技术有限公司", city="深圳", urgency="normal", tags="vip")
    clients.edit_client(li, str(client["id"]), city="东莞", urgency="高", contact="张伟", tags="vip,出口")
    edited = clients.get_client(li, str(client["id"]))
    assert (edited["city"], edited["urgency"], edited["contact"], edited["tags"]) == ("东莞", "high", "张伟", ["vip", "出口"])
    entry = last_audit(desk, "client.edit")
    assert entry["user"] == "li"
    assert entry["detail"] == {"city": ["深圳", "东莞"], "urgency": ["normal", "high"],
                               "contact": [None, "张伟"], "tags": [["vip"], ["vip", "出口"]]}


def test_edit_with_nothing_to_change_is_refused(desk):
    client, _ = clients.add_client(desk, name="华为技术有限公司")
    with pytest.raises(InputError, match="Nothing to change"):
        clients.edit_client(desk, str(client["id"]))


def test_edit_to_another_clients_credit_code_is_refused(desk, make_code):
    clients.add_client(desk, name="华为技术有限公司", credit_code=GOOD_CODE)
    other, _ = clients.add_client(desk, name="宁波港贸易有限公司", credit_code=make_code(1))
    with pytest.raises(UserError, match="already belongs"):
        clients.edit_client(desk, str(other["id"]), credit_code=GOOD_CODE)
    assert clients.get_client(desk, str(other["id"]))["credit_code"] == make_code(1)


def test_a_manager_assigns_a_client_to_another_salesperson(li, wang, manager):
    client, _ = clients.add_client(li, name="华为技术有限公司")
    assigned = clients.assign(manager, str(client["id"]), "wang")
    assert assigned["owner"] == "wang"
    assert last_audit(manager, "client.assign")["detail"] == {"owner": ["li", "wang"]}
    with pytest.raises(NotFound):
        clients.get_client(li, str(client["id"]))


def test_a_salesperson_cannot_assign_or_give_away_a_client(li, wang, rows):
    client, _ = clients.add_client(li, name="华为技术有限公司")
    with pytest.raises(Refused, match="Only a manager or an admin can assign"):
        clients.assign(li, str(client["id"]), "wang")
    with pytest.raises(Refused, match="assign"):
        clients.edit_client(li, str(client["id"]), owner="wang")
    assert clients.get_client(li, str(client["id"]))["owner"] == "li"


def test_assigning_to_an_off_duty_salesperson_is_refused(desk, li):
    from zizhi.core.people import users as people

    people.add_user(desk, "sun", "孙", "sales")
    client, _ = clients.add_client(li, name="华为技术有限公司")
    with pytest.raises(UserError, match="not on duty"):
        clients.assign(desk, str(client["id"]), "sun")


def test_archive_hides_a_client_from_lists_but_keeps_its_history(li):
    client, _ = clients.add_client(li, name="华为技术有限公司")
    interactions.log_interaction(li, str(client["id"]), "phone", "首次联系")
    clients.archive(li, str(client["id"]))
    assert clients.list_clients(li) == []
    assert clients.count_clients(li) == 0
    assert [c["name"] for c in clients.list_clients(li, archived=True)] == ["华为技术有限公司"]
    kept = clients.get_client(li, str(client["id"]))
    assert kept["archived_at"] == "2026-11-27 09:00:00"
    assert [e["summary"] for e in kept["recent_log"]] == ["首次联系"]
    with pytest.raises(UserError, match="already archived"):
        clients.archive(li, str(client["id"]))


def test_restore_brings_an_archived_client_back(li, desk):
    client, _ = clients.add_client(li, name="华为技术有限公司")
    clients.archive(li, str(client["id"]))
    restored = clients.archive(li, str(client["id"]), restore=True)
    assert restored["archived_at"] is None
    assert [c["name"] for c in clients.list_clients(li)] == ["华为技术有限公司"]
    assert [e["action"] for e in audit.list_entries(desk, entity="client", entity_id=client["id"])] == [
        "client.restore", "client.archive", "client.add"]
    with pytest.raises(UserError, match="not archived"):
        clients.archive(li, str(client["id"]), restore=True)


@pytest.fixture
def book(desk, li, wang):
    """A small book of clients across two salespeople."""
    specs = [
        (li, dict(name="北京低速物流有限公司", urgency="low", size="small", industry="logistics", channel="online")),
        (li, dict(name="广州普通贸易有限公司", urgency="normal", size="medium", industry="textiles",
                  channel="inquiry", tags="vip")),
        (li, dict(name="深圳紧急电子有限公司", urgency="urgent", size="large", industry="electronics",
                  channel="trade_show", tags="vip,出口")),
        (wang, dict(name="杭州高优先机械有限公司", urgency="high", size="large", industry="machinery",
                    channel="referral")),
        (wang, dict(name="厦门紧急食品有限公司", urgency="urgent", size="micro", industry="food", channel="online")),
    ]
    return {spec["name"]: clients.add_client(owner_desk, **spec)[0] for owner_desk, spec in specs}


def names(listed: list[dict]) -> list[str]:
    return [c["name"] for c in listed]


def test_list_puts_urgent_first_then_by_name(desk, book):
    listed = clients.list_clients(desk)
    assert [c["urgency"] for c in listed] == ["urgent", "urgent", "high", "normal", "low"]
    assert names(listed)[:2] == sorted(names(listed)[:2])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (dict(owner="wang"), ["厦门紧急食品有限公司", "杭州高优先机械有限公司"]),
        (dict(size="大型"), ["深圳紧急电子有限公司", "杭州高优先机械有限公司"]),
        (dict(industry="food"), ["厦门紧急食品有限公司"]),
        (dict(urgency="紧急"), ["厦门紧急食品有限公司", "深圳紧急电子有限公司"]),
        (dict(channel="线上"), ["厦门紧急食品有限公司", "北京低速物流有限公司"]),
        (dict(tag="vip"), ["深圳紧急电子有限公司", "广州普通贸易有限公司"]),
        (dict(tag="vip", size="large"), ["深圳紧急电子有限公司"]),
    ],
)
def test_list_filters(desk, book, filters, expected):
    assert sorted(names(clients.list_clients(desk, **filters))) == sorted(expected)
    assert names(clients.list_clients(desk, **filters))[0] == expected[0]


def test_list_of_due_follow_ups_orders_by_date(li, book):
    for name, when in (("北京低速物流有限公司", "2026-11-26"), ("广州普通贸易有限公司", "2026-11-27"),
                       ("深圳紧急电子有限公司", "2026-12-05")):
        interactions.log_interaction(li, name, "phone", "联系", next_step="回访", next_date=when, at="2026-11-20")
    assert names(clients.list_clients(li, due=True)) == ["北京低速物流有限公司", "广州普通贸易有限公司"]


def test_list_pages(desk, book):
    first = clients.list_clients(desk, limit=2)
    second = clients.list_clients(desk, limit=2, offset=2)
    assert len(first) == len(second) == 2
    assert not set(names(first)) & set(names(second))


@pytest.mark.parametrize("filters", [dict(size="huge"), dict(urgency="asap"), dict(channel="tiktok")])
def test_list_refuses_an_unknown_filter_value(desk, filters):
    with pytest.raises(InputError):
        clients.list_clients(desk, **filters)


def test_resolve_by_id_credit_code_name_or_unique_fragment(desk):
    client, _ = clients.add_client(desk, name="华为技术有限公司", credit_code=GOOD_CODE)
    clients.add_client(desk, name="宁波港贸易有限公司")
    for ref in (str(client["id"]), f" {client['id']} ", GOOD_CODE, GOOD_CODE.lower(), "华为技术有限公司", "华为", "huawei"):
        assert clients.resolve(desk, ref)["id"] == client["id"], ref


def test_an_ambiguous_fragment_lists_the_candidates(desk):
    a, _ = clients.add_client(desk, name="上海宝钢国际贸易有限公司")
    b, _ = clients.add_client(desk, name="宁波港贸易有限公司")
    with pytest.raises(UserError) as caught:
        clients.resolve(desk, "贸易")
    message = caught.value.message("en")
    assert "matches several clients" in message
    assert f"{a['id']} 上海宝钢国际贸易有限公司" in message
    assert f"{b['id']} 宁波港贸易有限公司" in message


def test_two_clients_with_the_same_name_are_ambiguous(desk):
    clients.add_client(desk, name="华为技术有限公司", city="深圳")
    clients.add_client(desk, name="华为技术有限公司", city="北京")
    with pytest.raises(UserError, match="matches several clients"):
        clients.resolve(desk, "华为技术有限公司")


def test_an_unknown_client_is_not_found(desk):
    with pytest.raises(NotFound, match="no client '999'"):
        clients.resolve(desk, "999")
    with pytest.raises(NotFound):
        clients.resolve(desk, "不存在的公司")


def test_a_salesperson_cannot_create_a_client_for_someone_else(li, wang, rows):
    with pytest.raises(Refused):
        clients.add_client(li, name="宁波港贸易有限公司", owner="wang")
    assert rows(li, "clients") == 0


def test_listing_by_an_unknown_owner_says_so(desk):
    with pytest.raises(InputError, match="nobody"):
        clients.list_clients(desk, owner="nobody")


def test_assigning_to_the_current_owner_is_refused(desk, li, add_sales):
    client, _ = clients.add_client(li, name="宁波恒通进出口贸易有限公司")
    with pytest.raises(UserError, match="already owns"):
        clients.assign(desk, str(client["id"]), "li")
