"""Importing a file of clients — the leads a trade show or a website brought — all of it or none
(the run itself: :mod:`core.exchange.importer`).

Every row meets the rules of adding one client by hand (:func:`records.clean`: the credit code's
check digit, the phone, the enumerations in English or Chinese, the owner on duty).

A row is matched to a client already on file (by default by credit code, else by the company's
name with its spaces, full-width letters and 有限责任公司/有限公司 made alike; settings.toml
``[imports] match``): a match is left as it is, or updated with ``update`` (only the columns the
file has, through the same rules as an edit). So importing the same file twice changes nothing.
A row matching an earlier row of the same file is the same company.
"""

from __future__ import annotations

from typing import Callable

from zizhi.core import access, masking
from zizhi.core.clients import records
from zizhi.core.clients.names import name_key
from zizhi.core.errors import InputError, UserError, ZizhiError
from zizhi.core.exchange import importer
from zizhi.core.exchange.columns import CLIENT_HEADERS, Columns
from zizhi.core.exchange.source import Table
from zizhi.core.people import users as people

MATCHES = ("credit_code", "name", "phone")
# the columns a new client's row may fill (records.row): staged together, the absent ones NULL
STAGED = (*(field for field in records.FIELDS if field not in ("owner", "referrer", "tags")), "owner_id",
          "referrer_id", "created_at", "updated_at", "pinyin", "name_key")
_STAGED = ", ".join(STAGED)
_ABOUT = {"client.duplicate_code": "credit_code", "exchange.match_hidden": "name", "access.cannot_assign": "owner"}
BATCH = 5000  # new rows staged per copy


def import_clients(desk, table: Table, *, given: list[str] = (), dry_run: bool = False, skip_invalid: bool = False,
                   update: bool = False, progress: Callable[[int], None] | None = None) -> dict:
    """Import ``table``'s rows as clients; returns the report (counts, and ``errors``: every bad row)."""
    imports = desk.settings.general.imports
    columns = Columns(CLIENT_HEADERS, imports.clients, list(given))
    return importer.run(desk, table, columns, _Clients(imports.match, update), dry_run=dry_run,
                        skip_invalid=skip_invalid, progress=progress)


