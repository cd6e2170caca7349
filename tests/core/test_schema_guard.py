"""A database from a newer Zizhi is refused untouched; an older one is backed up, then migrated."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import pytest

from zizhi.core import audit, schema_state
from zizhi.core.errors import ConfigError
from zizhi.core.store import Store

KNOWN = schema_state.KNOWN_MIGRATIONS


def dump(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        lines = list(conn.iterdump())
    conn.close()
    return lines


def written_by_a_newer_zizhi(path) -> None:
    Store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('zizhi', 'm999_future', 'x')")
    conn.close()


def before_the_audit_chain(path) -> None:
    """The file as the previous Zizhi left it: audit rows without hashes, one migration fewer."""
    store = Store(path, create=True)
    with store.unit_of_work() as db:
        for n in range(3):
            audit.record(db, None, "test.old", "test", n)
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_chained")
        conn.execute("ALTER TABLE audit DROP COLUMN hash")
        conn.execute("ALTER TABLE audit DROP COLUMN prev_hash")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm014_audit_chain'")
    conn.close()


def test_a_newer_database_is_refused_naming_both_versions_and_left_as_it_was(tmp_path):
    path = tmp_path / "zizhi.db"
    written_by_a_newer_zizhi(path)
    before = dump(path)
    with pytest.raises(ConfigError) as refused:
        Store(path)
    assert refused.value.exit_code == 78
    message = refused.value.message()
    assert f"schema version {KNOWN + 1}" in message and f"this Zizhi's {KNOWN}" in message
    assert dump(path) == before
    assert not schema_state.is_current(sqlite3.connect(path))


def test_an_older_database_is_copied_beside_itself_then_migrated_and_its_rows_chained(tmp_path, capfd):
    path = tmp_path / "zizhi.db"
    before_the_audit_chain(path)
    store = Store(path, create=True)
    try:
        assert schema_state.version(store.conn) == KNOWN
        rows = store.rows("SELECT prev_hash, hash FROM audit ORDER BY id")
        assert all(row["hash"] for row in rows) and len(rows) == 3
    finally:
        store.close()
    copies = list(tmp_path.glob(f"zizhi.db.schema-{KNOWN - 1}-*.bak"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == KNOWN - 1
    conn.close()
    said = capfd.readouterr().err
    assert said.count(str(copies[0])) == 1 and f"schema {KNOWN - 1} is older" in said
    Store(path, create=True).close()
    assert capfd.readouterr().err == ""  # said once: an up-to-date file is opened quietly


def test_a_new_database_needs_no_backup(tmp_path):
    Store(tmp_path / "zizhi.db", create=True).close()
    assert [p.name for p in tmp_path.iterdir() if ".bak" in p.name] == []


OPEN = "import sys; from zizhi.core.store import Store; Store(sys.argv[1], create=True).close()"


def test_processes_opening_an_older_file_at_once_migrate_it_and_each_copy_is_the_version_it_names(tmp_path):
    path = tmp_path / "zizhi.db"
    before_the_audit_chain(path)
    procs = [subprocess.Popen([sys.executable, "-c", OPEN, str(path)], stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    errors = [proc.communicate(timeout=60)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 4, errors
    copies = list(tmp_path.glob("zizhi.db.schema-*.bak"))
    assert copies and sum(e.count("copied to") for e in errors) == len(copies)
    for copy in copies:
        named = int(re.match(r"zizhi\.db\.schema-(\d+)-", copy.name).group(1))
        with sqlite3.connect(copy) as conn:
            assert schema_state.version(conn) == named == KNOWN - 1
        conn.close()
    with sqlite3.connect(path) as conn:
        assert schema_state.version(conn) == KNOWN
    conn.close()
