"""Importing a file of clients — the leads a trade show or a website brought — all of it or none.

Every row meets the rules of adding one client by hand (:func:`records.clean`: the credit code's
check digit, the phone, the enumerations in English or Chinese, the owner on duty) and the
matching below, in ONE ``BEGIN IMMEDIATE`` unit of work: rows are written as they pass, and if
any row is refused the whole is rolled back and every bad row is reported — its line, column and
reason — so the file can be mended and imported again. ``skip_invalid`` keeps the good rows
instead; ``dry_run`` does everything and rolls back, so its counts are exactly what would happen.

A row is matched to a client already on file (by default by credit code, else by the company's
name with its spaces, full-width letters and 有限责任公司/有限公司 made alike; settings.toml
``[imports] match``): a match is left as it is, or updated with ``update`` (only the columns the
file has, through the same rules as an edit). So importing the same file twice changes nothing.
A row matching an earlier row of the same file is the same company.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from itertools import groupby
from typing import Callable

from zizhi.core import access, audit
from zizhi.core.clients import records
from zizhi.core.errors import UserError, ZizhiError
from zizhi.core.exchange.columns import CLIENT_HEADERS, SKIP, Columns
from zizhi.core.exchange.source import Table
from zizhi.core.people import users as people

MATCHES = ("credit_code", "name", "phone")
BATCH = 500  # new rows written per call
# For tests only: the row after which an import sleeps, so a test can kill it (SIGKILL) half-way
# and show that nothing of it is left.
PAUSE_AT_ROW = "ZIZHI_IMPORT_TEST_PAUSE_AT_ROW"


class _Undo(Exception):
    """Roll the unit of work back: a dry run, or a refused row without ``skip_invalid``."""


def import_clients(desk, table: Table, *, given: list[str] = (), dry_run: bool = False, skip_invalid: bool = False,
                   update: bool = False, progress: Callable[[int], None] | None = None) -> dict:
    """Import ``table``'s rows as clients; returns the report (counts, and ``errors``: every bad row)."""
    imports = desk.settings.general.imports
    columns = Columns(CLIENT_HEADERS, imports.clients, list(given))
    if table.format in ("csv", "tsv", "xlsx"):  # one header row: all its columns known before any row is read
        columns.of(table.headers)
    report = {"file": table.name, "format": table.format, "encoding": table.encoding, "rows": 0, "created": 0,
              "updated": 0, "unchanged": 0, "rejected": 0, "errors": [], "dry_run": dry_run, "written": False}
    try:
        with desk.store.unit_of_work() as db:
            access.require_add(desk.user)
            run = _Run(desk, db, columns, imports.match, update, skip_invalid, report)
            pause = int(os.environ.get(PAUSE_AT_ROW) or 0)
            for row in table.rows():
                run.take(row)
                if report["rows"] == pause:
                    time.sleep(60)
                if progress and report["rows"] % 1000 == 0:
                    progress(report["rows"])
            run.flush()
            if dry_run or (report["rejected"] and not skip_invalid):
                raise _Undo
            last = db.execute("SELECT coalesce(max(id), 0) FROM clients").fetchone()[0]
            audit.record(db, desk.user, "client.import", "client", None, file=table.name, rows=report["rows"],
                         created=report["created"], updated=report["updated"], unchanged=report["unchanged"],
                         rejected=report["rejected"], ids=f"{run.first + 1}–{last}" if last > run.first else None)
            report["written"] = True
    except _Undo:
        pass
    return report


