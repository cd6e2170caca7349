"""A verified copy of the database file, taken from one read snapshot while others write.

SQLite's online backup copies the committed state as it was when the copy began; the copy is
written beside its target under a temporary name, checked with ``PRAGMA integrity_check``, made
a single self-contained file (no -wal), 0600, and only then given its name. Used by ``zizhi
backup`` (:mod:`zizhi.core.backup`) and by the store before it migrates an older database.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from zizhi.core import audit_chain, clock, schema_state
from zizhi.core.errors import Damaged, UserError


def copy_database(source: sqlite3.Connection, target: Path, force: bool = False) -> dict:
    """A verified, self-contained 0600 copy of ``source`` at ``target``; the head it holds."""
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(copy)  # one step: one snapshot, a read lock only
            copy.execute("PRAGMA journal_mode = DELETE")
            _require_source_intact(source, copy)
            last_id, last_hash = _head(copy)
        finally:
            copy.close()
        os.chmod(partial, 0o600)
        _place(partial, target, force)
    except FileExistsError:
        partial.unlink(missing_ok=True)
        raise UserError("backup.exists", path=str(target)) from None
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise UserError("backup.failed", path=str(target), detail=reason(exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return {"id": last_id, "hash": last_hash}


def before_migration(conn: sqlite3.Connection, database: Path) -> Path | None:
    """The automatic copy taken before an older database is migrated, named with its version.

    The version is read from the copy itself: when several processes open an older file at once,
    one may migrate while another copies, and a name must not claim a version its copy lacks.
    A copy that turns out already migrated is dropped; the same name taken twice is kept once.
    """
    taken = database.with_name(f".{database.name}.pre-migration-{os.getpid()}")
    copy_database(conn, taken, force=True)
    try:
        with sqlite3.connect(taken) as copy:
            found = schema_state.version(copy)
        copy.close()
        target = database.with_name(f"{database.name}.schema-{found}-{stamp()}.bak")
        if found >= schema_state.KNOWN_MIGRATIONS or _taken(taken, target):
            return None
    finally:
        taken.unlink(missing_ok=True)
    from zizhi.core.i18n import t

    print(f"zizhi: {t('backup.before_migration', path=target, found=found, known=schema_state.KNOWN_MIGRATIONS)}",
          file=sys.stderr)
    return target


def _taken(partial: Path, target: Path) -> bool:
    """Give ``target`` the copy unless another process already did (True then)."""
    try:
        os.link(partial, target)
    except FileExistsError:
        return True
    return False


def require_intact(conn: sqlite3.Connection, path: Path, key: str) -> None:
    """Refuse (``key``) a file whose ``PRAGMA integrity_check`` is not ok."""
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.Error as exc:
        raise UserError(key, path=str(path), detail=reason(exc)) from None
    if result != ["ok"]:
        raise UserError(key, path=str(path), detail=result[0])


def _require_source_intact(source: sqlite3.Connection, copy: sqlite3.Connection) -> None:
    """The online backup copies pages as they are, so a copy that fails ``integrity_check`` says the
    database itself is damaged: exit 74 and the way back (a backup), as every command says it."""
    try:
        require_intact(copy, Path("?"), "backup.not_intact")
    except UserError as failure:
        database = source.execute("PRAGMA database_list").fetchone()[2]
        raise Damaged("db.damaged", path=database, detail=failure.params["detail"]) from None


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    """The copy's audit head; none for a file from before the chain (the migration's own backup)."""
    columns = [row[1] for row in conn.execute("PRAGMA table_info(audit)")]
    return audit_chain.last_link(conn) if "hash" in columns else (0, audit_chain.GENESIS)


def _place(partial: Path, target: Path, force: bool) -> None:
    """Give the finished copy its name; without ``force`` an existing file is never replaced."""
    if force:
        os.replace(partial, target)
        return
    os.link(partial, target)  # FileExistsError if someone took the name meanwhile
    os.unlink(partial)


def reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def stamp() -> str:
    return clock.now().strftime("%Y%m%d-%H%M%S")
