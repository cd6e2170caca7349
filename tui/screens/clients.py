"""The client desk: search as you type, one page of clients, the selected one's record and log.

Only a count and the first page are read at start, so the screen appears at once at 100,000
clients; typing is debounced and each query replaces the last (``exclusive`` workers), and
results for a query the person has already typed past are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from zizhi.core import access, clock
from zizhi.core.clients.interactions import list_interactions
from zizhi.core.clients.records import count_clients, get_client, list_clients
from zizhi.core.clients.search import search_clients
from zizhi.core.errors import ZizhiError
from zizhi.core.i18n import t
from zizhi.tui import keymap
from zizhi.tui.roles import RoleKeys, guarded
from zizhi.tui.screens.client_form import ClientForm
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.screens.log_form import LogForm
from zizhi.tui.widgets.client_detail import ClientDetail
from zizhi.tui.widgets.client_table import ClientTable
from zizhi.tui.work import DeskWork, problem_text

PAGE = 100
DEBOUNCE_SECONDS = 0.15
LOG_SHOWN = 20


class ClientsScreen(RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    CSS_PATH = "../styles/clients.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.CLIENTS)
    PALETTE = (("add", "add_client"), ("log", "log_interaction"), ("edit", "edit_client"),
               ("search", "focus_search"), ("due", "toggle_due"), ("refresh", "refresh"),
               ("pipeline", "show_pipeline"), ("deal_for_client", "new_deal"), ("help", "help"))

    @dataclass
    class RowsLoaded(Message):
        query: str
        due: bool
        rows: list[dict]
        total: int | None

    @dataclass
    class DetailLoaded(Message):
        client: dict
        log: list[dict]

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.due = False
        self.total: int | None = None
        self.rows: dict[int, dict] = {}
        self.client: dict | None = None
        self._detail_id: int | None = None
        self._keep: int | None = None
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield Input(placeholder=t("tui.search.placeholder"), id="search")
                yield Static(t("tui.status.loading"), id="list-status")
                yield ClientTable(id="clients")
            yield ClientDetail(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ClientTable).focus()
        self.reload(count=True)

    # -- loading ---------------------------------------------------------------------------

    @property
    def search_text(self) -> str:
        return self.query_one("#search", Input).value.strip()

    def reload(self, count: bool = False) -> None:
        """Fetch the page for the current search and filter (and the client count if asked)."""
        if self._debounce:
            self._debounce.stop()
        self._load_rows(self.search_text, self.due, count or self.total is None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="rows")
    def _load_rows(self, query: str, due: bool, count: bool) -> None:
        total = count_clients(self.desk) if count else None
        if query:
            rows = search_clients(self.desk, query, limit=PAGE, due=due)
        else:
            rows = list_clients(self.desk, due=due, limit=PAGE)
        if not get_current_worker().is_cancelled:
            self.post_message(self.RowsLoaded(query, due, rows, total))

    def on_clients_screen_rows_loaded(self, message: RowsLoaded) -> None:
        if message.total is not None:
            self.total = message.total
        if message.query != self.search_text or message.due != self.due:
            return  # the person typed on; a newer query is on its way
        table = self.query_one(ClientTable)
        keep, self._keep = self._keep, None
        self.rows = {row["id"]: row for row in message.rows}
        table.show_rows(message.rows, keep=keep if keep is not None else table.client_id)
        self.query_one("#list-status", Static).update(Text(self._status(message)))
        self._show_detail(table.client_id)

    def _status(self, loaded: RowsLoaded) -> str:
        shown, full = len(loaded.rows), len(loaded.rows) >= PAGE
        today = clock.today().isoformat()
        if loaded.query:
            text = t("tui.status.matches_more" if full else "tui.status.matches", shown=shown, query=loaded.query)
            return text + (" · " + t("tui.status.due_filter", date=today) if loaded.due else "")
        if loaded.due:
            return t("tui.status.due_more" if full else "tui.status.due", shown=shown, date=today)
        total = self.total or 0
        if total == 0:
            return t("tui.status.empty")
        return t("tui.status.page_more" if shown < total else "tui.status.page",
                 shown=f"{shown:,}", total=f"{total:,}")

    def _show_detail(self, client_id: int | None, force: bool = False) -> None:
        if client_id is None:
            self._detail_id, self.client = None, None
            self.query_one(ClientDetail).clear()
            return
        if client_id == self._detail_id and not force:
            return
        self._detail_id = client_id
        self._load_detail(client_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="detail")
    def _load_detail(self, client_id: int) -> None:
        client = get_client(self.desk, str(client_id))
        log = list_interactions(self.desk, str(client_id), limit=LOG_SHOWN)
        if not get_current_worker().is_cancelled:
            self.post_message(self.DetailLoaded(client, log))

    def on_clients_screen_detail_loaded(self, message: DetailLoaded) -> None:
        if message.client["id"] != self._detail_id:
            return
        self.client = message.client
        self.query_one(ClientDetail).show(message.client, message.log)

    @on(DataTable.RowHighlighted, "#clients")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self._show_detail(int(event.row_key.value))

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._debounce:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.reload)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.reload()
        self.query_one(ClientTable).focus()

    # -- actions ---------------------------------------------------------------------------

    def open_client(self, client_id: int, name: str) -> None:
        """Show one client whatever the view was: search for its name, no filter, cursor on it."""
        self.due = False
        self.set_class(False, "-due")
        self.query_one("#search", Input).value = name
        self._keep = client_id
        self.reload()
        self.action_focus_table()

    async def relabel(self) -> None:
        """Rebuild the widgets in the current language, keeping the search and the filter."""
        query = self.search_text
        await self.recompose()
        self.query_one("#search", Input).value = query
        self._detail_id = None
        self.action_focus_table()
        self.reload()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one(ClientTable).focus()

    def action_toggle_due(self) -> None:
        self.due = not self.due
        self.set_class(self.due, "-due")
        self.reload()

    def action_refresh(self) -> None:
        self.reload(count=True)
        self._show_detail(self._detail_id, force=True)

    def action_back(self) -> None:
        """Escape steps back one level: out of the search box, then off the filter, then the search."""
        search = self.query_one("#search", Input)
        if search.has_focus:
            self.action_focus_table()
        elif self.due:
            self.action_toggle_due()
        elif search.value:
            search.value = ""

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.CLIENTS, keymap.APP, keep=self.may)))

    def action_show_pipeline(self) -> None:
        self.app.switch_mode("pipeline")

    @guarded("clients.deal")
    def action_new_deal(self) -> None:
        """A deal for the selected client: the board's new-deal form, the client filled in."""
        row = self._selected()
        if row:
            self.app.switch_mode("pipeline")
            self.app.screen.new_deal(row)

    def action_add_client(self) -> None:
        if self._allowed(access.require_add, self.desk.user):
            self.app.push_screen(ClientForm(self.desk), callback=self._client_saved)

    def action_edit_client(self) -> None:
        row = self._selected()
        if row and self.client and self.client["id"] == row["id"] \
                and self._allowed(access.require_edit, self.desk.user, self.client):
            self.app.push_screen(ClientForm(self.desk, self.client), callback=self._client_saved)

    def _allowed(self, rule, *args) -> bool:
        """Ask the core's rule before opening a form the acting user could never save."""
        try:
            rule(*args)
        except ZizhiError as refusal:
            self.notify(problem_text(refusal), severity="error", timeout=8)
            return False
        return True

    def action_log_interaction(self) -> None:
        row = self._selected()
        if row:
            self.app.push_screen(LogForm(self.desk, row), callback=self._logged)

    def _selected(self) -> dict | None:
        row = self.rows.get(self.query_one(ClientTable).client_id or -1)
        if row is None:
            self.notify(t("tui.note.no_selection"), severity="warning")
        return row

    def _client_saved(self, result: dict | None) -> None:
        """A new client is searched for by name, so it is on screen whatever the filter was."""
        if not result:
            return
        client = result["client"]
        self.notify(t("tui.note.added" if result["created"] else "tui.note.saved", name=client["name"]))
        for warning in result["warnings"]:
            self.notify(t("client.similar_name", name=warning), severity="warning", timeout=10)
        if result["created"]:
            self.total = None  # count again
            self.open_client(client["id"], client["name"])
        else:
            self._refresh_around(client["id"])

    def _logged(self, entry: dict | None) -> None:
        if entry:
            self.notify(t("tui.note.logged", name=entry["client"]))
            self._refresh_around(entry["client_id"])

    def _refresh_around(self, client_id: int) -> None:
        """Reload after a change, the cursor staying on the client if it still matches the filter."""
        self._keep = client_id
        self._show_detail(client_id, force=True)
        self.reload()
