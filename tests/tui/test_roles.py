"""The app knows who is using it: it offers only what the role may do, refuses a form the core would
refuse before it opens, and names the app's keys where the CLI names commands."""

from __future__ import annotations

from tui_helpers import QUICK, SIZE, app_as, names, open_board, open_deal, problem, run_palette, type_text

import zizhi.tui  # noqa: F401  (registers the app's texts)
from zizhi.core.errors import UserError
from zizhi.core.i18n import MESSAGES, t
from zizhi.core.pipeline import quotes, reviews
from zizhi.tui.screens.clients import ClientsScreen
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.pipeline import PipelineScreen


def test_a_way_forward_names_the_command_in_a_terminal_and_the_key_in_the_app():
    error = UserError("review.pending", quote=7, deal=3, version=2, reason="")
    assert error.message("en").endswith("ask legal to run `zizhi review approve 7`.")
    assert str(error) == error.message()
    assert error.message("en", surface="tui").endswith("ask legal to press V on the deal's quote tab.")
    assert "V" in error.message("zh", surface="tui") and "zizhi" not in error.message("zh", surface="tui")
    assert t("review.pending", lang="en", quote=7, deal=3, version=2).endswith("`zizhi review approve 7`.")


def test_every_way_forward_exists_for_each_surface_in_both_languages():
    # A singular (``<key>.one``, core/i18n.py) is said with its plural's way forward.
    messages = {key: texts for key, texts in MESSAGES.items() if not key.endswith(".one")}
    with_how = {key for key, texts in messages.items() if all("{how}" in text for text in texts)}
    assert len(with_how) >= 10
    assert {key for key, texts in messages.items() if any("{how}" in text for text in texts)} == with_how
    for key in with_how:
        assert f"{key}.how" in MESSAGES and f"tui.how.{key}" in MESSAGES, key
    assert {key[len("tui.how."):] for key in MESSAGES if key.startswith("tui.how.")} == with_how



# -- the app as another role ----------------------------------------------------------------


def footer(app) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}


