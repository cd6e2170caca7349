"""One deal carried from inquiry to after-sales entirely through the app, each step by the person
whose job it is: the salesperson, legal, finance and operations, each in their own app on the
same database. Refusals are seen first (a schedule that does not add up, a copy not filed,
hand-over before payment), then the step passes."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from tui_helpers import QUICK, SIZE, deal_text, fill, open_board, problem, said

from zizhi.core import clock
from zizhi.core.credit import checks
from zizhi.core.desk import open_desk
from zizhi.core.people import users as people
from zizhi.core.pipeline import deals as core_deals
from zizhi.tui.app import ZizhiApp
from zizhi.tui.screens.contract_forms import ContractForm, FileCopyForm, PaymentForm, SignForm
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.deal_forms import AssessForm, DealForm
from zizhi.tui.screens.delivery_forms import DeliverForm, VisitForm
from zizhi.tui.screens.form import FormScreen
from zizhi.tui.screens.processing_forms import DelayForm, HandoverForm, OutcomeForm, StepForm


@pytest.fixture
def staff(desk):
    """Legal, finance and operations colleagues; 宁波海天 rated A (30 % prepaid, no guarantee)."""
    for login, name, role in (("wang", "王律师", "legal"), ("zhao", "赵会计", "finance"),
                              ("sun", "孙专员", "operations")):
        people.add_user(desk, login, name, role)
    checks.record_check(desk, str(desk.ids["宁波海天国际贸易有限公司"]), "A", "registry")
    return desk


@asynccontextmanager
async def app_as(desk, login: str, settle, deal_id: int | None = None):
    """The app as ``login`` sees it, on the board or (given ``deal_id``) on the deal's screen —
    the board's only card, opened with enter."""
    own = open_desk(db=desk.store.path, as_user=login, lang="en")
    try:
        app = ZizhiApp(own)
        app.animation_level = "none"
        async with app.run_test(size=SIZE) as pilot:
            await open_board(pilot, settle)
            if deal_id is not None:
                await press(pilot, settle, "enter")
                assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deal_id
            yield pilot
    finally:
        own.close()


async def form(pilot, settle, key: str, kind: type[FormScreen], **fields: str) -> str:
    """Open a form with ``key``, fill it, save; the inline error if the form stayed, else ''."""
    await pilot.press(key)
    await settle(pilot, QUICK)
    assert isinstance(pilot.app.screen, kind), type(pilot.app.screen).__name__
    await fill(pilot, **fields)
    await pilot.press("ctrl+s")
    await settle(pilot, QUICK)
    screen = pilot.app.screen
    if isinstance(screen, kind):
        return str(screen.query_one("#form-error").content)
    return ""


async def press(pilot, settle, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot, QUICK)


def stage(pilot) -> str:
    return pilot.app.screen.deal["stage"]


