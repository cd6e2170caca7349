"""The Zizhi app: a frame of screens around a desk it is given (services passed in, like harlequin).

``zizhi`` with no command opens the desk (database, config, acting user) and calls
:func:`run_app`; tests build :class:`ZizhiApp` around a desk on a temporary database.
Screens are modes — ``clients`` now, ``pipeline`` next — so each keeps its own stack of forms.
"""

from __future__ import annotations

from textual.app import App

from core.i18n import choose_language, current_language, t
from tui import keymap, labels
from tui.palette import DeskCommands
from tui.screens.clients import ClientsScreen


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
        if keys:
            self.set_keymap(keys)

    def on_mount(self) -> None:
        self._retitle()

    def _retitle(self) -> None:
        user = self.desk.user
        self.title = t("tui.title")
        self.sub_title = t("tui.subtitle", name=user["name"], role=labels.word("role", user["role"]))

    async def action_switch_language(self) -> None:
        """Chinese ⇄ English for the rest of this run; every label is re-read."""
        choose_language("en" if current_language() == "zh" else "zh")
        self._retitle()
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel:
                await relabel()
        self.refresh_bindings()


def run_app(desk) -> None:
    """Run the app full-screen until the person quits; the caller owns (and closes) the desk."""
    ZizhiApp(desk, keys=desk.settings.general.keys).run()
