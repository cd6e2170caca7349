"""The receivables ledger's tables: what was received, where it went, and what undid it.

Nothing in the ledger is edited or deleted (triggers refuse it): a mistaken payment is undone by
a reversal, money returned by a refund, a debt given up by a write-off — each a row of its own,
dated, so any past day's picture can be read again (``as_of`` in :mod:`.ledger`). An instalment
keeps ``paid`` and ``written_off`` as the sums of its live rows, for the gates that read them;
a trigger refuses any change that would make them exceed the instalment.
"""

from __future__ import annotations

from zizhi.core.vocab import PAYMENT_METHODS, sql_in

LEDGER = ("payments", "allocations", "reversals", "refunds", "write_offs")


def m120_receivables_ledger(db) -> None:
    """Payments become the client's (a contract only named), allocated to instalments row by row.

    The payments so far each went to one contract's earliest unpaid instalments; they are copied
    with their client and replayed in that order into allocations, which add up to each
    instalment's ``paid`` as before.
    """
    db.execute(f"""
        CREATE TABLE payments_new (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            contract_id INTEGER REFERENCES contracts(id),
            amount INTEGER NOT NULL CHECK (amount > 0),
            paid_on TEXT NOT NULL,
            method TEXT NOT NULL DEFAULT 'bank_transfer' CHECK (method IN {sql_in(PAYMENT_METHODS)}),
            reference TEXT,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            note TEXT
        ) STRICT""")
    db.execute("""INSERT INTO payments_new (id, client_id, contract_id, amount, paid_on, user_id, at, note)
                  SELECT p.id, d.client_id, p.contract_id, p.amount, p.paid_on, p.user_id, p.at, p.note
                  FROM payments p JOIN contracts k ON k.id = p.contract_id JOIN deals d ON d.id = k.deal_id""")
    db.execute("DROP TABLE payments")
    db.execute("ALTER TABLE payments_new RENAME TO payments")
    db.execute("CREATE INDEX payments_by_client ON payments(client_id, paid_on)")
    db.execute("CREATE INDEX payments_by_contract ON payments(contract_id, paid_on)")
    db.execute("""
        CREATE TABLE allocations (
            id INTEGER PRIMARY KEY,
            payment_id INTEGER NOT NULL REFERENCES payments(id),
            instalment_id INTEGER NOT NULL REFERENCES instalments(id),
            amount INTEGER NOT NULL CHECK (amount > 0),
            on_date TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX allocations_by_instalment ON allocations(instalment_id, on_date)")
    db.execute("CREATE INDEX allocations_by_payment ON allocations(payment_id)")
    db.execute("""
        CREATE TABLE reversals (
            id INTEGER PRIMARY KEY,
            payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),
            on_date TEXT NOT NULL,
            reason TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        ) STRICT""")
    db.execute(f"""
        CREATE TABLE refunds (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            amount INTEGER NOT NULL CHECK (amount > 0),
            on_date TEXT NOT NULL,
            method TEXT NOT NULL DEFAULT 'bank_transfer' CHECK (method IN {sql_in(PAYMENT_METHODS)}),
            reference TEXT,
            reason TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX refunds_by_client ON refunds(client_id, on_date)")
    db.execute("""
        CREATE TABLE write_offs (
            id INTEGER PRIMARY KEY,
            instalment_id INTEGER NOT NULL REFERENCES instalments(id),
            amount INTEGER NOT NULL CHECK (amount > 0),
            on_date TEXT NOT NULL,
            reason TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX write_offs_by_instalment ON write_offs(instalment_id, on_date)")
    db.execute("ALTER TABLE instalments ADD COLUMN written_off INTEGER NOT NULL DEFAULT 0")
    replay_unallocated(db.conn)
    for table in LEDGER:
        for verb in ("UPDATE", "DELETE"):
            db.execute(f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN
                SELECT RAISE(ABORT, 'the receivables ledger is append-only: reverse, refund or write off instead'); END""")
    db.execute("""CREATE TRIGGER instalments_within_amount BEFORE UPDATE OF paid, written_off ON instalments
        WHEN NEW.paid < 0 OR NEW.written_off < 0 OR NEW.paid + NEW.written_off > NEW.amount BEGIN
        SELECT RAISE(ABORT, 'an instalment cannot be paid or written off beyond its amount'); END""")


def replay_unallocated(conn) -> None:
    """Write down where each payment without allocations went: its contract's earliest unpaid
    instalments, in the order the payments came — the rule they were recorded by (payments before
    the ledger, and the demo's, which it builds row by row)."""
    filled = dict(conn.execute(
        "SELECT instalment_id, sum(amount) FROM allocations GROUP BY instalment_id").fetchall())
    for payment_id, contract_id, amount, paid_on, user_id, at in conn.execute(
            """SELECT id, contract_id, amount, paid_on, user_id, at FROM payments p
               WHERE NOT EXISTS (SELECT 1 FROM allocations a WHERE a.payment_id = p.id)
               ORDER BY paid_on, id""").fetchall():
        for instalment_id, due in conn.execute(
                "SELECT id, amount FROM instalments WHERE contract_id = ? ORDER BY position", [contract_id]).fetchall():
            take = min(amount, due - filled.get(instalment_id, 0))
            if take <= 0:
                continue
            conn.execute("""INSERT INTO allocations (payment_id, instalment_id, amount, on_date, user_id, at)
                            VALUES (?, ?, ?, ?, ?, ?)""", [payment_id, instalment_id, take, paid_on, user_id, at])
            filled[instalment_id] = filled.get(instalment_id, 0) + take
            amount -= take
            if not amount:
                break


def m212_reconciled_periods(db) -> None:
    """A month finance has reconciled: who marked it, when, and the totals it agreed then.

    A period may be marked again after a later change (a new row: the latest mark is the one a
    report compares with); no mark is edited or deleted.
    """
    db.execute("""
        CREATE TABLE reconciled_periods (
            id INTEGER PRIMARY KEY,
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            totals TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX reconciled_periods_by_period ON reconciled_periods(period, at)")
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"""CREATE TRIGGER reconciled_periods_no_{verb.lower()} BEFORE {verb} ON reconciled_periods BEGIN
            SELECT RAISE(ABORT, 'a reconciled period is marked again, never edited or deleted'); END""")


MIGRATIONS = (m120_receivables_ledger,)
LAST = (m212_reconciled_periods,)
