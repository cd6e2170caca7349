"""Visibility follows the client: assigning it hands over its open deals, and the former owner
loses sight of them, their quotes and the client behind them."""

from __future__ import annotations

import pytest

from zizhi.core import audit
from zizhi.core.clients import records as clients
from zizhi.core.errors import NotFound
from zizhi.core.pipeline import board, deals, quotes

NAME = "宁波恒通进出口贸易有限公司"


@pytest.fixture
def handed(li, wang, manager):
    """Li Na's client with an open deal (quoted) and a lost one, then assigned to Wang Qiang."""
    client, _ = clients.add_client(li, name=NAME, phone="13812345678", contact="陈建国", channel="online")
    lost = deals.open_deal(li, NAME, ["TRADE-RIGHTS"])
    deals.lose(li, lost["id"], "客户选择了其他代理")
    open_ = deals.open_deal(li, NAME, ["CUSTOMS-REG"])
    deals.assess(li, open_["id"], "需要海关备案")
    deals.move(li, open_["id"], "proposal")
    quote = quotes.new_quote(li, open_["id"])
    clients.assign(manager, str(client["id"]), "wang")
    return {"client": client, "open": open_, "lost": lost, "quote": quote}


def test_assigning_a_client_moves_its_open_deals_and_says_so_in_their_history(manager, handed):
    moved = deals.get_deal(manager, handed["open"]["id"])
    assert moved["owner"] == "wang"
    last = moved["history"][-1]
    assert (last["from_stage"], last["to_stage"], last["user"]) == ("proposal", "proposal", "zhao")
    assert "li → wang" in last["note"]
    assert deals.get_deal(manager, handed["lost"]["id"])["owner"] == "li", "an ended deal stays on record"
    [entry] = audit.list_entries(manager, entity="deal", action="deal.owner")
    assert entry["entity_id"] == handed["open"]["id"] and entry["detail"]["owner"] == ["li", "wang"]


def test_the_former_owner_no_longer_sees_the_deal_its_quote_or_the_client(li, handed):
    with pytest.raises(NotFound):
        deals.get_deal(li, handed["open"]["id"])
    with pytest.raises(NotFound):
        quotes.get_quote(li, handed["quote"]["id"])
    assert [d["client"] for d in deals.list_deals(li)] == []
    assert board.pipeline(li)["totals"]["count"] == 0


def test_the_new_owner_sees_the_deal_and_its_quote_with_the_clients_contact(wang, handed):
    assert [d["id"] for d in deals.list_deals(wang)] == [handed["open"]["id"]]
    assert quotes.get_quote(wang, handed["quote"]["id"])["client"]["phone"] == "13812345678"


def test_changing_the_owner_by_editing_the_client_moves_the_deals_too(li, wang, manager):
    client, _ = clients.add_client(li, name=NAME)
    opened = deals.open_deal(li, NAME, ["TRADE-RIGHTS"])
    clients.edit_client(manager, str(client["id"]), owner="wang")
    assert deals.get_deal(manager, opened["id"])["owner"] == "wang"


def test_a_deal_owner_who_does_not_see_the_client_sees_its_name_only(li, wang, manager):
    clients.add_client(li, name=NAME, phone="13812345678", email="chen@hengtong.cn", address="宁波市北仑区",
                       channel="online")
    opened = deals.open_deal(manager, NAME, ["TRADE-RIGHTS"], owner="wang")
    deals.assess(wang, opened["id"], "需要进出口经营权")
    deals.move(wang, opened["id"], "proposal")
    quote = quotes.new_quote(wang, opened["id"])
    assert quotes.get_quote(wang, quote["id"])["client"] == {"name": NAME}
    assert quotes.get_quote(li, quote["id"])["client"]["phone"] == "13812345678"
