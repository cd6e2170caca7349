"""Backups and restores of the one database file, safe while others use it.

A backup is SQLite's online backup from one read snapshot (:mod:`zizhi.core.snapshot`): the
app, cron and an import keep writing meanwhile, and the copy holds exactly what was committed
when it began, integrity-checked, 0600.

A restore writes the copy *into* the live database through the same API, so connections other
processes hold see the restored data at their next read and their -wal/-shm stay consistent;
the database it replaces is first copied beside it (``zizhi.db.replaced-YYYYMMDD-HHMMSS``) while
the restore already holds the write lock, so no write slips between the two.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from zizhi.core import audit, audit_chain, schema_state, snapshot, trail_heads
from zizhi.core.errors import ConfigError, InputError, Refused, UserError
from zizhi.core.paths import private_dir

ADMINS = ("admin",)


def backup(desk, target: str | Path, force: bool = False) -> dict:
    """Copy the open database to ``target``; admins only (a backup is every record at once).

    The copy is taken from a read snapshot, not inside a write transaction: holding the write
    lock for the whole copy would stall, or time out against, a running import. Its audit row is
    written once the copy is in place, naming the file and the audit head it holds; if that
    row cannot be written the copy is removed, so no copy leaves without its record.
    """
    if desk.user["role"] not in ADMINS:
        raise Refused("backup.admins_only", role=desk.user["role"])
    target = check_target(Path(target).expanduser(), desk.store.path, force)
    with desk.store.lock:
        head = snapshot.copy_database(desk.store.conn, target, force)
    try:
        with desk.store.unit_of_work() as db:
            audit.record(db, desk.user, "database.backup", "database", None, file=str(target), head=head["id"])
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    trail_heads.remember(desk.store.path, head, "backup")
    return {"file": str(target), "bytes": target.stat().st_size, "head_id": head["id"], "integrity": "ok"}


def check_target(target: Path, database: Path, force: bool) -> Path:
    """Refuse, in one line, a target that is a folder, the database itself, or cannot be written
    (bad input, exit 65, as for any ``-o`` target); an existing file only with ``force``."""
    absolute = Path(os.path.abspath(target))
    live = database.resolve()
    if absolute.resolve() in (live, live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")):
        raise InputError("backup.is_database", path=str(target))
    if absolute.is_dir():
        raise InputError("backup.is_folder", path=str(target))
    folder = absolute.parent
    if not folder.is_dir():
        raise InputError("backup.no_folder", path=str(target), folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError("backup.cannot_write", path=str(target), folder=str(folder))
    if absolute.exists() or absolute.is_symlink():
        if not force:
            raise InputError("backup.exists", path=str(target))
        if not absolute.is_file():
            raise InputError("backup.not_a_file", path=str(target))
    return absolute


def restore(database: Path, source: str | Path, login: str) -> dict:
    """Replace the database with the copy ``source``; ``login`` must be an admin (see below).

    The copy must pass ``integrity_check`` and be a Zizhi database no newer than this code.
    ``login`` must be an admin in the copy and, when the current database opens, in it too.
    The replaced database is kept beside it; the restore is the first audit row after the
    copy's own, and the heads remembered for the old trail are set aside.
    """
    source = Path(source).expanduser()
    if source.exists() and database.exists() and source.resolve() == database.resolve():
        raise UserError("restore.same_file", path=str(source))
    copy = open_copy(source)
    try:
        _require_admin(copy, login, "restore.admins_only_in_copy", source)
        replaced = _replace(database, copy, login)
    finally:
        copy.close()
    return _after_restore(database, source, replaced, login)


def open_copy(source: Path) -> sqlite3.Connection:
    """Open a backup read-only, refusing a missing, corrupt, foreign or newer-schema file."""
    if not source.is_file():
        raise UserError("restore.no_file", path=str(source))
    try:
        conn = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise UserError("restore.corrupt", path=str(source), detail=snapshot.reason(exc)) from None
    try:
        snapshot.require_intact(conn, source, "restore.corrupt")
        found = schema_state.version(conn)
        if not found:
            raise UserError("restore.not_zizhi", path=str(source))
        if found > schema_state.KNOWN_MIGRATIONS:
            raise ConfigError("db.schema_newer", path=str(source), found=found,
                              known=schema_state.KNOWN_MIGRATIONS)
    except BaseException:
        conn.close()
        raise
    return conn


def _replace(database: Path, copy: sqlite3.Connection, login: str) -> Path | None:
    """Write the copy over the database; the replaced one's new name (None if there was none)."""
    if not database.exists():
        private_dir(database.parent)
        _write_into(copy, database, None)
        return None
    replaced = database.with_name(f"{database.name}.replaced-{snapshot.stamp()}")
    live = _open_live(database)
    if live is None:  # not a database Zizhi can read: nobody is using it, set it aside whole
        for suffix in ("", "-wal", "-shm"):
            if database.with_name(database.name + suffix).exists():
                os.rename(database.with_name(database.name + suffix), replaced.with_name(replaced.name + suffix))
        _write_into(copy, database, None)
        return replaced
    try:
        _require_admin(live, login, "restore.admins_only", database)
    finally:
        live.close()
    _write_into(copy, database, replaced)
    return replaced


