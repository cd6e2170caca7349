"""Reviewed pictures of Today, the app's first screen: a salesperson's morning of dunning, an
escalated follow-up and her two stuck deals in English at 120×40 — led by a policy notice she has
not read — and in Chinese at 80×24 (reasons
cut with "…", dates and waiting times whole), a manager's escalations and the stuck deals nobody
owns with whose they are, and a morning with nothing due.

Update with ``pytest tests/tui/test_today_snapshots.py --snapshot-update`` and look at the SVGs
under ``__snapshots__`` before committing them.
"""

from __future__ import annotations

import pytest
from reports_fixtures import with_notice
from tui_helpers import next_year_on_record

from zizhi.core.desk import open_desk
from zizhi.core.people import users as people
from zizhi.tui.app import desk_app


@pytest.fixture
def opened():
    """Opens the app as ``zizhi`` does for a login, in a language; closes its desk after."""
    desks = []

    def open_as(desk, login: str, lang: str):
        own = open_desk(db=desk.store.path, as_user=login, lang=lang)
        desks.append(own)
        return desk_app(own)

    yield open_as
    for own in desks:
        own.close()


async def _agenda(pilot) -> None:
    await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_a_salesperson_s_morning_in_english_at_120_by_40(owing, opened, snap_compare):
    with_notice(owing)
    assert snap_compare(opened(owing, "li", "en"), terminal_size=(120, 40), run_before=_agenda)


def test_a_salesperson_s_morning_in_chinese_at_80_by_24(owing, opened, snap_compare):
    assert snap_compare(opened(owing, "li", "zh"), terminal_size=(80, 24), run_before=_agenda)


def test_a_manager_s_escalations_in_english_at_80_by_24(owing, opened, snap_compare):
    people.add_user(owing, "zhou", "周经理", "manager")
    assert snap_compare(opened(owing, "zhou", "en"), terminal_size=(80, 24), run_before=_agenda)


def test_a_manager_s_escalations_in_chinese_at_120_by_40(owing, opened, snap_compare):
    people.add_user(owing, "zhou", "周经理", "manager")
    assert snap_compare(opened(owing, "zhou", "zh"), terminal_size=(120, 40), run_before=_agenda)


def test_nothing_due_in_chinese_at_80_by_24(desk, opened, snap_compare, tmp_path):
    next_year_on_record(desk, tmp_path)  # the admin has no holiday calendar to import
    assert snap_compare(opened(desk, "boss", "zh"), terminal_size=(80, 24), run_before=_agenda)
