"""A signed contract changed from the app: M amends its schedule (a revision, with the reason), T
terminates it (managers) — what is owed stays owed, or is written off in the same act."""

from __future__ import annotations

from tui_helpers import QUICK, SIZE, app_as, fill, problem, said

from zizhi.core.pipeline import contracts
from zizhi.core.pipeline import deals as core_deals
from zizhi.core.receivables import aging
from zizhi.tui.screens.contract_forms import AmendForm, TerminateForm


async def on_contract(app, pilot, settle, deal_id: int) -> None:
    await settle(pilot)
    app.open_deal(deal_id, tab="contract")
    await settle(pilot)


async def test_m_amends_the_schedule_as_a_revision(app, owing, settle):
    contract = owing.contract
    async with app.run_test(size=SIZE) as pilot:
        await on_contract(app, pilot, settle, owing.deal_ids["海天"])
        await pilot.press("M")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, AmendForm)
        assert app.screen.query_one("#f-instalments").value == "2026-11-27=954.00; 2026-12-18=2,226.00"
        await fill(pilot, instalments="2026-11-27=954; 2027-01-15=2,226", reason="客户申请延期至一月")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AmendForm)
        assert f"Contract {contract['number']} amended (revision 1)." in said(app)
    amended = contracts.get_contract(owing, contract["id"])
    assert [i["due_on"] for i in amended["instalments"]] == ["2026-11-27", "2027-01-15"]
    assert amended["revision"] == 1 and amended["total"] == contract["total"]


async def test_t_terminates_with_a_write_off_and_aging_sees_it(app, owing, settle):
    async with app.run_test(size=SIZE) as pilot:
        await on_contract(app, pilot, settle, owing.deal_ids["海天"])
        await pilot.press("T")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, TerminateForm)
        await fill(pilot, reason="客户注销，无力支付", write_off="write_off")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, TerminateForm)
        assert "terminated" in said(app)
    assert core_deals.get_deal(owing, owing.deal_ids["海天"])["stage"] == "cancelled"
    assert aging.aging(owing)["total"] == 0


async def test_a_salesperson_pressing_t_is_told_managers_terminate(owing, settle):
    async with app_as(owing, "li") as app:
        async with app.run_test(size=SIZE) as pilot:
            await on_contract(app, pilot, settle, owing.deal_ids["海天"])
            await pilot.press("T")
            await settle(pilot, QUICK)
            assert not isinstance(app.screen, TerminateForm)
            assert "Only a manager or an admin can terminate a signed contract (your role is sales)" in problem(app)
