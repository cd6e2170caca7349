"""Policy notices (rulebook §7.1; ``zizhi notice list|show|ack``): every notice, the person's
unread ones first, and the one under the cursor whole beside the list — what changed, from when,
the qualifications it touches, and (for legal, managers and admins) who has read it. ``a``
acknowledges it, which takes it off the person's agenda. Read in thread workers.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from zizhi.core.compliance import notices
from zizhi.core.i18n import t
from zizhi.tui import keymap
from zizhi.tui.places import Places
from zizhi.tui.roles import RoleKeys
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.rows_table import Col, RowsTable
from zizhi.tui.work import DeskWork


def _read(row: dict) -> Text:
    if row["acknowledged_at"]:
        return Text(t("tui.notices.read_on", day=row["acknowledged_at"][:10]), style="dim")
    return Text(t("tui.notices.unread"), style="bold yellow")


_COLUMNS = [
    Col("id", lambda: "#"),
    Col("title", lambda: t("col.title"), words=True, comfortable=28),
    Col("effective", lambda: t("col.effective_on"), drop=2),
    Col("read", lambda: t("col.acknowledged_at")),  # whether the person has read it: never left out
    Col("codes", lambda: t("col.codes"), words=True, comfortable=16, drop=0),
    Col("roster", lambda: t("col.acknowledged"), drop=1),
]


def _cells(row: dict) -> dict[str, Text]:
    roster = f"{row['acknowledged']}/{row['expected']}" if "expected" in row else ""
    return {"id": Text(str(row["id"]), justify="right"),
            "title": Text(row["title"], style="" if row["acknowledged_at"] else "bold"),
            "effective": Text(row["effective_on"]), "read": _read(row), "codes": Text(", ".join(row["codes"])),
            "roster": Text(roster, justify="right")}


def notice_text(notice: dict) -> Group:
    """One notice whole: when it takes effect, what it touches, what it says, who has read it."""
    parts = [Text(notice["title"], style="bold"),
             Text(t("tui.notices.in_effect", day=notice["effective_on"]), style="dim")]
    if notice["codes"]:
        parts.append(Text(t("tui.notices.codes", codes=", ".join(notice["codes"])), style="dim"))
    if notice["source"]:
        parts.append(Text(t("tui.notices.source", source=notice["source"]), style="dim"))
    parts += [Text(""), Text(notice["summary"]), Text("")]
    if notice["acknowledged_at"]:
        parts.append(Text(t("tui.notices.yours_done", at=notice["acknowledged_at"][:16]), style="green"))
    else:
        parts.append(Text(t("tui.notices.yours_pending"), style="bold yellow"))
    if "pending" in notice:
        acked = len(notice["acknowledged"])
        pending = ", ".join(p["login"] for p in notice["pending"]) or "—"
        parts += [Text(""), Text(t("tui.notices.roster", acked=acked, expected=acked + len(notice["pending"]),
                                   pending=pending), style="dim")]
    return Group(*parts)


class NoticesScreen(Places, RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    CSS_PATH = "../styles/notices.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.NOTICES)
    PALETTE = (("acknowledge", "acknowledge"), ("risks", "show_risks"), ("reports", "show_reports"),
               ("back", "back"), ("help", "help"))

    @dataclass
    class Listed(Message):
        rows: list[dict]

    @dataclass
    class Read(Message):
        notice: dict

    @dataclass
    class Acknowledged(Message):
        notice: dict

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.rows: list[dict] | None = None
        self.notice: dict | None = None
        self.wanted: int | None = None  # a notice to put the cursor on once listed

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="notices-status")
        with Horizontal(id="notices-body"):
            yield RowsTable(_COLUMNS, _cells, id="notices")
            with VerticalScroll(id="notice-pane"):
                yield Static("", id="notice-whole")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#notices").focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.rows is not None:
            self.reload()

    async def relabel(self) -> None:
        await self.recompose()
        self.on_mount()

    def choose(self, notice_id: int) -> None:
        """Put the cursor on ``notice_id`` (Today's Enter on a notice to acknowledge)."""
        self.wanted = notice_id
        if self.rows is not None:
            self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._list()

    @work(thread=True, exclusive=True, exit_on_error=False, group="notices")
    def _list(self) -> None:
        self.post_message(self.Listed(notices.list_notices(self.desk)))

    def on_notices_screen_listed(self, message: Listed) -> None:
        self.rows = message.rows
        table = self.query_one("#notices", RowsTable)
        keep = self.notice["id"] if self.notice else None
        table.show(message.rows)
        wanted = self.wanted if self.wanted is not None else keep
        self.wanted = None
        found = [n for n, row in enumerate(message.rows) if row["id"] == wanted]
        if found:
            table.move_cursor(row=found[0])
        pending = sum(1 for row in message.rows if not row["acknowledged_at"])
        self.query_one("#notices-status", Static).update(
            t("tui.notices.status", count=len(message.rows), pending=pending) if message.rows else t("tui.notices.none"))
        self._chosen_changed()

    @on(DataTable.RowHighlighted, "#notices")
    def _chosen_changed(self) -> None:
        row = self.query_one("#notices", RowsTable).row
        if row is None:
            self.notice = None
            self.query_one("#notice-whole", Static).update("")
        else:
            self._read(row["id"])

    @work(thread=True, exclusive=True, exit_on_error=False, group="notice")
    def _read(self, notice_id: int) -> None:
        self.post_message(self.Read(notices.get_notice(self.desk, notice_id)))

    def on_notices_screen_read(self, message: Read) -> None:
        row = self.query_one("#notices", RowsTable).row
        if row is not None and row["id"] != message.notice["id"]:
            return  # the cursor moved on while it was read
        self.notice = message.notice
        pane = self.query_one("#notice-pane", VerticalScroll)
        pane.border_title = Text(f"#{message.notice['id']}")
        self.query_one("#notice-whole", Static).update(notice_text(message.notice))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``a`` is offered while the notice under the cursor is not yet acknowledged."""
        if action == "acknowledge":
            row = self.query_one("#notices", RowsTable).row if self.rows is not None else None
            return row is not None and not row["acknowledged_at"]
        return True

    # -- keys ------------------------------------------------------------------------------

    def action_acknowledge(self) -> None:
        row = self.query_one("#notices", RowsTable).row
        if row is None:
            self.notify(t("tui.note.no_selection"), severity="warning", markup=False)
            return
        self._acknowledge(row["id"])

    @work(thread=True, exit_on_error=False, group="ack")
    def _acknowledge(self, notice_id: int) -> None:
        self.post_message(self.Acknowledged(notices.acknowledge(self.desk, notice_id)))

    def on_notices_screen_acknowledged(self, message: Acknowledged) -> None:
        done = message.notice
        if done["already"]:
            self.notify(t("tui.note.already_acknowledged", id=done["id"], at=done["acknowledged_at"][:16]),
                        markup=False)
        else:
            self.notify(t("tui.note.acknowledged", id=done["id"], title=done["title"]), markup=False)
        self.notice = None
        self.reload()

    @on(DataTable.RowSelected, "#notices")
    def action_read_notice(self) -> None:
        """Enter: into the notice beside, to scroll a long one."""
        self.query_one("#notice-pane", VerticalScroll).focus()

    def action_refresh(self) -> None:
        self.reload()

    def action_back(self) -> None:
        """Esc: out of the notice back to the list, else back where the person came from."""
        if self.focused is self.query_one("#notice-pane"):
            self.query_one("#notices").focus()
        else:
            self.app.leave_place("notices")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.NOTICES, keymap.APP, keep=self.may)))
