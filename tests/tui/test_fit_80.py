"""At 80×24, in English and in Chinese, nothing is cut without a sign: amounts, dates and codes
show whole on the board and the deal screen, the footer shows no key without its word, and a
form's hint too long for its field shows whole below it."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Input
from textual.widgets._footer import FooterKey
from tui_helpers import QUICK, board_head, open_board, open_deal, screen_text

from zizhi.core.i18n import choose_language
from zizhi.core.pipeline import deals as core_deals
from zizhi.core.pipeline import quotes
from zizhi.core.pipeline.board import pipeline
from zizhi.tui.app import ZizhiApp
from zizhi.tui.card_text import money_forms
from zizhi.tui.cells import width
from zizhi.tui.screens.contract_forms import ContractForm

NARROW = (80, 24)
CUT_AMOUNT = re.compile(r"¥[\d,.]*…")  # an amount that lost its end to an ellipsis


@pytest.fixture(params=["en", "zh"])
def lang(request):
    choose_language(request.param)
    return request.param


async def test_the_board_keeps_every_amount_whole(deals, settle, lang):
    big = core_deals.open_deal(deals, str(deals.ids["华为技术有限公司"]), ["AEO-ADVANCED"], value="1,627,126.50")
    app = ZizhiApp(deals)
    async with app.run_test(size=NARROW) as pilot:
        await open_board(pilot, settle)
        text = screen_text(app)
        assert not CUT_AMOUNT.search(text), text
        for row in pipeline(deals)["stages"]:
            weighted = board_head(app, row["stage"]).splitlines()[2]
            assert weighted in money_forms(row["weighted"]) and weighted in text
        # too wide for a card even without its fen: counted in millions or 万, never cut, and said rounded
        assert ("≈¥1.6M" if lang == "en" else "≈¥163万") in text
        assert big["title"][:2] in text


async def test_the_deal_head_and_the_quote_lines_keep_labels_and_figures_whole(deals, settle, lang):
    quotes.new_quote(deals, deals.deal_ids["海天"])  # EXPORT-LICENCE: ¥3,000 service fee, line total ¥3,180.00
    app = ZizhiApp(deals)
    async with app.run_test(size=NARROW) as pilot:
        await open_deal(pilot, settle, "right", "right")
        await pilot.press("2")
        await settle(pilot, QUICK)
        text = screen_text(app)
        head = "\n".join(text.splitlines()[1:6])
        labels = (("client", "value", "probability", "expected close", "qualifications", "owner", "stage")
                  if lang == "en" else ("客户", "金额", "成交概率", "预计成交", "资质", "负责人", "阶段"))
        for label in labels:
            assert f"{label} " in head, head
        assert "¥50,000.00" in head and "EXPORT-LICENCE" in head
        lines = [line for line in text.splitlines() if line.strip().startswith("EXPORT-LICENCE")]
        assert lines and "¥3,180.00" in lines[0], text
        assert not CUT_AMOUNT.search(text), text


async def test_the_footer_shows_no_key_without_its_word(app, settle, lang):
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, QUICK)
        footer = app.screen.query_one("FittedFooter")
        shown = [key for key in footer.query(FooterKey) if key.display]
        assert all(key.description for key in shown)
        assert sum(key.outer_size.width for key in shown) <= footer.size.width
        last = screen_text(app).splitlines()[-1]
        assert ("d Due follow-ups" if lang == "en" else "d 到期跟进") in last, last


async def test_every_hint_shows_whole_in_its_field_or_below_it(deals, settle, lang):
    app = ZizhiApp(deals)
    deal = core_deals.get_deal(deals, deals.deal_ids["海天"])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, QUICK)
        app.push_screen(ContractForm(deals, deal))
        await settle(pilot, QUICK)
        form = app.screen
        below = [str(hint.content) for hint in form.query("Static.field-hint") if hint.display and str(hint.content)]
        for name in ("instalments", "guarantee", "penalty"):
            field = form.query_one(f"#f-{name}", Input)
            assert field.placeholder or below
            assert width(field.placeholder) <= field.content_region.width
        rows = " ".join(" ".join(line.strip(" █").split()) for line in screen_text(app).splitlines())
        for hint in below:
            assert " ".join(hint.split()) in rows
        if lang == "en":  # the schedule's example is longer than the field at 80 columns
            assert form.query_one("#f-instalments", Input).placeholder == ""
            assert len(below) == 1 and "2027-01-15=2,180" in below[0]


async def test_the_search_box_hint_is_short_enough_for_a_narrow_pane(app, settle, lang):
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, QUICK)
        search = app.screen.query_one("#search", Input)
        assert 0 < width(search.placeholder) <= search.content_region.width
        assert search.placeholder in screen_text(app)
