"""The client desk: search as you type, the whole client list, the selected one's record and log.

Only a count and the first page are read at start, so the screen appears at once at 100,000
clients; scrolling reads the next page by key as the cursor nears the edge of what is loaded
(``tui/client_window.py``), and Home and End read the first or last page of the list. Every
keystroke queries at once, with no pause: each query replaces the last (``exclusive``
workers), and results for a query the person has already typed past are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import NoActiveWorker, get_current_worker

from zizhi.core import access
from zizhi.core.clients import listing
from zizhi.core.clients.interactions import list_interactions
from zizhi.core.clients.records import get_client
from zizhi.core.clients.search import search_clients
from zizhi.core.errors import ZizhiError
from zizhi.core.i18n import t
from zizhi.tui import keymap, places
from zizhi.tui.client_status import added_note, list_status
from zizhi.tui.client_window import PAGE, ClientWindow
from zizhi.tui.places import Places
from zizhi.tui.roles import RoleKeys, guarded
from zizhi.tui.screens.client_form import ClientForm
from zizhi.tui.screens.credit_form import CreditForm
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.screens.log_form import LogForm
from zizhi.tui.widgets.client_detail import ClientDetail
from zizhi.tui.widgets.client_table import ClientTable
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.search_box import SearchBox
from zizhi.tui.work import DeskWork, problem_text

LOG_SHOWN = 20


class ClientsScreen(Places, RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    CSS_PATH = "../styles/clients.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.CLIENTS)
    PALETTE = (("add", "add_client"), ("log", "log_interaction"), ("edit", "edit_client"),
               ("credit", "check_credit"), ("search", "focus_search"), ("due", "toggle_due"), ("refresh", "refresh"),
               ("pipeline", "show_pipeline"), ("receivables", "show_receivables"), ("deal_for_client", "new_deal"),
               ("today", "show_today"), ("import", "import_clients"), ("export", "export_clients"), ("help", "help"))
    PALETTE = PALETTE + places.PALETTE

    @dataclass
    class RowsLoaded(Message):
        """A fresh list: search results, or the first (``last``: final) page of the client list."""

        generation: int
        query: str
        due: bool
        rows: list[dict]
        more: bool
        total: int | None
        last: bool = False
        jump: bool = False  # Home or End: the cursor goes to the first or last row
        since: tuple | None = None  # the rows shown read again from this key (after a change)
        added: dict | None = None  # a client just added, read with the rows around it when the view holds it
        found: bool = True  # False: the view does not hold ``added`` (it was kept as it was)
        more_before: bool = False  # rows read around ``added``: the list goes on before them

    @dataclass
    class PageLoaded(Message):
        """The next page past one edge of the rows shown (``forward``: past the bottom)."""

        generation: int
        forward: bool
        rows: list[dict]
        more: bool

    @dataclass
    class DetailLoaded(Message):
        client: dict
        log: list[dict]

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.due = False
        self.total: int | None = None
        self.window = ClientWindow()
        self.client: dict | None = None
        self._detail_id: int | None = None
        self._keep: int | None = None
        # Each fresh list gets a number; pages and results read for an older one are dropped.
        self._generation = 0
        self._shown_generation = 0  # the list the table holds now: pages are read on from it only
        self._paging: set[bool] = set()  # the directions a page is being read in
        self.back_to: str | None = None  # the mode escape returns to (Today, when it opened a client)
        self._opening: tuple[int, str] | None = None  # a client asked for before the screen was up

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield SearchBox(placeholder=t("tui.search.placeholder"), id="search")
                yield Static(t("tui.status.loading"), id="list-status")
                yield ClientTable(mine_only=not access.sees_all(self.desk.user), id="clients")
            yield ClientDetail(id="detail")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.desk.store.give_up_reads_when(_superseded)
        self.query_one(ClientTable).focus()
        if self._opening:
            self.open_client(*self._opening, self.back_to)
        else:
            self.reload()

    # -- loading ---------------------------------------------------------------------------

    @property
    def search_text(self) -> str:
        return self.query_one("#search", Input).value.strip()

    @property
    def rows(self) -> dict[int, dict]:
        """The clients on the table, by id."""
        return {row["id"]: row for row in self.window.rows}

    def reload(self, last: bool = False, jump: bool = False, stay: bool = False, added: dict | None = None) -> None:
        """Read the list afresh for the current search and filter: its first page, or ``last`` page,
        or (``stay``, after a change) the rows shown, so a person deep in the list stays there;
        or the rows around a client just ``added``, when the view holds it (else as ``stay``).

        The client list is counted each time it is read afresh, so the total stays true after
        an edit; a search shows how many it matched instead.
        """
        self._generation += 1
        self._paging.clear()
        stay = stay or added is not None
        since = self.window.key(False) if stay and self.window.more_before and not self.search_text else None
        size = max(len(self.window.rows), PAGE) if since else PAGE
        self._load_rows(self._generation, self.search_text, self.due, last, jump, since, size, added)

    @work(thread=True, exclusive=True, exit_on_error=False, group="rows")
    def _load_rows(self, generation: int, query: str, due: bool, last: bool, jump: bool,
                   since: tuple | None, size: int, added: dict | None) -> None:
        worker = get_current_worker()
        found, before = True, False
        try:
            if query:
                rows, more, total = search_clients(self.desk, query, limit=PAGE, due=due), False, None
                found = added is None or any(row["id"] == added["id"] for row in rows)
            else:
                total = None if jump else listing.count(self.desk, due=due)  # Home and End keep the count
                stretch = listing.around(self.desk, added["id"], due, PAGE) if added else None
                if stretch:
                    (rows, before, more), since = stretch, None
                else:
                    found = added is None
                    rows, more = listing.page(self.desk, due=due, last=last, since=since, limit=size)
        except ZizhiError:
            if worker.is_cancelled:
                return  # typed past: the read was stopped part-way (see _superseded)
            raise
        if not worker.is_cancelled:
            self.post_message(self.RowsLoaded(generation, query, due, rows, more, total, last, jump, since,
                                              added, found, before))

    def on_clients_screen_rows_loaded(self, message: RowsLoaded) -> None:
        if message.generation != self._generation:
            return  # the person typed on; a newer query is on its way
        self._shown_generation = message.generation
        if message.total is not None or message.query:
            self.total = message.total
        if message.since:
            self.window.refill(message.rows, message.more)
        elif message.added and message.found and not message.query:
            self.window.centre(message.rows, message.more_before, message.more, message.due)
        else:
            self.window.reset(message.rows, message.more, message.due, message.last)
        table = self.query_one(ClientTable)
        keep, self._keep = self._keep, None
        if message.added:  # the new client, or — not in this view — the one selected before
            keep = message.added["id"] if message.found else table.client_id
        if message.jump:
            table.show_rows(message.rows)
            table.move_cursor(row=table.row_count - 1 if message.last else 0)
        elif message.since:
            table.slide(message.rows)
            if keep is not None:
                table.select_client(keep)
        else:
            table.show_rows(message.rows, keep=keep if keep is not None else table.client_id)
        self._edges_shown()
        status = list_status(message.query, len(message.rows), PAGE, message.due, self.total)
        self.query_one("#list-status", Static).update(Text(status))
        self._show_detail(table.client_id)
        if message.added:
            self.notify(added_note(message.added["name"], message.query, message.found),
                        timeout=5 if message.found else 12, markup=False)

    def _read_on(self, forward: bool) -> None:
        """Read the page past one edge of the window, unless it is already on its way."""
        key = self.window.key(forward)
        if forward in self._paging or key is None or self._shown_generation != self._generation:
            return  # (a list read afresh is on its way: the rows shown are not its rows)
        self._paging.add(forward)
        self._load_page(self._generation, self.window.due, forward, key)

    @work(thread=True, exit_on_error=False, group="page")
    def _load_page(self, generation: int, due: bool, forward: bool, key: tuple) -> None:
        side = {"after": key} if forward else {"before": key}
        rows, more = listing.page(self.desk, due=due, limit=PAGE, **side)
        self.post_message(self.PageLoaded(generation, forward, rows, more))

    def on_clients_screen_page_loaded(self, message: PageLoaded) -> None:
        if message.generation != self._generation:
            return  # the list was read afresh meanwhile
        self._paging.discard(message.forward)
        table = self.query_one(ClientTable)
        dropped = self.window.extend(message.rows, message.more, message.forward)
        if message.forward and not dropped:
            table.append_rows(message.rows)
        else:
            table.slide(self.window.rows)
        self._edges_shown()

    def _edges_shown(self) -> None:
        table = self.query_one(ClientTable)
        table.more_before, table.more_after = self.window.more_before, self.window.more_after

    @on(ClientTable.EdgeWanted)
    def _edge_wanted(self, event: ClientTable.EdgeWanted) -> None:
        """Home or End past the rows loaded: read the list's first or last page."""
        self.reload(last=event.last, jump=True)

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
        """Show the client under the cursor and read on near an edge.

        The table as it is now, not the event: refilling the table passes through row 0, and
        that highlight arrives after the cursor has moved on.
        """
        table = self.query_one(ClientTable)
        if table.client_id is not None:
            self._show_detail(table.client_id)
        forward = self.window.wants(table.cursor_row)
        if forward is not None:
            self._read_on(forward)

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.reload()
        self.query_one(ClientTable).focus()

    # -- actions ---------------------------------------------------------------------------

    def open_client(self, client_id: int, name: str, back_to: str | None = None) -> None:
        """Show one client whatever the view was: search for its name, no filter, cursor on it;
        escape returns to the mode ``back_to`` when given (Today, which opened it)."""
        self.back_to = back_to
        if not self.query("#search"):  # the first time it is shown: once it is up (on_mount)
            self._opening = (client_id, name)
            return
        self._opening = None
        self.due = False
        self.set_class(False, "-due")
        self.query_one("#search", Input).value = name
        self._keep = client_id
        self.reload()
        self.action_focus_table()

    async def relabel(self) -> None:
        """Rebuild the widgets in the current language, keeping the search, the filter, the client
        selected and where in the list the person was (the rows shown are read again)."""
        search = self.query_one("#search", Input)
        query, typing, keep = search.value, search.has_focus, self.query_one(ClientTable).client_id
        await self.recompose()
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):  # read once, below, not again for the restored text
            search.value = query
        self._detail_id, self._keep = None, keep
        search.focus() if typing else self.action_focus_table()
        self.reload(stay=True)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one(ClientTable).focus()

    def action_toggle_due(self) -> None:
        self.due = not self.due
        self.set_class(self.due, "-due")
        self.reload()

    def action_refresh(self) -> None:
        self.reload(stay=True)
        self._show_detail(self._detail_id, force=True)

    def action_back(self) -> None:
        """Escape steps back one level: out of the search box, then to the screen that opened the
        client shown (Today), else off the filter, then the search."""
        search = self.query_one("#search", Input)
        if search.has_focus:
            self.action_focus_table()
        elif self.back_to:
            self.action_show_today()
        elif self.due:
            self.action_toggle_due()
        elif search.value:
            search.value = ""

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.CLIENTS, keymap.APP, keep=self.may)))

    def action_show_pipeline(self) -> None:
        self.app.switch_mode("pipeline")

    def action_show_today(self) -> None:
        self.back_to = None
        self.app.switch_mode("today")

    @guarded("clients.receivables")
    def action_show_receivables(self) -> None:
        self.app.switch_mode("receivables")

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

    def action_import_clients(self) -> None:
        if self._allowed(access.require_add, self.desk.user):
            from zizhi.tui.screens.import_screen import ImportScreen

            self.app.push_screen(ImportScreen(self.desk), callback=self._imported)

    def _imported(self, report: dict | None) -> None:
        if report is None:
            return
        done = t("tui.import.done", **{k: report[k] for k in ("file", "created", "unchanged", "rejected")})
        if report.get("errors_file"):
            done += " " + t("exchange.errors_file", file=report["errors_file"], count=report["rejected"])
        self.notify(done, markup=False, timeout=12 if report.get("errors_file") else 5)
        self.action_refresh()

    def action_export_clients(self) -> None:
        """The clients this list holds under its search and due filter, to a file (as ``zizhi export
        clients --search … --due``)."""
        from zizhi.tui.screens.export_screen import ExportScreen

        self.app.push_screen(ExportScreen(self.desk, self.search_text, self.due), callback=self._exported)

    def _exported(self, written: dict | None) -> None:
        if written is None:
            return
        done = t("tui.export.done", count=written["rows"], file=Path(written["file"]).absolute(),
                 format=written["format"].upper())
        self.notify(done + (" " + t("tui.export.masked") if written["masked"] else ""), markup=False)

    def action_edit_client(self) -> None:
        row = self._selected()
        if row and self.client and self.client["id"] == row["id"] \
                and self._allowed(access.require_edit, self.desk.user, self.client):
            self.app.push_screen(ClientForm(self.desk, self.client), callback=self._client_saved)

    def action_check_credit(self) -> None:
        row = self._selected()
        if row and self.client and self.client["id"] == row["id"] \
                and self._allowed(access.require_credit_check, self.desk.user, self.client):
            self.app.push_screen(CreditForm(self.desk, self.client), callback=self._credit_checked)

    def _credit_checked(self, standing: dict | None) -> None:
        if standing:
            self.notify(t("tui.note.credit_checked", name=standing["client"], rating=standing["rating"]),
                        markup=False)
            self._refresh_around(standing["client_id"])

    def _allowed(self, rule, *args) -> bool:
        """Ask the core's rule before opening a form the acting user could never save."""
        try:
            rule(*args)
        except ZizhiError as refusal:
            self.notify(problem_text(refusal), severity="error", timeout=8, markup=False)
            return False
        return True

    def action_log_interaction(self) -> None:
        row = self._selected()
        if row:
            shown = self.client if self.client and self.client["id"] == row["id"] else row
            self.app.push_screen(LogForm(self.desk, shown), callback=self._logged)

    def _selected(self) -> dict | None:
        row = self.rows.get(self.query_one(ClientTable).client_id or -1)
        if row is None:
            self.notify(t("tui.note.no_selection"), severity="warning", markup=False)
        return row

    def _client_saved(self, result: dict | None) -> None:
        """The view stays as it was; a new client is selected in it, or the person is told it is
        not in this view (said once the list is read: :func:`tui.client_status.added_note`)."""
        if not result:
            return
        client = result["client"]
        for warning in result["warnings"]:
            self.notify(t("client.similar_name", name=warning), severity="warning", timeout=10, markup=False)
        if result["created"]:
            self.reload(added={"id": client["id"], "name": client["name"]})
        else:
            self.notify(t("tui.note.saved", name=client["name"]), markup=False)
            self._refresh_around(client["id"])

    def _logged(self, entry: dict | None) -> None:
        if entry:
            self.notify(t("tui.note.logged", name=entry["client"]), markup=False)
            self._refresh_around(entry["client_id"])

    def _refresh_around(self, client_id: int) -> None:
        """Reload after a change, the cursor staying on the client if it still matches the filter."""
        self._keep = client_id
        self._show_detail(client_id, force=True)
        self.reload(stay=True)


def _superseded() -> bool:
    """In the thread of a client-list read: has the person typed past it? Then it may stop.

    Asked by SQLite while a statement runs (``Store.give_up_reads_when``); every other thread,
    and every other worker — a save, a client's record — always reads on.
    """
    try:
        worker = get_current_worker()
    except NoActiveWorker:
        return False
    return worker.group == "rows" and worker.is_cancelled
