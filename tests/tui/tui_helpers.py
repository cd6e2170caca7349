"""What the tests read off the screen and type into it, shared by the TUI test files.

(A uniquely named module rather than ``conftest`` imports: other test folders have conftests too.)
"""

from __future__ import annotations

import io
from contextlib import asynccontextmanager

from rich.console import Console
from textual.widgets import Static

from zizhi.tui.widgets.client_detail import ClientDetail
from zizhi.tui.widgets.client_table import ClientTable

SIZE = (120, 36)
QUICK = 0.02  # the board and the deal screen have no typing debounce to wait out


def names(app) -> list[str]:
    """Client names in the table, top to bottom, whole (the cells may end in "…")."""
    return [row["name"] for row in app.screen.query_one(ClientTable).rows_held]


def shown(widget: Static) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def detail(app) -> str:
    """Everything the detail pane says, top to bottom: the call, the log, the record."""
    pane = app.screen.query_one(ClientDetail)
    return "".join(shown(pane.query_one(f"#detail-{part}", Static)) for part in ("card", "log", "record"))


def screen_lines(app) -> list[str]:
    """The screen in front as a person sees it, row by row: every widget as drawn, overlaps included."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def said(app) -> str:
    """What the message line of the screen in front says, '' when it says nothing."""
    from zizhi.tui.message_line import MessageLine

    lines = app.screen.query(MessageLine)
    return lines.first().text if lines and lines.first().display else ""


def status(app) -> str:
    return str(app.screen.query_one("#list-status", Static).content)


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


async def run_palette(pilot, settle, query: str) -> None:
    """Open the command palette, type ``query`` and run the first hit."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, query)
    await settle(pilot, 0.4)
    await pilot.press("enter")
    await settle(pilot)


async def fill(pilot, **fields: str) -> None:
    """Set form fields by core field name, as if typed or chosen."""
    for name, value in fields.items():
        pilot.app.screen.query_one(f"#f-{name}").value = value
    await pilot.pause()


# -- the pipeline board and the deal screen ------------------------------------------------

def board_head(app, stage: str) -> str:
    """A stage column's head: its name, count and weighted value."""
    return str(app.screen.query_one(f"#stage-{stage} .stage-head", Static).content)


def cards(app, stage: str) -> list[int]:
    """Deal numbers on the cards of a stage column, top to bottom."""
    from zizhi.tui.widgets.stage_column import DealList

    deals = app.screen.query_one(f"#deals-{stage}", DealList)
    return [int(option.id) for option in deals.options if option.id and option.id.isdigit()]


def selected_card(app) -> tuple[str, int | None]:
    """(stage, deal number) of the highlighted card in the focused column."""
    from zizhi.tui.widgets.stage_column import DealList

    focused = app.focused
    assert isinstance(focused, DealList)
    return focused.id.removeprefix("deals-"), focused.deal_id


def problem(app) -> str:
    """The refusals and failures the message line of the screen in front says, '' when none."""
    from zizhi.tui.message_line import MessageLine

    lines = app.screen.query(MessageLine)
    notes = lines.first().notes if lines and lines.first().display else ()
    return " ".join(note.text for note in notes if note.severity == "error")


async def open_board(pilot, settle) -> None:
    await settle(pilot, QUICK)
    await pilot.press("p")
    await settle(pilot, QUICK)


def deal_text(app, *ids: str) -> str:
    """What the deal screen's sections say (``#history``, ``#assessments``, ``#quote-totals``…)."""
    return "".join(shown(app.screen.query_one(f"#{name}", Static)) for name in ids)


async def open_deal(pilot, settle, *keys: str) -> None:
    """From the board, walk to a card with ``keys`` and open it."""
    await open_board(pilot, settle)
    await pilot.press(*keys, "enter")
    await settle(pilot, QUICK)


# -- the message line ----------------------------------------------------------------------

HUANSHENG = "宁波环圣小家电有限公司"


def with_huansheng(desk) -> None:
    """A client whose name a toast used to cut (``宁波    小家电有限公司``)."""
    from zizhi.core.clients.records import add_client

    add_client(desk, name=HUANSHENG, contact="周敏", phone="13957400001", city="宁波", urgency="urgent")


async def log_contact_with_huansheng(pilot, settle) -> None:
    """Find 环圣 and log a phone call with it, as a salesperson would."""
    await pilot.press("slash", *"环圣", "enter")
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    await fill(pilot, channel="phone", summary="电话介绍出口资质", next_step="寄送材料", next_date="2026-12-01")
    await pilot.press("ctrl+s")
    await settle(pilot)


def screen_text(app) -> str:
    """The whole screen as a person reads it, line by line (what an 80×24 terminal shows)."""
    return "\n".join(screen_lines(app))


# -- the app as another person ---------------------------------------------------------------

@asynccontextmanager
async def app_as(desk, login: str, role: str | None = None):
    """The app as ``login`` (added with ``role`` first when given), closed at the end."""
    if role:
        from zizhi.core.people import users as people

        people.add_user(desk, login, login.upper(), role)
    from zizhi.core.desk import open_desk
    from zizhi.tui.app import ZizhiApp

    own = open_desk(db=desk.store.path, as_user=login, lang="en")
    try:
        app = ZizhiApp(own)
        app.animation_level = "none"
        yield app
    finally:
        own.close()


# -- Today -------------------------------------------------------------------------------------


def next_year_on_record(desk, folder) -> None:
    """Put 2027's holidays on record, so an admin's agenda on the fixtures' date (from 1 November)
    holds no holiday calendar to import: a morning with nothing due is nothing due."""
    import json

    from tests.core.test_workdays import YEAR_2027
    from zizhi.core.workdays import records

    schedule = folder / "2027.json"
    schedule.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    records.import_file(desk, schedule)
