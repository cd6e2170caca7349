"""When client data leaves Zizhi: the one rule of what counts as an export, and its audit record.

Client information is a company asset (rulebook §5.2.3), so each time it leaves in a form made
for another program or for a file — JSON for a script, a rendered document — the audit trail
says who took what. Reading it on screen, as a table a person reads, is not an export.
"""

from __future__ import annotations

from typing import Any

from zizhi.core import audit

LEAVING = ("json", "document")  # the forms in which data leaves; "table" (read on screen) does not


def note(desk, entity: str, shown: Any, form: str, **what: Any) -> None:
    """Record an export of ``entity`` when ``form`` is one that leaves Zizhi; ``shown`` is what left.

    Its own unit of work: the data has already been read (reads never write), and the record
    says what left, how many rows and under which filters.
    """
    if form not in LEAVING:
        return
    count = len(shown) if isinstance(shown, list) else 1
    details = {k: v for k, v in what.items() if v not in (None, False)}
    with desk.store.unit_of_work() as db:
        audit.record(db, desk.user, f"{entity}.export", entity, None, count=count, form=form, **details)


def form_of(as_json: bool) -> str:
    return "json" if as_json else "table"
