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


def m222_user_chat_id(db) -> None:
    """The id the team group's robot @-mentions a person by (企业微信 userid, 钉钉 userId, 飞书 user_id);
    without one the robot mentions them by their mobile, where the platform allows it."""
    db.execute("ALTER TABLE users ADD COLUMN chat_id TEXT")


def m223_reminder_calendar(db) -> None:
    """What the calendar file last published per event (UID = reminder and person): the digest of its
    content and its SEQUENCE, which grows when the content changes, so subscribers update the event
    instead of keeping a stale copy; ``changed_at`` is its DTSTAMP."""
    db.execute("""CREATE TABLE reminder_calendar (
            uid TEXT PRIMARY KEY,
            digest TEXT NOT NULL,
            sequence INTEGER NOT NULL CHECK (sequence >= 0),
            changed_at TEXT NOT NULL
        ) STRICT""")


MIGRATIONS = (m220_reminder_marks, m222_user_chat_id, m223_reminder_calendar)  # after every earlier migration, as first applied
