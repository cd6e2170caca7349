"""Every client reachable: the table scrolls through the whole list a few pages at a time, Home
and End reach its ends, the status line counts it, and every keystroke of a search is answered
without a pause."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from tui_helpers import SIZE, fill, names, run_palette, status

from zizhi.core.clients.records import list_clients
from zizhi.core.clients.search import search_clients
from zizhi.core.demo import fill_demo
from zizhi.tui.client_window import CAPACITY, PAGE
from zizhi.tui.widgets.client_table import ClientTable


@pytest.fixture
def crowd(desk):
    """The desk's four clients and 450 demo ones — more than the table ever holds at once —
    as their names stand in the list, urgent first."""
    fill_demo(desk, clients=450, add=True)
    return [row["name"] for row in list_clients(desk, limit=1000)]


@pytest.fixture
def app(desk, crowd):
    from zizhi.tui.app import ZizhiApp

    return ZizhiApp(desk)


def cursor_name(app) -> str:
    table = app.screen.query_one(ClientTable)
    return table.rows_held[table.cursor_row]["name"]


async def answered(pilot) -> None:
    """Wait for the workers and their messages — but not for any timer: there must be none."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_status_line_counts_the_whole_list(app, settle, crowd):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert status(app) == f"{len(crowd)} clients"
        assert len(names(app)) < len(crowd)


@pytest.mark.parametrize("lang, shown", [("en", "{:,} clients"), ("zh", "{:,} 个客户")])
async def test_thousands_are_counted_with_separators_in_both_languages(desk, settle, lang, shown):
    from zizhi.core.clients.listing import count
    from zizhi.core.demo import fill_demo
    from zizhi.core.i18n import choose_language
    from zizhi.tui.app import ZizhiApp

    fill_demo(desk, clients=1100, add=True)
    choose_language(lang)
    async with ZizhiApp(desk).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert count(desk) > 1000
        assert status(pilot.app) == shown.format(count(desk))
        assert "," in status(pilot.app)


async def test_end_reaches_the_last_client_and_home_the_first(app, settle, crowd):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert cursor_name(app) == crowd[-1]
        assert names(app) == crowd[-len(names(app)):]
        table = app.screen.query_one(ClientTable)
        assert table.scroll_x == 0  # End no longer slides the table sideways
        await pilot.press("up")
        await settle(pilot)
        assert cursor_name(app) == crowd[-2]
        await pilot.press("home")
        await settle(pilot)
        assert cursor_name(app) == crowd[0]


async def test_pagedown_pages_through_every_client_to_the_last(app, settle, crowd):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClientTable)
        seen = [cursor_name(app)]
        for _ in range(60):
            await pilot.press("pagedown")
            await settle(pilot, 0)
            seen.append(cursor_name(app))
            assert table.row_count <= CAPACITY
            if seen[-1] == crowd[-1]:
                break
        assert seen[-1] == crowd[-1]
        steps = [crowd.index(name) for name in seen]
        assert steps == sorted(steps) and 10 < steps[1] - steps[0] < 40  # a screenful at a time


async def test_scrolling_up_from_the_end_reads_the_earlier_pages(app, settle, crowd):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        for _ in range(8):
            await pilot.press("pageup")
            await settle(pilot, 0)
        at = crowd.index(cursor_name(app))
        assert at < len(crowd) - 100  # above the last page read
        assert names(app) == crowd[crowd.index(names(app)[0]):][:len(names(app))]
        await pilot.press("up")
        await settle(pilot, 0)
        assert crowd.index(cursor_name(app)) == at - 1


async def test_refreshing_deep_in_the_list_keeps_the_place(app, settle, crowd):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end", "up", "up")
        await settle(pilot)
        assert cursor_name(app) == crowd[-3]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert cursor_name(app) == crowd[-3] and status(app) == f"{len(crowd)} clients"
        await pilot.press("down", "down")
        await settle(pilot)
        assert cursor_name(app) == crowd[-1]


async def test_the_due_view_counts_what_is_due(app, settle, desk):
    from zizhi.core.clients.listing import count

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        due = count(desk, due=True)
        assert due > 1
        assert status(app) == f"{due} due — follow-ups dated 2026-11-27 or earlier"
        await pilot.press("end")
        await settle(pilot)
        assert cursor_name(app) == list_clients(desk, due=True, limit=1000)[-1]["name"]


async def test_every_keystroke_is_answered_without_waiting(app, settle, crowd):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "h")
        await answered(pilot)
        assert "matching “h”" in status(app)
        await pilot.press("w")
        await answered(pilot)
        assert "matching “hw”" in status(app) and "华为技术有限公司" in names(app)
        await pilot.press("backspace", "backspace")
        await answered(pilot)
        assert app.screen.query_one("#search", Input).value == ""
        assert status(app).endswith(" clients") and "“" not in status(app)


async def test_a_client_added_beyond_the_rows_read_is_shown_where_it_stands_and_selected(app, settle, desk):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, name="杭州新锐贸易有限公司", urgency="low")
        await pilot.press("ctrl+s")
        await settle(pilot)
        whole = [row["name"] for row in list_clients(desk, limit=1000)]
        assert whole.index("杭州新锐贸易有限公司") > 200, "far past the first page the screen had read"
        assert cursor_name(app) == "杭州新锐贸易有限公司" and status(app) == f"{len(whole)} clients"
        shown = names(app)
        assert shown == whole[whole.index(shown[0]):][:len(shown)]  # the list as it runs there
        await pilot.press("home")
        await settle(pilot)
        assert cursor_name(app) == whole[0]


async def test_switching_language_deep_in_the_list_keeps_the_place(app, settle, crowd):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end", "up", "up")
        await settle(pilot)
        await run_palette(pilot, settle, "switch language")
        assert cursor_name(app) == crowd[-3] and status(app) == f"{len(crowd)} 个客户"


async def test_a_search_typed_while_the_cursor_nears_the_end_shows_only_its_hits(app, settle, crowd):
    """The rows on screen are the old list until the search's arrive: the cursor reaching their
    end meanwhile must not read on from the old list into the search's (it once crashed the app)."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClientTable)
        search = app.screen.query_one("#search", Input)
        for _ in range(3):
            search.value = "hw"
            table.move_cursor(row=table.row_count - 1)  # at the old rows' edge before the hits arrive
            await settle(pilot)
            assert names(app) == [row["name"] for row in search_clients(app.desk, "hw", limit=PAGE)]
            assert "matching “hw”" in status(app)
            search.value = ""
            await settle(pilot)
