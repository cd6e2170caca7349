"""The app's side of ``app_start.py``: one start of the app, as a bare ``zizhi`` starts it.

    python bench/app_start_child.py PATH LOGIN

A script of its own, like its yardstick ``bare_app.py``, so the process pays for nothing the
app would not (the bench's own argument parsing and statistics). Imports ``commands.main``
(Typer and the command table, what the console script imports first) and ``tui.app``, opens the
desk on PATH as LOGIN, builds the app with ``tui.app.desk_app`` and runs it headless with
``run_test()``, polling until the first screen shows what it is for: Today's agenda read (its
rows, or the line saying nothing is due), or a DataTable with rows. It polls every 20 ms: polling
every 2 ms kept the event loop busy and took the processor from the worker reading the agenda (the
agenda came 200 ms later), which a person's idle terminal does not. Prints its milestones and the
wall-clock moment of that content as JSON, the last line of its output.
"""

from __future__ import annotations

import time

BORN = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import textual.app  # noqa: E402, F401
from textual.widgets import DataTable  # noqa: E402

import zizhi.commands.main  # noqa: E402, F401
from zizhi.core.desk import open_desk  # noqa: E402
from zizhi.tui.app import desk_app  # noqa: E402

IMPORTED = time.perf_counter()
SIZE = (160, 48)  # as bare_app.py
TIMEOUT_S = 60


def main(path: str, login: str) -> None:
    desk = open_desk(db=path, as_user=login)
    opened = time.perf_counter()

    async def run() -> dict:
        app = desk_app(desk)
        async with app.run_test(size=SIZE) as pilot:
            mounted = time.perf_counter()  # run_test yields once the app and its first screen are up
            deadline = mounted + TIMEOUT_S
            while time.perf_counter() < deadline:
                tables = [t for t in app.screen.query(DataTable) if t.row_count]
                if tables or getattr(app.screen, "as_of", None):  # Today: the agenda read, even empty
                    table = tables[0] if tables else None
                    return {"screen": mounted, "rows": time.perf_counter(), "rows_at": time.time(),
                            "row_count": table.row_count if table else 0,
                            "table": (table.id or type(table).__name__) if table else "today-empty"}
                await pilot.pause(0.02)
        raise SystemExit("the first screen showed nothing")

    found = asyncio.run(run())
    ms = lambda moment: round((moment - BORN) * 1000, 1)
    print(json.dumps({"imports": ms(IMPORTED), "desk": ms(opened), "screen": ms(found["screen"]),
                      "rows": ms(found["rows"]), "rows_at": found["rows_at"],
                      "row_count": found["row_count"], "table": found["table"]}))
    os._exit(0)  # skip interpreter teardown; the parent already has what it needs


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
