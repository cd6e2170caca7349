"""The deal screen's quote actions: draft a version, edit a line (live totals), expedite, legal's
approval, a manager's pricing approval, send, the client's answer, and the document.

Each is one ``quotes`` (or ``reviews``, ``documents.quote``) call in a worker. A
line edit draws the quote ``set_line`` returns at once; the other actions read the deal again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from zizhi.core.errors import InputError
from zizhi.core.i18n import t
from zizhi.core.documents.quote import as_text
from zizhi.core.pipeline import quotes, reviews
from zizhi.tui.screens.deal_forms import NoteForm
from zizhi.tui.screens.quote_document import QuoteDocument
from zizhi.tui.widgets.quote_editor import QuoteEditor


class QuoteActions:
    """Mix into the deal screen, which provides ``desk``, ``deal_id``, ``view``, ``quote_id``,
    ``reload``, ``done`` and ``action_tab``. (A plain mixin: handlers go by their ``on_…`` names,
    as ``@on`` only registers on Textual classes.)"""

    @dataclass
    class QuoteChanged(Message):
        """A quote as ``core.quotes`` returned it; ``reread`` when the deal may have changed too."""

        quote: dict
        reread: bool
        note: str = ""

    @dataclass
    class DocumentReady(Message):
        number: str
        text: str

    def _quotes_ready(self) -> bool:
        return self.view is not None

    def _current_quote(self) -> dict | None:
        if not self._quotes_ready():
            return None
        quote = self.query_one(QuoteEditor).quote
        if quote is None:
            self.notify(t("tui.note.no_quote"), severity="warning")
        return quote

    def action_new_quote(self) -> None:
        if self._quotes_ready():
            self.action_tab("quote")
            self._quote_call("new_quote", self.deal_id, note="tui.note.quote_made")

    def action_send_quote(self) -> None:
        quote = self._current_quote()
        if quote:
            self._quote_call("send_quote", quote["id"], note="tui.note.quote_sent")

    def action_accept_quote(self) -> None:
        quote = self._current_quote()
        if quote:
            self._quote_call("accept_quote", quote["id"], note="tui.note.quote_accepted")

    def action_reject_quote(self) -> None:
        quote = self._current_quote()
        if quote:
            reject = quotes.reject_quote
            self.app.push_screen(
                NoteForm(self.desk, t("tui.form.reject_quote", number=quote["number"]), t("tui.field.reason"),
                         partial(reject, self.desk, quote["id"])),
                callback=self._quote_form_done("tui.note.quote_rejected"))

    def action_approve_pricing(self) -> None:
        quote = self._current_quote()
        if quote:
            approve = quotes.approve_pricing
            self.app.push_screen(
                NoteForm(self.desk, t("tui.form.approve_pricing", number=quote["number"]), t("tui.field.note"),
                         partial(approve, self.desk, quote["id"])),
                callback=self._quote_form_done("tui.note.pricing_approved"))

    def _quote_form_done(self, key: str):
        def done(quote: dict | None) -> None:
            if quote:
                self.post_message(self.QuoteChanged(quote, reread=True, note=t(key, number=quote["number"])))
        return done

    def action_toggle_expedited(self) -> None:
        quote = self._current_quote()
        if quote:
            self._set_terms(quote["id"], not quote["expedited"])

    @work(thread=True, exclusive=True, exit_on_error=False, group="quote-line")
    def _set_terms(self, quote_id: int, expedited: bool) -> None:
        quote = quotes.set_terms(self.desk, quote_id, expedited=expedited)
        self.post_message(self.QuoteChanged(quote, reread=False))

    def action_approve_review(self) -> None:
        """Legal approves the quote's current revision (``core.reviews.approve``)."""
        quote = self._current_quote()
        if quote:
            self._review(quote["id"])

    @work(thread=True, exit_on_error=False, group="quote")
    def _review(self, quote_id: int) -> None:
        reviews.approve(self.desk, quote_id)
        quote = quotes.get_quote(self.desk, quote_id)
        self.post_message(self.QuoteChanged(quote, reread=True, note=t("tui.note.review_approved",
                                                                        number=quote["number"])))

    def action_quote_document(self) -> None:
        quote = self._current_quote()
        if quote:
            self._document(quote["id"])

    @work(thread=True, exit_on_error=False, group="quote")
    def _document(self, quote_id: int) -> None:
        quote = quotes.get_quote(self.desk, quote_id)
        self.post_message(self.DocumentReady(quote["number"], as_text(quote)))

    def on_quote_actions_document_ready(self, message: DocumentReady) -> None:
        self.app.push_screen(QuoteDocument(message.number, message.text))

    def action_edit_line(self) -> None:
        if self._current_quote():
            self.action_tab("quote")
            self.query_one(QuoteEditor).focus_editor()

    @work(thread=True, exit_on_error=False, group="quote")
    def _quote_call(self, name: str, ref: int, note: str) -> None:
        quote = getattr(quotes, name)(self.desk, ref)
        self.post_message(self.QuoteChanged(quote, reread=True, note=t(note, number=quote["number"])))

    def on_quote_editor_line_edited(self, message: QuoteEditor.LineEdited) -> None:
        self._set_line(message.quote_id, message.code, message.changes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="quote-line")
    def _set_line(self, quote_id: int, code: str, changes: dict[str, str]) -> None:
        """Price the change; '10.50' after '10.5' changes nothing and is no mistake."""
        try:
            quote = quotes.set_line(self.desk, quote_id, code, **changes)
        except InputError as error:
            if error.key != "quote.nothing_to_change":
                raise
            quote = quotes.get_quote(self.desk, quote_id)
        if not get_current_worker().is_cancelled:  # else a later keystroke's quote is on its way
            self.post_message(self.QuoteChanged(quote, reread=False))

    def on_quote_actions_quote_changed(self, message: QuoteChanged) -> None:
        quote = message.quote
        self.quote_id = quote["id"]
        self.done(message.note)
        if message.reread:
            self.reload()
            return
        quotes = [dict(q, total=quote["total"], status=quote["status"]) if q["id"] == quote["id"] else q
                  for q in (self.view or {}).get("quotes") or []]
        self.query_one(QuoteEditor).show(quotes, quote)
