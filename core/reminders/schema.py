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


def m221_reminder_outbox(db) -> None:
    """What each run delivered: one row per occurrence of a reminder (its key names the kind, the
    record and the day it fell due), recipient and channel — unique, so an occurrence is claimed
    once. ``claimed`` by a run (``run`` names it), ``sending`` while its message is on its way,
    then ``sent``, or ``failed`` with the error (retried by the next run). ``message_id`` is the
    message it went out in: a resend of a stuck claim reuses it."""
    db.execute("""CREATE TABLE reminder_outbox (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            channel TEXT NOT NULL CHECK (channel IN ('text', 'mail', 'chat')),
            state TEXT NOT NULL CHECK (state IN ('claimed', 'sending', 'sent', 'failed')),
            run TEXT NOT NULL,
            message_id TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            error TEXT CHECK ((state = 'failed') = (error IS NOT NULL)),
            claimed_at TEXT NOT NULL,
            sent_at TEXT CHECK ((state = 'sent') <= (sent_at IS NOT NULL)),
            changed_at TEXT NOT NULL,
            UNIQUE (key, user_id, channel)
        ) STRICT""")
    db.execute("CREATE INDEX reminder_outbox_open ON reminder_outbox (state) WHERE state <> 'sent'")


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


def m224_follow_ups_covered(db) -> None:
    """The morning's follow-ups (tens of thousands at 100,000 clients) read from an index holding all
    they show, not from each client's whole row: a third of the time of that read."""
    db.execute("""CREATE INDEX reminders_follow_ups ON clients (next_date, owner_id, name, next_step, archived_at)
                  WHERE next_date IS NOT NULL AND archived_at IS NULL""")


def m225_outbox_states(db) -> None:
    """Each morning's run asks the outbox the state of every reminder due (tens of thousands): an
    index that holds the state answers from itself, without a second look-up per reminder."""
    db.execute("CREATE INDEX reminder_outbox_states ON reminder_outbox (key, user_id, channel, state)")


def m226_deals_by_stage_covered(db) -> None:
    """The morning's stuck deals and credit re-checks read every open deal's client and stage date:
    from the stage index itself, not from each deal's row (the board's use of it is unchanged)."""
    db.execute("DROP INDEX deals_by_stage")
    db.execute("CREATE INDEX deals_by_stage ON deals (stage, owner_id, client_id, stage_since)")


MIGRATIONS = (m220_reminder_marks, m221_reminder_outbox, m222_user_chat_id,
              m223_reminder_calendar, m224_follow_ups_covered, m225_outbox_states, m226_deals_by_stage_covered)  # after every earlier migration, as first applied
