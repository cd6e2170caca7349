"""The database schema, as sqlite-utils migrations: each runs once, in its own transaction.

Tables are STRICT so a wrong type is an error, not a silent conversion. The audit table is
append-only: triggers abort any UPDATE or DELETE on it.
"""

from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from zizhi.core.schema_state import MIGRATION_SET
from zizhi.core.vocab import CHANNELS, LOG_CHANNELS, ROLES, SIZES, URGENCIES  # noqa: F401  (also read from here)

if TYPE_CHECKING:
    from zizhi.core.store import Store

migrations = Migrations(MIGRATION_SET)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


@migrations()
def m001_people(db) -> None:
    db.execute(f"""
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN {_in(ROLES)}),
            email TEXT,
            phone TEXT,
            on_duty INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        ) STRICT""")
    db.execute("""
        CREATE TABLE exams (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            taken_on TEXT NOT NULL,
            score INTEGER NOT NULL,
            pass_mark INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            recorded_by INTEGER REFERENCES users(id),
            notes TEXT
        ) STRICT""")
    db.execute("""
        CREATE TABLE trainings (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            held_on TEXT NOT NULL,
            topic TEXT NOT NULL,
            hours TEXT,
            trainer TEXT,
            notes TEXT,
            recorded_by INTEGER REFERENCES users(id)
        ) STRICT""")


@migrations()
def m002_clients(db) -> None:
    db.execute(f"""
        CREATE TABLE clients (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            credit_code TEXT UNIQUE,
            contact TEXT,
            phone TEXT,
            email TEXT,
            address TEXT,
            city TEXT,
            business_scope TEXT,
            industry TEXT,
            size TEXT CHECK (size IN {_in(SIZES)}),
            needs TEXT,
            urgency TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN {_in(URGENCIES)}),
            channel TEXT CHECK (channel IN {_in(CHANNELS)}),
            referrer_id INTEGER REFERENCES clients(id),
            credit_rating TEXT,
            owner_id INTEGER REFERENCES users(id),
            notes TEXT,
            pinyin TEXT NOT NULL DEFAULT '',
            last_contact_at TEXT,
            next_step TEXT,
            next_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            archived_at TEXT,
            urgency_rank INTEGER GENERATED ALWAYS AS (
                CASE urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END
            ) VIRTUAL
        ) STRICT""")
    db.execute("CREATE INDEX clients_by_urgency ON clients(urgency_rank, name)")
    db.execute("CREATE INDEX clients_by_owner ON clients(owner_id, urgency_rank, name)")
    db.execute("CREATE INDEX clients_by_follow_up ON clients(next_date) WHERE next_date IS NOT NULL")
    db.execute("CREATE INDEX clients_by_name ON clients(name)")
    db.execute("""
        CREATE TABLE client_tags (
            client_id INTEGER NOT NULL REFERENCES clients(id),
            tag TEXT NOT NULL,
            PRIMARY KEY (client_id, tag)
        ) STRICT, WITHOUT ROWID""")
    db.execute("CREATE INDEX client_tags_by_tag ON client_tags(tag, client_id)")
    # One trigram document per client: substrings of 3+ characters use the index, shorter
    # ones (a two-character name such as 华为, or 'hw') fall back to a scan of this one column.
    db.execute("CREATE VIRTUAL TABLE client_search USING fts5(doc, tokenize='trigram')")
    doc = """coalesce(NEW.name,'') || ' ' || coalesce(NEW.contact,'') || ' ' || coalesce(NEW.phone,'')
        || ' ' || coalesce(NEW.credit_code,'') || ' ' || coalesce(NEW.email,'') || ' '
        || coalesce(NEW.notes,'') || ' ' || NEW.pinyin"""
    db.execute(f"""CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
        INSERT INTO client_search(rowid, doc) VALUES (NEW.id, {doc}); END""")
    db.execute(f"""CREATE TRIGGER clients_search_update AFTER UPDATE ON clients BEGIN
        DELETE FROM client_search WHERE rowid = OLD.id;
        INSERT INTO client_search(rowid, doc) VALUES (NEW.id, {doc}); END""")


@migrations()
def m003_interactions(db) -> None:
    db.execute(f"""
        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN {_in(LOG_CHANNELS)}),
            summary TEXT NOT NULL,
            details TEXT,
            next_step TEXT,
            next_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX interactions_by_client ON interactions(client_id, at)")


@migrations()
def m004_audit(db) -> None:
    db.execute("""
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_id INTEGER,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER,
            detail TEXT
        ) STRICT""")
    db.execute("CREATE INDEX audit_by_entity ON audit(entity, entity_id)")
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"""CREATE TRIGGER audit_no_{verb.lower()} BEFORE {verb} ON audit BEGIN
            SELECT RAISE(ABORT, 'audit records are append-only'); END""")


@migrations()
def m005_list_indexes(db) -> None:
    # A salesperson's due follow-ups and the client count, without scanning (bench/README.md).
    db.execute("CREATE INDEX clients_due_by_owner ON clients(owner_id, next_date) "
               "WHERE next_date IS NOT NULL AND archived_at IS NULL")
    db.execute("CREATE INDEX clients_active_by_owner ON clients(owner_id) WHERE archived_at IS NULL")


def migrate(store: "Store") -> None:
    """Apply pending migrations; safe when two processes open a new file at the same moment."""
    db = Database(store.conn, execute_plugins=False)
    for attempt in range(5):
        try:
            if migrations.pending(db):
                with store.lock:
                    migrations.apply(db)
            return
        except (sqlite3.OperationalError, sqlite3.IntegrityError):
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))


import zizhi.core.pipeline.schema  # noqa: E402,F401  (registers the pipeline's migrations after these)
