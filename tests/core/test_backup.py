"""Backups taken while others write, and restores that keep what they replace.

The copy a backup makes is the database as committed when it began — every write committed
before it, none half-written — even while another process keeps writing; a restore refuses a
copy it cannot trust and keeps the replaced database beside the restored one.
"""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest

from zizhi.core import audit, backup, schema_state
from zizhi.core.clients import records as clients
from zizhi.core.errors import ConfigError, InputError, Refused, UserError
from zizhi.core.store import Store


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("ZIZHI_STATE", str(tmp_path / "state"))


def integrity(path) -> str:
    with sqlite3.connect(path) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return result


def client_names(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM clients ORDER BY id")]
    conn.close()
    return names


def test_a_backup_is_a_private_intact_copy_with_its_audit_row(desk, tmp_path):
    clients.add_client(desk, name="华为技术有限公司")
    report = backup.backup(desk, tmp_path / "copy.db")
    copy = tmp_path / "copy.db"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert integrity(copy) == "ok" and client_names(copy) == ["华为技术有限公司"]
    assert not (tmp_path / "copy.db-wal").exists()
    head = desk.store.scalar("SELECT max(id) FROM audit WHERE action != 'database.backup'")
    assert report["head_id"] == head
    entry = audit.list_entries(desk, action="database.backup")[0]
    assert entry["detail"] == {"file": str(copy), "head": head}


@pytest.mark.parametrize("where, key", [
    ("folder", "backup.is_folder"), ("missing/copy.db", "backup.no_folder"), ("data/zizhi.db", "backup.is_database"),
    ("taken.db", "backup.exists"),
])
def test_a_target_that_will_not_do_is_refused_in_one_line_and_nothing_changes(desk, tmp_path, where, key):
    (tmp_path / "folder").mkdir()
    (tmp_path / "taken.db").write_bytes(b"keep me")
    before = desk.store.scalar("SELECT count(*) FROM audit")
    with pytest.raises(InputError) as refused:
        backup.backup(desk, tmp_path / where)
    assert refused.value.key == key and "\n" not in refused.value.message()
    assert (tmp_path / "taken.db").read_bytes() == b"keep me"
    assert desk.store.scalar("SELECT count(*) FROM audit") == before


def test_force_replaces_an_earlier_backup(desk, tmp_path):
    (tmp_path / "taken.db").write_bytes(b"last week")
    backup.backup(desk, tmp_path / "taken.db", force=True)
    assert integrity(tmp_path / "taken.db") == "ok"


def test_a_place_that_cannot_be_written_is_one_line(desk):
    with pytest.raises((InputError, UserError)) as refused:
        backup.backup(desk, "/proc/zizhi-backup.db")
    assert refused.value.key in ("backup.failed", "backup.cannot_write")


def test_only_admins_take_backups(desk, manager, tmp_path):
    with pytest.raises(Refused):
        backup.backup(manager, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()


WRITER = """
import sys
from zizhi.core import audit
from zizhi.core.store import Store
store = Store(sys.argv[1])
for n in range(1, 100000):
    with store.unit_of_work() as db:
        audit.record(db, None, "test.write", "test", n, payload="x" * 2000)
    print(n, flush=True)
"""


@contextmanager
def writing_process(path, until: int):
    """Another process appending numbered audit rows to ``path``; yields the numbers it committed
    so far, once there are ``until`` of them, and is killed at the end."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed: list[int] = []
    threading.Thread(target=lambda: committed.extend(int(line) for line in writer.stdout), daemon=True).start()
    try:
        while len(committed) < until and writer.poll() is None:
            time.sleep(0.05)
        yield writer, committed
    finally:
        writer.kill()
        writer.wait()


def test_a_backup_taken_while_another_process_writes_holds_every_write_committed_before_it(desk, tmp_path):
    with writing_process(desk.store.path, until=300) as (writer, committed):
        before = committed[-1]
        backup.backup(desk, tmp_path / "copy.db")
        time.sleep(0.3)
        assert writer.poll() is None and committed[-1] > before  # it really kept writing meanwhile
    restored = tmp_path / "restored" / "zizhi.db"
    backup.restore(restored, tmp_path / "copy.db", "boss")
    assert integrity(restored) == "ok"
    store = Store(restored)
    try:
        written = [row["entity_id"] for row in store.rows("SELECT entity_id FROM audit WHERE action = 'test.write'")]
    finally:
        store.close()
    assert written[:before] == list(range(1, before + 1))


def test_a_restore_keeps_the_replaced_database_and_open_connections_see_the_restored_one(desk, tmp_path):
    clients.add_client(desk, name="华为技术有限公司")
    backup.backup(desk, tmp_path / "copy.db")
    clients.add_client(desk, name="小米科技有限责任公司")
    report = backup.restore(desk.store.path, tmp_path / "copy.db", "boss")
    assert client_names(desk.store.path) == ["华为技术有限公司"]
    assert desk.store.scalar("SELECT count(*) FROM clients") == 1  # the app's connection, still open
    replaced = report["replaced"]
    assert replaced.startswith(str(desk.store.path) + ".replaced-")
    assert client_names(replaced) == ["华为技术有限公司", "小米科技有限责任公司"]
    assert integrity(replaced) == "ok" and stat.S_IMODE((tmp_path / "data" / replaced).stat().st_mode) == 0o600
    assert audit.list_entries(desk, action="database.restore")[0]["detail"]["replaced"] == replaced
    assert audit.verify(desk)["rows"] == desk.store.scalar("SELECT count(*) FROM audit")


def test_a_corrupt_copy_is_refused_and_the_database_is_untouched(desk, tmp_path):
    clients.add_client(desk, name="华为技术有限公司")
    backup.backup(desk, tmp_path / "copy.db")
    data = bytearray((tmp_path / "copy.db").read_bytes())
    data[4096 * 3: 4096 * 3 + 200] = b"\xff" * 200
    (tmp_path / "copy.db").write_bytes(bytes(data))
    (tmp_path / "text.db").write_text("not a database")
    for bad in ("copy.db", "text.db", "nothing.db", "data/zizhi.db"):
        with pytest.raises(UserError) as refused:
            backup.restore(desk.store.path, tmp_path / bad, "boss")
        assert refused.value.key in ("restore.corrupt", "restore.no_file", "restore.same_file")
    assert client_names(desk.store.path) == ["华为技术有限公司"]
    assert not list((tmp_path / "data").glob("*.replaced-*"))


def test_a_copy_from_a_newer_zizhi_is_refused_with_both_versions(desk, tmp_path):
    backup.backup(desk, tmp_path / "copy.db")
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('zizhi', 'm999_future', 'x')")
    conn.close()
    with pytest.raises(ConfigError) as refused:
        backup.restore(desk.store.path, tmp_path / "copy.db", "boss")
    assert refused.value.exit_code == 78
    assert f"{schema_state.KNOWN_MIGRATIONS + 1}" in refused.value.message()


def test_only_an_admin_of_both_databases_restores(desk, manager, tmp_path):
    backup.backup(desk, tmp_path / "copy.db")
    with pytest.raises(Refused):
        backup.restore(desk.store.path, tmp_path / "copy.db", "zhao")
    with pytest.raises(Refused):
        backup.restore(desk.store.path, tmp_path / "copy.db", "nobody")


def test_a_database_too_damaged_to_open_is_set_aside_whole(desk, tmp_path):
    backup.backup(desk, tmp_path / "copy.db")
    path = desk.store.path
    desk.close()
    path.write_bytes(b"garbage" * 1000)
    report = backup.restore(path, tmp_path / "copy.db", "boss")
    assert integrity(path) == "ok"
    assert (tmp_path / "data" / report["replaced"]).read_bytes() == b"garbage" * 1000


def test_no_write_slips_between_the_replaced_copy_and_the_restore(desk, tmp_path):
    """Another process writing throughout: each of its writes is in the replaced database or
    was made on the restored one — none is lost between the two, and its chain carries on."""
    backup.backup(desk, tmp_path / "copy.db")
    with writing_process(desk.store.path, until=100) as (writer, _):
        report = backup.restore(desk.store.path, tmp_path / "copy.db", "boss")
        time.sleep(0.5)
        assert writer.poll() is None, writer.stderr.read()
    ids = "SELECT entity_id FROM audit WHERE action = 'test.write' ORDER BY id"
    kept = [row["entity_id"] for row in desk.store.rows(ids)]
    with sqlite3.connect(tmp_path / "data" / report["replaced"]) as conn:
        replaced = [row[0] for row in conn.execute(ids)]
    conn.close()
    assert kept and replaced
    assert replaced + kept == list(range(1, len(replaced) + len(kept) + 1))
    assert audit.verify(desk)["rows"] == desk.store.scalar("SELECT count(*) FROM audit")


def test_a_restore_that_cannot_keep_the_replaced_database_changes_nothing(desk, tmp_path, monkeypatch):
    clients.add_client(desk, name="华为技术有限公司")
    backup.backup(desk, tmp_path / "copy.db")
    clients.add_client(desk, name="小米科技有限责任公司")

    def disk_full(*args, **kwargs):
        raise UserError("backup.failed", path="x", detail="No space left on device")

    monkeypatch.setattr(backup.snapshot, "copy_database", disk_full)
    with pytest.raises(UserError):
        backup.restore(desk.store.path, tmp_path / "copy.db", "boss")
    assert client_names(desk.store.path) == ["华为技术有限公司", "小米科技有限责任公司"]
    assert integrity(desk.store.path) == "ok"
