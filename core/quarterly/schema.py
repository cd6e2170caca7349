"""The quarterly personal reports' table (rulebook §4.3 季度个人工作总结): one per salesperson and
quarter, its four written sections, the figures frozen into it when it is filed, and the
manager's review.

A filed report is a record of what was reported: triggers refuse changing its sections, its
frozen figures or its filing afterwards (only the review is added), and refuse deleting one, so
no path — a shell, an import, a later version of a rule — rewrites what was filed.
"""

from __future__ import annotations

SECTIONS = ("results", "problems", "solutions", "plans")


def m250_quarterly_reports(db) -> None:
    """A report is a draft until ``filed_at``; ``figures`` (JSON, the KPIs as they stood) is set in
    the same moment and never before. Looked up by person and quarter (the unique key) and listed by
    quarter for the managers' roster."""
    texts = ",\n".join(f"            {name} TEXT NOT NULL DEFAULT ''" for name in SECTIONS)
    db.execute(f"""CREATE TABLE quarterly_reports (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            quarter TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
{texts},
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            filed_at TEXT,
            figures TEXT CHECK ((filed_at IS NULL) = (figures IS NULL)),
            reviewed_at TEXT CHECK (reviewed_at IS NULL OR filed_at IS NOT NULL),
            reviewed_by INTEGER REFERENCES users(id) CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL)),
            review_comment TEXT,
            UNIQUE (user_id, quarter)
        ) STRICT""")
    db.execute("CREATE INDEX quarterly_reports_by_quarter ON quarterly_reports(quarter, user_id)")
    kept = ", ".join((*SECTIONS, "figures", "filed_at", "user_id", "quarter"))
    db.execute(f"""CREATE TRIGGER quarterly_reports_filed_kept BEFORE UPDATE OF {kept} ON quarterly_reports
        WHEN OLD.filed_at IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'a filed quarterly report is kept as filed'); END""")
    db.execute("""CREATE TRIGGER quarterly_reports_no_delete BEFORE DELETE ON quarterly_reports BEGIN
        SELECT RAISE(ABORT, 'a quarterly report is never deleted'); END""")


MIGRATIONS = (m250_quarterly_reports,)  # after the compliance area's (issue 12)
