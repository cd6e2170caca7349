"""The database schema, as sqlite-utils migrations: each runs once, in its own transaction.

Each area owns its tables (``people/schema.py``, ``clients/schema.py``, ``pipeline/schema.py``);
this module holds the one migration set and the order the migrations were first applied in, which
a new database follows. Tables are STRICT so a wrong type is an error, not a silent conversion.
The audit table is append-only: triggers abort any UPDATE or DELETE on it.

Only a new or older database imports this module (see :mod:`zizhi.core.schema_state`).
"""

from __future__ import annotations

import sqlite3
import threading
import time

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from zizhi.core.clients import schema as clients
from zizhi.core.compliance import schema as compliance
from zizhi.core.credit import schema as credit
from zizhi.core.kpi import schema as kpi
from zizhi.core.people import schema as people
from zizhi.core.pipeline import schema as pipeline
from zizhi.core.receivables import schema as receivables
from zizhi.core.reminders import schema as reminders
from zizhi.core.reports import schema as reports
from zizhi.core.schema_state import MIGRATION_SET
from zizhi.core.workdays import schema as workdays

migrations = Migrations(MIGRATION_SET)


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


def m013_audit_acting_admin(db) -> None:
    """The admin who acted as ``user_id`` (``--as``), so the record names both."""
    db.execute("ALTER TABLE audit ADD COLUMN admin_id INTEGER")


def m014_audit_chain(db) -> None:
    """Each row a link of a hash chain (core/audit_chain.py); the rows already there are chained
    in id order, and a row without its hash is refused, so nothing skips the chain."""
    from zizhi.core import audit_chain

    db.execute("DROP TRIGGER audit_no_update")
    db.execute("ALTER TABLE audit ADD COLUMN prev_hash TEXT")
    db.execute("ALTER TABLE audit ADD COLUMN hash TEXT")
    audit_chain.chain_existing(db.conn)
    db.execute("""CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
        SELECT RAISE(ABORT, 'audit records are append-only'); END""")
    db.execute("""CREATE TRIGGER audit_chained BEFORE INSERT ON audit WHEN NEW.hash IS NULL BEGIN
        SELECT RAISE(ABORT, 'audit records are written by zizhi.core.audit, which chains them'); END""")


for _migration in (*people.MIGRATIONS, *clients.MIGRATIONS, m004_audit, *clients.LATER, *pipeline.MIGRATIONS,
                   m013_audit_acting_admin, m014_audit_chain, *clients.LAST, *people.LAST, *receivables.MIGRATIONS,
                   *workdays.MIGRATIONS, *credit.LAST, *receivables.LAST, *receivables.DUNNING,
                   *receivables.RECONCILIATION, *pipeline.LAST, *reminders.MIGRATIONS, *clients.EXCHANGE,
                   *kpi.MIGRATIONS, *compliance.MIGRATIONS, *reports.MIGRATIONS):
    migrations()(_migration)


def migrate(conn: sqlite3.Connection, lock: threading.RLock) -> None:
    """Apply pending migrations; safe when two processes open a new file at the same moment."""
    db = Database(conn, execute_plugins=False)
    for attempt in range(5):
        try:
            if migrations.pending(db):
                with lock:
                    migrations.apply(db)
            return
        except (sqlite3.OperationalError, sqlite3.IntegrityError):
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))

