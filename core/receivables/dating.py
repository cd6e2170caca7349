"""A client's books are written in date order: an entry may be back-dated, but never to a day
whose books it would make wrong.

Every ledger operation decides from the books as they stand now — which instalments are open,
what credit is left — and dates its rows on the day it names. That is what the books allowed on
that day, and on every day since, only if nothing dated in between could have allowed less:

- **Money received and write-offs** only lower what is owed. Entered late, they take at most what
  is owed now, which is no more than was owed on any day since — unless something dated in
  between *raised* it: a reversal (which reopens what its payment filled) or an amendment (a
  larger instalment, a new one). A payment dated before such a day would fill an instalment the
  reversed payment still filled then (paid twice over on the days in between). So a bank slip that
  arrives late is recorded on its day, after later payments and write-offs, but never before the
  client's latest reversal or contract amendment.
- **Credit spent** — applied, refunded or taken back by a reversal — must have been on account on
  its day. Credit on account now may have come from a payment dated later, so these entries are
  dated on or after the latest entry of any kind on the client's books.

An amendment counts from the day it was made (:mod:`.in_force`).
"""

from __future__ import annotations

from zizhi.core.errors import InputError
from zizhi.core.receivables.in_force import REVISION_DAY

# The latest days of the entries that raise what the client owes.
_RAISING = f"""SELECT max(r.on_date) AS day FROM reversals r JOIN payments p ON p.id = r.payment_id WHERE p.client_id = :c
    UNION ALL SELECT max({REVISION_DAY.format(v='v')}) FROM contract_revisions v JOIN contracts k ON k.id = v.contract_id
              JOIN deals d ON d.id = k.deal_id WHERE d.client_id = :c"""
# … and of the rest.
_OTHERS = """SELECT max(paid_on) FROM payments WHERE client_id = :c
    UNION ALL SELECT max(a.on_date) FROM allocations a JOIN payments p ON p.id = a.payment_id WHERE p.client_id = :c
    UNION ALL SELECT max(on_date) FROM refunds WHERE client_id = :c
    UNION ALL SELECT max(w.on_date) FROM write_offs w JOIN instalments i ON i.id = w.instalment_id
              JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id WHERE d.client_id = :c"""


def latest_entry(db, client_id: int, raising_only: bool = False) -> str | None:
    """The day of the client's latest entry — of any kind, or only of those that raise what is
    owed (reversals, amendments) — or None when there is none."""
    parts = _RAISING if raising_only else f"{_RAISING}\n    UNION ALL {_OTHERS}"
    return db.execute(f"SELECT max(day) FROM ({parts})", {"c": client_id}).fetchone()[0]


def require_money_in_order(db, client_id: int, client_name: str, on_date: str, field: str) -> None:
    """A payment or a write-off: not dated before the client's latest reversal or amendment."""
    latest = latest_entry(db, client_id, raising_only=True)
    if latest and on_date < latest:
        raise InputError("ar.dated_before_reopened", field=field, value=on_date, client=client_name, latest=latest)


def require_credit_in_order(db, client_id: int, client_name: str, on_date: str, field: str) -> None:
    """Credit applied, a refund or a reversal: not dated before the client's latest entry."""
    latest = latest_entry(db, client_id)
    if latest and on_date < latest:
        raise InputError("ar.dated_before_latest", field=field, value=on_date, client=client_name, latest=latest)
