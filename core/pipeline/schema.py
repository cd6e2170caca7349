"""The pipeline's tables (rulebook §6): deals and their stage history, assessments, compliance
reviews, quotes, contracts and instalments, processing, certificates and after-sales visits.

Plain functions, registered by :mod:`zizhi.core.schema` after the foundation's, in the order of
``MIGRATIONS``. Money columns are whole fen;
percentages are basis points (600 = 6 %).
"""

from __future__ import annotations

from zizhi.core.pipeline.stages import STAGES
from zizhi.core.vocab import sql_in

DEAL_STATES = (*STAGES, "lost", "cancelled")


def m101_deals(db) -> None:
    db.execute(f"""
        CREATE TABLE deals (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            owner_id INTEGER REFERENCES users(id),
            title TEXT NOT NULL,
            stage TEXT NOT NULL CHECK (stage IN {sql_in(DEAL_STATES)}),
            value INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),
            probability INTEGER CHECK (probability BETWEEN 0 AND 10000),
            expected_close TEXT,
            channel TEXT,
            blocked INTEGER NOT NULL DEFAULT 0,
            end_reason TEXT,
            stage_since TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX deals_by_stage ON deals(stage, owner_id)")
    db.execute("CREATE INDEX deals_by_client ON deals(client_id)")
    db.execute("""
        CREATE TABLE deal_qualifications (
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            code TEXT NOT NULL,
            quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
            PRIMARY KEY (deal_id, code)
        ) STRICT, WITHOUT ROWID""")
    db.execute(f"""
        CREATE TABLE deal_stages (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            from_stage TEXT CHECK (from_stage IN {sql_in(DEAL_STATES)}),
            to_stage TEXT NOT NULL CHECK (to_stage IN {sql_in(DEAL_STATES)}),
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            note TEXT
        ) STRICT""")
    db.execute("CREATE INDEX deal_stages_by_deal ON deal_stages(deal_id, at)")
    db.execute("""
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            findings TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('reasonable', 'unreasonable', 'unlawful')),
            explanation TEXT,
            resolved_by INTEGER REFERENCES users(id),
            resolved_at TEXT,
            resolution TEXT
        ) STRICT""")
    db.execute("CREATE INDEX assessments_by_deal ON assessments(deal_id)")


def m102_quotes(db) -> None:
    db.execute("""
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            version INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'rejected', 'expired')),
            expedited INTEGER NOT NULL DEFAULT 0,
            valid_until TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            government_total INTEGER NOT NULL DEFAULT 0,
            service_total INTEGER NOT NULL DEFAULT 0,
            discount_total INTEGER NOT NULL DEFAULT 0,
            surcharge_total INTEGER NOT NULL DEFAULT 0,
            tax_total INTEGER NOT NULL DEFAULT 0,
            total INTEGER NOT NULL DEFAULT 0,
            needs_approval INTEGER NOT NULL DEFAULT 0,
            approved_by INTEGER REFERENCES users(id),
            approved_at TEXT,
            approval_note TEXT,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            sent_at TEXT,
            decided_at TEXT,
            decision_note TEXT,
            UNIQUE (deal_id, version)
        ) STRICT""")
    db.execute("""
        CREATE TABLE quote_lines (
            id INTEGER PRIMARY KEY,
            quote_id INTEGER NOT NULL REFERENCES quotes(id),
            position INTEGER NOT NULL,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            government_fee INTEGER NOT NULL CHECK (government_fee >= 0),
            service_fee INTEGER NOT NULL CHECK (service_fee >= 0),
            list_service_fee INTEGER NOT NULL CHECK (list_service_fee >= 0),
            discount INTEGER NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 10000),
            government_amount INTEGER NOT NULL,
            service_amount INTEGER NOT NULL,
            discount_amount INTEGER NOT NULL,
            surcharge_amount INTEGER NOT NULL,
            tax_amount INTEGER NOT NULL,
            total INTEGER NOT NULL,
            UNIQUE (quote_id, position)
        ) STRICT""")
    db.execute("""
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            quote_id INTEGER NOT NULL REFERENCES quotes(id),
            reviewer_id INTEGER NOT NULL REFERENCES users(id),
            decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
            reason TEXT,
            at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX reviews_by_quote ON reviews(quote_id, at)")


def m103_contracts(db) -> None:
    db.execute("""
        CREATE TABLE contracts (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL UNIQUE REFERENCES deals(id),
            quote_id INTEGER NOT NULL REFERENCES quotes(id),
            number TEXT NOT NULL UNIQUE,
            client_party TEXT NOT NULL,
            company_party TEXT NOT NULL,
            services TEXT NOT NULL,
            total INTEGER NOT NULL,
            penalty TEXT NOT NULL,
            signed_on TEXT,
            filed_finance_on TEXT,
            filed_legal_on TEXT,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL
        ) STRICT""")
    db.execute("""
        CREATE TABLE instalments (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contracts(id),
            position INTEGER NOT NULL,
            due_on TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            paid INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),
            paid_on TEXT,
            UNIQUE (contract_id, position)
        ) STRICT""")


def m104_processing(db) -> None:
    db.execute("""
        CREATE TABLE handovers (
            deal_id INTEGER PRIMARY KEY REFERENCES deals(id),
            operator_id INTEGER NOT NULL REFERENCES users(id),
            handed_by INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            expected_on TEXT NOT NULL,
            outcome TEXT CHECK (outcome IN ('approved', 'rejected')),
            outcome_reason TEXT,
            outcome_on TEXT
        ) STRICT""")
    db.execute("""
        CREATE TABLE processing_steps (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            code TEXT NOT NULL,
            position INTEGER NOT NULL,
            step TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'done')),
            on_date TEXT,
            UNIQUE (deal_id, code, position)
        ) STRICT""")
    db.execute("""
        CREATE TABLE delays (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            cause TEXT NOT NULL,
            days INTEGER NOT NULL DEFAULT 0,
            client_told INTEGER NOT NULL DEFAULT 0,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        ) STRICT""")


