"""Reviewed pictures of money owed: the aging table in English at 120×36, today's dunning in
Chinese at 80×24 — amounts whole, names cut with "…", every Chinese character in place.

Update with ``pytest tests/tui --snapshot-update`` and look at the SVGs under ``__snapshots__``
before committing them.
"""

from __future__ import annotations

from tui_helpers import SIZE

from zizhi.core.i18n import choose_language
from zizhi.core.receivables import ledger
from zizhi.tui.app import ZizhiApp


async def receivables(pilot, settle, tab: str = "1") -> None:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    await pilot.press(tab)
    await settle(pilot)


def test_the_aging_table_with_a_client_s_debts_and_payments(owing, settle, snap_compare):
    ledger.record_payment(owing, owing.ids["宁波海天国际贸易有限公司"], "500", reference="CMB-0042")

    async def aging(pilot):
        await receivables(pilot, settle)

    assert snap_compare(ZizhiApp(owing), terminal_size=SIZE, run_before=aging)


def test_today_s_dunning_in_chinese_at_80_by_24(owing, settle, snap_compare):
    choose_language("zh")

    async def dunning(pilot):
        await receivables(pilot, settle, "2")

    assert snap_compare(ZizhiApp(owing), terminal_size=(80, 24), run_before=dunning)
