"""The deal screen: its head and history, the assessment form, the quote editor whose totals
follow the discount as it is typed, and the later sections read from their core modules."""

from __future__ import annotations

import pytest
from tui_helpers import QUICK, SIZE, deal_text, fill, open_deal, problem, type_text

from zizhi.core.pipeline import deals as core_deals
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.deal_forms import AssessForm
from zizhi.tui.screens.pipeline import PipelineScreen


async def test_the_deal_shows_its_head_history_and_assessment(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")  # 宁波海天, at proposal
        screen = app.screen
        assert isinstance(screen, DealScreen)
        assert str(screen.query_one("#deal-head").border_title).startswith(f"#{deals.deal_ids['海天']} 货物出口许可证")
        head = deal_text(app, "deal-head")
        assert "宁波海天国际贸易有限公司" in head and "¥50,000.00" in head and "40%" in head
        history = deal_text(app, "history")
        assert "inquiry" in history and "assessment" in history and "proposal" in history
        assessments = deal_text(app, "assessments")
        assert "出口两用物项，需申请出口许可证" in assessments and "reasonable" in assessments


async def test_a_blocking_verdict_needs_the_explanation_given_to_the_client(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right")  # 上海恒通, at assessment
        await pilot.press("a")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, AssessForm)
        await fill(pilot, findings="客户要求代办未列入经营范围的业务", verdict="unlawful")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert "record the explanation given to the client" in str(app.screen.query_one("#form-error").content)
        assert app.screen.query_one("#f-explanation").has_focus
        await fill(pilot, explanation="已告知客户须先变更经营范围")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen) and app.screen.has_class("-blocked")
        assert "unlawful" in deal_text(app, "assessments") and "已告知客户须先变更经营范围" in deal_text(app, "assessments")
        await pilot.press("right_square_bracket")
        await settle(pilot, QUICK)
        assert "is stopped" in problem(app)
    assert core_deals.get_deal(deals, deals.deal_ids["恒通"])["blocked"] == 1


async def test_a_discount_updates_the_quote_totals_as_it_is_typed_and_a_bad_one_is_explained(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")  # 宁波海天: EXPORT-LICENCE, service fee ¥3,000
        await pilot.press("n")
        await settle(pilot, QUICK)
        assert "¥3,180.00" in deal_text(app, "quote-totals")  # ¥3,000 service + 6 % VAT
        await pilot.press("e", "tab", "tab")
        assert app.focused.id == "line-discount"
        await pilot.press("ctrl+u")  # clear "0%"
        await type_text(pilot, "10")
        await settle(pilot, 0.5)
        totals = deal_text(app, "quote-totals")
        assert "-¥300.00" in totals and "¥162.00" in totals and "¥2,862.00" in totals
        assert app.focused.id == "line-discount"  # still typing
        await pilot.press("ctrl+u")
        await type_text(pilot, "10%")  # the same discount written another way: nothing changes, no mistake
        await settle(pilot, 0.5)
        assert not app.screen.query_one("#line-error").has_class("shown")
        assert "¥2,862.00" in deal_text(app, "quote-totals")
        await pilot.press("ctrl+u")
        await type_text(pilot, "120")
        await settle(pilot, 0.5)
        error = app.screen.query_one("#line-error")
        assert error.has_class("shown") and "not a percentage from 0% to 100%" in str(error.content)
        # Explained, never priced: no 120 % discount (-¥3,600.00) reaches the totals. (What they show
        # meanwhile is the last good preview — which one depends on how fast the keys came.)
        assert "-¥3,600.00" not in deal_text(app, "quote-totals")
        await pilot.press("escape")
        assert app.focused.id == "quote-lines"


async def test_sections_not_reached_say_so_and_the_deal_moves_from_its_own_screen(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle)  # 华为, at inquiry, with a channel
        for key, section, words in (("3", "contract-body", "No contract yet"),
                                    ("4", "processing-body", "Not handed over"),
                                    ("5", "delivery-body", "No certificate delivered yet")):
            await pilot.press(key)
            await pilot.pause()
            assert words in deal_text(app, section)
        await pilot.press("right_square_bracket")
        await settle(pilot, QUICK)
        assert "assessment" in deal_text(app, "deal-head")
        await pilot.press("escape")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, PipelineScreen)
    assert core_deals.get_deal(deals, deals.deal_ids["华为"])["stage"] == "assessment"


