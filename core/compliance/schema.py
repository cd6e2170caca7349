"""The compliance area's tables: policy notices and who acknowledged them, the risk register and its
reviews, continuing-training sessions (rulebook §7.1, §7.3, §4.1)."""

from __future__ import annotations

from zizhi.core.vocab import RISK_CATEGORIES, RISK_LEVELS, RISK_STATUSES, sql_in


def m240_policy_notices(db) -> None:
    """A policy or regulation change legal records, the catalogue codes it touches (indexed by code:
    a deal's screen asks which notices touch its qualifications) and each person's acknowledgement,
    one per person and notice, never taken back."""
    db.execute("""CREATE TABLE policy_notices (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            effective_on TEXT NOT NULL,
            source TEXT,
            created_at TEXT NOT NULL,
            created_by INTEGER NOT NULL REFERENCES users(id)
        ) STRICT""")
    db.execute("""CREATE TABLE notice_codes (
            notice_id INTEGER NOT NULL REFERENCES policy_notices(id),
            code TEXT NOT NULL,
            PRIMARY KEY (notice_id, code)
        ) STRICT, WITHOUT ROWID""")
    db.execute("CREATE INDEX notice_codes_by_code ON notice_codes(code, notice_id)")
    db.execute("""CREATE TABLE notice_acks (
            notice_id INTEGER NOT NULL REFERENCES policy_notices(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            PRIMARY KEY (notice_id, user_id)
        ) STRICT, WITHOUT ROWID""")
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"""CREATE TRIGGER notice_acks_no_{verb.lower()} BEFORE {verb} ON notice_acks BEGIN
            SELECT RAISE(ABORT, 'an acknowledgement is kept as given'); END""")


def m241_risk_register(db) -> None:
    """The risk register: the level is not stored but read from the matrix in pricing.toml, so the
    register and its heat map always follow the matrix in force; each review is kept with the
    level it found. Indexed for the owners' agenda: the risks still open by their review day."""
    db.execute(f"""CREATE TABLE risks (
            id INTEGER PRIMARY KEY,
            category TEXT NOT NULL CHECK (category IN {sql_in(RISK_CATEGORIES)}),
            description TEXT NOT NULL,
            likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
            impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
            response TEXT,
            owner_id INTEGER NOT NULL REFERENCES users(id),
            status TEXT NOT NULL CHECK (status IN {sql_in(RISK_STATUSES)}),
            next_review_on TEXT CHECK ((status = 'closed') = (next_review_on IS NULL)),
            created_at TEXT NOT NULL,
            created_by INTEGER NOT NULL REFERENCES users(id),
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX risks_due ON risks(next_review_on, owner_id) WHERE status != 'closed'")
    db.execute(f"""CREATE TABLE risk_reviews (
            id INTEGER PRIMARY KEY,
            risk_id INTEGER NOT NULL REFERENCES risks(id),
            reviewed_on TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            note TEXT,
            likelihood INTEGER NOT NULL,
            impact INTEGER NOT NULL,
            level TEXT NOT NULL CHECK (level IN {sql_in(RISK_LEVELS)}),
            status TEXT NOT NULL CHECK (status IN {sql_in(RISK_STATUSES)}),
            next_review_on TEXT,
            at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX risk_reviews_by_risk ON risk_reviews(risk_id, id)")


def m242_training_sessions(db) -> None:
    """A continuing-training session with its attendees: each attendee's row stays in ``trainings``
    (what `user show` lists and a person's last training is read from), linked to its session."""
    db.execute("""CREATE TABLE training_sessions (
            id INTEGER PRIMARY KEY,
            held_on TEXT NOT NULL,
            topic TEXT NOT NULL,
            hours TEXT,
            trainer TEXT,
            notes TEXT,
            recorded_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL
        ) STRICT""")
    db.execute("ALTER TABLE trainings ADD COLUMN session_id INTEGER REFERENCES training_sessions(id)")
    db.execute("CREATE INDEX trainings_by_user ON trainings(user_id, held_on)")
    db.execute("CREATE INDEX trainings_by_session ON trainings(session_id) WHERE session_id IS NOT NULL")


MIGRATIONS = (m240_policy_notices, m241_risk_register, m242_training_sessions)
