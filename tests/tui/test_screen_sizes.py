"""Reviewed pictures of the three screens a salesperson lives in — the clients list, the pipeline
board and a deal with its quote — at the smallest terminal we promise (80×24) and a common one
(120×40), in Chinese and in English: nothing cut without "…", figures whole.

Update with ``pytest tests/tui/test_screen_sizes.py --snapshot-update`` and look at every changed
SVG under ``__snapshots__`` before committing it.
"""

from __future__ import annotations

import pytest
from tui_helpers import open_board, open_deal

from zizhi.core.i18n import choose_language
from zizhi.core.pipeline import quotes
from zizhi.tui.app import ZizhiApp

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def quoted(deals):
    """The deals of the board, the proposal of 宁波海天 quoted with two lines, one discounted."""
    quote = quotes.new_quote(deals, deals.deal_ids["海天"])
    quotes.add_line(deals, quote["id"], "ORIGIN-REG", quantity=3, discount="5%")
    return deals


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_clients(desk, settle, snap_compare, size, lang):
    choose_language(lang)

    async def ready(pilot):
        await settle(pilot)

    assert snap_compare(ZizhiApp(desk), terminal_size=SIZES[size], run_before=ready)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_board(deals, settle, snap_compare, size, lang):
    choose_language(lang)

    async def board(pilot):
        await open_board(pilot, settle)

    assert snap_compare(ZizhiApp(deals), terminal_size=SIZES[size], run_before=board)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_deal_quote(quoted, settle, snap_compare, size, lang):
    choose_language(lang)

    async def quote(pilot):
        await open_deal(pilot, settle, "right", "right")
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(ZizhiApp(quoted), terminal_size=SIZES[size], run_before=quote)
