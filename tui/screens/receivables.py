"""Money owed: the aging report, one client's open instalments and payments, and finance's forms.

Finance starts the day here: who owes what and how late, most overdue first (the same report as
``zizhi ar aging``, on any as-of day). The selected client's side shows what they owe instalment by
instalment — enter opens the deal behind one, on its contract tab — their credit on account and
their latest payments. A payment is recorded for the client (it fills their oldest instalments
first), a mistaken one reversed; both are finance's alone, and a salesperson sees only their own
clients' debts, as everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from zizhi.core import access, clock
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.receivables import aging, dunning, invoices, ledger, watch
from zizhi.core.receivables.aging import bucket_label
from zizhi.tui import keymap, places
from zizhi.tui.places import Places
from zizhi.tui.roles import RoleKeys, guarded
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.screens.receivables_forms import AsOfForm, ClientPaymentForm, DunningForm, InvoiceForm, ReversalForm
from zizhi.tui.widgets.aging_table import AgingTable
from zizhi.tui.widgets.dunning_table import DunningTable
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.watch_table import WatchTable
from zizhi.tui.work import DeskWork

SHOWN = 300  # rows of the report on screen, most overdue first; the status says how many more
PAYMENTS_SHOWN = 5


class ReceivablesScreen(Places, RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    BINDINGS = keymap.bindings(keymap.DESK, keymap.RECEIVABLES)
    CSS_PATH = "../styles/receivables.tcss"
    PALETTE = (("client_payment", "record_payment"), ("reverse", "reverse_payment"), ("invoice", "issue_invoice"),
               ("dunning", "log_dunning"),
               ("as_of", "as_of"),
               ("refresh_ar", "refresh"), ("clients", "show_clients"), ("pipeline", "show_pipeline"),
               ("help", "help"))
    PALETTE = PALETTE + places.PALETTE

    @dataclass
    class ReportLoaded(Message):
        report: dict
        dunning: list[dict]

    @dataclass
    class WatchLoaded(Message):
        found: dict

    @dataclass
    class ClientLoaded(Message):
        position: dict
        payments: list[dict]
        invoices: list[dict]

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.as_of: str | None = None  # None: today
        self.as_of_shown = ""  # the day the report on screen was read as of
        self.watched_as_of = ""  # the day the watch list on screen was read as of
        self.dunning_count = 0
        self.position: dict | None = None
        self.payments: list[dict] = []
        self.wanted_debt: str | None = None  # an instalment to choose on the dunning tab once read
        self.back_to: str | None = None  # the mode escape returns to (Today, when it opened a debt)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="ar-status")
        with Horizontal(id="ar-body"):
            with TabbedContent(initial="aging-tab", id="ar-tabs"):
                with TabPane(t("tui.ar.tab.aging"), id="aging-tab"):
                    yield AgingTable(owners=access.sees_all(self.desk.user), id="aging")
                with TabPane(t("tui.ar.tab.dunning"), id="dunning-tab"):
                    yield DunningTable(people=self.desk.user["role"] != "sales", id="dunning")
                with TabPane(t("tui.ar.tab.watch"), id="watch-tab"):
                    yield WatchTable(id="watch")
            with Vertical(id="ar-client"):
                yield Static("", id="ar-position")
                yield OptionList(id="ar-instalments", compact=True)
                with VerticalScroll(id="ar-payments-pane"):
                    yield Static("", id="ar-payments")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one(AgingTable).focus()
        if self.wanted_debt:
            self.action_tab("dunning-tab")
        self.reload()

    def show_debt(self, instalment: str, back_to: str | None = None) -> None:
        """Today's dunning with ``instalment`` under the cursor, read afresh (Today's Enter on a
        dunning reminder); escape returns to ``back_to``."""
        self.wanted_debt, self.back_to = instalment, back_to
        if self.query("#dunning"):  # else the first time it is shown: once it is up (on_mount)
            self.action_tab("dunning-tab")
            self.reload()

    async def relabel(self) -> None:
        """Rebuild in the current language, on the tab the person was reading (read afresh)."""
        tab = self.query_one(TabbedContent).active
        await self.recompose()
        self.watched_as_of = ""
        self.query_one(TabbedContent).active = tab
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self.as_of)

    @work(thread=True, exclusive=True, exit_on_error=False, group="aging")
    def _load(self, as_of: str | None) -> None:
        report = aging.aging(self.desk, as_of=as_of)
        report["shown"] = report["rows"][:SHOWN]
        mine = self.desk.user["login"] if self.desk.user["role"] == "sales" else None
        actions = dunning.due(self.desk, as_of=as_of, person=mine)["actions"]
        self.post_message(self.ReportLoaded(report, actions))

    def on_receivables_screen_report_loaded(self, message: ReportLoaded) -> None:
        table = self.query_one(AgingTable)
        keep = self.position["client_id"] if self.position else None
        table.show(message.report, keep=keep)
        self.query_one(DunningTable).show(message.dunning)
        self._choose_wanted_debt(message.dunning)
        self.as_of_shown = message.report["as_of"]
        if self.query_one(TabbedContent).active == "watch-tab":
            self._load_watch(self.as_of)
        self.dunning_count = len(message.dunning)
        self._restatus()
        client_id = self._chosen_client_id()
        if client_id is not None:
            self._load_client(client_id, message.report["as_of"])
        else:
            self._show_client(None, [])

    def _choose_wanted_debt(self, actions: list[dict]) -> None:
        if self.wanted_debt is None:
            return
        rows = [n for n, action in enumerate(actions) if action["instalment"] == self.wanted_debt]
        self.wanted_debt = None
        if rows:
            self.query_one(DunningTable).move_cursor(row=rows[0])

    def _restatus(self) -> None:
        """The status line, naming any bucket holding money the table's width leaves out."""
        table = self.query_one(AgingTable)
        if table.report is not None:
            self.query_one("#ar-status", Static).update(_status(table.report, self.dunning_count, table.hidden))

    def on_resize(self) -> None:
        self.call_after_refresh(self._restatus)

    def _chosen_client_id(self) -> int | None:
        """The client of the row under the cursor in the tab shown."""
        if self.query_one(TabbedContent).active == "dunning-tab":
            action = self.query_one(DunningTable).row
            return action["client_id"] if action else None
        if self.query_one(TabbedContent).active == "watch-tab":
            watched = self.query_one(WatchTable).row
            return watched["client_id"] if watched else None
        return self.query_one(AgingTable).client_id

    @on(DataTable.RowHighlighted, "#aging")
    @on(DataTable.RowHighlighted, "#dunning")
    @on(DataTable.RowHighlighted, "#watch")
    def _row_highlighted(self) -> None:
        """The client under the cursor shows beside, whichever tab it is chosen in."""
        client_id = self._chosen_client_id()
        if client_id is not None and self.as_of_shown:
            self._load_client(client_id, self.as_of_shown)

    @on(TabbedContent.TabActivated, "#ar-tabs")
    def _tab_shown(self) -> None:
        """The watch list is read when first looked at (and again with the report); a tab's client shows beside."""
        if self.query_one(TabbedContent).active == "watch-tab" and self.watched_as_of != self.as_of_shown:
            self._load_watch(self.as_of)
        client_id = self._chosen_client_id()
        if client_id is not None and self.as_of_shown:
            self._load_client(client_id, self.as_of_shown)

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch")
    def _load_watch(self, as_of: str | None) -> None:
        self.post_message(self.WatchLoaded(watch.watch_list(self.desk, as_of=as_of, limit=SHOWN)))

    def on_receivables_screen_watch_loaded(self, message: WatchLoaded) -> None:
        self.watched_as_of = message.found["as_of"]
        self.query_one(WatchTable).show(message.found["clients"])
        if self.query_one(TabbedContent).active == "watch-tab":
            self._tab_shown()

    @on(DataTable.RowSelected, "#aging")
    def _row_chosen(self) -> None:
        """Enter on a client: down into their instalments."""
        instalments = self.query_one("#ar-instalments", OptionList)
        if instalments.option_count:
            instalments.focus()
            instalments.highlighted = 0

    @work(thread=True, exclusive=True, exit_on_error=False, group="ar-client")
    def _load_client(self, client_id: int, as_of: str) -> None:
        position = ledger.balance(self.desk, client_id, as_of=as_of)
        payments = ledger.list_payments(self.desk, client_id, limit=PAYMENTS_SHOWN)
        issued = invoices.list_invoices(self.desk, client_id, limit=PAYMENTS_SHOWN)
        self.post_message(self.ClientLoaded(position, payments, issued))

    def on_receivables_screen_client_loaded(self, message: ClientLoaded) -> None:
        self._show_client(message.position, message.payments, message.invoices)

    def _show_client(self, position: dict | None, payments: list[dict], issued: list[dict] = ()) -> None:
        self.position, self.payments = position, payments
        pane = self.query_one("#ar-client", Vertical)
        pane.border_title = Text(position["client"]) if position else ""
        shown = _position(position) if position else Text(t("tui.ar.nothing_owed"), style="dim")
        why = self._why(position)
        self.query_one("#ar-position", Static).update(Group(why, shown) if why else shown)
        instalments = self.query_one("#ar-instalments", OptionList)
        instalments.clear_options()
        for item in position["instalments"] if position else ():
            instalments.add_option(Option(_instalment(item, position["as_of"])))
        self.query_one("#ar-payments", Static).update(Group(_payments(payments), Text(""), _invoices(issued)))

    def _why(self, position: dict | None) -> Text | None:
        """On the watch list, the chosen client's risk in words, whole, above what they owe."""
        watched = self.query_one(WatchTable).row
        if self.query_one(TabbedContent).active != "watch-tab" or not position or not watched \
                or watched["client_id"] != position["client_id"]:
            return None
        return Text.assemble((t("tui.watch.risk_is", score=watched["score"]), "bold"), "\n", watched["explanation"], "\n")

    @on(OptionList.OptionSelected, "#ar-instalments")
    def _open_instalment(self, event: OptionList.OptionSelected) -> None:
        """Enter on an instalment: the deal behind it, on its contract tab."""
        if self.position is not None:
            self.app.open_deal(self.position["instalments"][event.option_index]["deal_id"], tab="contract",
                               back_to="receivables")

    # -- keys ------------------------------------------------------------------------------

    @guarded("ar.pay")
    def action_record_payment(self) -> None:
        if self._client_chosen():
            self.app.push_screen(ClientPaymentForm(self.desk, self.position), callback=self._paid)

    def _paid(self, payment: dict | None) -> None:
        if payment:
            self.notify(t("tui.note.client_paid", amount=format_fen(payment["amount"]), client=payment["client"]),
                        markup=False)
            self.reload()

    @guarded("ar.reverse")
    def action_reverse_payment(self) -> None:
        if not self._client_chosen():
            return
        if not any(not payment["reversed_on"] for payment in self.payments):
            self.notify(t("tui.note.no_payment_to_reverse", client=self.position["client"]), severity="warning",
                        markup=False)
            return
        self.app.push_screen(ReversalForm(self.desk, self.position["client"], self.payments), callback=self._reversed)

    def _reversed(self, payment: dict | None) -> None:
        if payment:
            self.notify(t("tui.note.reversed", id=payment["id"], amount=format_fen(payment["amount"])), markup=False)
            self.reload()

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        self.query_one({"aging-tab": AgingTable, "dunning-tab": DunningTable, "watch-tab": WatchTable}[name]).focus()

    @guarded("ar.dunning")
    def action_log_dunning(self) -> None:
        """A dunning action about the debt chosen in today's list, or all the chosen client owes."""
        if self.query_one(TabbedContent).active == "dunning-tab":
            action = self.query_one(DunningTable).row
            if action is None:
                self.notify(t("tui.note.no_selection"), severity="warning", markup=False)
                return
            form = DunningForm(self.desk, action["instalment"], f"{action['client']} {action['instalment']}",
                               action["action"])
        elif self._client_chosen():
            form = DunningForm(self.desk, str(self.position["client_id"]), self.position["client"])
        else:
            return
        self.app.push_screen(form, callback=self._dunned)

    def _dunned(self, logged: dict | None) -> None:
        if logged:
            self.notify(t("tui.note.dunned", client=logged["client"],
                          action=t(f"dunning_action.{logged['action']}")), markup=False)
            self.reload()

    @guarded("ar.invoice")
    def action_issue_invoice(self) -> None:
        if self._client_chosen():
            self.app.push_screen(InvoiceForm(self.desk, self.position), callback=self._invoiced)

    def _invoiced(self, invoice: dict | None) -> None:
        if invoice:
            self.notify(t("tui.note.invoiced", number=invoice["number"], amount=format_fen(invoice["amount"]),
                          client=self.position["client"] if self.position else ""), markup=False)
            self.reload()

    def action_as_of(self) -> None:
        day = self.as_of or clock.today().isoformat()
        self.app.push_screen(AsOfForm(self.desk, day), callback=self._dated)

    def _dated(self, day: str | None) -> None:
        if day:
            self.as_of = None if day == clock.today().isoformat() else day
            self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def action_show_clients(self) -> None:
        self.app.switch_mode("clients")

    def action_back(self) -> None:
        """Escape: back to the screen that opened a debt here (Today), else to the clients."""
        back_to, self.back_to = self.back_to, None
        self.app.switch_mode(back_to or "clients")

    def action_show_pipeline(self) -> None:
        self.app.switch_mode("pipeline")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.RECEIVABLES, keymap.APP, keep=self.may)))

    def _client_chosen(self) -> bool:
        if self.position is None:
            self.notify(t("tui.note.no_selection"), severity="warning", markup=False)
        return self.position is not None


