"""The app shows a salesperson their own clients only: the client list, its search and the
pipeline board never name, count or dial a client that is not theirs."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE, names, open_board, type_text

from zizhi.core.desk import open_desk

OTHERS = ("上海恒通", "义乌小商品", "王芳", "刘洋", "021-68881234", "0579-85551234")


@pytest.fixture
def li_app(desk, deals):
    """The app as Li Na, who owns 华为 and 宁波海天; 恒通 and 义乌 are not hers."""
    from zizhi.tui.app import ZizhiApp

    own = open_desk(db=desk.store.path, as_user="li", lang="en")
    yield ZizhiApp(own)
    own.close()


def screen_text(app) -> str:
    return app.export_screenshot()


async def test_the_client_list_search_and_board_show_only_her_own(li_app, settle):
    async with li_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sorted(names(li_app)) == ["华为技术有限公司", "宁波海天国际贸易有限公司"]
        assert not [word for word in OTHERS if word in screen_text(li_app)]
        await pilot.press("/")
        await type_text(pilot, "恒通")
        await settle(pilot, 0.4)
        assert names(li_app) == [] and "恒通进出口" not in screen_text(li_app)
        await pilot.press("escape")
        await open_board(pilot, settle)
        board = screen_text(li_app)
        assert "华为" in board and not [word for word in OTHERS if word in board]
        assert "2 open deals" in str(li_app.screen.query_one("#board-status").content)
