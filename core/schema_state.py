"""Whether a database already holds every migration, answered without sqlite-utils.

Every command opens the database, but only a new or older file needs the migrations machinery
(``core.schema``), whose import costs more than a whole ``client list``. The applied migrations
are the rows sqlite-utils records in ``_sqlite_migrations`` under the set ``zizhi``.
"""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "zizhi"
# How many migrations core.schema and the areas register (tests/core/test_storage.py holds this true).
KNOWN_MIGRATIONS = 15


def is_current(conn: sqlite3.Connection) -> bool:
    """True when the file records every migration this code knows (a newer file's extra ones too)."""
    try:
        row = conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?",
                           [MIGRATION_SET]).fetchone()
    except sqlite3.OperationalError:
        return False
    return row[0] >= KNOWN_MIGRATIONS
