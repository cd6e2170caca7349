"""Opening the one SQLite file, and the unit of work every domain operation runs in.

WAL lets the app, an import and cron read while one of them writes; ``BEGIN IMMEDIATE`` makes
a second writer wait its turn (up to the busy timeout) instead of failing half-way. The file and
its -wal/-shm companions are created 0600 (SQLite gives the companions the database's mode).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from zizhi.core import schema_state
from zizhi.core.errors import Busy, ConfigError, UserError
from zizhi.core.paths import private_dir

BUSY_TIMEOUT_MS = 10_000


class Store:
    """One open database: reads through :meth:`rows`, writes through :meth:`unit_of_work`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.conn = _connect(self.path)
        self.lock = threading.RLock()
        ensure_schema(self)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def unit_of_work(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: all of it is written, or none of it.

        Open it first, then read, check and write inside it: the write lock is held from the
        first read, so what was checked is still true when it is written. Called again inside an
        open unit of work (an operation built from others), it joins it as a savepoint, so the
        whole remains one transaction and a refused part takes back only its own writes.
        """
        with self.lock:
            if self.conn.in_transaction:
                yield from self._savepoint()
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise _translated(exc) from None
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self.conn.execute("ROLLBACK")
                raise _translated(exc) from None

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("SAVEPOINT part")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK TO part")
            self.conn.execute("RELEASE part")
            raise
        self.conn.execute("RELEASE part")

    def rows(self, sql: str, params: Any = ()) -> list[dict]:
        """Run a read query and return its rows as dicts."""
        with self.lock:
            try:
                cursor = self.conn.execute(sql, params)
            except sqlite3.OperationalError as exc:
                raise _translated(exc) from None
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def one(self, sql: str, params: Any = ()) -> dict | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        with self.lock:
            row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None


def ensure_schema(store: Store) -> None:
    """Refuse a database from a newer Zizhi; migrate an older one after backing it up.

    Newer (it records migrations this code does not know): one line naming both versions, exit
    78, and nothing written — older rules must not write into a schema they do not know. Older:
    a copy beside the file, named with its version (said once on stderr), then one transaction
    per migration. Up to date: one count query, no sqlite-utils (the fast path).
    """
    found = schema_state.version(store.conn)
    if found == schema_state.KNOWN_MIGRATIONS:
        return
    if found > schema_state.KNOWN_MIGRATIONS:
        store.close()
        raise ConfigError("db.schema_newer", path=str(store.path), found=found, known=schema_state.KNOWN_MIGRATIONS)
    if found:
        from zizhi.core.snapshot import before_migration

        with store.lock:
            before_migration(store.conn, store.path)
    from zizhi.core.schema import migrate

    migrate(store.conn, store.lock)


def _translated(exc: sqlite3.OperationalError) -> Exception:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return Busy("db.busy")
    return UserError("db.error", detail=text)


def _connect(path: Path) -> sqlite3.Connection:
    """Open (creating 0600 if new) with WAL, a busy timeout and foreign keys on.

    The pragmas run before any transaction: ``foreign_keys`` is silently ignored inside one.
    """
    private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)
    old_umask = os.umask(0o077)
    try:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise UserError("db.cannot_open", path=str(path), detail=str(exc)) from None
    finally:
        os.umask(old_umask)
    return conn
