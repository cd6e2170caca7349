"""`zizhi export`: what a person may see, leaving as a file, with its audit row.

Each kind names its query and its columns; the rows are read under the same visibility as the
screens (:func:`core.access.visible`), masked for the roles that do not call clients unless a
manager or admin asks for them whole, written (:mod:`.writing`) and recorded in the audit trail
with the filter and the row count — in one unit of work, so the trail holds exactly what left.
The clients' columns are the import's fields, so an export imports back as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Iterator

from zizhi.core import access, audit, masking
from zizhi.core.errors import InputError, Refused
from zizhi.core.exchange import writing
from zizhi.core.exchange.columns import CLIENT_HEADERS

KINDS = ("clients",)
UNMASKERS = ("manager", "admin")


def export(desk, kind: str, fmt: str = "csv", out: str | None = None, encoding: str | None = None,
           unmasked: bool = False, lang: str | None = None, stdout: IO[bytes] | None = None) -> dict:
    """Write the ``kind`` records the acting user sees to ``out`` (None: standard output)."""
    from zizhi.core.i18n import current_language

    if kind not in KINDS:
        raise InputError("input.not_one_of", field="kind", value=kind, allowed=", ".join(KINDS))
    destination = _destination(out)
    zh = (lang or current_language()) == "zh"
    with desk.store.unit_of_work() as db:
        if unmasked and desk.user["role"] not in UNMASKERS:
            raise Refused("exchange.unmasked_refused", role=desk.user["role"])
        mask = masking.needs_mask(desk.user) and not unmasked
        fields = list(CLIENT_HEADERS)
        headers = [CLIENT_HEADERS[field][0] if zh else field for field in fields]
        count = writing.write(destination, fmt, headers, _clients(desk, db, fields, mask), encoding, stdout)
        audit.record(db, desk.user, "client.export", "client", None, command=f"export {kind}", form="file",
                     format=fmt, count=count, file=str(destination) if destination else "-",
                     **({"masked": True} if mask else {}), **({"unmasked": True} if unmasked else {}))
    return {"kind": kind, "file": str(destination) if destination else "-", "format": fmt, "rows": count,
            "masked": mask}


def _destination(out: str | None) -> Path | None:
    if out in (None, "-"):
        return None
    path = Path(out).expanduser()
    if not path.parent.is_dir():
        raise InputError("exchange.out_folder", file=out)
    return path


def _clients(desk, db, fields: list[str], mask: bool) -> Iterator[list]:
    where, params = access.visible(desk.user)
    cursor = db.execute(
        f"""SELECT c.name, c.credit_code, c.contact, c.phone, c.email, c.address, c.city, c.business_scope,
                   c.industry, c.size, c.needs, c.urgency, c.channel, r.name, c.credit_rating, u.login,
                   (SELECT group_concat(tag, ', ') FROM (SELECT tag FROM client_tags WHERE client_id = c.id
                                                         ORDER BY tag)), c.notes
            FROM clients c LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN clients r ON r.id = c.referrer_id
            WHERE {where} AND c.archived_at IS NULL ORDER BY c.id""", params)
    for row in cursor:
        yield [masking.MASKS[field](value) if mask and value and field in masking.MASKS else value
               for field, value in zip(fields, row)]
