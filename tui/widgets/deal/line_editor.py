"""The line editor under a quote's lines: quantity, service fee and discount of the highlighted line.

It only reports: what is typed goes up as :class:`LineEditor.Edited` after a short pause in
typing (the quote panel previews it; the pause keeps a half-typed "12" of "120" from flashing
by) and Enter as :class:`LineEditor.Submitted` at once (the panel saves it, once). The panel hands it a
line with :meth:`edit` and takes the typed values back with :meth:`reset`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui.widgets.deal.line_preview import EDITED
from zizhi.tui.widgets.fitted_label import FittedLabel

PAUSE_SECONDS = 0.2


class LineEditor(Horizontal):
    """Tab and shift+tab go round its fields and stay in it (Escape, the screen's key, leaves)."""

    BINDINGS = [Binding("tab", "next_field(1)", show=False), Binding("shift+tab", "next_field(-1)", show=False)]

    @dataclass
    class Edited(Message):
        """The person typed: ``typed`` is every field as it reads now."""

        code: str
        typed: dict[str, str]

    @dataclass
    class Submitted(Message):
        """Enter in any field: save the line as typed."""

        code: str
        typed: dict[str, str]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.line: dict | None = None
        self._pause: Timer | None = None

    def compose(self) -> ComposeResult:
        yield FittedLabel(id="line-name")
        for name in EDITED:
            yield Label(t(f"tui.quote.edit.{name}"), classes="line-label")
            yield Input(id=f"line-{name}", compact=True, classes=f"line-{name}")

    @property
    def typing(self) -> bool:
        return self.has_focus_within

    def edit(self, line: dict | None) -> None:
        """Show ``line``'s stored values — unless the person is typing in that very line."""
        if line is None:
            return
        same = self.line is not None and self.line["code"] == line["code"]
        self.line = line
        if not (self.typing and same):
            self.reset()

    def reset(self) -> None:
        """Put the line's stored values back, dropping what was typed."""
        self._stop_pause()
        line = self.line
        if line is None:
            return
        values = {"quantity": str(line["quantity"]), "service_fee": format_fen(line["service_fee"], symbol=False),
                  "discount": percent.text(line["discount"])}
        with self.prevent(Input.Changed):
            for name, value in values.items():
                self.query_one(f"#line-{name}", Input).value = value
        name = Text(f"{line['code']} ", style="bold")
        name.append(line.get("name") or "")
        self.query_one("#line-name", FittedLabel).show(name)

    def typed(self) -> dict[str, str]:
        return {name: self.query_one(f"#line-{name}", Input).value.strip() for name in EDITED}

    def focus_field(self, field: str = EDITED[0]) -> None:
        self.query_one(f"#line-{field}", Input).focus()

    def action_next_field(self, step: int) -> None:
        """The next field round, so Tab never carries what is typed next out to the screen's keys."""
        fields = list(self.query(Input))
        here = next((n for n, field in enumerate(fields) if field.has_focus), -step)
        fields[(here + step) % len(fields)].focus()

    def _stop_pause(self) -> None:
        if self._pause is not None:
            self._pause.stop()
            self._pause = None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._stop_pause()
        self._pause = self.set_timer(PAUSE_SECONDS, self._edited)

    def _edited(self) -> None:
        self._pause = None
        if self.line is not None:
            self.post_message(self.Edited(self.line["code"], self.typed()))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._stop_pause()
        if self.line is not None:
            self.post_message(self.Submitted(self.line["code"], self.typed()))