def _status(report: dict, actions: int, hidden: list[str]) -> Text:
    overdue = report["total"] - report["totals"]["not_due"]
    text = Text(t("tui.ar.status", as_of=report["as_of"], total=format_fen(report["total"]),
                  overdue=format_fen(overdue), count=len(report["rows"])))
    text.append("  " + t("tui.ar.actions_due", count=actions), style="bold" if actions else "dim")
    if len(report["rows"]) > len(report["shown"]):
        text.append("  " + t("tui.ar.more", shown=len(report["shown"]), count=len(report["rows"])), style="dim")
    if report["as_of"] != clock.today().isoformat():
        text.append("  " + t("tui.ar.past"), style="bold yellow")
    if hidden:
        text.append("  " + t("tui.ar.hidden", buckets=t("tui.form.list_joint").join(map(bucket_label, hidden))),
                    style="italic")
    return text


def _position(position: dict) -> Table:
    rows = Table.grid(padding=(0, 1))
    rows.add_column(style="dim", no_wrap=True)
    rows.add_column(justify="right", no_wrap=True)
    for key in ("owed", "overdue", "credit"):
        rows.add_row(t(f"col.{key}"), Text(format_fen(position[key]), style="bold" if key == "overdue" else ""))
    return rows


def _instalment(item: dict, as_of: str) -> Text:
    """Two lines: which instalment and when due; what it owes and how late."""
    late = (dt.date.fromisoformat(as_of) - dt.date.fromisoformat(item["due_on"])).days
    text = Text(f"{item['contract']}:{item['position']}  ", style="bold")
    text.append(t("tui.ar.due", date=item["due_on"]))
    text.append("\n  " + format_fen(item["owed"]))
    if late > 0:
        text.append("  " + t("tui.ar.days_late", count=late), style="bold red" if late > 30 else "yellow")
    return text


def _payments(payments: list[dict]) -> Group:
    lines = [Text(t("tui.ar.payments"), style="bold")]
    if not payments:
        lines.append(Text(t("tui.ar.no_payments"), style="dim"))
    for payment in payments:
        line = Text(f"#{payment['id']} {payment['paid_on']}  {format_fen(payment['amount'])}")
        if payment["reversed_on"]:
            line.stylize("strike dim")
            line.append("  " + t("tui.ar.reversed"), style="dim")
        lines.append(line)
    return Group(*lines)


def _invoices(issued: list[dict]) -> Group:
    lines = [Text(t("tui.ar.invoices"), style="bold")]
    if not issued:
        lines.append(Text(t("tui.ar.no_invoices"), style="dim"))
    for invoice in issued:
        line = Text(f"{invoice['number']} {invoice['on_date']}  {format_fen(invoice['amount'])}")
        if invoice["status"] != "issued":
            line.append("  " + t(f"tui.ar.invoice_{invoice['status']}"), style="dim")
        lines.append(line)
    return Group(*lines)
