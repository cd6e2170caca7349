"""The reports' migrations: the competitor a lost deal went to, and the indexes that let each
report read one period of history instead of all of it.

Plain functions; :mod:`zizhi.core.schema` registers them after every earlier area's.
"""

from __future__ import annotations

# The clients as the reports join them: by the covering index of what they group by. SQLite's
# planner, without statistics, would look each client up in the wide table instead (3–4× slower).
CLIENTS = "clients c INDEXED BY clients_profile"


def m235_lost_to_competitor(db) -> None:
    """A lost deal may name the competitor it went to (``deal lose --competitor``), so market
    research sees whom the team loses to; kept as typed, grouped by its normalised name."""
    db.execute("ALTER TABLE deals ADD COLUMN competitor TEXT")


def m236_report_indexes(db) -> None:
    """Each report reads a period through an index holding what it asks (SQLite then never reads the
    wide rows): stage changes by their time (a week's moves, a period's losses), deals by the day
    they opened, contracts by the day signed (and what their quote sold of each qualification),
    payments and reversals by their day; the clients each
    client referred; a client's channel, referrer, owner, industry, city and name by its id (the
    reports group every deal and payment by them, and name the client of each deal of a week); the follow-ups waiting, by date and owner."""
    for narrower in ("deal_stages_by_at", "contracts_by_signed", "reversals_by_day"):  # the KPIs' (m231): these
        db.execute(f"DROP INDEX IF EXISTS {narrower}")  # hold the same first column and more, so serve them too
    db.execute("CREATE INDEX deal_stages_by_at ON deal_stages(at, to_stage, deal_id, from_stage, user_id)")
    db.execute("CREATE INDEX deals_by_created ON deals(created_at, client_id, owner_id)")
    db.execute("""CREATE INDEX contracts_by_signed ON contracts(signed_on, deal_id, total, quote_id)
                  WHERE signed_on IS NOT NULL""")
    db.execute("CREATE INDEX quote_lines_by_code ON quote_lines(quote_id, code, total)")
    db.execute("CREATE INDEX payments_by_day ON payments(paid_on, client_id, amount)")
    db.execute("CREATE INDEX reversals_by_day ON reversals(on_date, payment_id)")
    db.execute("CREATE INDEX clients_by_referrer ON clients(referrer_id) WHERE referrer_id IS NOT NULL")
    db.execute("CREATE INDEX clients_profile ON clients(id, channel, referrer_id, owner_id, industry, city, name)")
    db.execute("""CREATE INDEX clients_follow_up_owner ON clients(next_date, owner_id)
                  WHERE next_date IS NOT NULL AND archived_at IS NULL""")


MIGRATIONS = (m235_lost_to_competitor, m236_report_indexes)  # after the exchange's (issue 11)
