"""What the client desk says about its list: the status line above it, and where a new client went.

Plain functions of what was read, so the screen (``tui/screens/clients.py``) only shows them.
"""

from __future__ import annotations

from zizhi.core import clock
from zizhi.core.i18n import t


def list_status(query: str, shown: int, page: int, due: bool, total: int | None) -> str:
    """A search says how many it matched (the first ``page`` at most); the list, how many it holds."""
    today = clock.today().isoformat()
    if query:
        text = t("tui.status.matches_more" if shown >= page else "tui.status.matches", shown=shown, query=query)
        return text + (" · " + t("tui.status.due_filter", date=today) if due else "")
    total = total or 0
    if due:
        return t("tui.status.due", total=f"{total:,}", date=today)
    if total == 0:
        return t("tui.status.empty")
    return t("tui.status.clients", count=total, total=f"{total:,}")


def added_note(name: str, query: str, found: bool) -> str:
    """A client was added: selected in the view, or — the view kept as the person left it — not in
    it, with the key that widens the view (the search's Esc, or ``d`` off the due list)."""
    if found:
        return t("tui.note.added", name=name)
    return t("tui.note.added_unshown_search" if query else "tui.note.added_unshown_due", name=name, query=query)
