"""The reports' migrations: the competitor a lost deal went to, and the indexes that let each
report read one period of history instead of all of it.

Plain functions; :mod:`zizhi.core.schema` registers them after every earlier area's.
"""

from __future__ import annotations


def m235_lost_to_competitor(db) -> None:
    """A lost deal may name the competitor it went to (``deal lose --competitor``), so market
    research sees whom the team loses to; kept as typed, grouped by its normalised name."""
    db.execute("ALTER TABLE deals ADD COLUMN competitor TEXT")


def m236_report_indexes(db) -> None:
    """Each report reads a period: stage changes by their time (moves, wins by stage, losses),
    deals by the day they opened, contracts by the day signed, payments and reversals by their
    day, and the clients each client referred."""
    db.execute("CREATE INDEX deal_stages_by_at ON deal_stages(at, to_stage)")
    db.execute("CREATE INDEX deals_by_created ON deals(created_at)")
    db.execute("CREATE INDEX contracts_by_signed ON contracts(signed_on) WHERE signed_on IS NOT NULL")
    db.execute("CREATE INDEX payments_by_day ON payments(paid_on)")
    db.execute("CREATE INDEX reversals_by_day ON reversals(on_date)")
    db.execute("CREATE INDEX clients_by_referrer ON clients(referrer_id) WHERE referrer_id IS NOT NULL")


MIGRATIONS = (m235_lost_to_competitor, m236_report_indexes)  # after the exchange's (issue 11)
