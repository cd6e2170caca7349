"""Reviewed pictures of the pipeline: a deal's history and assessment (the board at two sizes and
in both languages is in ``test_screen_sizes``).

Update with ``pytest tests/tui --snapshot-update`` and look at the SVGs under ``__snapshots__``
before committing them.
"""

from __future__ import annotations

from tui_helpers import SIZE, open_deal

from zizhi.tui.app import ZizhiApp


def test_deal_with_its_history_and_assessment(deals, settle, snap_compare):
    async def deal(pilot):
        await open_deal(pilot, settle, "right", "right")

    assert snap_compare(ZizhiApp(deals), terminal_size=SIZE, run_before=deal)
