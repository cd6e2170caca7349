"""The quote tab: a deal's quote versions, the shown version's lines and totals, the line editor,
and what is done to a quote — draft a version, send it, record the client's answer, expedite,
legal's review, a manager's pricing approval, the document.

Typing in the line editor previews the line and the totals (``line_preview``: the core's own
readers and pricing, no database) and Enter saves it with one ``quotes.set_line`` — one
revision, one audit row — so a half-typed discount never cancels an approval or a review.
Escape (the screen's key) drops the preview. Every core call runs in this panel's workers;
what they return comes back as :class:`QuotePanel.QuoteChanged`, which the screen hears too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.worker import Worker

from zizhi.core.documents.quote_text import as_text
from zizhi.core.errors import InputError
from zizhi.core.i18n import t
from zizhi.core.pipeline import quotes
from zizhi.tui.screens.deal_forms import NoteForm, ReviewForm
from zizhi.tui.screens.quote_document import QuoteDocument
from zizhi.tui.widgets.deal.line_editor import LineEditor
from zizhi.tui.widgets.deal.line_preview import EDITED, preview, read_line
from zizhi.tui.widgets.deal.quote_lines import QuoteLines
from zizhi.tui.widgets.deal.quote_text import status, totals, versions
from zizhi.tui.widgets.deal.text import MISSING
from zizhi.tui.work import problem_text, report_failure


class QuotePanel(VerticalScroll, can_focus=False):
    """The screen calls :meth:`show` and the action methods; listen for :class:`QuoteChanged`.

    It scrolls when a short terminal cannot show the totals and status whole.
    """

    @dataclass
    class QuoteChanged(Message):
        """A quote as the core returned it; ``reread`` when the rest of the deal may have changed too."""

        quote: dict
        note: str = ""
        reread: bool = False
        line_saved: bool = False  # Enter saved the line editor's line: back to the lines and all their keys

    @dataclass
    class DocumentReady(Message):
        number: str
        text: str

    def __init__(self, desk, **kwargs) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.deal_id: int | None = None
        self.quotes: list[dict] = []
        self.notices: list[dict] = []
        self.quote: dict | None = None
        self.previewing = False

    def compose(self) -> ComposeResult:
        yield Static(MISSING, id="quote-versions")
        yield QuoteLines(id="quote-lines")
        yield LineEditor(id="line-editor")
        yield Static("", id="line-error")
        with Horizontal(id="quote-summary"):
            yield Static("", id="quote-totals")
            yield Static("", id="quote-status")

    # -- showing ---------------------------------------------------------------------------

    def show(self, deal_id: int, quote_list: list[dict], quote: dict | None, notices: list[dict] = ()) -> None:
        """The deal's versions and the one shown (``None``: no quote yet), with the policy notices
        touching its lines — what is promised must comply (rulebook §7.2)."""
        self.deal_id, self.quotes, self.notices = deal_id, quote_list, list(notices)
        self._stored(quote)

    def _stored(self, quote: dict | None) -> None:
        """Draw ``quote`` as stored; a line the person is still typing in is previewed over it."""
        self.quote = quote
        self.query_one("#quote-versions", Static).update(versions(self.quotes, quote))
        self.set_class(quote is None, "-empty")
        if quote is None:
            self.previewing = False
            self.query_one(QuoteLines).show([])
            self.query_one("#quote-totals", Static).update("")
            self.query_one("#quote-status", Static).update("")
            return
        self.set_class(not quote["editable"], "-locked")
        self._draw(quote)
        self.query_one("#quote-status", Static).update(status(quote, self.desk.user["role"], self.notices))
        editor = self.query_one(LineEditor)
        editor.edit(self._line(self.query_one(QuoteLines).code))
        if editor.typing and editor.line is not None:
            self._preview(editor.line["code"], editor.typed())

    def _draw(self, quote: dict, previewing: bool = False) -> None:
        self.previewing = previewing
        self.query_one(QuoteLines).show(quote["lines"])
        self.query_one("#quote-totals", Static).update(totals(quote, previewing))

    def _line(self, code: str | None) -> dict | None:
        return next((x for x in (self.quote or {}).get("lines", []) if x["code"] == code), None)

    def show_error(self, message: str) -> None:
        error = self.query_one("#line-error", Static)
        error.update(Text(message))
        error.add_class("shown")

    def clear_error(self) -> None:
        self.query_one("#line-error", Static).remove_class("shown")

    # -- editing a line --------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#quote-lines")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        line = self._line(event.row_key.value)
        editor = self.query_one(LineEditor)
        if line is not None and self.previewing and editor.line and editor.line["code"] != line["code"]:
            self._drop_preview()
        editor.edit(line)

    def on_line_editor_edited(self, message: LineEditor.Edited) -> None:
        self._preview(message.code, message.typed)

    def _preview(self, code: str, typed: dict[str, str]) -> None:
        """Price what is typed; a value the core would refuse is explained and the last preview stays."""
        line = self._line(code)
        if self.quote is None or line is None or not self.quote["editable"]:
            return
        try:
            changed = read_line(line, typed)
        except InputError as error:
            self.show_error(problem_text(error))
            return
        self.clear_error()
        self._draw(preview(self.quote, code, changed), previewing=bool(changed))

    def on_line_editor_submitted(self, message: LineEditor.Submitted) -> None:
        line = self._line(message.code)
        if self.quote is None or line is None or not self.quote["editable"]:
            return
        try:
            changed = read_line(line, message.typed)
        except InputError as error:
            self.show_error(problem_text(error))
            return
        if changed:
            wanted = {name: message.typed[name] for name in changed}
            self._save_line(self.quote["id"], line["code"], wanted)

    @work(thread=True, exclusive=True, exit_on_error=False, group="quote-line")
    def _save_line(self, quote_id: int, code: str, changes: dict[str, str]) -> None:
        quote = quotes.set_line(self.desk, quote_id, code, **changes)
        self.post_message(self.QuoteChanged(quote, t("tui.note.line_saved", number=quote["number"], code=code),
                                            line_saved=True))

    def leave_editor(self) -> bool:
        """Escape in the line editor: drop what was typed and go back to the lines. False if not in it."""
        editor = self.query_one(LineEditor)
        if not editor.typing:
            return False
        editor.reset()
        self._drop_preview()
        self.query_one(QuoteLines).focus()
        return True

    def _drop_preview(self) -> None:
        self.clear_error()
        if self.previewing and self.quote is not None:
            self._draw(self.quote)

    def focus_editor(self, field: str = EDITED[0]) -> None:
        """Into the line editor at its first field (or ``field``), like any form."""
        editor = self.query_one(LineEditor)
        if self.quote is not None and self.quote["editable"] and editor.line is not None:
            editor.focus_field(field)
        else:
            self.query_one(QuoteLines).focus()

    # -- what is done to a quote -----------------------------------------------------------

    def current(self) -> dict | None:
        """The quote shown, or a word that there is none yet."""
        if self.quote is None:
            self.notify(t("tui.note.no_quote"), severity="warning", markup=False)
        return self.quote

    def new_quote(self) -> None:
        if self.deal_id is not None:
            self._call("new_quote", self.deal_id, "tui.note.quote_made")

    def send(self) -> None:
        quote = self.current()
        if quote:
            self._call("send_quote", quote["id"], "tui.note.quote_sent")

    def accept(self) -> None:
        quote = self.current()
        if quote:
            self._call("accept_quote", quote["id"], "tui.note.quote_accepted")

    def reject(self) -> None:
        quote = self.current()
        if quote:
            self._note_form(t("tui.form.reject_quote", number=quote["number"]), t("tui.field.reason"),
                            partial(quotes.reject_quote, self.desk, quote["id"]), "tui.note.quote_rejected")

    def approve_pricing(self) -> None:
        quote = self.current()
        if quote:
            self._note_form(t("tui.form.approve_pricing", number=quote["number"]), t("tui.field.note"),
                            partial(quotes.approve_pricing, self.desk, quote["id"]), "tui.note.pricing_approved")

    def _note_form(self, title: str, label: str, call: partial, key: str) -> None:
        def done(quote: dict | None) -> None:
            if quote:
                self.post_message(self.QuoteChanged(quote, t(key, number=quote["number"]), reread=True))
        self.app.push_screen(NoteForm(self.desk, title, label, call), callback=done)

    def toggle_expedited(self) -> None:
        quote = self.current()
        if quote:
            self._set_terms(quote["id"], not quote["expedited"])

    @work(thread=True, exclusive=True, exit_on_error=False, group="quote-line")
    def _set_terms(self, quote_id: int, expedited: bool) -> None:
        self.post_message(self.QuoteChanged(quotes.set_terms(self.desk, quote_id, expedited=expedited)))

    def approve_review(self) -> None:
        """Legal's review of the quote's current revision: approved, or rejected with what must change
        (``core.reviews``); approving it again only says who already did."""
        quote = self.current()
        if quote:
            self.app.push_screen(ReviewForm(self.desk, quote), callback=self._reviewed)

    def _reviewed(self, found: dict | None) -> None:
        if not found:
            return
        review, quote = found["review"], found["quote"]
        said = t("tui.note.review_rejected", number=quote["number"]) if review.get("status") == "rejected" and not review.get("note") \
            else review.get("note") or t("tui.note.review_approved", number=quote["number"])
        self.post_message(self.QuoteChanged(quote, said))

    def document(self) -> None:
        quote = self.current()
        if quote:
            self._document(quote["id"])

    @work(thread=True, exit_on_error=False, group="quote")
    def _document(self, quote_id: int) -> None:
        quote = quotes.get_quote(self.desk, quote_id)
        self.post_message(self.DocumentReady(quote["number"], as_text(quote)))

    def on_quote_panel_document_ready(self, message: DocumentReady) -> None:
        message.stop()
        self.app.push_screen(QuoteDocument(message.number, message.text))

    @work(thread=True, exit_on_error=False, group="quote")
    def _call(self, name: str, ref: int, key: str) -> None:
        quote = getattr(quotes, name)(self.desk, ref)
        self.post_message(self.QuoteChanged(quote, t(key, number=quote["number"]), reread=True))

    def on_quote_panel_quote_changed(self, message: QuoteChanged) -> None:
        """Without a reread the panel draws the quote itself; the message goes on up to the screen."""
        if message.reread:
            return
        quote = message.quote
        if message.line_saved and self.query_one(LineEditor).typing:
            self.query_one(QuoteLines).focus()  # the footer shows the deal's keys again, not the editor's two
        self.quotes = [dict(q, total=quote["total"], status=quote["status"]) if q["id"] == quote["id"] else q
                       for q in self.quotes]
        self._stored(quote)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)
