"""The Zizhi app: a frame of screens around a desk it is given (services passed in, like harlequin).

``zizhi`` with no command opens the desk (database, config, acting user) and calls
:func:`run_app`; tests build :class:`ZizhiApp` around a desk on a temporary database.
Screens are modes — ``today`` (the person's agenda, where ``zizhi`` opens), ``clients``,
``pipeline`` (the board, and the deals opened from it) and ``receivables`` — so each keeps its own
stack of screens and forms; ``t``, ``c``, ``p`` and ``r`` switch between them. ``reports``, ``risks``
and ``notices`` are reached from each of them (``k``, ``R``, ``N``), and Esc there goes back; so
is ``quarterly`` (the quarterly personal report), from the reports (``Q``), the palette and Today.
"""

from __future__ import annotations

from textual import events, work
from textual.app import App, ScreenStackError
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import Worker

from zizhi.core.i18n import choose_language, current_language, t
from zizhi.tui import keymap, labels
from zizhi.tui.message_line import Messages, Note
from zizhi.tui.palette import DeskCommands, Palette, translated_system
from zizhi.tui.work import failure

MODES = ("today", "clients", "pipeline", "receivables", "reports", "risks", "notices", "quarterly")


class ZizhiApp(App):
    CSS_PATH = "styles/app.tcss"
    BINDINGS = keymap.bindings(keymap.APP)
    COMMANDS = App.COMMANDS | {DeskCommands}

    class Said(Message):
        """A note to show, posted so that ``notify`` may be called from any thread, as Textual's may;
        it keeps the screen in front when it was said, which is where it shows."""

        def __init__(self, note: Note, screen: Screen | None, mode: str) -> None:
            super().__init__()
            self.note = note
            self.screen = screen
            self.mode = mode

    def __init__(self, desk, keys: dict[str, str] | None = None, first: str = "clients") -> None:
        """``keys`` maps binding ids of :mod:`tui.keymap` to other keys, e.g. ``{"clients.add": "n"}``;
        ``first`` is the mode shown first: ``zizhi`` opens on ``today`` (:func:`desk_app`), a test of
        one screen on the screen it tests."""
        self.DEFAULT_MODE = first  # read by App.__init__
        super().__init__()
        self.desk = desk
        self.messages = Messages(self)
        self.add_mode("today", lambda: _today(desk))
        self.add_mode("clients", lambda: _clients(desk))
        self.add_mode("pipeline", lambda: _board(desk))
        self.add_mode("receivables", lambda: _receivables(desk))
        self.add_mode("reports", lambda: _place("reports", desk))
        self.add_mode("risks", lambda: _place("risks", desk))
        self.add_mode("notices", lambda: _place("notices", desk))
        self.add_mode("quarterly", lambda: _quarterly(desk, lambda: self.leave_place("quarterly")))
        self.came_from: dict[str, str] = {}  # a place (reports, risks, notices) → the mode Esc returns to
        if keys:
            self.set_keymap(keys)

    def get_system_commands(self, screen):
        """Textual's palette commands, less Screenshot: it would write the screen — client data —
        to a file of the account running the app, which on a team server is the service account's."""
        return translated_system(command for command in super().get_system_commands(screen)
                                 if command.title != "Screenshot")

    def action_command_palette(self) -> None:
        """Textual's palette, its search field's hint in the person's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=t("tui.sys.search")))

    def search_themes(self) -> None:
        """The theme list (the palette's Theme command), its hint in the person's language."""
        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("tui.sys.search_themes")))

    def deliver_screenshot(self, *args, **kwargs) -> None:
        """No screenshots to files (see :meth:`get_system_commands`), whatever asks for one."""

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every notification — the app's and Textual's — goes to the message line, never to a toast."""
        note = Note(str(message), severity, self.NOTIFICATION_TIMEOUT if timeout is None else timeout, title, markup)
        try:
            screen = self.screen
        except ScreenStackError:  # starting or closing: the next screen in front shows it
            screen = None
        self.post_message(self.Said(note, screen, self.current_mode))

    def on_zizhi_app_said(self, message: Said) -> None:
        self.messages.say(message.note, message.screen, message.mode)

    async def on_event(self, event: events.Event) -> None:
        """A key or a click is the person moving on: what was said fades a few seconds later."""
        if isinstance(event, (events.Key, events.MouseDown)) and not event.is_forwarded:
            self.messages.moved_on()
        await super().on_event(event)

    def _screen_changed(self, screen) -> None:
        """A form closed: what it said moves to the screen it returns to (:meth:`Messages.place`)."""
        self.messages.place()

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self._retitle()
        self._record_lapsed_quotes()

    @work(thread=True, exit_on_error=False, group="housekeeping")
    def _record_lapsed_quotes(self) -> None:
        """Write down the quotes that lapsed since cron last did (``zizhi quote expire``).

        A lapsed quote already reads as expired everywhere; this only records it, so nothing
        the person sees waits for it, and a failure here is not theirs to handle.
        """
        from zizhi.core.pipeline import quotes

        quotes.expire_overdue(self.desk)

    def _retitle(self) -> None:
        user = self.desk.user
        self.title = t("tui.title")
        self.sub_title = t("tui.subtitle", name=user["name"], role=labels.word("role", user["role"]))

    async def action_switch_language(self) -> None:
        """Chinese ⇄ English; every label of every open screen is re-read, and the choice is saved
        with the person (:mod:`core.people.preferences`), so the next start opens in it too."""
        self._save_language(choose_language("en" if current_language() == "zh" else "zh"))
        self._retitle()
        for screen in self._screens():
            relabel = getattr(screen, "relabel", None)
            if relabel:
                await relabel()
        self.refresh_bindings()

    @work(thread=True, exit_on_error=False, group="preferences")
    def _save_language(self, language: str) -> None:
        from zizhi.core.people import preferences

        preferences.set_language(self.desk, language)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A language that could not be saved still shows for this run; the person is told why."""
        problem = failure(event) if event.worker.group == "preferences" else None
        if problem is not None:
            self.notify(t("tui.note.language_not_saved", problem=problem.text), severity="warning", timeout=10)

    def _screens(self) -> list:
        """Every screen of every mode opened so far, so the one not in front is relabelled too."""
        found = []
        for mode in MODES:
            try:
                found += self.get_screen_stack(mode)
            except KeyError:  # never opened: it will be composed in the new language
                pass
        return found

    def action_show_mode(self, mode: str) -> None:
        self.switch_mode(mode)

    def open_client(self, client_id: int, name: str, back_to: str | None = None) -> None:
        """Show a client on the clients screen, from whichever screen asked (the palette, Today);
        escape there returns to ``back_to`` (a mode) when given."""
        self.switch_mode("clients")
        self.get_screen_stack("clients")[0].open_client(client_id, name, back_to)

    def open_debt(self, instalment: str, back_to: str | None = None) -> None:
        """Money owed, on today's dunning with ``instalment`` chosen (a dunning reminder)."""
        self.switch_mode("receivables")
        self.get_screen_stack("receivables")[0].show_debt(instalment, back_to)

    def open_deal(self, deal_id: int, tab: str = "overview", back_to: str | None = None) -> None:
        """Open a deal over the board, from whichever screen asked (the palette, a debt), on ``tab``;
        escape from it returns to ``back_to`` (a mode) when given."""
        self.switch_mode("pipeline")
        self.get_screen_stack("pipeline")[0].open_deal(deal_id, tab, back_to)

    def open_place(self, mode: str, back_to: str | None = None) -> None:
        """Show the reports, the risks or the notices; Esc there returns to ``back_to``, else to the
        mode shown now (moving between the places keeps the way back to where the person started)."""
        here = self.current_mode
        if here != mode:
            origin = self.came_from.get(here, "today") if here in PLACES else here
            self.came_from[mode] = back_to or origin
        self.switch_mode(mode)

    def leave_place(self, mode: str) -> None:
        self.switch_mode(self.came_from.pop(mode, "today"))

    def open_notice(self, notice_id: int, back_to: str | None = None) -> None:
        """A policy notice on the notices screen, under the cursor (Today's Enter on one)."""
        self.open_place("notices", back_to)
        self.get_screen_stack("notices")[0].choose(notice_id)

    def open_quarterly(self, quarter: str | None = None, back_to: str | None = None) -> None:
        """The quarterly report — a salesperson's own, a manager's list of who has filed — on
        ``quarter`` when given (Today's Enter on the reminder to file it), else the oldest the
        salesperson still owes (core.reminders.sources_quarterly.owed_quarter); Esc there returns to
        ``back_to``, else to the mode it was opened from."""
        here = self.current_mode
        if here != "quarterly":
            self.came_from["quarterly"] = back_to or here
        if quarter is None and here != "quarterly":  # the oldest report still owed, else this quarter's
            from zizhi.core.reminders.sources_quarterly import owed_quarter

            quarter = owed_quarter(self.desk)
        self.switch_mode("quarterly")
        if quarter:
            self.get_screen_stack("quarterly")[0].show_quarter(quarter)

    def action_show_quarterly(self) -> None:
        self.open_quarterly()

    def open_risk(self, risk_id: int, back_to: str | None = None) -> None:
        """A risk of the register, shown (Today's Enter on a review due)."""
        self.open_place("risks", back_to)
        self.get_screen_stack("risks")[0].choose(risk_id, show=True)


PLACES = ("reports", "risks", "notices")


def _place(mode: str, desk):
    """The reports, the risks or the notices, imported the first time one is shown."""
    if mode == "reports":
        from zizhi.tui.screens.reports import ReportsScreen

        return ReportsScreen(desk)
    if mode == "risks":
        from zizhi.tui.screens.risks import RisksScreen

        return RisksScreen(desk)
    from zizhi.tui.screens.notices import NoticesScreen

    return NoticesScreen(desk)


def _quarterly(desk, leave):
    """The quarterly report's first screen: a manager's or admin's list of who has filed (the core
    lets them read anyone's), everyone else's own report — or the core's reason they have none."""
    from zizhi.core import access
    from zizhi.tui.screens.quarterly import QuarterlyScreen, RosterScreen

    if access.is_manager(desk.user):
        return RosterScreen(desk, leave=leave)
    return QuarterlyScreen(desk, leave=leave)


def _today(desk):
    """The person's agenda (imported here so that a test of another screen does not pay for it)."""
    from zizhi.tui.screens.today import TodayScreen

    return TodayScreen(desk)


def _clients(desk):
    """The client desk, imported the first time it is shown: the app opens on Today."""
    from zizhi.tui.screens.clients import ClientsScreen

    return ClientsScreen(desk)


def _receivables(desk):
    """Money owed, imported the first time it is shown (most of the day is spent elsewhere)."""
    from zizhi.tui.screens.receivables import ReceivablesScreen

    return ReceivablesScreen(desk)


def _board(desk):
    """The pipeline board, imported the first time it is shown: it and the deal screen behind it
    (forms, quote editor, every pipeline rule) are a third of the app's code, and the app starts
    on Today."""
    from zizhi.tui.screens.pipeline import PipelineScreen

    return PipelineScreen(desk)


def desk_app(desk) -> ZizhiApp:
    """The app as ``zizhi`` runs it: around ``desk``, with the keys settings.toml rebinds, opening
    on the person's agenda for today."""
    return ZizhiApp(desk, keys=desk.keys, first="today")


def run_app(desk) -> None:
    """Run the app full-screen until the person quits; the caller owns (and closes) the desk."""
    desk_app(desk).run()
