"""The receivables ledger's tables: what was received, where it went, and what undid it.

Nothing in the ledger is edited or deleted (triggers refuse it): a mistaken payment is undone by
a reversal, money returned by a refund, a debt given up by a write-off — each a row of its own,
dated, so any past day's picture can be read again (``as_of`` in :mod:`.ledger`). An instalment
keeps ``paid`` and ``written_off`` as the sums of its live rows, for the gates that read them;
a trigger refuses any change that would make them exceed the instalment.
"""

from __future__ import annotations

from zizhi.core.vocab import INVOICE_TYPES, PAYMENT_METHODS, sql_in

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


def m210_invoices(db) -> None:
    """Invoices (发票), the payments each covers, and voidings: all append-only.

    A red-letter invoice (红字发票) is an invoice row of its own, negative, naming the one it
    reverses, with negative links mirroring that one's; a voided invoice (作废) keeps its row and
    gains a voiding. What an invoice covers of a payment counts while it is not voided, so the
    links of live invoices never exceed a payment — a trigger holds that even against a shell.
    """
    db.execute(f"""
        CREATE TABLE invoices (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            type TEXT NOT NULL CHECK (type IN {sql_in(INVOICE_TYPES)}),
            on_date TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount <> 0),
            buyer TEXT NOT NULL,
            tax_id TEXT NOT NULL,
            address_phone TEXT,
            bank TEXT,
            bank_account TEXT,
            reverses_id INTEGER UNIQUE REFERENCES invoices(id),
            reason TEXT,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            UNIQUE (year, seq),
            CHECK ((reverses_id IS NULL) = (amount > 0)),
            CHECK (reverses_id IS NULL OR reason IS NOT NULL),
            CHECK (type <> 'special' OR (address_phone IS NOT NULL AND bank IS NOT NULL AND bank_account IS NOT NULL))
        ) STRICT""")
    db.execute("CREATE INDEX invoices_by_client ON invoices(client_id, on_date)")
    db.execute("""
        CREATE TABLE invoice_payments (
            invoice_id INTEGER NOT NULL REFERENCES invoices(id),
            payment_id INTEGER NOT NULL REFERENCES payments(id),
            amount INTEGER NOT NULL CHECK (amount <> 0),
            PRIMARY KEY (invoice_id, payment_id)
        ) STRICT""")
    db.execute("CREATE INDEX invoice_payments_by_payment ON invoice_payments(payment_id)")
    db.execute("""
        CREATE TABLE invoice_voids (
            invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id),
            on_date TEXT NOT NULL,
            reason TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        ) STRICT""")
    for table in INVOICING:
        for verb in ("UPDATE", "DELETE"):
            db.execute(f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN
                SELECT RAISE(ABORT, 'invoices are kept as issued: void or red-letter instead'); END""")
    db.execute("""CREATE TRIGGER invoice_payments_within_payment BEFORE INSERT ON invoice_payments
        WHEN NEW.amount + coalesce((SELECT sum(l.amount) FROM invoice_payments l WHERE l.payment_id = NEW.payment_id
              AND NOT EXISTS (SELECT 1 FROM invoice_voids v WHERE v.invoice_id = l.invoice_id)), 0)
             NOT BETWEEN 0 AND (SELECT amount FROM payments WHERE id = NEW.payment_id) BEGIN
        SELECT RAISE(ABORT, 'a payment cannot be invoiced beyond its amount'); END""")


INVOICING = ("invoices", "invoice_payments", "invoice_voids")
MIGRATIONS = (m120_receivables_ledger,)
LAST = (m210_invoices,)  # after every earlier migration, as first applied


def m211_dunning(db) -> None:
    """The dunning log: each action taken to collect a debt, what came of it and any promise to pay.

    An action is logged against one instalment or against a client (all their open instalments);
    ``dunning_covers`` says which instalments it was about, the ladder step each then stood at
    (``at_rung``, in the step's days from the due date) and the step it answered (``rung``, none
    when the action was milder than the step). Both are history: triggers refuse edits.
    """
    from zizhi.core.vocab import DUNNING_ACTIONS, DUNNING_OUTCOMES

    db.execute(f"""
        CREATE TABLE dunning_actions (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            instalment_id INTEGER REFERENCES instalments(id),
            action TEXT NOT NULL CHECK (action IN {sql_in(DUNNING_ACTIONS)}),
            outcome TEXT NOT NULL CHECK (outcome IN {sql_in(DUNNING_OUTCOMES)}),
            on_date TEXT NOT NULL,
            promise_on TEXT,
            promise_amount INTEGER CHECK (promise_amount IS NULL OR promise_amount > 0),
            note TEXT,
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            CHECK ((promise_on IS NULL) = (promise_amount IS NULL)),
            CHECK (promise_on IS NULL OR promise_on >= on_date)
        ) STRICT""")
    db.execute("CREATE INDEX dunning_actions_by_client ON dunning_actions(client_id, on_date)")
    db.execute("""
        CREATE TABLE dunning_covers (
            action_id INTEGER NOT NULL REFERENCES dunning_actions(id),
            instalment_id INTEGER NOT NULL REFERENCES instalments(id),
            at_rung INTEGER,
            rung INTEGER,
            PRIMARY KEY (action_id, instalment_id)
        ) STRICT""")
    db.execute("CREATE INDEX dunning_covers_by_instalment ON dunning_covers(instalment_id)")
    for table in ("dunning_actions", "dunning_covers"):
        for verb in ("UPDATE", "DELETE"):
            db.execute(f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN
                SELECT RAISE(ABORT, 'the dunning log is history: log a new action instead'); END""")


DUNNING = (m211_dunning,)  # after credit's, as first applied


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


RECONCILIATION = (m212_reconciled_periods,)  # after dunning's, as first applied
