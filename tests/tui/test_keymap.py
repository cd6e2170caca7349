"""Every binding has an id to rebind it and a description in both languages."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE

from zizhi.core.i18n import MESSAGES, t
from zizhi.tui import keymap
from zizhi.tui.app import ZizhiApp

GROUPS = [keymap.APP, keymap.DESK, keymap.AGENDA, keymap.TODAY, keymap.CLIENTS, keymap.CARDS, keymap.PIPELINE, keymap.DEAL,
          *keymap.DEAL_TABS.values(), keymap.FORM, keymap.IMPORT, keymap.EXPORT,
          keymap.HELP, keymap.RECEIVABLES, keymap.REPORTS, keymap.DRILL, keymap.RISKS, keymap.RISK_VIEW, keymap.NOTICES]


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
