"""The app starts on Today without paying for what that screen does not use (README:
Performance): a fresh process, as a bare ``zizhi`` starts it, with the configuration already checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from zizhi.core import settings
from zizhi.core.paths import SHIPPED_CONFIG

START = """
import asyncio, json, sys
from zizhi.core.desk import open_desk
from zizhi.tui.app import desk_app

LATER = ("zizhi.tui.screens.clients", "zizhi.tui.screens.pipeline", "zizhi.tui.screens.deal",
         "zizhi.tui.widgets.deal.quote", "pypinyin", "fpdf", "zizhi.config.schema")

from zizhi.tui.screens import today
slow = today.agenda
def agenda_of_a_large_book(*args, **kwargs):  # a few hundred ms at 100,000 clients; here a few
    import time
    time.sleep(0.3)
    return slow(*args, **kwargs)
today.agenda = agenda_of_a_large_book

async def main():
    desk = open_desk(db=sys.argv[1], as_user="li", lang="en")
    app = desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        first = type(app.screen).__name__
        painted = str(app.screen.query_one("#today-status").content)
        while app.screen.as_of is None:
            await pilot.pause(0.01)
        agenda = app.screen.query_one("#agenda").row_count
        loaded = [m for m in LATER if m in sys.modules]
        await pilot.press("c")
        table = app.screen.query_one("#clients")
        while not table.row_count:
            await pilot.pause(0.01)
        await pilot.press("n")
        await pilot.pause()
        form = type(app.screen).__name__
        await pilot.press("escape", "p")
        await pilot.pause()
        board = type(app.screen).__name__
    print(json.dumps({"first": first, "painted": painted, "agenda": agenda, "rows": table.row_count,
                      "loaded": loaded, "form": form, "board": board}))

asyncio.run(main())
"""


def test_the_app_starts_on_today_with_its_keys_and_the_other_screens_come_when_asked(desk, tmp_path, monkeypatch):
    config = tmp_path / "config"
    shipped = (SHIPPED_CONFIG / "settings.toml").read_text(encoding="utf-8")
    (config / "settings.toml").write_text(shipped + '\n[keys]\n"clients.add" = "n"\n', encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZIZHI_")}
    environment.update(ZIZHI_CONFIG=str(config), ZIZHI_STATE=str(tmp_path / "state"), ZIZHI_NOW="2026-11-27T09:00:00")
    monkeypatch.setenv("ZIZHI_STATE", str(tmp_path / "state"))
    settings.load()  # as any earlier command would: the files pass and their checked values are kept
    done = subprocess.run([sys.executable, "-c", START, str(tmp_path / "z.db")], capture_output=True, text=True,
                          timeout=120, env=environment)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["first"] == "TodayScreen"
    assert report["painted"] == "Loading…", "the first paint does not wait for the agenda"
    assert report["agenda"] == 2  # 华为's follow-up under its heading
    assert report["loaded"] == []
    assert report["rows"] == 2  # her own clients
    assert report["form"] == "ClientForm"  # settings.toml's key, read back without the schema
    assert report["board"] == "PipelineScreen"
