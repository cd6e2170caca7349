"""Fixtures for quotes, reviews and the quote document: a deal of Li Na's with two
qualifications, legal's desk, and helpers that take a quote through review and sending.

Imported by name into the test modules that use them (pytest finds fixtures in a module's
namespace).
"""

from __future__ import annotations

import pytest

from zizhi.core.clients import records as clients
from zizhi.core.people import users as people
from zizhi.core.pipeline import deals, quotes, reviews

CLIENT = "宁波恒通进出口贸易有限公司"


@pytest.fixture
def legal(desk, desk_as):
    """The desk of Zhou Jing in legal, who decides compliance reviews."""
    people.add_user(desk, "zhou", "周静", "legal")
    return desk_as("zhou")


@pytest.fixture
def deal(li):
    """Li Na's deal: trade rights once and customs registration twice (two branches)."""
    clients.add_client(li, name=CLIENT, channel="trade_show", contact="陈建国", phone="13812345678",
                       address="浙江省宁波市北仑区新碶街道明州路 88 号")
    return deals.open_deal(li, "恒通", ["TRADE-RIGHTS", "CUSTOMS-REG*2"])


@pytest.fixture
def quote(li, deal):
    """Version 1 of the deal's quote, a draft at list prices."""
    return quotes.new_quote(li, deal["id"])


@pytest.fixture
def send(li, legal):
    """``send(quote)``: legal approves the quote as it is now, and Li Na sends it."""

    def sent(quote: dict) -> dict:
        reviews.approve(legal, quote["id"], "承诺内容合规")
        return quotes.send_quote(li, quote["id"])

    return sent
