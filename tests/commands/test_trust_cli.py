"""`audit verify`, `backup` and `restore` from the command line, and the schema guard, as cron
and an admin meet them: one line, the documented exit code, nothing changed by a refusal."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat

from tests.commands.conftest import run_zizhi


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_audit_verify_passes_then_names_a_row_edited_by_hand_with_exit_3(cli):
    cli("client", "add", "--name", "华为技术有限公司")
    assert "audit trail intact" in cli("audit", "verify").stdout
    with sqlite3.connect(cli.root / "zizhi.db") as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET user_id = 3 WHERE action = 'client.add'")
        row = conn.execute("SELECT id FROM audit WHERE action = 'client.add'").fetchone()[0]
    conn.close()
    result = cli("audit", "verify", code=3)
    assert f"row {row} " in one_line(result) and "changed" in result.stderr


def test_audit_verify_is_refused_to_a_salesperson(cli):
    assert "managers and admins" in one_line(cli("audit", "verify", user="li", code=1))


def test_backup_and_restore_as_separate_processes(cli):
    cli("client", "add", "--name", "华为技术有限公司")
    taken = run_zizhi("--as", "boss", "backup", str(cli.root / "nightly.db"), "--json", env_root=cli.root)
    assert taken.returncode == 0, taken.stderr
    assert json.loads(taken.stdout)["integrity"] == "ok"
    assert stat.S_IMODE((cli.root / "nightly.db").stat().st_mode) == 0o600
    again = run_zizhi("--as", "boss", "backup", str(cli.root / "nightly.db"), env_root=cli.root)
    assert again.returncode == 65 and "--force" in one_line(again)
    cli("client", "add", "--name", "小米科技有限责任公司")
    restored = run_zizhi("--as", "boss", "restore", str(cli.root / "nightly.db"), env_root=cli.root)
    assert restored.returncode == 0, restored.stderr
    assert "replaced database is kept as" in restored.stdout
    assert [c["name"] for c in cli.json("client", "list")] == ["华为技术有限公司"]
    assert len(list(cli.root.glob("zizhi.db.replaced-*"))) == 1
    assert cli("audit", "verify").exit_code == 0


def test_a_backup_target_that_will_not_do_is_one_line(cli):
    before = cli.dump()
    for target, words in ((cli.root, "is a folder"), (cli.root / "no" / "x.db", "does not exist"),
                          (cli.root / "zizhi.db", "database itself")):
        result = cli("backup", str(target), code=65)
        assert words in one_line(result)
    assert cli.dump() == before


def test_restore_refuses_a_file_that_is_not_an_intact_database(cli):
    (cli.root / "junk.db").write_text("not a database")
    before = cli.dump()
    result = run_zizhi("--as", "boss", "restore", str(cli.root / "junk.db"), env_root=cli.root)
    assert result.returncode == 1 and "nothing was changed" in one_line(result)
    assert cli.dump() == before


def test_a_database_from_a_newer_zizhi_is_refused_with_exit_78_and_left_alone(cli):
    with sqlite3.connect(cli.root / "zizhi.db") as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('zizhi', 'm999_future', 'x')")
    conn.close()
    before = cli.dump()
    result = run_zizhi("--as", "boss", "client", "add", "--name", "华为技术有限公司", env_root=cli.root)
    assert result.returncode == 78
    assert "newer than this Zizhi" in one_line(result)
    assert cli.dump() == before


def test_a_newer_database_copied_out_of_wal_is_left_byte_for_byte(cli):
    """A copy (a backup, `sqlite3 .backup`) is in rollback-journal mode: refusing it must not turn WAL on."""
    copy = cli.root / "from-a-newer-zizhi.db"
    with sqlite3.connect(cli.root / "zizhi.db") as live, sqlite3.connect(copy) as target:
        live.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        target.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('zizhi', 'm999_future', 'x')")
    live.close()
    target.close()
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    result = run_zizhi("--db", str(copy), "client", "list", env_root=cli.root)
    assert result.returncode == 78 and "newer than this Zizhi" in one_line(result)
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before


def test_a_backup_of_a_damaged_database_says_so_with_exit_74_and_keeps_no_copy(cli):
    """The copy is page for page, so one that fails integrity_check means the database is damaged:
    cron's nightly backup says so, and how to get back, rather than blaming the copy."""
    database = cli.root / "zizhi.db"
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_by_entity'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with database.open("r+b") as raw:
        raw.seek((page - 1) * size)
        raw.write(b"\xab" * size)
    result = run_zizhi("--as", "boss", "backup", str(cli.root / "nightly.db"), env_root=cli.root)
    assert result.returncode == 74, result.stderr
    assert str(database) in one_line(result) and "zizhi restore" in result.stderr
    assert not list(cli.root.glob("*nightly*"))
