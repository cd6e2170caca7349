"""A report leaving Zizhi as a spreadsheet: CSV on standard output (``--csv``) or a CSV or Excel
file (``-o``), written by the export path (:mod:`zizhi.core.exchange.writing`) and audited as every
export is — the report read, written and recorded in one unit of work, so the audit row counts
exactly the rows that left, and a file that cannot be written leaves no row.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, Callable

from zizhi.core import audit
from zizhi.core.errors import InputError
from zizhi.core.exchange import writing
from zizhi.core.reports import tables

_SUFFIXES = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx"}


def write(desk, kind: str, reader: Callable[[], dict], out: str | None, *, command: str,
          stdout: IO[bytes] | None = None, **filters: Any) -> dict:
    """Write the ``kind`` report ``reader`` returns to ``out`` (None or ``-``: ``stdout``, as CSV);
    the format is the file's: .csv or .xlsx."""
    destination, fmt = _destination(out, kind)
    with desk.store.unit_of_work() as db:
        headers, rows = tables.table(kind, reader())
        count = writing.write(destination, fmt, headers, rows, None, stdout)
        given = {key: value for key, value in filters.items() if value not in (None, False, "")}
        audit.record(db, desk.user, "report.export", "report", None, command=command, form="file", format=fmt,
                     count=count, file=str(destination) if destination else "-", **({"filter": given} if given else {}))
    return {"kind": kind, "file": str(destination) if destination else "-", "format": fmt, "rows": count}


def _destination(out: str | None, kind: str) -> tuple[Path | None, str]:
    if out in (None, "-"):
        return None, "csv"
    path = Path(out).expanduser()
    if path.is_dir():
        raise InputError("report.out_is_folder", file=out, example=str(path / f"{kind}.xlsx"))
    if not path.parent.is_dir():
        raise InputError("report.out_folder", file=out)
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError("report.out_format", field="out", value=out, file=out)
    return path, fmt
