"""The reminders' tables."""

from __future__ import annotations


def m220_reminder_marks(db) -> None:
    """A person's own marks on one occurrence of a reminder: done (never shown or sent again) or
    snoozed until a day (neither shown nor sent before it)."""
    db.execute("""CREATE TABLE reminder_marks (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            state TEXT NOT NULL CHECK (state IN ('done', 'snoozed')),
            until TEXT CHECK ((state = 'snoozed') = (until IS NOT NULL)),
            at TEXT NOT NULL,
            UNIQUE (key, user_id)
        ) STRICT""")


MIGRATIONS = (m220_reminder_marks,)  # after every earlier migration, as first applied
