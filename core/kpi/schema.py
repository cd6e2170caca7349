"""The KPIs' tables and indexes: who owned each deal when, the managers' targets, and the indexes
that let a quarter's figures be read from its own rows instead of the whole history.

``deal_owners`` is the ownership history a figure needs to credit an event (a payment, a
signature, a visit) to whoever owned the deal on that day: a row for the owner a deal was opened
with and one for every change, written by triggers so that every way a deal changes hands (a
client assigned, an import, a shell) is caught. Deals from before it get their history back from
the audit trail (``deal.owner`` records), else their current owner from the day they were opened.
"""

from __future__ import annotations

import json


def m230_deal_owners(db) -> None:
    db.execute("""
        CREATE TABLE deal_owners (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            owner_id INTEGER REFERENCES users(id),
            since TEXT NOT NULL,
            day TEXT NOT NULL
        ) STRICT""")
    _backfill(db.conn)
    db.execute("CREATE INDEX deal_owners_by_deal ON deal_owners(deal_id, day, id)")
    db.execute("""CREATE TRIGGER deal_owners_opened AFTER INSERT ON deals BEGIN
        INSERT INTO deal_owners (deal_id, owner_id, since, day)
        VALUES (NEW.id, NEW.owner_id, NEW.created_at, substr(NEW.created_at, 1, 10)); END""")
    db.execute("""CREATE TRIGGER deal_owners_changed AFTER UPDATE OF owner_id ON deals
        WHEN NEW.owner_id IS NOT OLD.owner_id BEGIN
        INSERT INTO deal_owners (deal_id, owner_id, since, day)
        VALUES (NEW.id, NEW.owner_id, NEW.updated_at, substr(NEW.updated_at, 1, 10)); END""")
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"""CREATE TRIGGER deal_owners_no_{verb.lower()} BEFORE {verb} ON deal_owners BEGIN
            SELECT RAISE(ABORT, 'the deal ownership history is kept as it happened'); END""")


def _backfill(conn) -> None:
    """Each existing deal's owners in order: the audit trail's ``deal.owner`` moves when there
    are any (the first move names the owner it was opened with), else the owner it has now."""
    logins = dict(conn.execute("SELECT login, id FROM users").fetchall())
    moves: dict[int, list[tuple[str, list]]] = {}
    for deal_id, at, detail in conn.execute(
            "SELECT entity_id, at, detail FROM audit WHERE action = 'deal.owner' AND entity = 'deal' ORDER BY id"):
        owner = (json.loads(detail) if detail else {}).get("owner")
        if isinstance(owner, list) and len(owner) == 2:
            moves.setdefault(deal_id, []).append((at, owner))
    rows = []
    for deal_id, owner_id, created_at in conn.execute("SELECT id, owner_id, created_at FROM deals ORDER BY id"):
        history = moves.get(deal_id)
        if not history:
            rows.append((deal_id, owner_id, created_at))
            continue
        rows.append((deal_id, logins.get(history[0][1][0]), created_at))
        rows += [(deal_id, logins.get(new), at) for at, (_, new) in history]
    conn.executemany("INSERT INTO deal_owners (deal_id, owner_id, since, day) VALUES (?, ?, ?, substr(?, 1, 10))",
                     [(deal_id, owner_id, since, since) for deal_id, owner_id, since in rows])


def m231_kpi_indexes(db) -> None:
    """A quarter's events found by their day: money applied and reversed, contracts signed and
    amended, stage moves, visits done, authorities' outcomes."""
    db.execute("CREATE INDEX allocations_by_day ON allocations(on_date)")
    db.execute("CREATE INDEX reversals_by_day ON reversals(on_date)")
    db.execute("CREATE INDEX contracts_by_signed ON contracts(signed_on) WHERE signed_on IS NOT NULL")
    db.execute("CREATE INDEX contract_revisions_by_at ON contract_revisions(at)")
    db.execute("CREATE INDEX deal_stages_by_at ON deal_stages(at)")
    db.execute("CREATE INDEX deal_stages_by_end ON deal_stages(to_stage, at) WHERE to_stage IN ('lost', 'cancelled')")
    db.execute("CREATE INDEX visits_by_done ON visits(done_on) WHERE done_on IS NOT NULL")
    db.execute("CREATE INDEX handovers_by_outcome ON handovers(outcome_on) WHERE outcome_on IS NOT NULL")


def m232_kpi_targets(db) -> None:
    """A manager's targets for one person and quarter; a target not set is NULL (no attainment)."""
    db.execute("""
        CREATE TABLE kpi_targets (
            user_id INTEGER NOT NULL REFERENCES users(id),
            quarter TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
            revenue INTEGER CHECK (revenue >= 0),
            contract_value INTEGER CHECK (contract_value >= 0),
            new_clients INTEGER CHECK (new_clients >= 0),
            set_by INTEGER NOT NULL REFERENCES users(id),
            set_at TEXT NOT NULL,
            PRIMARY KEY (user_id, quarter)
        ) STRICT""")


MIGRATIONS = (m230_deal_owners, m231_kpi_indexes, m232_kpi_targets)  # after the exchange's (issue 12)
