"""Every key binding of the app, as data: one table to read, one id per binding to rebind.

Ids are what a user keymap names (``App.set_keymap({"clients.add": "n"})``). A binding's
description is a message key, translated each time the footer or help asks for it
(:class:`TranslatedBindings`): Textual merges ``BINDINGS`` once, when a class is defined, which
can be before the desk has chosen the language — and the language can change while the app runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import ActiveBinding, Binding

from core.i18n import t


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    action: str
    label: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.show,
                       key_display=self.key_display, priority=self.priority, id=self.id)


APP = (
    Key("app.palette", "ctrl+p", "command_palette", "tui.key.palette", show=False, priority=True),
)
DESK = (
    Key("desk.help", "question_mark,f1", "help", "tui.key.help", key_display="?"),
    Key("desk.quit", "q", "app.quit", "tui.key.quit"),
)
CLIENTS = (
    Key("clients.search", "slash", "focus_search", "tui.key.search", key_display="/"),
    Key("clients.add", "a", "add_client", "tui.key.add"),
    Key("clients.log", "l", "log_interaction", "tui.key.log"),
    Key("clients.edit", "e", "edit_client", "tui.key.edit"),
    Key("clients.due", "d", "toggle_due", "tui.key.due"),
    Key("clients.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
    Key("clients.to_table", "down", "focus_table", "tui.key.table", show=False),
    Key("clients.back", "escape", "back", "tui.key.back", show=False),
)
FORM = (
    Key("form.save", "ctrl+s", "save", "tui.key.save", priority=True),
    Key("form.cancel", "escape", "cancel", "tui.key.cancel"),
)
HELP = (
    Key("help.close", "escape,question_mark,f1,q", "close", "tui.key.close", key_display="esc"),
)


def bindings(*groups: tuple[Key, ...]) -> list[Binding]:
    return [key.binding() for group in groups for key in group]


_TYPED = {"slash": "/", "question_mark": "?", "escape": "esc"}


def shown(*groups: tuple[Key, ...]) -> list[tuple[str, str]]:
    """(keys as a person types them, description) for the help screen."""
    return [(" ".join(_TYPED.get(k, k) for k in key.keys.split(",")), t(key.label))
            for group in groups for key in group]


class TranslatedBindings:
    """Mix into every screen: the footer reads binding descriptions in the current language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return {key: active._replace(binding=replace(active.binding, description=t(active.binding.description)))
                for key, active in super().active_bindings.items()}  # type: ignore[misc]