class _Run:
    """One import's state: the book of clients to match, owners looked up once, what happened."""

    def __init__(self, desk, db, columns: Columns, match: list[str], update: bool, skip_invalid: bool,
                 report: dict) -> None:
        self.desk, self.db, self.columns, self.update, self.report = desk, db, columns, update, report
        self.skip_invalid = skip_invalid
        self.book = _Book(db, match)
        self.owners: dict[str, dict | ZizhiError] = {}
        self.default: list = []
        self.pending: list[dict] = []
        self.first = db.execute("SELECT coalesce(max(id), 0) FROM clients").fetchone()[0]

    def take(self, row) -> None:
        self.report["rows"] += 1
        try:  # a JSON record may bring a key the records before it did not have
            named = {header: self.columns.field(header) for header in row.cells}
        except ZizhiError as exc:
            return self._refused(row, {}, {}, [(None, exc)])
        fields = {field: row.cells[header] for header, field in named.items() if field != SKIP and row.cells[header].strip()}
        header_of = {field: header for header, field in named.items()}
        try:
            values = records.clean(self.desk, fields, self._owner)
        except ZizhiError:
            return self._refused(row, fields, header_of, records.problems(self.desk, fields, self._owner))
        try:
            self._place(fields, values)
        except ZizhiError as exc:
            self._refused(row, fields, header_of, [(_field_of(exc), exc)])

    def _place(self, fields: dict, values: dict) -> None:
        found = self.book.find(values)
        if found is not None:
            return self._matched(found, fields)
        client_id = None
        if self.skip_invalid or not self.report["rejected"]:  # else all is rolled back: only check the rest
            if "credit_code" not in self.book.match:  # else the book would have matched it
                self.flush()
                records.refuse_duplicate_code(self.desk, self.db, values.get("credit_code"))
            columns, tags = records.row(self.desk, values, self._default)
            if tags:
                self.flush()
                client_id = records.insert(self.desk, self.db, values, self._default)
            else:
                self.pending.append(columns)
                if len(self.pending) >= BATCH:
                    self.flush()
        self.book.add(client_id, values)
        self.report["created"] += 1

    def flush(self) -> None:
        """Write the rows waiting, many in one call (each a statement of its own costs more than
        the row): grouped by the columns they fill, in their order in the file."""
        waiting, self.pending = self.pending, []
        for columns, group in groupby(waiting, key=lambda row: tuple(row)):
            self.db.executemany(f"INSERT INTO clients ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                [list(row.values()) for row in group])

    def _matched(self, found: dict, fields: dict) -> None:
        self.flush()  # an update reads and writes through the edit's rules: the rows before it first
        if found["id"] is not None and not access.can_see(self.desk.user, found):
            raise UserError("exchange.match_hidden", name=fields.get("name", ""))
        if not self.update or found["id"] is None:
            self.report["unchanged"] += 1
            return
        if "name" in fields and found["name"] == normal_name(fields["name"]):
            fields = {k: v for k, v in fields.items() if k != "name"}  # the same name written another way
        try:
            records.edit_client(self.desk, str(found["id"]), **fields)
        except ZizhiError as exc:
            if exc.key != "client.nothing_to_change":
                raise
            self.report["unchanged"] += 1
            return
        self.report["updated"] += 1

    def _refused(self, row, fields: dict, header_of: dict, found: list) -> None:
        self.report["rejected"] += 1
        for field, exc in found:
            self.report["errors"].append({"line": row.line, "column": header_of.get(field), "field": field,
                                          "value": fields.get(field), "reason": exc.message(),
                                          "cells": row.cells})

    def _owner(self, desk, login: str) -> dict:
        if login not in self.owners:
            try:
                self.owners[login] = people.owner_for(desk, login)
            except ZizhiError as exc:
                self.owners[login] = exc
        found = self.owners[login]
        if isinstance(found, ZizhiError):
            raise found
        return found

    def _default(self, desk) -> dict | None:
        if not self.default:
            self.default.append(people.default_owner(desk))
        return self.default[0]


class _Book:
    """The clients on file (and those this file added), looked up by what ``match`` names."""

    def __init__(self, db, match: list[str]) -> None:
        self.match = [key for key in MATCHES if key in match]
        self.by: dict[str, dict[str, dict]] = {key: {} for key in self.match}
        for client_id, code, name, phone, owner_id in db.execute(
                "SELECT id, credit_code, name, phone, owner_id FROM clients"):
            self.add(client_id, {"credit_code": code, "name": name, "phone": phone, "owner_id": owner_id})

    def find(self, values: dict) -> dict | None:
        for key in self.match:
            probe = _probe(key, values.get(key))
            if probe and probe in self.by[key]:
                return self.by[key][probe]
        return None

    def add(self, client_id: int | None, values: dict) -> None:
        entry = {"id": client_id, "owner_id": values.get("owner_id"), "name": normal_name(values.get("name") or "")}
        for key in self.match:
            probe = _probe(key, values.get(key))
            if probe:
                self.by[key].setdefault(probe, entry)


def normal_name(name: str) -> str:
    """A company name as matched: full-width letters and brackets half-width, no spaces, lower
    case, 有限责任公司 as 有限公司 (the same company, written either way)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).lower()
    return text.replace("有限责任公司", "有限公司")


def _probe(key: str, value: str | None) -> str | None:
    if not value:
        return None
    return normal_name(value) if key == "name" else value


def _field_of(exc: ZizhiError) -> str | None:
    if exc.key.startswith("client.duplicate_code") or exc.key == "client.credit_code_check_digit":
        return "credit_code"
    return exc.params.get("field") or ("name" if exc.key == "exchange.match_hidden" else None)
