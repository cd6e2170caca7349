"""What the later parts of a deal share: open a form, and say so up when it saved.

Each form (``tui/screens/*_forms.py``) makes its own core call in its worker and shows a refusal
inline; the part that opened it only posts :class:`DealSaved`, and the screen reads the deal again.
A form whose save the core would refuse whatever is typed (a gate not met) is not opened at all:
:func:`open_when_ready` asks the core's own check first and the screen says its refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.widget import Widget

from zizhi.tui.screens.form import FormScreen


@dataclass
class DealSaved(Message):
    """A part of the deal saved something: the screen says ``note`` and reads the deal again."""

    note: str


def open_form(part: Widget, form: FormScreen, note: Callable[[Any], str]) -> None:
    """Push ``form``; when it saves, ``part`` posts :class:`DealSaved` with ``note(result)``."""
    def saved(result: Any) -> None:
        if result:
            part.post_message(DealSaved(note(result)))
    part.app.push_screen(form, callback=saved)


def open_when_ready(part: Widget, ready: Callable[[], None], form: Callable[[], FormScreen],
                    note: Callable[[Any], str]) -> None:
    """Run the core's check ``ready`` in a worker of the screen; the form opens only if it passes.

    A refusal fails the worker, and the screen shows it as it shows every problem."""
    def check() -> None:
        ready()
        part.app.call_from_thread(lambda: open_form(part, form(), note))
    part.screen.run_worker(check, thread=True, exclusive=True, exit_on_error=False, group="deal-ready")
