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
            day TEXT NOT NULL,
            changed INTEGER NOT NULL DEFAULT 0 CHECK (changed IN (0, 1))
        ) STRICT""")
    _backfill(db.conn)
    db.execute("CREATE INDEX deal_owners_by_deal ON deal_owners(deal_id, day, id)")
    # The few deals that ever changed hands: the others are credited to their owner now, unread.
    db.execute("CREATE INDEX deal_owners_changed ON deal_owners(deal_id) WHERE changed = 1")
    db.execute("""CREATE TRIGGER deal_owners_opened AFTER INSERT ON deals BEGIN
        INSERT INTO deal_owners (deal_id, owner_id, since, day)
        VALUES (NEW.id, NEW.owner_id, NEW.created_at, substr(NEW.created_at, 1, 10)); END""")
    db.execute("""CREATE TRIGGER deal_owners_changed AFTER UPDATE OF owner_id ON deals
        WHEN NEW.owner_id IS NOT OLD.owner_id BEGIN
        INSERT INTO deal_owners (deal_id, owner_id, since, day, changed)
        VALUES (NEW.id, NEW.owner_id, NEW.updated_at, substr(NEW.updated_at, 1, 10), 1); END""")
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
            rows.append((deal_id, owner_id, created_at, 0))
            continue
        rows.append((deal_id, logins.get(history[0][1][0]), created_at, 0))
        rows += [(deal_id, logins.get(new), at, 1) for at, (_, new) in history]
    conn.executemany("""INSERT INTO deal_owners (deal_id, owner_id, since, day, changed)
                        VALUES (?, ?, ?, substr(?, 1, 10), ?)""",
                     [(deal_id, owner_id, since, since, changed) for deal_id, owner_id, since, changed in rows])


def m231_kpi_indexes(db) -> None:
    """A quarter's events found by their day: money applied and reversed, contracts signed and
    amended, stage moves, visits done, authorities' outcomes."""
    db.execute("CREATE INDEX allocations_by_day ON allocations(on_date)")
    db.execute("CREATE INDEX reversals_by_day ON reversals(on_date)")
    db.execute("CREATE INDEX contracts_by_signed ON contracts(signed_on) WHERE signed_on IS NOT NULL")
    db.execute("CREATE INDEX contract_revisions_by_at ON contract_revisions(at)")
    db.execute("CREATE INDEX deal_stages_by_at ON deal_stages(at)")
    db.execute("CREATE INDEX deal_stages_by_arrival ON deal_stages(to_stage, at)")
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


_MOVED = "(s.from_stage IS NULL OR s.from_stage <> s.to_stage)"
_STAY_DAYS = "CAST(julianday(substr({left}, 1, 10)) - julianday(substr({entered}, 1, 10)) AS INTEGER)"


def m233_stage_stays(db) -> None:
    """Each stay of a deal in a stage, written when the deal moves out of it: the stage, when it
    was entered (the deal's previous move) and left, and the whole days between.

    Average days per stage reads a quarter's stays by the day they ended, instead of putting each
    deal's whole history in order again for every report. A move within a stage (an owner change)
    is no move; a stage crossed within one move is kept with 0 days and left out by the figure.
    """
    db.execute("""
        CREATE TABLE stage_stays (
            move_id INTEGER PRIMARY KEY REFERENCES deal_stages(id),
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            stage TEXT NOT NULL,
            entered TEXT NOT NULL,
            left_at TEXT NOT NULL,
            day TEXT NOT NULL,
            days INTEGER NOT NULL
        ) STRICT""")
    stays_from_history(db.conn)
    db.execute(f"""CREATE TRIGGER deal_stages_stay AFTER INSERT ON deal_stages
        WHEN NEW.from_stage IS NOT NULL AND NEW.from_stage <> NEW.to_stage BEGIN
        INSERT INTO stage_stays (move_id, deal_id, stage, entered, left_at, day, days)
        SELECT NEW.id, NEW.deal_id, NEW.from_stage, e.at, NEW.at, substr(NEW.at, 1, 10),
               {_STAY_DAYS.format(left='NEW.at', entered='e.at')}
        FROM (SELECT s.at FROM deal_stages s WHERE s.deal_id = NEW.deal_id AND s.id < NEW.id AND {_MOVED}
              ORDER BY s.id DESC LIMIT 1) e; END""")
    db.execute("CREATE INDEX stage_stays_by_day ON stage_stays(day, deal_id, stage, days, entered, left_at)")


def stays_from_history(conn) -> None:
    """Every stay so far, from the stage history in the order it was written (as the trigger sees it)."""
    conn.execute(f"""INSERT INTO stage_stays (move_id, deal_id, stage, entered, left_at, day, days)
        SELECT id, deal_id, from_stage, entered, at, substr(at, 1, 10), {_STAY_DAYS.format(left='at', entered='entered')}
        FROM (SELECT s.id, s.deal_id, s.from_stage, s.at, LAG(s.at) OVER (PARTITION BY s.deal_id ORDER BY s.id) AS entered
              FROM deal_stages s WHERE {_MOVED})
        WHERE from_stage IS NOT NULL AND entered IS NOT NULL""")


MIGRATIONS = (m230_deal_owners, m231_kpi_indexes, m232_kpi_targets, m233_stage_stays)  # after the exchange's (issue 12)
