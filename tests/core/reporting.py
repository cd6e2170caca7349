"""Helpers for the report tests: a client of a channel, and deals opened, won and lost on the days
a fixture names — each operation run with the clock on its day, as a person would have done it."""

from __future__ import annotations

from tests.core.test_contracts import accept_quote
from zizhi.core import clock
from zizhi.core.clients import records as clients
from zizhi.core.credit import checks
from zizhi.core.pipeline import contracts, deals


def on(day: str) -> None:
    """Put the clock on ``day`` at 10:00 (or at the time given)."""
    clock.set_now(day if " " in day else f"{day} 10:00:00")


def client(sales, name: str, channel: str = "trade_show", **fields) -> int:
    """A new client of ``sales``, rated B (so a contract may be made)."""
    found, _ = clients.add_client(sales, name=name, channel=channel, **fields)
    checks.record_check(sales, str(found["id"]), "B", "registry", notes="公示系统无异常")
    return found["id"]


def opened(sales, client_id: int, day: str, codes=("TRADE-RIGHTS",), value: str | None = None) -> dict:
    on(day)
    return deals.open_deal(sales, str(client_id), list(codes), value=value)


def at_contract(sales, client_id: int, day: str, total: int, codes=("TRADE-RIGHTS",)) -> dict:
    """A deal opened on ``day`` and taken to the contract stage with a quote of ``total`` fen
    accepted (catalogue lines when ``total`` is None)."""
    deal = opened(sales, client_id, day, codes)
    deals.assess(sales, deal["id"], "需求合理")
    deals.move(sales, deal["id"], "proposal")
    accept_quote(sales, deal, total)
    return deals.move(sales, deal["id"], "contract")


def signed(sales, deal: dict, day: str) -> dict:
    """The deal's contract drawn up and signed on ``day``."""
    on(day)
    contract = contracts.new_contract(sales, deal["id"])
    contracts.sign(sales, contract["id"])
    return contracts.get_contract(sales, contract["id"])


def won(sales, client_id: int, open_day: str, sign_day: str, total: int | None, codes=("TRADE-RIGHTS",)) -> dict:
    return signed(sales, at_contract(sales, client_id, open_day, total, codes), sign_day)
