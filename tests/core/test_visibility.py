"""Client information is a company asset: nobody sees or changes what their role does not allow,
and a refusal never reveals that a hidden client exists.
"""

from __future__ import annotations

import pytest

from tests.core.conftest import GOOD_CODE
from zizhi.core import audit
from zizhi.core.clients import interactions, search
from zizhi.core.clients import records as clients
from zizhi.core.errors import NotFound, Refused, UserError


@pytest.fixture
def owned(li, wang):
    """Li owns 华为; Wang owns 宁波港 (with a logged contact)."""
    mine, _ = clients.add_client(li, name="华为技术有限公司", credit_code=GOOD_CODE, phone="13812345678")
    theirs, _ = clients.add_client(wang, name="宁波港贸易有限公司", phone="0574-87654321", contact="周杰")
    entry = interactions.log_interaction(wang, str(theirs["id"]), "visit", "上门拜访", at="2026-11-26")
    return {"mine": mine, "theirs": theirs, "entry": entry}


def names(rows: list[dict]) -> list[str]:
    return [r["name"] for r in rows]


def test_a_salesperson_lists_only_own_clients(li, owned):
    assert names(clients.list_clients(li)) == ["华为技术有限公司"]
    assert names(clients.list_clients(li, owner="wang")) == []
    assert clients.count_clients(li) == 1


def test_a_salesperson_searches_only_own_clients(li, owned):
    assert names(search.search_clients(li, "宁波")) == []
    assert names(search.search_clients(li, "0574")) == []
    assert names(search.search_clients(li, "有限公司")) == ["华为技术有限公司"]


@pytest.mark.parametrize("ref", ["id", "宁波港贸易有限公司", "宁波", "ningbo"])
def test_another_salespersons_client_is_simply_not_found(li, owned, ref):
    ref = str(owned["theirs"]["id"]) if ref == "id" else ref
    with pytest.raises(NotFound) as caught:
        clients.get_client(li, ref)
    message = caught.value.message("en")
    assert "among the clients you can see" in message
    assert "wang" not in message and "宁波港贸易有限公司" not in message.replace(ref, "")


def test_another_salespersons_client_cannot_be_changed(desk, li, owned, rows):
    theirs = str(owned["theirs"]["id"])
    before = (rows(desk, "audit"), rows(desk, "interactions"), clients.get_client(desk, theirs))
    with pytest.raises(NotFound):
        clients.edit_client(li, theirs, city="宁波")
    with pytest.raises(NotFound):
        clients.archive(li, theirs)
    with pytest.raises(NotFound):
        interactions.log_interaction(li, theirs, "phone", "抢客户")
    assert (rows(desk, "audit"), rows(desk, "interactions"), clients.get_client(desk, theirs)) == before


def test_a_salesperson_sees_only_the_log_of_own_clients(li, owned):
    assert [e["client"] for e in interactions.list_interactions(li)] == []
    with pytest.raises(NotFound):
        interactions.get_interaction(li, owned["entry"]["id"])
    with pytest.raises(NotFound):
        interactions.list_interactions(li, str(owned["theirs"]["id"]))


def test_a_manager_sees_and_changes_every_client(manager, owned):
    assert sorted(names(clients.list_clients(manager))) == ["华为技术有限公司", "宁波港贸易有限公司"]
    assert names(search.search_clients(manager, "0574")) == ["宁波港贸易有限公司"]
    edited = clients.edit_client(manager, str(owned["theirs"]["id"]), city="宁波")
    assert edited["city"] == "宁波"
    assert [e["summary"] for e in interactions.list_interactions(manager)] == ["上门拜访"]


def test_finance_sees_every_client_but_cannot_edit(finance, owned, rows):
    assert sorted(names(clients.list_clients(finance))) == ["华为技术有限公司", "宁波港贸易有限公司"]
    assert clients.get_client(finance, GOOD_CODE)["name"] == "华为技术有限公司"
    before = rows(finance, "audit")
    with pytest.raises(Refused) as caught:
        clients.edit_client(finance, GOOD_CODE, city="深圳")
    assert "only its owner, a manager or an admin" in caught.value.message("en")
    with pytest.raises(Refused):
        clients.archive(finance, GOOD_CODE)
    with pytest.raises(Refused):
        clients.assign(finance, GOOD_CODE, "wang")
    assert rows(finance, "audit") == before
    assert clients.get_client(finance, GOOD_CODE)["city"] is None


def test_finance_may_log_a_contact_about_payment(finance, owned):
    entry = interactions.log_interaction(finance, GOOD_CODE, "电话", "催收首期款")
    assert entry["user"] == "qian"


@pytest.mark.parametrize("who", ["li", "finance"])
def test_the_audit_trail_is_for_managers_and_admins(request, owned, who):
    desk = request.getfixturevalue(who)
    with pytest.raises(Refused) as caught:
        audit.list_entries(desk)
    assert "managers and admins" in caught.value.message("en")


def test_a_manager_reads_the_audit_trail(manager, owned):
    actions = [e["action"] for e in audit.list_entries(manager, entity="client")]
    assert actions == ["client.add", "client.add"]


def test_a_similar_name_warning_does_not_reveal_hidden_clients(li, owned):
    _, warnings = clients.add_client(li, name="宁波港贸易股份有限公司")
    assert not any("宁波港贸易有限公司" in w for w in warnings)


def test_a_duplicate_code_refusal_does_not_reveal_a_hidden_client(li, wang, make_code):
    clients.add_client(wang, name="宁波港贸易有限公司", credit_code=make_code(3))
    with pytest.raises(UserError) as caught:
        clients.add_client(li, name="宁波港", credit_code=make_code(3))
    assert "宁波港贸易有限公司" not in caught.value.message("en")
