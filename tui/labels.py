"""How core values read on screen: vocabulary words, column titles, follow-up dates.

The core stores ``urgent`` and ``2026-11-27``; a salesperson reads 紧急 and sees at a glance
that a follow-up is overdue.
"""

from __future__ import annotations

from rich.text import Text

from zizhi.core.clients import follow_ups
from zizhi.core.i18n import t


def word(kind: str, value: str | None) -> str:
    """A closed-vocabulary value (urgency, size, channel…) in the current language."""
    return t(f"{kind}.{value}") if value else ""


def column(name: str) -> str:
    return t(f"col.{name}")


def options(kind: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, value) pairs for a Select."""
    return [(word(kind, value), value) for value in values]


URGENCY_STYLE = {"urgent": "bold red", "high": "yellow", "normal": "", "low": "dim"}


def urgency(value: str | None) -> Text:
    return Text(word("urgency", value), style=URGENCY_STYLE.get(value or "", ""))


def follow_up(date: str | None) -> Text:
    """A follow-up date, red when overdue and bold when due today."""
    text = Text()
    text.append(date or "", style=FOLLOW_UP_STYLE.get(follow_ups.state(date), ""))
    return text


FOLLOW_UP_STYLE = {"overdue": "bold red", "today": "bold yellow"}
