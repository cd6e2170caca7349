"""A form's date field: what was typed, and beside it the day it means, as the person types.

``明天`` shows ``→ 2026-11-28 (周六)``, so a relative date (下周一, +3d, 12-05) is checked by eye
before it is saved; text that is no date says so at once, in the error colour. The rule is the
core's (core/dates.py); the field only shows it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from zizhi.core import dates
from zizhi.core.errors import ZizhiError
from zizhi.core.i18n import t


class DateField(Horizontal):
    """Reads and writes like an ``Input`` (``value``, ``focus``), so the form treats it as one."""

    DEFAULT_CSS = """
    DateField { height: 1; width: 1fr; }
    DateField > Input { width: 1fr; background: $surface; }
    DateField > Input:focus { background-tint: $primary 25%; }
    DateField.-invalid > Input { background-tint: $error 35%; }
    DateField > .date-resolution { width: auto; padding: 0 0 0 1; color: $text-muted; }
    DateField > .date-resolution.-unreadable { color: $text-error; }
    """

    def __init__(self, field: str, value: str = "", placeholder: str = "", *, past: bool = False) -> None:
        """``past``: the field records what has happened (a payment), so 12-05 is the last one."""
        super().__init__(id=f"f-{field}")
        self.past = past
        self._input = Input(value, placeholder=placeholder, compact=True)

    def compose(self) -> ComposeResult:
        yield self._input
        yield Static("", classes="date-resolution")

    @property
    def value(self) -> str:
        return self._input.value

    @value.setter
    def value(self, text: str) -> None:
        self._input.value = text

    @property
    def typed_input(self) -> Input:
        """The input the date is typed in (the form fits its placeholder)."""
        return self._input

    @property
    def resolution(self) -> str:
        """What is shown beside the typed text."""
        return str(self.query_one(".date-resolution", Static).content)

    def focus(self, scroll_visible: bool = True) -> DateField:
        self._input.focus(scroll_visible)
        return self

    def on_mount(self) -> None:
        self._show(self._input.value)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, text: str) -> None:
        shown = self.query_one(".date-resolution", Static)
        try:
            shown.update(Text(dates.resolution(text, past=self.past)))
            shown.remove_class("-unreadable")
        except ZizhiError:
            shown.update(Text(t("tui.date.unreadable")))
            shown.add_class("-unreadable")
