"""Today: the first screen of the app — the person's own agenda, the same one cron mails them.

Read from :func:`core.reminders.agenda.agenda` for the acting user, in a thread worker, so the
screen paints at once with a loading line (at 100,000 clients the agenda takes a few hundred ms).
Items are grouped by kind, most urgent first (:mod:`tui.widgets.agenda_table`); each is one key
from the screen that deals with it (:mod:`tui.reminder_places`): Enter opens it there, and Esc
there comes back here. ``d`` marks it done and ``z`` snoozes it to a day, as ``zizhi remind
done|snooze`` do; a refusal is said on the message line like everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from zizhi.core.i18n import t
from zizhi.core.reminders import marks
from zizhi.core.reminders.agenda import agenda, why
from zizhi.tui import keymap, places, reminder_places
from zizhi.tui.places import Places
from zizhi.tui.roles import RoleKeys, guarded
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.agenda_table import AgendaTable, grouped, is_heading
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.work import DeskWork


class TodayScreen(Places, RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    CSS_PATH = "../styles/today.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.TODAY)
    PALETTE = (("open_item", "open_item"), ("reminder_done", "reminder_done"), ("snooze", "snooze"),
               ("refresh_today", "refresh"), ("clients", "show_clients"), ("pipeline", "show_pipeline"),
               ("receivables", "show_receivables"), ("help", "help"))
    PALETTE = PALETTE + places.PALETTE

    @dataclass
    class AgendaLoaded(Message):
        as_of: str
        reminders: list[dict]

    @dataclass
    class Marked(Message):
        """A reminder done or snoozed (``until``); ``said`` is why it was due, in words."""

        said: str
        until: str | None

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.as_of: str | None = None  # the day of the agenda shown; None until read

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="today-status")
        yield AgendaTable(self.desk.user["login"], id="agenda")
        yield Static("", id="today-empty")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#today-empty").display = False
        self.query_one(AgendaTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        """Back from the screen an item opened: what was done there may have settled it."""
        if self.as_of is not None:
            self.reload()

    async def relabel(self) -> None:
        """Rebuild in the current language (the reasons are said in it too), read afresh."""
        await self.recompose()
        self.on_mount()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="agenda")
    def _load(self) -> None:
        login = self.desk.user["login"]
        found = agenda(self.desk, person=login)
        mine = [reminder for person in found["people"] if person["login"] == login for reminder in person["reminders"]]
        self.post_message(self.AgendaLoaded(found["as_of"], mine))

    def on_today_screen_agenda_loaded(self, message: AgendaLoaded) -> None:
        self.as_of = message.as_of
        table = self.query_one(AgendaTable)
        table.show(grouped(message.reminders))
        empty = self.query_one("#today-empty", Static)
        empty.update(self._nothing_due(message.as_of))
        empty.display, table.display = not message.reminders, bool(message.reminders)
        if message.reminders:
            table.focus()
        else:
            self.set_focus(None)  # the keys that act on an item leave the footer with the table
        self.query_one("#today-status", Static).update(_status(message.as_of, message.reminders))
        self.refresh_bindings()

    def _nothing_due(self, as_of: str) -> Text:
        """The calm morning's line, then each screen the person may go on to with its key — read from
        the bindings (a user keymap's keys) and the role's rights (legal is not offered money owed)."""
        named = {action: name for name, action in self.PALETTE}
        ways = [(binding.key_display or binding.key, t(f"tui.cmd.{named[binding.action]}"))
                for binding in (active.binding for active in self.active_bindings.values())
                if binding.action.startswith("show_") and binding.action in named and self.may(binding.id)]
        text = Text(t("tui.today.nothing", as_of=as_of))
        for key, words in ways:
            text.append("\n  ").append(key, style="bold").append(f"  {words}")
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With nothing due, the keys that act on an item leave the footer (and do nothing)."""
        if action in ("reminder_done", "snooze", "open_item"):
            return bool(self.query_one(AgendaTable).rows_shown)
        return True

    # -- keys ------------------------------------------------------------------------------

    def _chosen(self) -> dict | None:
        row = self.query_one(AgendaTable).row
        if row is None or is_heading(row):
            self.notify(t("tui.note.no_selection"), severity="warning", markup=False)
            return None
        return row

    @on(DataTable.RowSelected, "#agenda")
    def _row_chosen(self) -> None:
        self.action_open_item()

    def action_open_item(self) -> None:
        """Enter: the screen that deals with the item; Esc there comes back here."""
        reminder = self._chosen()
        if reminder is not None:
            reminder_places.open_reminder(self.app, reminder, back_to="today")

    def action_reminder_done(self) -> None:
        reminder = self._chosen()
        if reminder is not None:
            self._mark_done(reminder)

    def action_snooze(self) -> None:
        from zizhi.tui.screens.snooze_form import SnoozeForm

        reminder = self._chosen()
        if reminder is not None:
            self.app.push_screen(SnoozeForm(self.desk, reminder["key"]),
                                 callback=lambda marked: self._snoozed(reminder, marked))

    def _snoozed(self, reminder: dict, marked: dict | None) -> None:
        if marked:
            self._said(self.Marked(why(reminder), marked["until"]))

    @work(thread=True, exit_on_error=False, group="mark")
    def _mark_done(self, reminder: dict) -> None:
        marks.mark_done(self.desk, reminder["key"])
        self.post_message(self.Marked(why(reminder), None))

    def on_today_screen_marked(self, message: Marked) -> None:
        self._said(message)

    def _said(self, message: Marked) -> None:
        if message.until:
            self.notify(t("tui.note.reminder_snoozed", until=message.until, why=message.said), markup=False)
        else:
            self.notify(t("tui.note.reminder_done", why=message.said), markup=False)
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def action_show_clients(self) -> None:
        self.app.switch_mode("clients")

    def action_show_pipeline(self) -> None:
        self.app.switch_mode("pipeline")

    @guarded("today.receivables")
    def action_show_receivables(self) -> None:
        self.app.switch_mode("receivables")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.AGENDA, keymap.TODAY, keymap.APP,
                                                   keep=self.may)))


def _status(as_of: str, reminders: list[dict]) -> Text:
    text = Text(t("tui.today.status", count=len(reminders), as_of=as_of))
    escalated = sum(1 for reminder in reminders if reminder["escalated"])
    if escalated:
        text.append("  " + t("tui.today.escalated", count=escalated), style="bold red")
    return text
