"""A brand-new database: the first screen tells the person how to start."""

from __future__ import annotations

from textual.widgets import Static

from zizhi.core.desk import open_desk
from zizhi.tui.app import ZizhiApp


async def test_an_empty_desk_says_how_to_begin(tmp_path, monkeypatch):
    monkeypatch.setenv("ZIZHI_CONFIG", str(tmp_path / "config"))
    desk = open_desk(db=tmp_path / "new.db", lang="en", create=True)
    try:
        app = ZizhiApp(desk)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            status = str(app.screen.query_one("#list-status", Static).content)
            assert "press a to add" in status and "zizhi --db demo.db demo" in status
    finally:
        desk.close()
