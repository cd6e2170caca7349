"""A value in the client list is whole or ends in "…": dates and phone numbers are never cut —
a column is dropped first — and the list never scrolls sideways, at 80 or 120 columns, in
either language."""

from __future__ import annotations

import pytest

from zizhi.core.clients.records import add_client
from zizhi.core.i18n import choose_language
from zizhi.tui.column_fit import Column, widths
from zizhi.tui.widgets.client_table import ClientTable

NAME = Column("name", 28, 10, 24)
PHONE = Column("phone", 17, 17, 17, drop=3)
CITY = Column("city", 4, 4, 4, drop=0)
DATE = Column("date", 10, 10, 10)


def test_everything_fits_when_there_is_room():
    assert widths([NAME, PHONE, CITY, DATE], 100) == {"name": 28, "phone": 17, "city": 4, "date": 10}


def test_a_name_gives_way_before_a_column_is_dropped():
    assert widths([NAME, PHONE, CITY, DATE], 64) == {"name": 25, "phone": 17, "city": 4, "date": 10}


def test_figures_are_dropped_lowest_priority_first_and_never_narrowed():
    code, government, service = Column.whole("code", 12), Column.whole("gov", 9, 0), Column.whole("svc", 9, 1)
    assert list(widths([code, government, service], 100)) == ["code", "gov", "svc"]
    assert widths([code, government, service], 26) == {"code": 12, "svc": 9}
    assert widths([code, government, service], 20) == {"code": 12}


def test_a_phone_number_is_dropped_whole_rather_than_cut():
    kept = widths([NAME, PHONE, CITY, DATE], 44)
    assert "phone" not in kept and kept["date"] == 10 and sum(kept.values()) + 2 * len(kept) <= 44


def test_room_freed_by_a_wide_column_takes_back_a_narrow_one():
    assert widths([NAME, PHONE, CITY, DATE], 48) == {"name": 28, "city": 4, "date": 10}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_list_shows_dates_and_phones_whole_and_never_scrolls_sideways(desk, settle, size, lang):
    from zizhi.tui.app import ZizhiApp

    add_client(desk, name="深圳市前海跨境电子商务供应链管理有限责任公司", contact="欧阳建国",
               phone="0755-86001234-8801", city="深圳", urgency="urgent")
    choose_language(lang)
    app = ZizhiApp(desk)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClientTable)
        assert table.max_scroll_x == 0
        assert table.virtual_size.width <= table.size.width - table.styles.scrollbar_size_vertical
        shown = [table.cell(row, "name") for row in range(table.row_count)]
        assert "深圳市前海跨境电子商务供应链管理有限责任公司" not in shown
        assert any(name.startswith("深圳市前海") and name.endswith("…") for name in shown)
        dates = {table.cell(row, "next_date") for row in range(table.row_count)}
        assert "2026-11-25" in dates and "2026-12-05" in dates
        phones = {table.cell(row, "phone") for row in range(table.row_count)}
        assert phones == {""} if size == (80, 24) else "0755-86001234-8801" in phones


async def test_a_salesperson_sees_no_owner_column_of_their_own_clients(desk, settle):
    from zizhi.core.desk import open_desk
    from zizhi.tui.app import ZizhiApp

    mine = open_desk(db=desk.store.path, as_user="li", lang="en")
    try:
        async with ZizhiApp(mine).run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = pilot.app.screen.query_one(ClientTable)
            assert "owner" not in table.columns and "contact" in table.columns
    finally:
        mine.close()


async def test_a_narrower_window_drops_columns_and_keeps_the_client_selected(app, settle):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClientTable)
        await pilot.press("down", "down")
        chosen = table.client_id
        assert "phone" in table.columns
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "phone" not in table.columns and table.client_id == chosen
        assert table.max_scroll_x == 0
