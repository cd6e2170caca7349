"""Snooze one reminder of the person's agenda to a later day (:func:`core.reminders.marks.snooze`)."""

from __future__ import annotations

from typing import Iterable

from textual.widget import Widget

from zizhi.core.i18n import t
from zizhi.core.reminders import marks
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, date_field


class SnoozeForm(FormScreen):
    """The day it comes back, typed as every date of the app is (明天, 下周一, +3d, 12-10)."""

    def __init__(self, desk, key: str) -> None:
        super().__init__(desk, t("tui.form.snooze"))
        self.key = key

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("until"), date_field("until")

    def save(self, values: dict[str, str]) -> dict:
        return marks.snooze(self.desk, self.key, values["until"])
