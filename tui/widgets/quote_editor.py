"""A deal's quote: its versions, its lines with every figure, a line editor and live totals.

The editor never prices anything itself: a change typed into the line editor is posted up as
:class:`QuoteEditor.LineEdited` (after a short pause in typing); the screen calls
``core.quotes.set_line`` in a worker and hands the returned quote back to :meth:`QuoteEditor.show`,
which redraws the lines and the totals while the person keeps typing.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Static
from textual.widgets.data_table import RowDoesNotExist

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen

EDITED = ("quantity", "service_fee", "discount")
DEBOUNCE_SECONDS = 0.3
MISSING = "—"


def _money(fen: int, negative: bool = False) -> Text:
    text = format_fen(-fen if negative and fen else fen)
    return Text(text, justify="right")


class QuoteLines(DataTable):
    """One row per line, keyed by qualification code."""

    COLUMNS = ("code", "quantity", "government", "service", "discount", "surcharge", "tax", "total")

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        for name in self.COLUMNS:
            self.add_column(Text(t(f"tui.quote.col.{name}"), justify="left" if name == "code" else "right"), key=name)

    def show(self, lines: list[dict]) -> None:
        keep = self.code
        self.clear()
        for line in lines:
            discount = Text(justify="right")
            if line["discount"]:
                discount.append(f"{percent.text(line['discount'])} ", style="bold")
            discount.append(format_fen(-line["discount_amount"]) if line["discount_amount"] else "¥0.00")
            self.add_row(Text(line["code"]), Text(str(line["quantity"]), justify="right"),
                         _money(line["government_amount"]), _money(line["service_amount"]), discount,
                         _money(line["surcharge_amount"]), _money(line["tax_amount"]),
                         Text(format_fen(line["total"]), style="bold", justify="right"), key=line["code"])
        if keep:
            try:
                self.move_cursor(row=self.get_row_index(keep))
            except RowDoesNotExist:
                pass

    @property
    def code(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value


class QuoteEditor(Vertical):
    """Shows one quote (the screen calls :meth:`show`); posts :class:`LineEdited` up."""

    @dataclass
    class LineEdited(Message):
        quote_id: int
        code: str
        changes: dict[str, str]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.quote: dict | None = None
        self._line: dict | None = None
        self._sent: dict[str, str] = {}
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(MISSING, id="quote-versions")
        yield QuoteLines(id="quote-lines")
        with Horizontal(id="line-editor"):
            yield Label("", id="line-name")
            for name in EDITED:
                yield Label(t(f"tui.quote.edit.{name}"), classes="line-label")
                yield Input(id=f"line-{name}", compact=True, classes=f"line-{name}")
        yield Static("", id="line-error")
        with Horizontal(id="quote-summary"):
            yield Static("", id="quote-totals")
            yield Static("", id="quote-status")

    # -- showing ---------------------------------------------------------------------------

    def show(self, quotes: list[dict], quote: dict | None) -> None:
        self.quote = quote
        self.query_one("#quote-versions", Static).update(self._versions(quotes, quote))
        if quote is None:
            self._empty()
            return
        self.remove_class("-empty")
        self.set_class(not quote["editable"], "-locked")
        self.query_one(QuoteLines).show(quote["lines"])
        self.query_one("#quote-totals", Static).update(self._totals(quote))
        self.query_one("#quote-status", Static).update(self._status(quote))
        self._fill(self.query_one(QuoteLines).code)

    def _empty(self) -> None:
        self.add_class("-empty")
        self._line = None
        self.query_one(QuoteLines).clear()
        self.query_one("#quote-totals", Static).update("")
        self.query_one("#quote-status", Static).update("")

    def show_error(self, message: str) -> None:
        error = self.query_one("#line-error", Static)
        error.update(Text(message))
        error.add_class("shown")

    def clear_error(self) -> None:
        self.query_one("#line-error", Static).remove_class("shown")

    def _versions(self, quotes: list[dict], shown: dict | None) -> Text:
        if not quotes:
            return Text(t("tui.quote.none"), style="dim")
        text = Text(t("tui.quote.versions") + "  ", style="dim")
        for quote in quotes:
            label = f"v{quote['version']} {t('tui.quote.status.' + quote['status'])} {format_fen(quote['total'])}"
            current = shown is not None and quote["id"] == shown["id"]
            text.append(f" {label} ", style="reverse bold" if current else "")
            text.append("  ")
        return text

    def _totals(self, quote: dict) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        rows = (("government", quote["government_total"], False), ("service", quote["service_total"], False),
                ("discount", quote["discount_total"], True), ("surcharge", quote["surcharge_total"], False),
                ("tax", quote["tax_total"], False))
        for name, fen, negative in rows:
            grid.add_row(t(f"tui.quote.total.{name}"), _money(fen, negative))
        grid.add_row(Text(t("tui.quote.total.total"), style="bold"),
                     Text(format_fen(quote["total"]), style="bold reverse", justify="right"))
        if quote.get("total_in_words"):
            grid.add_row("", Text(quote["total_in_words"], style="dim"))
        return grid

    def _status(self, quote: dict) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        grid.add_row(t("tui.quote.number"), Text(f"{quote['number']}  {t('tui.quote.status.' + quote['status'])}",
                                                  style="bold"))
        grid.add_row(t("tui.quote.valid_until"), Text(quote["valid_until"]))
        if quote.get("expedited"):
            grid.add_row(t("tui.quote.expedited"), Text(t("tui.yes")))
        review = quote.get("review") or {}
        status = review.get("status", "pending")
        text = Text(t(f"tui.review.{status}"), style="green" if status == "approved" else "yellow")
        if review.get("reviewer"):
            text.append(f"  {review['reviewer']} {(review.get('at') or '')[:10]}", style="dim")
        if review.get("reason"):
            text.append(f"  {review['reason']}")
        grid.add_row(t("tui.quote.review"), text)
        if quote.get("needs_approval"):
            if quote.get("approved_by_login"):
                approval = Text(t("tui.quote.approved_by", by=quote["approved_by_login"]), style="green")
            else:
                approval = Text(t("tui.quote.needs_approval"), style="bold yellow")
            for reason in quote.get("approval_reasons", []):
                approval.append("\n" + _reason(reason), style="yellow")
            grid.add_row(t("tui.quote.pricing"), approval)
        if quote.get("decision_note"):
            grid.add_row(t("tui.quote.decision"), Text(quote["decision_note"]))
        return grid

    # -- editing ---------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#quote-lines")
    def _line_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._fill(event.row_key.value)

    def _fill(self, code: str | None) -> None:
        """Put the highlighted line's values in the editor, unless the person is typing in it."""
        line = next((x for x in (self.quote or {}).get("lines", []) if x["code"] == code), None)
        typing = any(isinstance(w, Input) and w.has_focus for w in self.query("#line-editor > *"))
        if line is None or (typing and self._line and self._line["code"] == line["code"]):
            self._line = line if line else self._line
            return
        self._line = line
        values = {"quantity": str(line["quantity"]), "service_fee": format_fen(line["service_fee"], symbol=False),
                  "discount": percent.text(line["discount"])}
        self._sent = dict(values)
        for name, value in values.items():
            self.query_one(f"#line-{name}", Input).value = value
        name = Text(f"{line['code']} ", style="bold")
        name.append(line.get("name") or "")
        self.query_one("#line-name", Label).update(name)

    @on(Input.Changed, "#line-editor Input")
    def _typed(self) -> None:
        if self._debounce:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._post_edit)

    @on(Input.Submitted, "#line-editor Input")
    def _submitted(self) -> None:
        if self._debounce:
            self._debounce.stop()
        self._post_edit()

    def _post_edit(self) -> None:
        """Post what differs from the last values sent (or shown) for this line."""
        if self.quote is None or self._line is None or not self.quote["editable"]:
            return
        now = {name: self.query_one(f"#line-{name}", Input).value.strip() for name in EDITED}
        changes = {name: value for name, value in now.items() if value and value != self._sent.get(name)}
        if changes:
            self._sent.update(changes)
            self.post_message(self.LineEdited(self.quote["id"], self._line["code"], changes))

    def focus_editor(self, field: str = "discount") -> None:
        if self.quote is not None and self.quote["editable"] and self._line is not None:
            self.query_one(f"#line-{field}", Input).focus()
        else:
            self.query_one(QuoteLines).focus()


def _reason(reason: dict) -> str:
    if reason["rule"] == "discount":
        return t("tui.quote.reason.discount", code=reason["code"], discount=percent.text(reason["discount"]),
                 limit=percent.text(reason["limit"]))
    return t("tui.quote.reason.floor", code=reason["code"], price=format_fen(reason["price"]),
             floor=format_fen(reason["floor"]))
