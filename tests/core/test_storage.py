"""The one SQLite file: private on disk, safe pragmas, strict tables, whole-or-nothing writes,
an append-only audit trail, and several writers at once without failures.
"""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import threading
import time

import pytest

from zizhi.core import audit
from zizhi.core.clients import records as clients
from zizhi.core.errors import Busy, UserError
from zizhi.core.store import BUSY_TIMEOUT_MS, Store

TABLES = ("users", "exams", "trainings", "clients", "client_tags", "interactions", "audit")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def pragma(store: Store, name: str):
    return store.scalar(f"PRAGMA {name}")


def test_a_new_database_and_its_folder_are_private(tmp_path):
    path = tmp_path / "new" / "deeper" / "zizhi.db"
    store = Store(path, create=True)
    try:
        with store.unit_of_work() as db:
            audit.record(db, None, "test.write", "test", None)
        assert mode(path) == 0o600
        for companion in ("zizhi.db-wal", "zizhi.db-shm"):
            assert (path.parent / companion).exists()
            assert mode(path.parent / companion) == 0o600
        assert mode(path.parent) == 0o700
        assert mode(path.parent.parent) == 0o700
    finally:
        store.close()


def test_an_existing_loose_file_is_tightened_to_0600(tmp_path):
    path = tmp_path / "zizhi.db"
    Store(path, create=True).close()
    path.chmod(0o644)
    Store(path, create=True).close()
    assert mode(path) == 0o600


def test_the_connection_pragmas(tmp_path):
    store = Store(tmp_path / "zizhi.db", create=True)
    try:
        assert pragma(store, "journal_mode") == "wal"
        assert pragma(store, "foreign_keys") == 1
        assert pragma(store, "busy_timeout") == BUSY_TIMEOUT_MS >= 5000
    finally:
        store.close()


def test_every_table_is_strict(tmp_path):
    store = Store(tmp_path / "zizhi.db", create=True)
    try:
        strict = {r["name"]: r["strict"] for r in store.rows("PRAGMA table_list") if r["type"] == "table"}
        assert {name: strict.get(name) for name in TABLES} == {name: 1 for name in TABLES}
        with pytest.raises(sqlite3.IntegrityError):  # STRICT: no silent type conversion
            store.conn.execute("INSERT INTO audit (at, action, entity, entity_id) VALUES ('x', 'a', 'b', 'not-a-number')")
    finally:
        store.close()


def test_foreign_keys_are_enforced(desk):
    with pytest.raises(sqlite3.IntegrityError):
        desk.store.conn.execute("INSERT INTO client_tags (client_id, tag) VALUES (999, 'vip')")


def test_migrations_can_run_again(tmp_path):
    path = tmp_path / "zizhi.db"
    first = Store(path, create=True)
    with first.unit_of_work() as db:
        audit.record(db, None, "test.write", "test", None)
    first.close()
    again = Store(path, create=True)
    try:
        assert again.scalar("SELECT count(*) FROM audit") == 1
        applied = again.scalar("SELECT count(*) FROM _sqlite_migrations")
        from zizhi.core.schema import migrate

        migrate(again.conn, again.lock)
        assert again.scalar("SELECT count(*) FROM _sqlite_migrations") == applied
    finally:
        again.close()


@pytest.mark.parametrize("statement", ["UPDATE audit SET action = 'forged'", "DELETE FROM audit"])
def test_the_audit_trail_is_append_only(desk, statement):
    before = desk.store.rows("SELECT * FROM audit")
    assert before  # the bootstrap of the first user is recorded
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        desk.store.conn.execute(statement)
    assert desk.store.rows("SELECT * FROM audit") == before


def test_a_refused_operation_leaves_the_database_unchanged(desk, rows):
    clients.add_client(desk, name="华为技术有限公司", credit_code="91110000600037341L")
    before = (rows(desk, "clients"), rows(desk, "audit"), rows(desk, "client_tags"))
    with pytest.raises(UserError):
        clients.add_client(desk, name="另一家公司", credit_code="91110000600037341L", tags="vip")
    assert (rows(desk, "clients"), rows(desk, "audit"), rows(desk, "client_tags")) == before


