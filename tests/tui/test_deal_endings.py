"""Ending a deal whose contract is signed, in the app: the form says what happens to the contract
before anything is saved, a salesperson is told a manager must do it, and the manager's ending
says the contract is terminated with its balance."""

from __future__ import annotations

from contextlib import asynccontextmanager

from tui_helpers import QUICK, SIZE, deal_text, fill, open_board, said

from zizhi.core.credit import checks
from zizhi.core.desk import open_desk
from zizhi.core.people import users as people
from zizhi.core.pipeline import contracts, deals, quotes, reviews
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


async def cancel_form(pilot, settle) -> EndDealForm:
    await pilot.press("x")
    await settle(pilot, QUICK)
    form = pilot.app.screen
    assert isinstance(form, EndDealForm)
    return form


async def test_a_salesperson_is_told_first_and_refused_then_a_manager_terminates_the_contract(desk, settle):
    contract = signed_deal(desk)
    people.add_user(desk, "zhao", "赵经理", "manager")
    async with deal_screen_of(desk, "li", settle) as pilot:
        form = await cancel_form(pilot, settle)
        warned = str(form.query_one("#end-contract").content)
        assert warned.startswith("Contract ZZ-2026-0001 is signed: ending the deal terminates it") and "manager" in warned
        await fill(pilot, reason="客户业务调整")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert pilot.app.screen is form
        assert "only a manager can end the deal as cancelled" in str(form.query_one("#form-error").content)
    assert deals.get_deal(desk, contract["deal_id"])["stage"] == "contract"

    async with deal_screen_of(desk, "zhao", settle) as pilot:
        await cancel_form(pilot, settle)
        await fill(pilot, reason="客户业务调整，暂停办理")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert isinstance(pilot.app.screen, DealScreen)
        assert "Contract ZZ-2026-0001 is terminated as of 2026-11-27" in said(pilot.app)
        assert "terminated on 2026-11-27 with its deal (cancelled)" in deal_text(pilot.app, "contract-body")
    assert contracts.get_contract(desk, "ZZ-2026-0001")["ended_on"] == "2026-11-27"
