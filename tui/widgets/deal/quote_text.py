"""How a quote reads beside its lines: the versions bar, the totals, and its status, review and
pricing approval. Plain functions from the core's quote dict to Rich renderables."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui.widgets.deal.quote_lines import money


def versions(quotes: list[dict], shown: dict | None) -> Text:
    if not quotes:
        return Text(t("tui.quote.none"), style="dim")
    text = Text(t("tui.quote.versions") + "  ", style="dim")
    for quote in quotes:
        label = f"v{quote['version']} {t('tui.quote.status.' + quote['status'])} {format_fen(quote['total'])}"
        current = shown is not None and quote["id"] == shown["id"]
        text.append(f" {label} ", style="reverse bold" if current else "")
        text.append("  ")
    return text


def totals(quote: dict, preview: bool = False) -> Table:
    """The quote's totals; a ``preview`` (figures typed, not saved) says how to save or drop it."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(justify="right")  # an amount is one word, never broken; the words and the note wrap
    rows = (("government", quote["government_total"], False), ("service", quote["service_total"], False),
            ("discount", quote["discount_total"], True), ("surcharge", quote["surcharge_total"], False),
            ("tax", quote["tax_total"], False))
    for name, fen, negative in rows:
        grid.add_row(t(f"tui.quote.total.{name}"), money(fen, negative))
    grid.add_row(Text(t("tui.quote.total.total"), style="bold"),
                 Text(format_fen(quote["total"]), style="bold reverse", justify="right"))
    if quote.get("total_in_words"):
        grid.add_row("", Text(quote["total_in_words"], style="dim", overflow="fold"))  # wraps, never cut
    note = t("tui.quote.preview")  # its line is kept when blank, so the columns never shift
    grid.add_row("", Text(note if preview else " " * cell_len(note), style="bold yellow"))
    return grid


def status(quote: dict, viewer_role: str = "", notices: list[dict] = ()) -> Table:
    """The shown version's number, validity, review and approval, and the policy notices touching
    its lines (one the reader has not acknowledged marked, with the key that opens it)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    grid.add_row(t("tui.quote.number"), Text(f"{quote['number']}  {t('tui.quote.status.' + quote['status'])}",
                                              style="bold"))
    grid.add_row(t("tui.quote.valid_until"), Text(quote["valid_until"]))
    if quote.get("expedited"):
        grid.add_row(t("tui.quote.expedited"), Text(t("tui.yes")))
    review = quote.get("review") or {}
    state = review.get("status", "pending")
    text = Text(t(f"tui.review.{state}"), style="green" if state == "approved" else "yellow")
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
            approval.append("\n" + _reason(reason, viewer_role), style="yellow")
        grid.add_row(t("tui.quote.pricing"), approval)
    if quote.get("decision_note"):
        grid.add_row(t("tui.quote.decision"), Text(quote["decision_note"]))
    if notices:
        grid.add_row(t("tui.deal.notices"), _notices(notices))
    return grid


def _notices(notices: list[dict]) -> Text:
    text = Text()
    for notice in notices:
        if text:
            text.append("\n")
        text.append(t("tui.deal.notice_line", id=notice["id"], day=notice["effective_on"], title=notice["title"],
                      codes=", ".join(notice["codes"])), style="" if notice["acknowledged_at"] else "bold")
        if not notice["acknowledged_at"]:
            text.append("\n" + t("tui.deal.notice_unread").strip(), style="yellow")
    return text


def _reason(reason: dict, viewer_role: str) -> str:
    """A discount over the limit of whoever priced the quote (the deal owner's role): "your limit" only
    to those held to that same limit — legal or a manager reading it sees whose limit it is."""
    if reason["rule"] == "discount":
        key = "tui.quote.reason.discount" if viewer_role == reason.get("role") else "tui.quote.reason.discount_of"
        return t(key, code=reason["code"], discount=percent.text(reason["discount"]),
                 limit=percent.text(reason["limit"]), role=t(f"role.{reason.get('role')}"))
    return t("tui.quote.reason.floor", code=reason["code"], price=format_fen(reason["price"]),
             floor=format_fen(reason["floor"]))