class _Clients:
    """The clients' kind of import: the book of clients to match, owners looked up once."""

    action, entity = "client.import", "client"

    def __init__(self, match: list[str], update: bool) -> None:
        self.match, self.update = match, update
        self.owners: dict[str, dict | ZizhiError] = {}
        self.default: list = []
        self.pending: list[dict] = []
        self.note: tuple[str, dict] | None = None  # what the importer says of the last row taken

    def begin(self, desk, db, report: dict) -> None:
        access.require_add(desk.user)
        self.desk, self.db = desk, db
        self.book = _Book(db, self.match)
        self.first = db.execute("SELECT coalesce(max(id), 0) FROM clients").fetchone()[0]

    def take(self, fields: dict[str, str], writing: bool) -> str:
        _refuse_masked(fields)
        values = records.clean(self.desk, fields, self._owner)
        found = self.book.find(values)
        if found is not None:
            return self._matched(found, fields)
        client_id = None
        if writing:  # else all is rolled back: only check the rest
            if "credit_code" not in self.book.match:  # else the book would have matched it
                self.flush()
                records.refuse_duplicate_code(self.desk, self.db, values.get("credit_code"))
            columns, tags = records.row(self.desk, values, self._default)
            if tags:
                self.flush()
                client_id = records.write(self.db, columns, tags)
            else:
                self.pending.append(columns)
                if len(self.pending) >= BATCH:
                    self.flush()
        self.book.add(client_id, values)
        return "created"

    def problems(self, fields: dict[str, str], refused: ZizhiError) -> list[tuple[str | None, ZizhiError]]:
        """Each bad cell when the row's values are refused; else the one refusal and the column it is about."""
        if refused.key == "exchange.masked_value":
            return _masked(fields)
        return records.problems(self.desk, fields, self._owner) or [(_ABOUT.get(refused.key.removesuffix(
            "_archived").removesuffix("_hidden"), refused.params.get("field")), refused)]

    def finish(self) -> dict:
        self.flush()
        last = self.db.execute("SELECT coalesce(max(id), 0) FROM clients").fetchone()[0]
        return {"ids": f"{self.first + 1}–{last}" if last > self.first else None}

    def flush(self) -> None:
        """Write the rows waiting, in their order in the file: staged in a temporary table, then
        copied in one ``INSERT … SELECT`` — the search index's triggers cost half as much inside
        one statement as in one statement per row (as the demo found, ``core/demo/fill.py``)."""
        waiting, self.pending = self.pending, []
        if not waiting:
            return
        self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS import_clients AS SELECT {_STAGED} FROM clients WHERE 0")
        self.db.executemany(f"INSERT INTO temp.import_clients ({_STAGED}) VALUES ({', '.join('?' * len(STAGED))})",
                            [[row.get(column) for column in STAGED] for row in waiting])
        self.db.execute(f"INSERT INTO clients ({_STAGED}) SELECT {_STAGED} FROM temp.import_clients ORDER BY rowid")
        self.db.execute("DELETE FROM temp.import_clients")
        self.book.written()

    def _matched(self, found: dict, fields: dict) -> str:
        if found["id"] is not None and not access.can_see(self.desk.user, found):
            raise UserError("exchange.match_hidden", name=fields.get("name", ""))
        if found["id"] is not None and "name" in fields and found["name"] != name_key(fields["name"]):
            self._other_name(found["id"], fields["name"], found["by"])
        if not self.update or found["id"] is None:
            return "unchanged"
        self.flush()  # an update reads and writes through the edit's rules: the rows before it first
        if "name" in fields and found["name"] == name_key(fields["name"]):
            fields = {k: v for k, v in fields.items() if k != "name"}  # the same name written another way
        try:
            records.edit_client(self.desk, str(found["id"]), **fields)
        except ZizhiError as exc:
            if exc.key != "client.nothing_to_change":
                raise
            return "unchanged"
        return "updated"

    def _other_name(self, client_id: int, name: str, by: str) -> None:
        """The row is a client on file (by its credit code or phone) under another name: said, so a
        wrong code is noticed — kept as it is, or renamed with --update (companies do rename)."""
        on_file = self.db.execute("SELECT name FROM clients WHERE id = ?", [client_id]).fetchone()[0]
        self.note = (f"exchange.other_name_{'renamed' if self.update else 'kept'}.{by}",
                     {"name": name.strip(), "on_file": on_file, "id": client_id})

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
    """The clients a row may be, by what ``match`` names: asked of the database (each key indexed),
    and of the rows this file added that are not written yet — so memory stays flat however many
    clients there are and however long the file."""

    def __init__(self, db, match: list[str]) -> None:
        self.db = db
        self.match = [key for key in MATCHES if key in match]
        self.unwritten: dict[str, dict[str, dict]] = {key: {} for key in self.match}

    def find(self, values: dict) -> dict | None:
        for key in self.match:
            probe = _probe(key, values.get(key))
            if not probe:
                continue
            found = self.unwritten[key].get(probe) or self._on_file(key, probe)
            if found:
                return {**found, "by": key}
        return None

    def add(self, client_id: int | None, values: dict) -> None:
        """A row of this file, not yet in the database (staged, or not to be written)."""
        entry = {"id": client_id, "owner_id": values.get("owner_id"), "name": name_key(values.get("name") or "")}
        for key in self.match:
            probe = _probe(key, values.get(key))
            if probe:
                self.unwritten[key].setdefault(probe, entry)

    def written(self) -> None:
        """The staged rows are in the database now: found there from here on."""
        self.unwritten = {key: {} for key in self.match}

    def _on_file(self, key: str, probe: str) -> dict | None:
        column = "name_key" if key == "name" else key
        row = self.db.execute(f"SELECT id, owner_id, name_key FROM clients WHERE {column} = ? ORDER BY id LIMIT 1",
                              [probe]).fetchone()
        return {"id": row[0], "owner_id": row[1], "name": row[2]} if row else None



def _refuse_masked(fields: dict[str, str]) -> None:
    """A contact detail masked by an export (legal's, operations'): never over the real one."""
    for _, refused in _masked(fields)[:1]:
        raise refused


def _masked(fields: dict[str, str]) -> list[tuple[str, InputError]]:
    return [(field, InputError("exchange.masked_value", field=field, value=fields[field].strip()))
            for field in masking.CONTACT_FIELDS if field in fields and masking.looks_masked(field, fields[field])]


def _probe(key: str, value: str | None) -> str | None:
    if not value:
        return None
    return name_key(value) if key == "name" else value
