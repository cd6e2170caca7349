"""The yardstick for ``app_start.py``: a bare Textual app showing a 100-row DataTable.

    python bench/bare_app.py

Run by ``app_start.py`` as a fresh process, side by side with the app, and timed the same way:
``run_test()`` at the same size, polling until the table has rows. It prints the wall-clock
moment the rows were there and its own milestones as JSON, the last line of its output. The rows
are like the client list's — seven columns, a Chinese name among them — so the table measures
the same kind of cells; nothing else is on the screen.
"""

from __future__ import annotations

import time

BORN = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable  # noqa: E402

IMPORTED = time.perf_counter()
ROWS = 100
SIZE = (160, 48)  # as app_start.py runs the app
TIMEOUT_S = 60


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("name", "contact", "phone", "city", "urgency", "owner", "next")
        for n in range(ROWS):
            table.add_row(f"上海佳晨跨境电商有限公司{n}", "王芳", f"0579-4815{n:04d}", "宁波",
                          "due", "wang.fang", "2026-12-03", key=str(n))


def main() -> None:
    async def run() -> dict:
        app = BareApp()
        async with app.run_test(size=SIZE) as pilot:
            mounted = time.perf_counter()
            deadline = mounted + TIMEOUT_S
            while time.perf_counter() < deadline:
                table = app.query_one(DataTable)
                if table.row_count:
                    return {"screen": mounted, "rows": time.perf_counter(), "rows_at": time.time(),
                            "row_count": table.row_count}
                await pilot.pause(0.02)  # as app_start_child.py
        raise SystemExit("the table never had rows")

    found = asyncio.run(run())
    ms = lambda moment: round((moment - BORN) * 1000, 1)
    print(json.dumps({"imports": ms(IMPORTED), "screen": ms(found["screen"]), "rows": ms(found["rows"]),
                      "rows_at": found["rows_at"], "row_count": found["row_count"]}))
    os._exit(0)  # as the app's run does: no interpreter teardown


if __name__ == "__main__":
    main()
