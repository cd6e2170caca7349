"""The Zizhi app: a frame of screens around a desk it is given (services passed in, like harlequin).

``zizhi`` with no command opens the desk (database, config, acting user) and calls
:func:`run_app`; tests build :class:`ZizhiApp` around a desk on a temporary database.
Screens are modes — ``clients`` and ``pipeline`` (the board, and the deals opened from it) — so
each keeps its own stack of screens and forms; ``p`` and ``c`` switch between them.
"""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.worker import Worker

from zizhi.core.i18n import choose_language, current_language, t
from zizhi.core.people import preferences
from zizhi.core.pipeline import quotes
from zizhi.tui import keymap, labels
from zizhi.tui.palette import DeskCommands
from zizhi.tui.screens.clients import ClientsScreen
from zizhi.tui.screens.pipeline import PipelineScreen
from zizhi.tui.work import failure

MODES = ("clients", "pipeline")


class ZizhiApp(App):
    CSS_PATH = "styles/app.tcss"
    BINDINGS = keymap.bindings(keymap.APP)
    COMMANDS = App.COMMANDS | {DeskCommands}
    DEFAULT_MODE = "clients"

    def __init__(self, desk, keys: dict[str, str] | None = None) -> None:
        """``keys`` maps binding ids of :mod:`tui.keymap` to other keys, e.g. ``{"clients.add": "n"}``."""
        super().__init__()
        self.desk = desk
        self.add_mode("clients", lambda: ClientsScreen(desk))
        self.add_mode("pipeline", lambda: PipelineScreen(desk))
        if keys:
            self.set_keymap(keys)

    def get_system_commands(self, screen):
        """Textual's palette commands, less Screenshot: it would write the screen — client data —
        to a file of the account running the app, which on a team server is the service account's."""
        return (command for command in super().get_system_commands(screen) if command.title != "Screenshot")

    def deliver_screenshot(self, *args, **kwargs) -> None:
        """No screenshots to files (see :meth:`get_system_commands`), whatever asks for one."""

    def on_mount(self) -> None:
        self._retitle()
        self._record_lapsed_quotes()

    @work(thread=True, exit_on_error=False, group="housekeeping")
    def _record_lapsed_quotes(self) -> None:
        """Write down the quotes that lapsed since cron last did (``zizhi quote expire``).

        A lapsed quote already reads as expired everywhere; this only records it, so nothing
        the person sees waits for it, and a failure here is not theirs to handle.
        """
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

    def open_client(self, client_id: int, name: str) -> None:
        """Show a client on the clients screen, from whichever screen asked (the palette)."""
        self.switch_mode("clients")
        self.get_screen_stack("clients")[0].open_client(client_id, name)

    def open_deal(self, deal_id: int) -> None:
        """Open a deal over the board, from whichever screen asked (the palette)."""
        self.switch_mode("pipeline")
        self.get_screen_stack("pipeline")[0].open_deal(deal_id)


def run_app(desk) -> None:
    """Run the app full-screen until the person quits; the caller owns (and closes) the desk."""
    ZizhiApp(desk, keys=desk.settings.general.keys).run()
