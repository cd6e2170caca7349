"""The selected client, in the order a salesperson reads it before a call: whom to ask for and
the number to dial, when they last spoke and what is due next, then what was said lately (the
log) — and only then the record that seldom changes (credit code, address, business scope, notes).
At 80×24 the pane shows the first part without scrolling; the rest is a scroll away, nothing left out.

Rendered with Rich ``Text`` and grids, never markup, so user text shows exactly as typed.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from zizhi.core.clients import follow_ups
from zizhi.core.i18n import t
from zizhi.tui import labels
from zizhi.tui.wrapping import Wrapped

CALL = ("contact", "phone")  # read before every call, so first
RECORD = ("credit_code", "email", "address", "city", "industry", "size", "urgency", "channel",
          "referrer_name", "credit_rating", "owner", "tags", "needs", "business_scope", "notes")
WORDS = {"size": "size", "urgency": "urgency", "channel": "channel"}


class ClientDetail(VerticalScroll, can_focus=True):
    """Shows one client; the screen calls :meth:`show` or :meth:`clear`."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-card")
        yield Static(id="detail-log")
        yield Static(id="detail-record")

    def on_mount(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.border_title = ""
        self.query_one("#detail-card", Static).update(Text(t("tui.detail.empty"), style="dim"))
        self.query_one("#detail-log", Static).update("")
        self.query_one("#detail-record", Static).update("")

    def show(self, client: dict, log: list[dict]) -> None:
        self.border_title = Text(client["name"])
        self.query_one("#detail-card", Static).update(_card(client))
        self.query_one("#detail-log", Static).update(_log(log))
        self.query_one("#detail-record", Static).update(_record(client))
        self.scroll_home(animate=False)


class FieldList:
    """Label–value lines with the labels in one column; a value too long for the room beside
    its label (an 18-character credit code in a narrow pane, a long note) goes below it, whole."""

    def __init__(self, rows: list[tuple[str, Text]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max((cell_len(label) for label, _ in self.rows), default=0) + 1
        room = options.max_width - width
        for label, value in self.rows:
            if value.cell_len <= room and "\n" not in value.plain:
                yield Text.assemble((label, "dim"), " " * (width - cell_len(label)), value)
            else:
                yield Text(label, style="dim")
                yield Padding(value, (0, 0, 0, 2))


def _card(client: dict) -> FieldList:
    """Whom to call and where the follow-up stands."""
    rows = _fields(client, CALL)
    rows.append((t("tui.detail.last_contact"), Text((client.get("last_contact_at") or "")[:10] or t("tui.detail.none"))))
    rows.append((t("tui.detail.next"), _next(client.get("next_date"))))
    if client.get("next_date"):
        rows.append((t("tui.field.next_step"), Wrapped(client.get("next_step") or "")))
    return FieldList(rows)


def _record(client: dict) -> Group:
    """The rest of the record, under its own heading after the log."""
    return Group(Text(""), Text(t("tui.detail.record"), style="bold underline"), FieldList(_fields(client, RECORD)))


def _fields(client: dict, names: tuple[str, ...]) -> list[tuple[str, Text]]:
    """(label, value) of each field that has a value, in the order named."""
    rows = []
    for name in names:
        value = client.get(name)
        if name == "tags":
            value = ", ".join(value or [])
        elif name in WORDS:
            value = labels.word(WORDS[name], value)
        if value:
            rows.append((labels.column(name), Wrapped(str(value))))
    return rows


def _next(date: str | None) -> Text:
    if not date:
        return Text(t("tui.detail.none"))
    text = labels.follow_up(date)
    state = follow_ups.state(date)
    if state:
        text.append(f" ({t(DUE_WORDS[state])})", style="red" if state == "overdue" else "yellow")
    return text


DUE_WORDS = {"overdue": "tui.detail.overdue", "today": "tui.detail.due_today"}


def _log(entries: list[dict]) -> Group:
    title = Text(t("tui.detail.log"), style="bold underline")
    if not entries:
        return Group(Text(""), title, Text(t("tui.detail.no_log"), style="dim"))
    parts: list = [Text(""), title]
    for entry in entries:
        head = Text(f"{entry['at'][:16]}  ", style="bold")
        head.append(labels.word("channel", entry["channel"]), style="cyan")
        head.append(f"  {entry['user']}", style="dim")
        parts.append(head)
        parts.append(_indented(Wrapped(entry["summary"])))
        if entry.get("details"):
            parts.append(_indented(Wrapped(entry["details"], style="dim")))
        if entry.get("next_date"):
            arrow = Table.grid(padding=(0, 1, 0, 0))
            arrow.add_column(no_wrap=True)
            arrow.add_column(ratio=1)
            arrow.add_row(Text("→", style="green"), Wrapped(f"{entry['next_date']} {entry.get('next_step') or ''}",
                                                         style="green"))
            parts.append(_indented(arrow))
    return Group(*parts)


def _indented(line) -> Padding:
    """A log line set in under its heading, wrapped lines too: leading spaces in the text itself
    would indent only the first line, and a long summary would run back to the pane's edge."""
    return Padding(line, (0, 0, 0, 2))