def _write_into(copy: sqlite3.Connection, database: Path, replaced: Path | None) -> None:
    """Online backup of the copy into the database; ``replaced`` is taken once its write lock is held.

    ``backup_step`` keeps the destination's write lock from its first step until it is done, so
    after the first page the live database can no longer change; the replaced copy is then read
    (through a second connection, which sees the last commit) before any restored page is committed.
    """
    if not database.exists():
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    live = sqlite3.connect(database, isolation_level=None, timeout=10)
    reader = sqlite3.connect(database, isolation_level=None, timeout=10) if replaced else None
    taken: list[Path] = []

    def keep_replaced(status, remaining, total) -> None:
        if reader is not None and not taken:
            snapshot.copy_database(reader, replaced)
            taken.append(replaced)

    try:
        copy.backup(live, pages=1, progress=keep_replaced)
    except sqlite3.Error as exc:
        raise UserError("restore.failed", path=str(database), detail=snapshot.reason(exc)) from None
    finally:
        live.close()
        if reader is not None:
            reader.close()


def _after_restore(database: Path, source: Path, replaced: Path | None, login: str) -> dict:
    """Open the restored file (migrating an older copy), audit the restore, restart the heads."""
    from zizhi.core.store import Store

    store = Store(database)
    try:
        with store.unit_of_work() as db:
            user = db.execute("SELECT id FROM users WHERE login = ?", [login]).fetchone()
            audit.record(db, {"id": user[0]}, "database.restore", "database", None, file=str(source),
                         replaced=str(replaced) if replaced else None)
            head = audit_chain.last_link(db)
        trail_heads.reset(database)
        trail_heads.remember(database, {"id": head[0], "hash": head[1]}, "restore")
    finally:
        store.close()
    return {"database": str(database), "file": str(source), "replaced": str(replaced) if replaced else None}


def _open_live(database: Path) -> sqlite3.Connection | None:
    """The current database if it reads as a Zizhi database; None if it is corrupt or foreign."""
    try:
        conn = sqlite3.connect(database, isolation_level=None, timeout=10)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] == "ok" and schema_state.version(conn):
            return conn
    except sqlite3.Error:
        pass
    conn.close()
    return None


def _require_admin(conn: sqlite3.Connection, login: str, key: str, path: Path) -> None:
    try:
        found = conn.execute("SELECT role, active FROM users WHERE login = ?", [login]).fetchone()
    except sqlite3.Error:
        found = None
    if not found or found[0] not in ADMINS or not found[1]:
        raise Refused(key, login=login, path=str(path))


