"""One import, whatever it brings in: every row of a file through the rules of its kind, in ONE
``BEGIN IMMEDIATE`` unit of work — all of it or none of it.

Rows are written as they pass; if any row is refused, the rest are still checked (so every bad
row is reported: its line, column and reason) and the whole is rolled back. ``skip_invalid``
keeps the good rows instead; ``dry_run`` does everything and rolls back, so its counts are exactly
what would happen. A kind (:class:`Kind`) says how one row is checked and written; this module
does the rest the same way for all of them, and writes one audit row for the import.
"""

from __future__ import annotations

import os
import time
from typing import Callable, Protocol

from zizhi.core import audit
from zizhi.core.errors import ZizhiError
from zizhi.core.exchange.columns import SKIP, Columns
from zizhi.core.exchange.source import Row, Table

# For tests only: the row after which an import sleeps, so a test can kill it (SIGKILL) half-way
# and show that nothing of it is left.
PAUSE_AT_ROW = "ZIZHI_IMPORT_TEST_PAUSE_AT_ROW"
OUTCOMES = ("created", "updated", "unchanged")


class Kind(Protocol):
    """What an import of one kind of record does with a row."""

    action: str  # its audit action, "client.import"
    entity: str
    header_of: dict[str, str]  # the row's field → the file's header, set before :meth:`take`

    def begin(self, desk, db, report: dict) -> None:
        """Inside the unit of work, before the first row: who may, and what is on file to match."""

    def take(self, fields: dict[str, str], writing: bool) -> str:
        """Check and (when ``writing``) write one row; one of :data:`OUTCOMES`, or raise its refusal."""

    def problems(self, fields: dict[str, str], refused: ZizhiError) -> list[tuple[str | None, ZizhiError]]:
        """Every field of a refused row with its refusal (a row is reported whole)."""

    def finish(self) -> dict:
        """After the last row: write what waits; what the audit row adds."""


class _Undo(Exception):
    """Roll the unit of work back: a dry run, or a refused row without ``skip_invalid``."""


def run(desk, table: Table, columns: Columns, kind: Kind, *, dry_run: bool = False, skip_invalid: bool = False,
        progress: Callable[[int], None] | None = None) -> dict:
    """Import ``table``'s rows as ``kind``; returns the report (counts, and ``errors``: every bad row)."""
    if table.format in ("csv", "tsv", "xlsx"):  # one header row: all its columns known before any row is read
        columns.of(table.headers)
    report = {"file": table.name, "format": table.format, "encoding": table.encoding, "rows": 0,
              **dict.fromkeys(OUTCOMES, 0), "rejected": 0, "errors": [], "notes": [], "dry_run": dry_run,
              "written": False}
    pause = int(os.environ.get(PAUSE_AT_ROW) or 0)
    try:
        with desk.store.unit_of_work() as db:
            kind.begin(desk, db, report)
            for row in table.rows():
                _take(kind, columns, row, report, writing=skip_invalid or not report["rejected"])
                if report["rows"] == pause:
                    time.sleep(60)
                if progress and report["rows"] % 1000 == 0:
                    progress(report["rows"])
            extra = kind.finish()
            if dry_run or (report["rejected"] and not skip_invalid):
                raise _Undo
            audit.record(db, desk.user, kind.action, kind.entity, None, file=table.name, rows=report["rows"],
                         **{key: report[key] for key in (*OUTCOMES, "rejected")}, **extra)
            report["written"] = True
    except _Undo:
        pass
    return report


def _take(kind: Kind, columns: Columns, row: Row, report: dict, writing: bool) -> None:
    report["rows"] += 1
    try:  # a JSON record may bring a key the records before it did not have
        named = {header: columns.field(header) for header in row.cells}
    except ZizhiError as exc:
        return _refused(report, row, {}, {}, [(None, exc)])
    fields = {field: row.cells[header] for header, field in named.items()
              if field != SKIP and row.cells[header].strip()}
    header_of = kind.header_of = {field: header for header, field in named.items()}  # a refusal may name its column
    try:
        report[kind.take(fields, writing)] += 1
    except ZizhiError as exc:
        _refused(report, row, fields, header_of, kind.problems(fields, exc))
    note = getattr(kind, "note", None)
    if note:  # a row taken with something to say (a client on file under another name)
        from zizhi.core.i18n import t

        report["notes"].append({"line": row.line, "note": t(note[0], **note[1])})
        kind.note = None


def _refused(report: dict, row: Row, fields: dict, header_of: dict, found: list) -> None:
    report["rejected"] += 1
    for field, exc in found:
        report["errors"].append({"line": row.line, "column": header_of.get(field), "field": field,
                                 "value": fields.get(field), "reason": exc.message(), "cells": row.cells})
