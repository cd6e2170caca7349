"""Reviewed pictures of the quarterly report: a salesperson's draft in Chinese at 80×24 and the form
she writes it in; a manager's list of who has filed, and a filed report whose revenue has changed
since (today's figure beside the frozen one), in English at 120×40.

Update with ``pytest tests/tui/test_quarterly_snapshots.py --snapshot-update`` and read the SVGs'
text before committing them.
"""

from __future__ import annotations

from reports_fixtures import (
    as_user,
    opened,
    pressing,
    teardown_function,  # noqa: F401 (pytest closes the desks after each test)
    with_kpis,
)

from zizhi.core import clock
from zizhi.core.people import users as people
from zizhi.core.quarterly import reports

RESULTS = "签约宁波海天出口许可证项目，合同额 ¥3,180.00；新增客户 1 家。"
PROBLEMS = "两家客户回款慢，其中一家已逾期 24 天。\n部分客户对出口管制新规不了解，评估周期偏长。"


def written(desk, filed: bool = False) -> None:
    """李娜's report for 2026Q4, two sections written (filed on 22 December when ``filed``)."""
    with_kpis(desk)
    clock.set_now("2026-12-22 09:00:00")
    li = as_user(desk, "li")
    try:
        reports.write_sections(li, {"results": RESULTS, "problems": PROBLEMS})
        if filed:
            reports.file_report(li)
    finally:
        li.close()


def test_a_salesperson_s_draft_in_chinese_at_80_by_24(owing, settle, snap_compare):
    written(owing)
    assert snap_compare(opened(owing, "li", "zh"), terminal_size=(80, 24), run_before=pressing(settle, "k", "Q"))


def test_the_form_she_writes_it_in_chinese_at_80_by_24(owing, settle, snap_compare):
    written(owing)
    assert snap_compare(opened(owing, "li", "zh"), terminal_size=(80, 24), run_before=pressing(settle, "k", "Q", "e"))


def test_who_has_filed_for_a_manager_at_120_by_40(owing, settle, snap_compare):
    written(owing, filed=True)
    people.add_user(owing, "chen", "陈经理", "manager")
    assert snap_compare(opened(owing, "chen", "en"), terminal_size=(120, 40), run_before=pressing(settle, "k", "Q"))


def test_a_filed_report_with_a_figure_changed_since_at_120_by_40(owing, settle, snap_compare):
    from zizhi.core.receivables import ledger

    written(owing, filed=True)
    clock.set_now("2026-12-28 10:00:00")
    ledger.record_payment(owing, str(owing.ids["宁波海天国际贸易有限公司"]), "680", paid_on="2026-12-28")
    people.add_user(owing, "chen", "陈经理", "manager")
    assert snap_compare(opened(owing, "chen", "en"), terminal_size=(120, 40),
                        run_before=pressing(settle, "k", "Q", "enter"))
