"""The credit checks' table: each check of a client's credit, kept as history.

A check is never edited or deleted (triggers refuse it): a rating that turns out wrong is
corrected by recording a new check, so how a client came to be rated stays readable.
"""

from __future__ import annotations

from zizhi.core.vocab import CREDIT_METHODS, sql_in


def m202_credit_checks(db) -> None:
    db.execute(f"""
        CREATE TABLE credit_checks (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            rating TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN {sql_in(CREDIT_METHODS)}),
            checked_on TEXT NOT NULL,
            notes TEXT,
            guarantor TEXT,
            guarantee_amount INTEGER CHECK (guarantee_amount IS NULL OR guarantee_amount > 0),
            guarantee_document TEXT,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX credit_checks_by_client ON credit_checks(client_id, checked_on, id)")
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"""CREATE TRIGGER credit_checks_no_{verb.lower()} BEFORE {verb} ON credit_checks BEGIN
            SELECT RAISE(ABORT, 'credit checks are history: record a new check instead'); END""")


LAST = (m202_credit_checks,)  # after every earlier migration, as first applied
