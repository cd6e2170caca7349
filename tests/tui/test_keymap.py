"""Every binding has an id to rebind it and a description in both languages."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE

from zizhi.core.i18n import MESSAGES, t
from zizhi.tui import keymap
from zizhi.tui.app import ZizhiApp

GROUPS = [keymap.APP, keymap.DESK, keymap.AGENDA, keymap.TODAY, keymap.CLIENTS, keymap.CARDS, keymap.PIPELINE, keymap.DEAL,
          *keymap.DEAL_TABS.values(), keymap.FORM, keymap.IMPORT, keymap.EXPORT,
          keymap.HELP, keymap.RECEIVABLES, keymap.REPORTS, keymap.DRILL, keymap.RISKS, keymap.RISK_VIEW, keymap.NOTICES,
          keymap.QUARTERLY, keymap.ROSTER_TABLE, keymap.QUARTERLY_ROSTER, keymap.CONFIRM]


@pytest.mark.parametrize("key", [k for group in GROUPS for k in group], ids=lambda k: k.id)
def test_every_binding_is_described_in_english_and_chinese(key):
    assert key.label in MESSAGES
    english, chinese = MESSAGES[key.label]
    assert english and chinese


def test_binding_ids_are_unique():
    ids = [k.id for group in GROUPS for k in group]
    assert len(ids) == len(set(ids))


async def test_a_user_keymap_rebinds_by_id(desk):
    app = ZizhiApp(desk, keys={"clients.add": "n"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClientForm"


async def test_the_footer_shows_translated_descriptions(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        described = {b.binding.description for b in app.screen.active_bindings.values()}
        assert t("tui.key.add") in described
        assert not any(d.startswith("tui.") for d in described)


def _screens():
    from zizhi.tui.screens.clients import ClientsScreen
    from zizhi.tui.screens.deal import DealScreen
    from zizhi.tui.screens.notices import NoticesScreen
    from zizhi.tui.screens.pipeline import PipelineScreen
    from zizhi.tui.screens.receivables import ReceivablesScreen
    from zizhi.tui.screens.reports import ReportsScreen
    from zizhi.tui.screens.risks import RisksScreen
    from zizhi.tui.screens.today import TodayScreen

    main = (TodayScreen, ClientsScreen, PipelineScreen, DealScreen, ReceivablesScreen)
    return main, (*main, ReportsScreen, RisksScreen, NoticesScreen)


def _keys(screen) -> list[tuple[str, str]]:
    return [(key, binding.action) for binding in screen.BINDINGS for key in binding.key.split(",")]


def test_no_screen_binds_one_key_to_two_actions():
    """A key bound twice on one screen does one of its actions and never the other."""
    for screen in _screens()[1]:
        keys = [key for key, _ in _keys(screen)]
        assert sorted(key for key in set(keys) if keys.count(key) > 1) == [], screen.__name__


def test_every_main_screen_reaches_the_reports_the_risks_and_the_notices_by_the_same_keys():
    """The same key everywhere: the deal's N once drafted a quote version where every other
    screen's N opens the notices."""
    for screen in _screens()[0]:
        bound = dict(_keys(screen))
        assert (bound["k"], bound["R"], bound["N"]) == ("show_reports", "show_risks", "show_notices"), screen.__name__