async def palette_hits(pilot, settle, query: str) -> list[str]:
    """The palette's hits for ``query``, top first (the palette stays open)."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_text(pilot, query)
    await settle(pilot, 0.4)
    options = pilot.app.screen.query_one(CommandList).options
    return [str(option.prompt).splitlines()[0] for option in options]


async def test_legal_is_offered_only_what_legal_may_do(deals, settle):
    async with app_as(deals, "wang", "legal") as app, app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert {"Search", "Log contact", "Due follow-ups"} <= footer(app)
        assert not {"Add client", "Edit"} & footer(app)
        await pilot.press("question_mark")
        await settle(pilot, QUICK)
        listed = {description for _, description in app.screen.keys}
        assert "Log contact" in listed and "Add client" not in listed
        await pilot.press("escape")
        await open_board(pilot, settle)
        assert "Clients" in footer(app)
        assert not {"New deal", "Advance", "Lose", "Cancel deal"} & footer(app)
        hits = await palette_hits(pilot, settle, "new deal")
        assert not any(hit.startswith("New deal") for hit in hits)


async def test_legal_sees_its_review_key_on_a_deal_and_not_the_salesperson_s(deals, settle):
    async with app_as(deals, "wang", "legal") as app, app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle)
        assert "Legal review" in footer(app)
        assert not {"Advance", "Assess", "New quote", "Send"} & footer(app)


async def test_legal_sends_a_quote_back_with_what_must_change(deals, settle):
    from tui_helpers import fill, said

    quote = quotes.new_quote(deals, deals.deal_ids["海天"])
    async with app_as(deals, "wang", "legal") as app, app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")  # 宁波海天, at proposal, with its quote
        await pilot.press("2", "V")
        await settle(pilot, QUICK)
        await fill(pilot, decision="reject", note="删除“保证获批”字样")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert f"Quote {quote['number']} sent back: legal asks for changes." in said(app)
    assert reviews.review_status(deals, quote["id"])["status"] == "rejected"


async def test_a_salesperson_sees_the_keys_of_their_own_deal(deals, settle):
    async with app_as(deals, "li") as app, app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        assert {"New deal", "Advance"} <= footer(app)
        await pilot.press("enter")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen)
        assert {"Advance", "Assess", "New quote"} <= footer(app)


async def test_a_salesperson_pressing_the_payment_key_is_told_at_once_only_finance_records_payments(deals, settle):
    async with app_as(deals, "li") as app, app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle)  # 华为, li's deal
        assert "Payment" not in footer(app)
        await pilot.press("p")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen)  # no payment form opened
        assert "Only finance or an admin can confirm payments received" in problem(app)


async def test_legal_pressing_new_deal_is_told_who_opens_deals_before_any_form(deals, settle):
    async with app_as(deals, "wang", "legal") as app, app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        await pilot.press("n")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, PipelineScreen)
        assert "Deals are opened by salespeople, managers and admins" in problem(app)


async def test_a_refusal_in_the_app_names_the_key_where_the_cli_names_the_command(deals, settle):
    quotes.new_quote(deals, deals.deal_ids["海天"])
    async with app_as(deals, "li") as app, app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right")  # 宁波海天, li's deal at proposal, its quote not reviewed
        await pilot.press("S")
        await settle(pilot, QUICK)
        said = problem(app)
        assert "ask legal to press V on the deal's quote tab" in said and "zizhi" not in said


async def test_the_palette_finds_clients_and_deals_from_every_screen(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle)  # on a deal screen
        hits = await palette_hits(pilot, settle, "haitian")
        assert "Open client 宁波海天国际贸易有限公司" in hits
        assert any(hit.startswith(f"Open deal #{deals.deal_ids['海天']} ") for hit in hits)
        await pilot.press("escape")
        await run_palette(pilot, settle, "ningbo")  # from the deal screen to the client
        assert isinstance(app.screen, ClientsScreen)
        assert names(app) == ["宁波海天国际贸易有限公司"]
        await run_palette(pilot, settle, f"#{deals.deal_ids['恒通']}")  # from the clients screen to a deal
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deals.deal_ids["恒通"]


async def test_a_deal_number_in_the_palette_opens_it_before_the_board_was_ever_shown(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette(pilot, settle, f"#{deals.deal_ids['海天']}")
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deals.deal_ids["海天"]
        await pilot.press("escape")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, PipelineScreen)


async def test_a_refusal_on_the_processing_tab_names_the_app_s_key_not_a_command(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle)
        await pilot.press("4", "t")
        await settle(pilot, QUICK)
        assert problem(app).endswith("has not been handed over to processing yet (H on the processing tab).")
        assert "zizhi" not in problem(app)


async def help_lists(pilot, settle) -> set[str]:
    """The descriptions the help screen lists (it is closed again)."""
    await pilot.press("question_mark")
    await settle(pilot, QUICK)
    listed = {description for _, description in pilot.app.screen.keys}
    await pilot.press("escape")
    await settle(pilot, QUICK)
    return listed


async def test_only_a_manager_or_admin_is_offered_moving_a_deal_back(deals, settle):
    async with app_as(deals, "li") as app, app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        assert "Advance" in footer(app) and "Back a stage" not in footer(app)
        assert "Back a stage" not in await help_lists(pilot, settle)
        hits = await palette_hits(pilot, settle, "back a stage")
        assert "Move the deal back a stage" not in hits
        await pilot.press("escape")
        await pilot.press("enter")  # li's 华为 deal
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen)
        assert "Back a stage" not in await help_lists(pilot, settle)
        hits = await palette_hits(pilot, settle, "back a stage")
        assert "Move the deal back a stage" not in hits
        await pilot.press("escape", "left_square_bracket")  # pressed anyway: refused at once, in the core's words
        await settle(pilot, QUICK)
        assert "only a manager can move a deal back" in problem(app)
    async with app_as(deals, "boss") as app, app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        assert "Back a stage" in footer(app)
        await pilot.press("enter")
        await settle(pilot, QUICK)
        assert "Back a stage" in await help_lists(pilot, settle)


async def test_mine_is_offered_only_to_roles_that_hold_deals(deals, settle):
    async with app_as(deals, "sun", "finance") as app, app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        assert "Mine" not in footer(app)
        assert "Mine" not in await help_lists(pilot, settle)
        hits = await palette_hits(pilot, settle, "only my deals")
        assert "Show only my deals" not in hits
        await pilot.press("escape", "m")
        await settle(pilot, QUICK)
        assert "Only salespeople, managers and admins have deals of their own" in problem(app)
        assert "everyone's deals" in str(app.screen.query_one("#board-status").content)  # the board as it was
    async with app_as(deals, "li") as app, app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        assert "Mine" in footer(app) and "Mine" in await help_lists(pilot, settle)
