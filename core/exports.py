"""When client data leaves Zizhi: the one rule of what counts as an export, and its audit record.

Client information is a company asset (rulebook §5.2.3), so each time it leaves the audit trail
says who took what, under which filters and how many rows. An export is:

- every ``--json`` output of a read (made for another program),
- every file written (a rendered quote, ``-o``) and every rendered quote document,
- every plain listing of more than a screenful — more than :data:`SCREENFUL` rows, the default
  page of ``client list`` — since a person does not read 100,000 rows, a script keeps them.

The audit row is written in the same transaction as the read, so the trail holds exactly what
left; a read that is not an export takes no lock and writes nothing. Contact details in an export
are masked for the roles that do not call clients (:mod:`zizhi.core.masking`).
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from zizhi.core import audit, masking

SCREENFUL = 50
T = TypeVar("T")


def read(desk, entity: str, reader: Callable[[], T], *, command: str, as_json: bool = False,
         file: str | None = None, document: bool = False, deliver: Callable[[T], Any] | None = None,
         **filters: Any) -> Any:
    """Run ``reader`` (a core read) as ``command`` shows it; when that is an export, audit it.

    A plain listing is first read without a lock; only when it turns out longer than a screenful
    is it read again, inside the unit of work that records it, so what is printed is what the
    audit row counts. ``deliver`` (writing a file) runs inside that unit of work on the masked
    result, and its answer is returned: a file that cannot be written leaves no audit row.
    """
    form = "file" if file else "json" if as_json else "document" if document else None
    if form is None:
        result = reader()
        if rows_in(result) <= SCREENFUL:
            return result
    with desk.store.unit_of_work() as db:
        result = reader()
        count = rows_in(result)
        if form is None and count <= SCREENFUL:
            return result
        if masking.needs_mask(desk.user):
            result = masking.masked(result)
        delivered = deliver(result) if deliver else result
        given = {k: v for k, v in filters.items() if v not in (None, False, "")}
        audit.record(db, desk.user, f"{entity}.export", entity, None, command=command, form=form or "table",
                     count=count, **({"file": str(file)} if file else {}), **({"filter": given} if given else {}))
    return delivered


def rows_in(result: Any) -> int:
    """How many records a read returned: a list's length, a page's rows, a report's rows (a drill's
    records, the team's people), else one record."""
    if isinstance(result, tuple):
        return rows_in(result[0]) if result else 0
    if isinstance(result, dict):
        listed = next((result[key] for key in ("rows", "people") if isinstance(result.get(key), list)), None)
        return 1 if listed is None else len(listed)
    return len(result) if isinstance(result, list) else 1
