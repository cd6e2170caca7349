"""Opening the one SQLite file, and the unit of work every domain operation runs in.

WAL lets the app, an import and cron read while one of them writes; ``BEGIN IMMEDIATE`` makes
a second writer wait its turn (up to the busy timeout) instead of failing half-way. The file and
its -wal/-shm companions are created 0600 (SQLite gives the companions the database's mode).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from zizhi.core import schema_state
from zizhi.core.errors import Busy, ConfigError, Damaged, UserError
from zizhi.core.paths import private_dir

BUSY_TIMEOUT_MS = 10_000
_UMASK = threading.Lock()  # the umask is per process: threads opening at once must not restore each other's


class Store:
    """One open database: reads through :meth:`rows`, writes through :meth:`unit_of_work`."""

    def __init__(self, path: Path | str, create: bool = False) -> None:
        """Open ``path``; a missing file is created only when asked (``zizhi init``, the demo, the app's
        default database), so a mistyped ``--db`` in a crontab fails loudly instead of starting afresh."""
        self.path = Path(path)
        if not create and not self.path.exists():
            raise UserError("db.missing", path=str(self.path))
        self.conn = _connect(self.path)
        self.lock = threading.RLock()
        # Called with the connection as each unit of work begins (the desk re-reads who is acting).
        self.on_begin: Callable[[sqlite3.Connection], None] | None = None
        ensure_schema(self)

    def close(self) -> None:
        self.conn.close()

    def give_up_reads_when(self, stale: Callable[[], bool]) -> None:
        """Stop a statement part-way once ``stale()`` says no one is waiting for its answer.

        The app searches on every keystroke: a scan for the previous key would otherwise hold the
        connection while the query for the current one waits behind it. SQLite asks ``stale``
        every few thousand steps, in the thread running the statement; a stopped statement
        raises ``db.error`` there, and the asker, which no longer wants it, drops it.
        """
        self.conn.set_progress_handler(lambda: 1 if stale() else 0, 5_000)

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
                if self.on_begin is not None:
                    self.on_begin(self.conn)
                yield self.conn
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                failure = _translated(exc, self.path) if isinstance(exc, sqlite3.DatabaseError) else None
                if isinstance(failure, Damaged):  # a damaged page met mid-operation
                    raise failure from None
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
                names = [d[0] for d in cursor.description]
                return [dict(zip(names, row)) for row in cursor.fetchall()]
            except sqlite3.DatabaseError as exc:
                raise _translated(exc, self.path) from None

    def tuples(self, sql: str, params: Any = ()) -> tuple[list[str], list[tuple]]:
        """Run a read query and return its column names and its rows as the database gives them:
        for a report reading thousands of rows, where a dict per row is most of its time."""
        with self.lock:
            try:
                cursor = self.conn.execute(sql, params)
                return [d[0] for d in cursor.description], cursor.fetchall()
            except sqlite3.DatabaseError as exc:
                raise _translated(exc, self.path) from None

    def one(self, sql: str, params: Any = ()) -> dict | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        with self.lock:
            try:
                row = self.conn.execute(sql, params).fetchone()
            except sqlite3.DatabaseError as exc:
                raise _translated(exc, self.path) from None
        return row[0] if row else None


def ensure_schema(store: Store) -> None:
    """Refuse a database from a newer Zizhi; migrate an older one after backing it up.

    Newer (it records migrations this code does not know): one line naming both versions, exit
    78, and nothing written — older rules must not write into a schema they do not know. Older:
    a copy beside the file, named with its version (said once on stderr), then one transaction
    per migration. Up to date: one count query, no sqlite-utils (the fast path).
    """
    found = schema_state.version(store.conn)
    if found > schema_state.KNOWN_MIGRATIONS:
        store.close()
        raise ConfigError("db.schema_newer", path=str(store.path), found=found, known=schema_state.KNOWN_MIGRATIONS)
    _write_ahead(store)  # only now: turning WAL on rewrites the header of a file copied out of it
    if found == schema_state.KNOWN_MIGRATIONS:
        return
    if found:
        from zizhi.core.snapshot import before_migration

        with store.lock:
            before_migration(store.conn, store.path)
    from zizhi.core.schema import migrate

    migrate(store.conn, store.lock)


def _write_ahead(store: Store) -> None:
    """WAL, so readers never wait for a writer (a no-op on a file already in it)."""
    try:
        store.conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as exc:
        store.close()
        raise _translated(exc, store.path) from None


# What SQLite says when the file's pages are not what they should be: a corrupt file, or no
# database at all (a vtable constructor fails when the search index's pages are garbage; text
# that is not UTF-8 is a record's bytes overwritten).
_DAMAGE = ("malformed", "not a database", "vtable constructor failed", "database corrupt", "disk image",
           "Could not decode to UTF-8")


def translated(exc: sqlite3.DatabaseError, path: Path | None = None) -> Exception:
    """For the CLI's boundary: an SQLite error raised anywhere (while migrating, too), translated."""
    return _translated(exc, path)


def _translated(exc: sqlite3.DatabaseError, path: Path | None = None) -> Exception:
    """SQLite's error as one of Zizhi's: busy (try again), damaged (restore), or a plain refusal."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return Busy("db.busy")
    if any(sign in text for sign in _DAMAGE):
        return Damaged("db.damaged", path=str(path or "?"), detail=text.partition(" with text")[0])
    return UserError("db.error", detail=text)


def _connect(path: Path) -> sqlite3.Connection:
    """Open (creating 0600 if new) with a busy timeout and foreign keys on (WAL once the schema is known:
    :func:`ensure_schema`).

    The pragmas run before any transaction: ``foreign_keys`` is silently ignored inside one.
    """
    try:
        private_dir(path.parent)
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        os.chmod(path, 0o600)
    except OSError as exc:
        raise UserError("db.cannot_open", path=str(path), detail=exc.strerror or str(exc)) from None
    with _UMASK:
        return _connect_private(path)


def _connect_private(path: Path) -> sqlite3.Connection:
    """Connect with umask 077 so the -wal and -shm files SQLite creates are private too."""
    old_umask = os.umask(0o077)
    try:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a file that is no database fails here
    except sqlite3.DatabaseError as exc:
        failure = _translated(exc, path)
        if isinstance(failure, UserError):
            failure = UserError("db.cannot_open", path=str(path), detail=str(exc))
        raise failure from None
    finally:
        os.umask(old_umask)
    return conn