async def test_a_deal_goes_from_inquiry_to_aftersales_in_the_app(staff, settle):
    desk = staff
    async with app_as(desk, "li", settle) as pilot:  # the salesperson opens, assesses and quotes
        await pilot.press("n")
        await settle(pilot, QUICK)
        assert isinstance(pilot.app.screen, DealForm)
        pilot.app.screen.query_one("#f-codes").select("CIQ-FILING")
        await fill(pilot, client="宁波海天国际贸易有限公司", value="1,000")
        await press(pilot, settle, "ctrl+s", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, DealScreen) and stage(pilot) == "inquiry"
        deal_id = screen.deal_id
        await press(pilot, settle, "right_square_bracket")
        assert await form(pilot, settle, "a", AssessForm, findings="新设外贸企业，需报检备案") == ""
        await press(pilot, settle, "right_square_bracket", "n")
        assert stage(pilot) == "proposal"

    async with app_as(desk, "wang", settle, deal_id) as pilot:  # legal approves the quote; again changes nothing
        await press(pilot, settle, "V")
        await fill(pilot, decision="reject", note="")  # a rejection says what must change
        await press(pilot, settle, "ctrl+s")
        assert "a rejected review needs the reason" in str(pilot.app.screen.query_one("#form-error").content)
        await fill(pilot, decision="approve")
        await press(pilot, settle, "ctrl+s")
        assert problem(pilot.app) == "" and "approved" in deal_text(pilot.app, "quote-status")
        await press(pilot, settle, "V", "ctrl+s")
        assert problem(pilot.app) == ""
        assert "is already approved by wang" in said(pilot.app)
    assert desk.store.scalar("SELECT count(*) FROM reviews") == 1

    async with app_as(desk, "li", settle, deal_id) as pilot:  # sent, accepted, contract drawn up and signed
        await press(pilot, settle, "S", "A", "right_square_bracket")
        assert stage(pilot) == "contract"
        error = await form(pilot, settle, "C", ContractForm, instalments="2026-11-27=100")
        assert "they add up to ¥100.00" in error and "short" in error, error
        await fill(pilot, instalments="")
        await press(pilot, settle, "ctrl+s")
        assert isinstance(pilot.app.screen, DealScreen)
        contract = pilot.app.screen.view["contract"]
        assert contract["number"] in deal_text(pilot.app, "contract-body")
        assert await form(pilot, settle, "s", SignForm) == ""
        assert "2026-11-27" in deal_text(pilot.app, "contract-body")
        await press(pilot, settle, "right_square_bracket")
        assert f"contract {contract['number']}: no copy filed" in problem(pilot.app)
        await press(pilot, settle, "H")
        assert isinstance(pilot.app.screen, DealScreen)
        assert f"contract {contract['number']}: no copy filed" in problem(pilot.app)

    async with app_as(desk, "wang", settle, deal_id) as pilot:  # legal files its copy
        assert await form(pilot, settle, "f", FileCopyForm) == ""
        assert pilot.app.screen.view["contract"]["filed_legal_on"] == "2026-11-27"

    async with app_as(desk, "zhao", settle, deal_id) as pilot:  # finance files its copy
        assert await form(pilot, settle, "f", FileCopyForm) == ""
        assert pilot.app.screen.view["contract"]["filed_finance_on"] == "2026-11-27"

    async with app_as(desk, "li", settle, deal_id) as pilot:  # to payment; hand-over waits for the money
        await press(pilot, settle, "right_square_bracket")
        assert stage(pilot) == "payment"
        await press(pilot, settle, "p")  # refused before any form opens: payments are finance's
        assert isinstance(pilot.app.screen, DealScreen) and "Only finance" in problem(pilot.app)
        await press(pilot, settle, "H")  # refused before the form opens: the core's gate is not met
        assert isinstance(pilot.app.screen, DealScreen) and "processing starts only after payment" in problem(pilot.app)
        await press(pilot, settle, "c")
        assert isinstance(pilot.app.screen, DealScreen) and "only after the authority approved" in problem(pilot.app)

    async with app_as(desk, "zhao", settle, deal_id) as pilot:  # finance records the prepayment
        assert await form(pilot, settle, "p", PaymentForm) == ""
        assert pilot.app.screen.view["contract"]["prepayment_met"]

    async with app_as(desk, "li", settle, deal_id) as pilot:  # now the hand-over passes
        assert await form(pilot, settle, "H", HandoverForm, operator="sun") == ""
        assert stage(pilot) == "processing" and "sun" in deal_text(pilot.app, "processing-body")

    clock.set_now("2026-12-04 10:00:00")
    async with app_as(desk, "sun", settle, deal_id) as pilot:  # operations: steps, a delay, the decision
        error = await form(pilot, settle, "o", OutcomeForm)
        assert "3 processing steps not done: CIQ-FILING 1 " in error, error
        await press(pilot, settle, "escape")
        for _ in range(2):
            assert await form(pilot, settle, "t", StepForm) == ""
        error = await form(pilot, settle, "t", StepForm, status="skipped")
        assert "skipping step 3 of CIQ-FILING needs the reason" in error, error
        await fill(pilot, reason="客户已自行领取")
        await press(pilot, settle, "ctrl+s")
        assert "客户已自行领取" in deal_text(pilot.app, "processing-body")
        assert await form(pilot, settle, "d", DelayForm, cause="单一窗口系统升级", days="2", client_told="yes") == ""
        assert await form(pilot, settle, "o", OutcomeForm) == ""
        progress = deal_text(pilot.app, "processing-body")
        assert "单一窗口系统升级" in progress and "approved" in progress and "pending" not in progress
        assert await form(pilot, settle, "c", DeliverForm, number="CIQ-2026-0088", usage_notes="报检时出示备案号") == ""
        assert stage(pilot) == "delivered" and "CIQ-2026-0088" in deal_text(pilot.app, "delivery-body")

    clock.set_now("2027-01-05 10:00:00")
    async with app_as(desk, "li", settle, deal_id) as pilot:  # the salesperson's first follow-up visit
        error = await form(pilot, settle, "v", VisitForm, remarks="办理顺利")
        assert "satisfaction" in error
        await fill(pilot, satisfaction="5", new_needs="明年申请出口许可证")
        await press(pilot, settle, "ctrl+s")
        assert stage(pilot) == "aftersales" and "办理顺利" in deal_text(pilot.app, "delivery-body")
    assert core_deals.get_deal(desk, deal_id)["stage"] == "aftersales"


def test_every_later_step_is_a_palette_command_with_help():
    from zizhi.core.i18n import MESSAGES

    for name, action in DealScreen.PALETTE:
        assert callable(getattr(DealScreen, f"action_{action}")), action
        assert f"tui.cmd.{name}" in MESSAGES and f"tui.cmd.{name}.help" in MESSAGES, name
