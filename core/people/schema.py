"""The people's tables: users with their role and duty status, onboarding exams, training.

Plain functions; :mod:`zizhi.core.schema` registers every area's migrations in one order.
"""

from __future__ import annotations

from zizhi.core.i18n import LANGUAGES
from zizhi.core.vocab import ROLES, sql_in


def m001_people(db) -> None:
    db.execute(f"""
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN {sql_in(ROLES)}),
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


def m015_user_language(db) -> None:
    """The language each person last chose in the app (NULL: none chosen), kept with them rather
    than in a file: on a team server everyone shares one operating-system account and its files."""
    db.execute(f"ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN {sql_in(LANGUAGES)})")


MIGRATIONS = (m001_people,)
LAST = (m015_user_language,)  # after every earlier migration, as first applied
