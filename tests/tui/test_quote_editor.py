"""The quote editor: what is typed is previewed at once and saved once, on Enter; the keyboard
never traps (the editor starts at its first field, Tab stays in it, typed keys stay in the field).

Each save of a line is a new revision of the quote (which cancels a manager's pricing approval
and makes legal's review stale) and an audit row, so typing must not write; Enter writes once;
Escape drops what was typed.
"""

from __future__ import annotations

from textual.widgets import Select, TabbedContent
from tui_helpers import QUICK, SIZE, deal_text, open_deal, type_text

from zizhi.core.pipeline import quotes
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.deal_forms import AssessForm

PAUSE = 0.3  # longer than the editor's pause in typing


def stored(desk, quote_id: int) -> tuple[int, int, int]:
    """(revision, total in fen, audit rows) of the quote, read straight from the database."""
    revision, total = desk.store.one("SELECT revision, total FROM quotes WHERE id = ?", [quote_id]).values()
    audits = desk.store.scalar("SELECT count(*) FROM audit WHERE entity = 'quote' AND entity_id = ?", [quote_id])
    return revision, total, audits


def line_audits(desk, quote_id: int) -> list[str]:
    return [row["detail"] for row in desk.store.rows(
        "SELECT detail FROM audit WHERE entity = 'quote' AND entity_id = ? AND action = 'quote.line'", [quote_id])]


async def test_a_typed_discount_is_previewed_keystroke_by_keystroke_and_saved_once_on_enter(app, deals, settle):
    quote = quotes.new_quote(deals, deals.deal_ids["海天"])  # EXPORT-LICENCE: ¥3,000 service fee, 6 % VAT
    before = stored(deals, quote["id"])
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")
        await pilot.press("e", "tab", "tab")  # quantity → service fee → discount
        await settle(pilot, QUICK)
        assert app.focused.id == "line-discount"
        assert "¥3,180.00" in deal_text(app, "quote-totals")
        await pilot.press("ctrl+u")
        for key, total in (("1", "¥3,148.20"), ("2", "¥2,798.40"), (".", "¥2,798.40"), ("5", "¥2,782.50")):
            await pilot.press(key)
            await settle(pilot, PAUSE)
            totals = deal_text(app, "quote-totals")
            assert total in totals and "not saved" in totals, (key, totals)
            assert stored(deals, quote["id"]) == before, key  # nothing written while typing
        assert str(app.screen.query_one("#quote-lines").get_row("EXPORT-LICENCE")[4]) == "12.5% -¥375.00"
        assert not line_audits(deals, quote["id"])

        await pilot.press("enter")
        await settle(pilot, QUICK)
        revision, total, audits = stored(deals, quote["id"])
        assert (revision, total, audits) == (before[0] + 1, 278250, before[2] + 1)
        assert len(line_audits(deals, quote["id"])) == 1 and "[0, 1250]" in line_audits(deals, quote["id"])[0]
        totals = deal_text(app, "quote-totals")
        assert "¥2,782.50" in totals and "not saved" not in totals

        assert app.focused.id == "quote-lines", "saved: back to the lines"

        await pilot.press("e", "tab", "tab", "enter")  # the same values again: nothing to save, nothing written
        await settle(pilot, QUICK)
        assert stored(deals, quote["id"]) == (revision, total, audits)
        assert app.focused.id == "line-discount"

        await pilot.press("ctrl+u")
        for key in "20":
            await pilot.press(key)
        await settle(pilot, PAUSE)
        assert "¥2,544.00" in deal_text(app, "quote-totals")  # 20 %: ¥2,400 + ¥144 VAT
        await pilot.press("escape")  # drops the preview, back to the lines
        await settle(pilot, QUICK)
        assert app.focused.id == "quote-lines"
        totals = deal_text(app, "quote-totals")
        assert "¥2,782.50" in totals and "not saved" not in totals
        assert app.screen.query_one("#line-discount").value == "12.5%"
    assert stored(deals, quote["id"]) == (revision, total, audits)
    assert quotes.get_quote(deals, quote["id"])["lines"][0]["discount"] == 1250


async def test_a_bad_value_is_explained_and_enter_then_saves_nothing(app, deals, settle):
    quote = quotes.new_quote(deals, deals.deal_ids["海天"])
    before = stored(deals, quote["id"])
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")
        await pilot.press("2")
        await settle(pilot, QUICK)
        await pilot.press("e", "ctrl+u")  # the editor starts at its first field, the quantity
        assert app.focused.id == "line-quantity"
        for key in "0":
            await pilot.press(key)
        await settle(pilot, PAUSE)
        error = app.screen.query_one("#line-error")
        assert error.has_class("shown") and "quantity" in str(error.content).lower()
        await pilot.press("enter")
        await settle(pilot, QUICK)
        assert error.has_class("shown")
    assert stored(deals, quote["id"]) == before


async def test_the_line_editor_starts_at_its_first_field_and_tab_stays_inside_it(app, deals, settle):
    quotes.new_quote(deals, deals.deal_ids["海天"])
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")
        await pilot.press("e")
        await settle(pilot, QUICK)
        order = []
        for _ in range(4):
            order.append(app.focused.id)
            await pilot.press("tab")
        assert order == ["line-quantity", "line-service_fee", "line-discount", "line-quantity"]
        await pilot.press("shift+tab")  # from the service fee, back round
        assert app.focused.id == "line-quantity"
        await pilot.press("shift+tab")
        assert app.focused.id == "line-discount"


async def test_keys_typed_into_a_line_field_never_reach_the_deal_screen(app, deals, settle):
    quote = quotes.new_quote(deals, deals.deal_ids["海天"])
    before = stored(deals, quote["id"])
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")
        await pilot.press("e", "tab", "ctrl+u")  # the service fee
        await type_text(pilot, "3p1S]5N")  # digits switch tabs, letters open forms — not in a field
        await settle(pilot, PAUSE)
        assert app.screen.query_one(TabbedContent).active == "quote"
        assert isinstance(app.screen, DealScreen) and app.focused.id == "line-service_fee"
        assert app.screen.query_one("#line-service_fee").value == "3p1S]5N"
    assert stored(deals, quote["id"]) == before  # not sent, no new version, nothing moved


async def test_enter_on_a_choice_field_opens_its_list_instead_of_saving(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right")  # 上海恒通, at assessment
        await pilot.press("a")
        await settle(pilot, QUICK)
        form = app.screen
        assert isinstance(form, AssessForm)
        verdict = form.query_one("#f-verdict", Select)
        verdict.focus()
        await pilot.press("enter")
        await settle(pilot, QUICK)
        assert verdict.expanded and app.screen is form
        await pilot.press("down", "enter")  # Enter in the list chooses; it does not save the form
        await settle(pilot, QUICK)
        assert app.screen is form and not verdict.expanded and verdict.value != Select.NULL
        assert not form.query_one("#form-error").has_class("shown")
    assert not deals.store.rows("SELECT id FROM assessments WHERE deal_id = ?", [deals.deal_ids["恒通"]])