def test_a_failure_half_way_rolls_the_whole_operation_back(desk, rows, monkeypatch):
    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk on fire")

    before = (rows(desk, "clients"), rows(desk, "client_tags"), rows(desk, "audit"))
    monkeypatch.setattr(audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        clients.add_client(desk, name="深圳市前海贸易有限公司", tags="vip,出口")
    assert (rows(desk, "clients"), rows(desk, "client_tags"), rows(desk, "audit")) == before
    assert desk.store.rows("SELECT rowid FROM client_search") == []
    assert not desk.store.conn.in_transaction


def test_two_writers_at_once_both_succeed(tmp_path):
    path = tmp_path / "zizhi.db"
    Store(path, create=True).close()
    errors: list[BaseException] = []

    def write(tag: str) -> None:
        store = Store(path, create=True)
        try:
            for n in range(40):
                with store.unit_of_work() as db:
                    audit.record(db, None, f"{tag}.{n}", "test", n)
                    time.sleep(0.001)  # hold the write lock a moment so the writers collide
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=write, args=(tag,)) for tag in ("app", "cron")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = Store(path, create=True)
    try:
        assert check.scalar("SELECT count(*) FROM audit WHERE action LIKE 'app.%'") == 40
        assert check.scalar("SELECT count(*) FROM audit WHERE action LIKE 'cron.%'") == 40
    finally:
        check.close()


def test_a_writer_waits_for_a_long_transaction_instead_of_failing(tmp_path):
    path = tmp_path / "zizhi.db"
    holder, waiter = Store(path, create=True), Store(path, create=True)
    inside, done = threading.Event(), []

    def hold() -> None:
        with holder.unit_of_work() as db:
            audit.record(db, None, "import.batch", "test", None)
            inside.set()
            time.sleep(0.5)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        inside.wait(5)
        with waiter.unit_of_work() as db:
            audit.record(db, None, "cron.reminder", "test", None)
        done.append(True)
    finally:
        thread.join()
    try:
        assert done == [True]
        assert [r["action"] for r in waiter.rows("SELECT action FROM audit ORDER BY id")] == [
            "import.batch", "cron.reminder"]
    finally:
        holder.close()
        waiter.close()


def test_a_writer_locked_out_past_the_timeout_gets_busy(tmp_path):
    path = tmp_path / "zizhi.db"
    holder, waiter = Store(path, create=True), Store(path, create=True)
    waiter.conn.execute("PRAGMA busy_timeout = 100")
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with holder.unit_of_work():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        inside.wait(5)
        with pytest.raises(Busy) as caught:
            with waiter.unit_of_work() as db:
                audit.record(db, None, "never", "test", None)
        assert caught.value.exit_code == 75
        assert "try again" in caught.value.message("en")
    finally:
        release.set()
        thread.join()
        holder.close()
        waiter.close()


WRITER = """
import sys
from zizhi.core import audit
from zizhi.core.store import Store
store = Store(sys.argv[1], create=True)
for n in range(25):
    with store.unit_of_work() as db:
        audit.record(db, None, sys.argv[2], "test", n)
store.close()
"""


def test_processes_creating_and_writing_one_new_file_at_once(tmp_path):
    path = tmp_path / "fresh" / "zizhi.db"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"proc{n}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(5)]
    results = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 5, results
    check = Store(path, create=True)
    try:
        assert check.scalar("SELECT count(*) FROM audit") == 125
        from sqlite_utils import Database

        from zizhi.core.schema import migrations

        assert migrations.pending(Database(check.conn)) == []
        assert check.scalar("SELECT count(*) FROM _sqlite_migrations") == check.scalar(
            "SELECT count(DISTINCT name) FROM _sqlite_migrations")
    finally:
        check.close()