def m105_delivery(db) -> None:
    db.execute("""
        CREATE TABLE certificates (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            client_id INTEGER NOT NULL REFERENCES clients(id),
            code TEXT NOT NULL,
            number TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            expires_on TEXT,
            usage_notes TEXT NOT NULL,
            delivered_by INTEGER NOT NULL REFERENCES users(id),
            delivered_at TEXT NOT NULL,
            UNIQUE (code, number)
        ) STRICT""")
    db.execute("CREATE INDEX certificates_by_client ON certificates(client_id)")
    db.execute("CREATE INDEX certificates_by_expiry ON certificates(expires_on) WHERE expires_on IS NOT NULL")
    db.execute("""
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            client_id INTEGER NOT NULL REFERENCES clients(id),
            due_on TEXT NOT NULL,
            done_on TEXT,
            user_id INTEGER REFERENCES users(id),
            satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
            remarks TEXT,
            new_needs TEXT,
            new_deal_id INTEGER REFERENCES deals(id)
        ) STRICT""")
    db.execute("CREATE INDEX visits_due ON visits(due_on) WHERE done_on IS NULL")


def m110_contract_terms_and_payments(db) -> None:
    """The credit terms a contract was made on, its yearly sequence, and each payment received."""
    for column in ("credit_rating TEXT", "prepayment INTEGER", "guarantee TEXT",
                   "year INTEGER", "seq INTEGER"):
        db.execute(f"ALTER TABLE contracts ADD COLUMN {column}")
    db.execute("CREATE UNIQUE INDEX contracts_by_year_seq ON contracts(year, seq)")
    db.execute("""
        CREATE TABLE payments (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contracts(id),
            amount INTEGER NOT NULL CHECK (amount > 0),
            paid_on TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            note TEXT
        ) STRICT""")
    db.execute("CREATE INDEX payments_by_contract ON payments(contract_id, paid_on)")


def m106_quote_revisions(db) -> None:
    """A quote's revision (raised by every edit) and the revision each compliance review saw.

    A review counts only for the revision it was made on, so a quote edited after legal approved
    it needs a new review before it can be sent (core/reviews.py).
    """
    db.execute("ALTER TABLE quotes ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")
    db.execute("ALTER TABLE reviews ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")
    db.execute("CREATE INDEX quotes_by_deal ON quotes(deal_id, status)")


def m111_skipped_steps_and_ended_contracts(db) -> None:
    """A processing step may be skipped with its reason, and a contract records when its deal ended.

    The step's status CHECK gains 'skipped', which SQLite can change only by rebuilding the table
    (copied row for row, ids kept). A contract of a lost or cancelled deal is terminated (void when
    never signed); a manager may allow payments on it again, with the reason, for a settlement.
    """
    db.execute("""
        CREATE TABLE processing_steps_new (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            code TEXT NOT NULL,
            position INTEGER NOT NULL,
            step TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'in_progress', 'done', 'skipped')),
            on_date TEXT,
            reason TEXT,
            UNIQUE (deal_id, code, position)
        ) STRICT""")
    db.execute("""INSERT INTO processing_steps_new (id, deal_id, code, position, step, status, on_date)
                  SELECT id, deal_id, code, position, step, status, on_date FROM processing_steps""")
    db.execute("DROP TABLE processing_steps")
    db.execute("ALTER TABLE processing_steps_new RENAME TO processing_steps")
    for column in ("ended_on TEXT", "ended_by INTEGER REFERENCES users(id)", "payments_allowed_at TEXT",
                   "payments_allowed_by INTEGER REFERENCES users(id)", "payments_allowed_reason TEXT"):
        db.execute(f"ALTER TABLE contracts ADD COLUMN {column}")


def m213_contract_revisions(db) -> None:
    """A contract's amendments, each kept as a revision, and why a terminated contract ended.

    A revision holds the schedule and total before and after, so an instalment the amendment
    dropped or changed is still on record; revisions are history (triggers refuse editing them).
    An instalment's amount may not fall below what is paid and written off on it.
    """
    db.execute("""
        CREATE TABLE contract_revisions (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contracts(id),
            number INTEGER NOT NULL CHECK (number > 0),
            reason TEXT NOT NULL,
            old_total INTEGER NOT NULL,
            new_total INTEGER NOT NULL CHECK (new_total > 0),
            old_schedule TEXT NOT NULL,
            new_schedule TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            UNIQUE (contract_id, number)
        ) STRICT""")
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"""CREATE TRIGGER contract_revisions_no_{verb.lower()} BEFORE {verb} ON contract_revisions
            BEGIN SELECT RAISE(ABORT, 'contract revisions are history: amend the contract again instead'); END""")
    db.execute("""CREATE TRIGGER instalments_amount_covers_paid BEFORE UPDATE OF amount ON instalments
        WHEN NEW.amount < NEW.paid + NEW.written_off BEGIN
        SELECT RAISE(ABORT, 'an instalment cannot be made smaller than what is paid or written off on it'); END""")
    db.execute("ALTER TABLE contracts ADD COLUMN ended_reason TEXT")


MIGRATIONS = (m101_deals, m102_quotes, m103_contracts, m104_processing, m105_delivery, m110_contract_terms_and_payments,
              m106_quote_revisions, m111_skipped_steps_and_ended_contracts)
LAST = (m213_contract_revisions,)  # after every earlier migration, as first applied
