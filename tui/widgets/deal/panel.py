"""What the later parts of a deal share: open a form, and say so up when it saved.

Each form (``tui/screens/*_forms.py``) makes its own core call in its worker and shows a refusal
inline; the part that opened it only posts :class:`DealSaved`, and the screen reads the deal again.
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