async def test_a_reviewed_quote_is_sent_accepted_and_opens_the_contract_stage(app, deals, settle):
    haitian = deals.deal_ids["海天"]
    reviewed_quote(deals, haitian)
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")
        await pilot.press("right_square_bracket")  # the gate: no accepted quote yet
        await settle(pilot, QUICK)
        assert "no accepted quote" in problem(app)
        await pilot.press("2", "S")
        await settle(pilot, QUICK)
        assert "sent" in deal_text(app, "quote-status") and problem(app) == ""
        await pilot.press("D")
        await settle(pilot, QUICK)
        assert type(app.screen).__name__ == "QuoteDocument"
        await pilot.press("escape", "A")
        await settle(pilot, QUICK)
        assert "accepted" in deal_text(app, "quote-status")
        assert "¥3,180.00" in deal_text(app, "deal-head")  # the accepted total is now the deal's value
        await pilot.press("right_square_bracket")
        await settle(pilot, QUICK)
        assert "contract" in deal_text(app, "deal-head") and problem(app) == ""
    assert core_deals.get_deal(deals, haitian)["stage"] == "contract"


async def test_a_delivered_deal_shows_its_contract_processing_certificate_and_visits(app, deals, settle):
    from zizhi.core.credit import checks
    from zizhi.core.desk import open_desk
    from zizhi.core.people import users as people
    from zizhi.core.pipeline import contracts, delivery, processing, quotes, reviews

    haitian = deals.deal_ids["海天"]
    for login, name, role in (("wang", "王律师", "legal"), ("zhao", "赵会计", "finance"), ("sun", "孙专员", "operations")):
        people.add_user(deals, login, name, role)
    checks.record_check(deals, str(deals.ids["宁波海天国际贸易有限公司"]), "A", "registry")
    quote = quotes.new_quote(deals, haitian)
    legal, finance = (open_desk(db=deals.store.path, as_user=login, lang="en") for login in ("wang", "zhao"))
    try:
        reviews.approve(legal, quote["id"])
        quotes.send_quote(deals, quote["id"])
        quotes.accept_quote(deals, quote["id"])
        core_deals.move(deals, haitian, "contract")
        contract = contracts.new_contract(deals, haitian)
        contracts.sign(deals, contract["id"])
        for office in ("finance", "legal"):
            contracts.file_copy(deals, contract["id"], office)
        contracts.record_payment(finance, contract["id"], contract["instalments"][0]["amount"])
    finally:
        legal.close()
        finance.close()
    core_deals.move(deals, haitian, "payment")
    processing.handover(deals, haitian, "sun")
    for position in (1, 2, 3):
        processing.step(deals, haitian, "EXPORT-LICENCE", position, "done")
    processing.step(deals, haitian, "EXPORT-LICENCE", 4, "skipped", reason="客户自行领取许可证")
    processing.delay(deals, haitian, "商务部系统维护", 3, True)
    processing.outcome(deals, haitian, "approved")
    delivery.deliver(deals, haitian, "EXPORT-LICENCE", "EL-2026-0042", "2026-11-27", "一批一证，须在有效期内报关")
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")  # inquiry → assessment → (empty columns) → delivered
        assert "delivered" in deal_text(app, "deal-head")
        await pilot.press("3")
        contract_text = deal_text(app, "contract-body")
        assert contract["number"] in contract_text and "¥3,180.00" in contract_text
        assert contract["instalments"][0]["due_on"] in contract_text
        await pilot.press("4")
        progress = deal_text(app, "processing-body")
        assert "sun" in progress and "商务部系统维护" in progress and "approved" in progress
        assert "skipped  客户自行领取许可证" in progress
        await pilot.press("5")
        delivered = deal_text(app, "delivery-body")
        assert "EL-2026-0042" in delivered and "一批一证" in delivered and "2026-12-27" in delivered



