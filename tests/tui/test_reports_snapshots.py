"""Reviewed pictures of the reports, the risks and the notices: the team's bars aligned under
Chinese names, the heat map's coloured squares with their counts, a notice read beside the list.

Update with ``pytest tests/tui/test_reports_snapshots.py --snapshot-update`` and read the SVGs'
text before committing them.
"""

from __future__ import annotations

from reports_fixtures import with_kpis, with_notice, with_risks

from zizhi.core.desk import open_desk
from zizhi.core.people import users as people
from zizhi.tui.app import desk_app

OPENED = []


def opened(desk, login: str, lang: str):
    own = open_desk(db=desk.store.path, as_user=login, lang=lang)
    OPENED.append(own)
    app = desk_app(own)
    app.animation_level = "none"
    return app


def teardown_function() -> None:
    while OPENED:
        OPENED.pop().close()


def pressing(settle, *keys: str):
    async def run(pilot):
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        await settle(pilot)

    return run


def test_the_team_ranked_with_its_bars_in_chinese_at_120_by_36(owing, settle, snap_compare):
    with_kpis(owing)
    people.add_user(owing, "chen", "陈经理", "manager")
    assert snap_compare(opened(owing, "chen", "zh"), terminal_size=(120, 36), run_before=pressing(settle, "k"))


def test_the_heat_map_and_the_register_in_chinese_at_80_by_24(owing, settle, snap_compare):
    with_risks(owing)
    assert snap_compare(opened(owing, "wang", "zh"), terminal_size=(80, 24), run_before=pressing(settle, "R"))


def test_a_notice_read_beside_the_list_at_80_by_24(owing, settle, snap_compare):
    with_notice(owing)
    assert snap_compare(opened(owing, "li", "en"), terminal_size=(80, 24), run_before=pressing(settle, "N"))


def test_channels_at_80_by_24_keep_amounts_whole_and_name_the_columns_left_out(owing, settle, snap_compare):
    with_kpis(owing)
    people.add_user(owing, "chen", "陈经理", "manager")
    assert snap_compare(opened(owing, "chen", "en"), terminal_size=(80, 24), run_before=pressing(settle, "k", "4"))
