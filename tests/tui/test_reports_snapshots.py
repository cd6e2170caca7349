"""Reviewed pictures of the reports, the risks and the notices: the team's bars aligned under
Chinese names, the heat map's coloured squares with their counts, a notice read beside the list.

Update with ``pytest tests/tui/test_reports_snapshots.py --snapshot-update`` and read the SVGs'
text before committing them.
"""

from __future__ import annotations

from reports_fixtures import (
    opened,
    pressing,
    teardown_function,  # noqa: F401 (pytest closes the desks after each test)
    with_kpis,
    with_notice,
    with_risks,
)

from zizhi.core.people import users as people


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
