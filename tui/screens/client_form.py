"""The client form, for a new client or an edit of one.

A new client's owner defaults to the acting salesperson (the core does the same when none is
given); an edit sends only the fields that changed, so the audit trail records just those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Select

from zizhi.core.clients import records as clients
from zizhi.core.i18n import t
from zizhi.core.people import users as people
from zizhi.core.vocab import CHANNELS, SIZES, URGENCIES
from zizhi.tui import labels
from zizhi.tui.screens.form import FormScreen, choice_field, text_field

TEXT_FIELDS = ("name", "credit_code", "contact", "phone", "email", "city", "industry")
MORE_TEXT = ("address", "business_scope", "needs", "tags", "referrer")


class ClientForm(FormScreen):
    """Dismisses with ``{"client": dict, "warnings": [str], "created": bool}`` or None."""

    COLUMNS = 2

    @dataclass
    class OwnersLoaded(Message):
        logins: list[tuple[str, str]]

    def __init__(self, desk, client: dict | None = None) -> None:
        title = t("tui.form.edit_client", name=client["name"]) if client else t("tui.form.add_client")
        super().__init__(desk, title)
        self.client = client
        self.initial = self._initial()

    def _initial(self) -> dict[str, str]:
        if self.client:
            initial = {k: str(self.client.get(k) or "") for k in (*TEXT_FIELDS, *MORE_TEXT, "size", "urgency",
                                                                  "channel", "credit_rating", "owner", "notes")}
            initial["tags"] = ", ".join(self.client.get("tags") or [])
            initial["referrer"] = str(self.client.get("referrer_name") or "")
            return initial
        own = self.desk.user["login"] if self.desk.user["role"] == "sales" else ""  # only a default
        return {"urgency": "normal", "owner": own}

    def fields(self) -> Iterable[tuple[str, Widget]]:
        value = self.initial.get
        for name in TEXT_FIELDS:
            yield labels.column(name), text_field(name, value(name))
        yield labels.column("size"), choice_field("size", labels.options("size", SIZES), value("size"))
        yield labels.column("urgency"), choice_field("urgency", labels.options("urgency", URGENCIES),
                                                     value("urgency"), allow_blank=False)
        yield labels.column("channel"), choice_field("channel", labels.options("channel", CHANNELS),
                                                     value("channel"))
        owner = value("owner")
        yield labels.column("owner"), choice_field("owner", [(owner, owner)] if owner else [], owner,
                                                   prompt=t("tui.form.unassigned"))
        ratings = [(rating, rating) for rating in self.desk.settings.pricing.credit_policy]
        yield labels.column("credit_rating"), choice_field("credit_rating", ratings, value("credit_rating"))
        for name in MORE_TEXT:
            yield labels.column(name), text_field(name, value(name))
        yield labels.column("notes"), text_field("notes", value("notes"))

    def on_mount(self) -> None:
        self._load_owners()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-owners")
    def _load_owners(self) -> None:
        """Only those the core accepts as owners are offered."""
        owners = people.eligible_owners(self.desk)
        self.post_message(self.OwnersLoaded([(f"{u['name']} ({u['login']})", u["login"]) for u in owners]))

    def on_client_form_owners_loaded(self, message: OwnersLoaded) -> None:
        select = self.query_one("#f-owner", Select)
        current = select.value
        select.set_options(message.logins)
        if current is not Select.NULL and any(login == current for _, login in message.logins):
            select.value = current

    def sent(self, values: dict[str, str]) -> dict[str, str]:
        """What the save gives the core: a new client's filled fields, or an edit's changed ones."""
        if self.client is None:
            return {k: v for k, v in values.items() if v}
        return {k: v for k, v in values.items() if v != self.initial.get(k, "")}

    def problems(self, values: dict[str, str]) -> list:
        return clients.field_problems(self.desk, self.sent(values), creating=self.client is None)

    def save(self, values: dict[str, str]) -> dict:
        if self.client is None:
            client, warnings = clients.add_client(self.desk, **self.sent(values))
            return {"client": client, "warnings": warnings, "created": True}
        changed = self.sent(values)
        client = clients.edit_client(self.desk, str(self.client["id"]), **changed) if changed else self.client
        return {"client": client, "warnings": [], "created": False}

