"""Reviewed pictures of the pipeline: the board in Chinese (eight columns at 120×36, stuck deal
marked) and a deal's history and assessment.

Update with ``pytest tests/tui --snapshot-update`` and look at the SVGs under ``__snapshots__``
before committing them.
"""

from __future__ import annotations

from tui_helpers import SIZE, open_board, open_deal

from zizhi.core.i18n import choose_language
from zizhi.tui.app import ZizhiApp


def test_pipeline_board_in_chinese(deals, settle, snap_compare):
    choose_language("zh")

    async def board(pilot):
        await open_board(pilot, settle)
        await pilot.press("down")

    assert snap_compare(ZizhiApp(deals), terminal_size=SIZE, run_before=board)


def test_deal_with_its_history_and_assessment(deals, settle, snap_compare):
    async def deal(pilot):
        await open_deal(pilot, settle, "right", "right")

    assert snap_compare(ZizhiApp(deals), terminal_size=SIZE, run_before=deal)