async def test_opening_the_app_records_the_quotes_that_lapsed(deals, settle):
    from zizhi.core import clock
    from zizhi.core.pipeline import quotes
    from zizhi.tui.app import ZizhiApp

    quote = reviewed_quote(deals, deals.deal_ids["海天"])
    quotes.send_quote(deals, quote["id"])
    clock.set_now("2027-01-15 09:00:00")
    async with ZizhiApp(deals).run_test(size=SIZE) as pilot:
        await settle(pilot, QUICK)
    stored = deals.store.scalar("SELECT status FROM quotes WHERE id = ?", [quote["id"]])
    recorded = deals.store.scalar("SELECT count(*) FROM audit WHERE action = 'quote.expire'")
    assert (stored, recorded) == ("expired", 1)


def reviewed_quote(desk, deal_id: int) -> dict:
    """A new draft quote for the deal that Wang in legal has approved."""
    from zizhi.core.desk import open_desk
    from zizhi.core.people import users as people
    from zizhi.core.pipeline import quotes, reviews

    quote = quotes.new_quote(desk, deal_id)
    people.add_user(desk, "wang", "王律师", "legal")
    legal = open_desk(db=desk.store.path, as_user="wang", lang="en")
    try:
        reviews.approve(legal, quote["id"])
    finally:
        legal.close()
    return quote


@pytest.mark.parametrize("lang, label", [("en", "explanation"), ("zh", "向客户说明")])
async def test_every_label_of_the_assessment_form_reads_whole_beside_its_field(app, deals, settle, lang, label):
    from rich.cells import cell_len
    from textual.widgets import Label

    from zizhi.core.i18n import choose_language

    choose_language(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_deal(pilot, settle, "right")
        await pilot.press("a")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, AssessForm)
        labels = list(app.screen.query(".field-label").results(Label))
        assert [str(item.content) for item in labels][-1] == label
        assert all(cell_len(str(item.content)) <= item.content_region.width for item in labels)


async def test_a_deal_without_its_channel_is_told_to_press_e_and_moves_once_it_is_recorded(app, deals, settle):
    with deals.store.unit_of_work() as db:  # an inquiry whose source nobody recorded
        db.execute("UPDATE deals SET channel = NULL WHERE id = ?", [deals.deal_ids["华为"]])
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle)  # 华为, at inquiry
        await pilot.press("right_square_bracket")
        await settle(pilot, QUICK)
        assert "the inquiry has no channel; record where it came from (E on the deal screen)" in problem(app)
        await pilot.press("E")
        await settle(pilot, QUICK)
        await fill(pilot, channel="trade_show", value="32,000")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen)
        await pilot.press("right_square_bracket")
        await settle(pilot, QUICK)
    deal = core_deals.get_deal(deals, deals.deal_ids["华为"])
    assert (deal["stage"], deal["channel"], deal["value"]) == ("assessment", "trade_show", 3_200_000)
    assert deal["probability"] is None, "a probability nobody touched stays the stage's"


async def test_c_without_an_accepted_quote_is_refused_before_the_contract_form_opens(app, deals, settle):
    from zizhi.tui.screens.contract_forms import ContractForm

    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")  # 宁波海天, at proposal, no quote yet
        await pilot.press("C")
        await settle(pilot, QUICK)
        assert not isinstance(app.screen, ContractForm)
        assert "no accepted quote" in problem(app) and "A on the quote tab" in problem(app)
        await pilot.press("s")  # a key pressed next acts on the deal screen, not typed into a form
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen)
