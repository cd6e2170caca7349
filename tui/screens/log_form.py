"""Logging one contact with a client, and the next step agreed in it.

The next step and its date go together (the core refuses one without the other), which is what
puts the client on someone's follow-up list.
"""

from __future__ import annotations

from typing import Iterable

from textual.widget import Widget

from zizhi.core.clients import interactions
from zizhi.core.i18n import t
from zizhi.core.vocab import LOG_CHANNELS
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, choice_field, date_field, text_field


class LogForm(FormScreen):
    """Dismisses with the logged entry (a dict) or None."""

    def __init__(self, desk, client: dict) -> None:
        super().__init__(desk, t("tui.form.log", name=client["name"]))
        self.client = client

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield labels.column("channel"), choice_field("channel", labels.options("channel", LOG_CHANNELS),
                                                     "phone", allow_blank=False)
        yield labels.column("summary"), text_field("summary")
        yield labels.column("details"), text_field("details")
        yield t("tui.field.next_step"), text_field("next_step", placeholder=self._closing_hint())
        yield t("tui.field.next_date"), date_field("next_date")

    def _closing_hint(self) -> str:
        """A contact logged with no next step ends the client's follow-up: say which, before it goes."""
        if not self.client.get("next_date"):
            return ""
        return t("tui.form.next_closes", step=self.client.get("next_step") or "", date=self.client["next_date"])

    def save(self, values: dict[str, str]) -> dict:
        return interactions.log_interaction(self.desk, str(self.client["id"]),
                                            **{k: v or None for k, v in values.items()})

    def on_mount(self) -> None:
        self.query_one("#f-summary").focus()
