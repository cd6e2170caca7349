"""Whether a database already holds every migration, answered without sqlite-utils.

Every command opens the database, but only a new or older file needs the migrations machinery
(``core.schema``), whose import costs more than a whole ``client list``. The applied migrations
are the rows sqlite-utils records in ``_sqlite_migrations`` under the set ``zizhi``.
"""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "zizhi"
# How many migrations core.schema and the areas register (tests/core/test_storage.py holds this true).
KNOWN_MIGRATIONS = 41


def version(conn: sqlite3.Connection) -> int:
    """The file's schema version: how many migrations it records (0 for a new or foreign file)."""
    try:
        row = conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?",
                           [MIGRATION_SET]).fetchone()
    except sqlite3.OperationalError:
        return 0
    return row[0]


def is_current(conn: sqlite3.Connection) -> bool:
    """True when the file records exactly the migrations this code knows.

    A file with more was migrated by a newer Zizhi: it is not current, and ``Store`` refuses it
    (``ensure_schema``) rather than let older rules write into a schema they do not know.
    """
    return version(conn) == KNOWN_MIGRATIONS
