"""The audit trail as a hash chain: a row edited, deleted or cut from the end by someone who
went past Zizhi (dropped the triggers, opened the file with ``sqlite3``) is named by verify."""

from __future__ import annotations

import sqlite3

import pytest

from zizhi.core import audit, audit_chain
from zizhi.core.clients import records as clients
from zizhi.core.errors import Refused, Tampered


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch):
    """The remembered heads go to this test's own state folder."""
    monkeypatch.setenv("ZIZHI_STATE", str(tmp_path / "state"))


# The first rows of every test database: its two admins, the account that made it and boss.
FOUNDERS = 2


@pytest.fixture
def trail(desk):
    """An admin's desk with a few audit rows: the founders' and five clients added."""
    for n in range(5):
        clients.add_client(desk, name=f"测试公司{n}有限公司")
    return desk


def tamper(desk, *statements: str) -> None:
    """What someone with the file and the sqlite3 module could do: drop the guards, then edit."""
    with sqlite3.connect(desk.store.path) as conn:
        conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        for statement in statements:
            conn.execute(statement)
    conn.close()


def broken(desk) -> Tampered:
    with pytest.raises(Tampered) as caught:
        audit.verify(desk)
    assert caught.value.exit_code == 3
    return caught.value


def test_an_untouched_trail_verifies_and_names_its_head(trail):
    report = audit.verify(trail)
    assert report["rows"] == FOUNDERS + 5 and report["head_id"] == FOUNDERS + 5
    assert report["head_hash"] == trail.store.scalar("SELECT hash FROM audit WHERE id = ?", [FOUNDERS + 5])


def test_each_row_chains_to_the_one_before(trail):
    rows = trail.store.rows("SELECT * FROM audit ORDER BY id")
    assert rows[0]["prev_hash"] == audit_chain.GENESIS
    assert all(row["prev_hash"] == before["hash"] for before, row in zip(rows, rows[1:]))


def test_a_row_edited_by_hand_is_named(trail):
    tamper(trail, """UPDATE audit SET detail = '{"name": "别的公司"}' WHERE id = 3""")
    error = broken(trail)
    assert error.key == "audit.broken_changed" and error.params["id"] == 3
    assert "row 3" in error.message() and "changed" in error.message()


def test_a_row_edited_with_its_hash_recomputed_breaks_the_next_link(trail):
    row = trail.store.one("SELECT * FROM audit WHERE id = 3")
    row["action"] = "client.archive"
    forged = audit_chain.row_hash(row["prev_hash"], row)
    tamper(trail, f"UPDATE audit SET action = 'client.archive', hash = '{forged}' WHERE id = 3")
    error = broken(trail)
    assert (error.key, error.params["id"], error.params["before"]) == ("audit.broken_unlinked", 4, 3)


def test_a_deleted_middle_row_is_named_by_the_row_after_it(trail):
    tamper(trail, "DELETE FROM audit WHERE id = 4")
    error = broken(trail)
    assert (error.key, error.params["id"], error.params["before"]) == ("audit.broken_unlinked", 5, 3)
    assert "deleted" in error.message()


def test_a_row_inserted_out_of_turn_is_named(trail):
    tamper(trail, "DROP TRIGGER audit_chained",
           "INSERT INTO audit (at, action, entity) VALUES ('2026-11-27 09:00:00', 'user.add', 'user')")
    error = broken(trail)
    assert (error.key, error.params["id"]) == ("audit.broken_unhashed", FOUNDERS + 6)


def test_rows_cut_from_the_end_after_a_verify_are_noticed(trail):
    audit.verify(trail)
    tamper(trail, "DELETE FROM audit WHERE id >= 5")
    error = broken(trail)
    assert (error.key, error.params["id"], error.params["last"]) == ("audit.broken_truncated", FOUNDERS + 5, 4)
    assert "deleted from its end" in error.message()


def test_a_trail_rebuilt_by_hand_from_an_edited_row_is_noticed_by_the_remembered_head(trail):
    audit.verify(trail)
    rows = trail.store.rows("SELECT * FROM audit ORDER BY id")
    rows[2]["detail"] = '{"name": "别的公司"}'
    prev, edits = rows[1]["hash"], []
    for row in rows[2:]:
        row["prev_hash"], row["hash"] = prev, audit_chain.row_hash(prev, row)
        prev = row["hash"]
        edits.append(f"UPDATE audit SET detail = '{row['detail']}', prev_hash = '{row['prev_hash']}', "
                     f"hash = '{row['hash']}' WHERE id = {row['id']}")
    tamper(trail, *edits)
    error = broken(trail)
    assert (error.key, error.params["id"]) == ("audit.broken_rewritten", FOUNDERS + 5)


def test_verify_is_for_managers_and_admins(trail, li, manager):
    with pytest.raises(Refused):
        audit.verify(li)
    assert audit.verify(manager)["rows"] >= 6


def test_the_triggers_still_refuse_an_edit_through_zizhis_connection(trail):
    with pytest.raises(sqlite3.IntegrityError):
        trail.store.conn.execute("UPDATE audit SET action = 'x' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError):
        trail.store.conn.execute("INSERT INTO audit (at, action, entity) VALUES ('2026-11-27', 'a', 'b')")
