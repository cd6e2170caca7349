"""Ending a deal whose contract is signed, in the app: the keys that would end it (x, L) are refused
at once, before any form opens, saying the deal ends only when a manager terminates the contract
with T — to a salesperson and a manager alike; T then ends it."""

from __future__ import annotations

from contextlib import asynccontextmanager

from tui_helpers import QUICK, SIZE, open_board, problem

from zizhi.core.credit import checks
from zizhi.core.desk import open_desk
from zizhi.core.people import users as people
from zizhi.core.pipeline import contracts, deals, quotes, reviews, terminations
from zizhi.tui.app import ZizhiApp
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.deal_forms import EndDealForm


def signed_deal(desk) -> dict:
    """Li's deal for 宁波海天 (rated A) with contract ZZ-2026-0001 signed and nothing paid."""
    people.add_user(desk, "wang", "王律师", "legal")
    client = desk.ids["宁波海天国际贸易有限公司"]
    checks.record_check(desk, str(client), "A", "registry")
    deal = deals.open_deal(desk, str(client), ["CIQ-FILING"], value="1,000")
    deals.assess(desk, deal["id"], "新设外贸企业，需报检备案")
    deals.move(desk, deal["id"], "proposal")
    quote = quotes.new_quote(desk, deal["id"])
    legal = open_desk(db=desk.store.path, as_user="wang", lang="en")
    try:
        reviews.approve(legal, quote["id"])
    finally:
        legal.close()
    quotes.send_quote(desk, quote["id"])
    quotes.accept_quote(desk, quote["id"])
    deals.move(desk, deal["id"], "contract")
    contract = contracts.new_contract(desk, deal["id"])
    return contracts.sign(desk, contract["id"])


@asynccontextmanager
async def deal_screen_of(desk, login: str, settle):
    """The app as ``login``, on the screen of the board's only deal."""
    own = open_desk(db=desk.store.path, as_user=login, lang="en")
    try:
        app = ZizhiApp(own)
        app.animation_level = "none"
        async with app.run_test(size=SIZE) as pilot:
            await open_board(pilot, settle)
            await pilot.press("enter")
            await settle(pilot, QUICK)
            assert isinstance(app.screen, DealScreen)
            yield pilot
    finally:
        own.close()


async def test_x_and_l_on_a_signed_deal_are_refused_before_any_form_naming_t(desk, settle):
    contract = signed_deal(desk)
    people.add_user(desk, "zhao", "赵经理", "manager")
    for login in ("li", "zhao"):
        async with deal_screen_of(desk, login, settle) as pilot:
            for key in ("x", "L"):
                await pilot.press(key)
                await settle(pilot, QUICK)
                assert not isinstance(pilot.app.screen, EndDealForm)
                refusal = problem(pilot.app)
                assert "ends only when a manager terminates it" in refusal
                assert "a manager terminates the contract with T on the contract tab" in refusal
    assert deals.get_deal(desk, contract["deal_id"])["stage"] == "contract"

    manager = open_desk(db=desk.store.path, as_user="zhao", lang="en")
    try:
        terminations.terminate(manager, "ZZ-2026-0001", "客户业务调整，暂停办理")
    finally:
        manager.close()
    assert deals.get_deal(desk, contract["deal_id"])["stage"] == "cancelled"