def test_the_cheap_schema_check_counts_every_registered_migration():
    from sqlite_utils import Database

    from zizhi.core.schema import migrations
    from zizhi.core.schema_state import KNOWN_MIGRATIONS

    assert len(migrations.pending(Database(memory=True))) == KNOWN_MIGRATIONS


OPEN_AND_REPORT = """
import sys
from zizhi.core.store import Store
store = Store(sys.argv[1], create=True)
print("sqlite_utils" in sys.modules, store.scalar("SELECT count(*) FROM users"))
"""


def test_an_up_to_date_database_opens_without_the_migrations_machinery(tmp_path):
    path = tmp_path / "zizhi.db"
    Store(path, create=True).close()
    opened = subprocess.run([sys.executable, "-c", OPEN_AND_REPORT, str(path)],
                            capture_output=True, text=True, timeout=60)
    assert opened.stdout.split() == ["False", "0"], opened.stderr


def test_a_database_behind_the_code_is_migrated_on_open(tmp_path):
    path = tmp_path / "zizhi.db"
    Store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER invoice_payments_within_payment")  # it reads payments, dropped next
        conn.execute("DROP TABLE payments")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm110_contract_terms_and_payments'")
        conn.execute("DROP INDEX contracts_by_year_seq")
        for column in ("credit_rating", "prepayment", "guarantee", "year", "seq"):
            conn.execute(f"ALTER TABLE contracts DROP COLUMN {column}")
    conn.close()
    store = Store(path, create=True)
    try:
        assert store.scalar("SELECT count(*) FROM payments") == 0
    finally:
        store.close()


def test_an_operation_built_from_others_is_one_transaction(desk, rows):
    """A unit of work opened inside another joins it: a refused part takes back only its own
    writes, and nothing is written until the whole commits — or nothing at all if it fails."""
    before = rows(desk, "audit")
    with desk.store.unit_of_work() as db:
        audit.record(db, desk.user, "test.outer", "test", None)
        with pytest.raises(UserError):
            with desk.store.unit_of_work() as inner:
                audit.record(inner, desk.user, "test.refused", "test", None)
                raise UserError("db.error", detail="refused part")
        audit.record(db, desk.user, "test.after", "test", None)
    actions = [r["action"] for r in audit.list_entries(desk, entity="test")]
    assert actions == ["test.after", "test.outer"] and rows(desk, "audit") == before + 2
    with pytest.raises(UserError):
        with desk.store.unit_of_work() as db:
            audit.record(db, desk.user, "test.lost", "test", None)
            with desk.store.unit_of_work() as inner:
                audit.record(inner, desk.user, "test.lost_too", "test", None)
            raise UserError("db.error", detail="the whole fails")
    assert rows(desk, "audit") == before + 2


def test_a_file_that_is_not_a_database_is_damaged_not_an_internal_error(tmp_path):
    from zizhi.core.errors import Damaged

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    with pytest.raises(Damaged) as refused:
        Store(junk)
    assert refused.value.exit_code == 74 and str(junk) in refused.value.message("en")


def test_a_folder_where_the_database_should_be_keeps_its_mode(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)  # explicit: mkdir's mode is cut by the umask
    with pytest.raises(UserError) as refused:
        Store(folder)
    assert refused.value.key == "db.cannot_open" and mode(folder) == 0o755


def test_a_read_no_one_waits_for_any_more_stops_part_way(desk):
    """The app's superseded search stops instead of holding the connection; the rest read on."""
    long_read = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) SELECT count(*) FROM n"
    stale = threading.Event()
    desk.store.give_up_reads_when(stale.is_set)
    assert desk.store.scalar(long_read) == 300000
    stale.set()
    with pytest.raises(UserError) as refused:
        desk.store.scalar(long_read)
    assert refused.value.key == "db.error"
    stale.clear()
    assert desk.store.scalar(long_read) == 300000
