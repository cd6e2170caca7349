"""Channels and referrals (rulebook §5.1): which channels and which referring clients bring
inquiries, clients and money, over any period.

Every figure of a client counts for the channel that brought the client (``clients.channel``) and,
for a referred client, for the client who referred them (``clients.referrer_id``) — so the channel
rows add up to the total, and a referrer's row is the sum of their referrals'. Over the period:

- **inquiries** — deals opened in it; **converted** — those of them whose contract has since been
  signed (to date), and **conversion** = converted ÷ inquiries, in basis points;
- **won** — deals whose contract was signed in it, and **won_value** their contract totals;
- **clients_won** — new clients: those whose first contract ever was signed in it;
- **revenue** — payments received in it (**received**) net of reversals dated in it (**reversed**),
  as the month-end reconciliation counts them: a payment reversed the day it came counts in
  neither, one reversed in a later period is taken off there;
- **days to close** — from a won deal's opening to its contract's signing: median and mean.

Salespeople see their own clients' figures; finance, managers and admins everyone's; legal and
operations are refused, naming this report and who reads it.

**Revenue here is not the KPI's.** It is money received from the channel's clients on the day paid,
credit still on account included (a payment in advance, an overpayment); a salesperson's KPI
revenue (:mod:`core.kpi.records`) counts only money applied to their contracts, on the day applied.
Both are right for what they answer — which channels bring money in, and what each salesperson's
contracts earned — and they differ by credit on account not yet applied (or applied in a later
period); the report says so under its table.
"""

from __future__ import annotations

from collections import defaultdict

from zizhi.core import access
from zizhi.core.errors import Refused
from zizhi.core.reports import figures, periods
from zizhi.core.reports.schema import CLIENTS
from zizhi.core.vocab import CHANNELS

# Who reads it: it shows money received, so those who read receivables (access.RECEIVABLES).
READERS = access.RECEIVABLES
UNRECORDED = "unrecorded"  # a client whose channel was never recorded
COUNTS = ("inquiries", "converted", "won", "won_value", "clients_won", "received", "reversed", "revenue")


def require_reader(user: dict) -> None:
    """It shows money received: those who read receivables read it, legal and operations do not."""
    if user["role"] not in READERS:
        raise Refused("report.channels_readers", role=user["role"])


def channels(desk, start: str, end: str) -> dict:
    """The period's figures per channel, per referring client, and in total (``start``/``end`` ISO days)."""
    require_reader(desk.user)
    cond, params = access.visible(desk.user)
    first, after = periods.stamps(start, end)
    rows: dict[tuple, dict] = defaultdict(_empty)
    for channel, referrer, field, amount in _facts(desk, cond, params, start, end, first, after):
        groups = [("channel", channel or UNRECORDED)] + ([("referrer", referrer)] if referrer else [])
        for group in groups:
            _add(rows[group], field, amount)
    by_channel = [_row(channel, rows[("channel", channel)]) for channel in (*CHANNELS, UNRECORDED)
                  if channel != UNRECORDED or ("channel", UNRECORDED) in rows]
    return {"from": start, "to": end, "channels": by_channel, "referrers": _referrers(desk, rows),
            "totals": _total(by_channel, [s for key, row in rows.items() if key[0] == "channel" for s in row["spans"]])}


def _add(row: dict, field: str, amount: int) -> None:
    if field == "days":
        row["spans"].append(amount)
        return
    row[field] += amount
    if field in ("received", "reversed"):
        row["revenue"] += amount if field == "received" else -amount


def _empty() -> dict:
    return {**dict.fromkeys(COUNTS, 0), "spans": []}


def _row(name, row: dict) -> dict:
    """A row's figures: its counts, the rate and the days to close worked out."""
    return {"name": name, **{k: row[k] for k in COUNTS}, "conversion": figures.rate(row["converted"], row["inquiries"]),
            "days_to_close": figures.days(row["spans"])}


def _total(rows: list[dict], spans: list[int]) -> dict:
    total = {k: sum(row[k] for row in rows) for k in COUNTS}
    return {**total, "conversion": figures.rate(total["converted"], total["inquiries"]),
            "days_to_close": figures.days(spans)}


def _referrers(desk, rows: dict) -> list[dict]:
    """A row per client who referred someone with a figure in the period, most revenue first."""
    ids = [key[1] for key in rows if key[0] == "referrer"]
    if not ids:
        return []
    names = dict(desk.store.tuples(
        f"SELECT id, name FROM clients WHERE id IN ({', '.join('?' * len(ids))})", ids)[1])
    found = [{**_row(names.get(client_id), rows[("referrer", client_id)]), "client_id": client_id}
             for client_id in ids]
    return sorted(found, key=lambda row: (-row["revenue"], -row["clients_won"], -row["inquiries"], row["client_id"]))


def _facts(desk, cond: str, params: list, start: str, end: str, first: str, after: str) -> list[tuple]:
    """Every figure of the period as (channel, referrer, figure, amount), summed by SQLite per
    channel and referrer: one query per kind of record, each reading only the period by its index."""
    client = "c.channel, c.referrer_id"
    facts = []
    for channel, referrer, inquiries, converted in _tuples(desk, f"""
            SELECT {client}, count(*), count(k.signed_on) FROM deals d JOIN {CLIENTS} ON c.id = d.client_id
            LEFT JOIN contracts k ON k.deal_id = d.id
            WHERE d.created_at >= ? AND d.created_at < ? AND {cond} GROUP BY 1, 2""", [first, after, *params]):
        facts += [(channel, referrer, "inquiries", inquiries), (channel, referrer, "converted", converted)]
    for channel, referrer, field, amount in _tuples(desk, f"""
            SELECT {client}, 'received', sum(p.amount) FROM payments p JOIN {CLIENTS} ON c.id = p.client_id
            WHERE p.paid_on BETWEEN ? AND ? AND {cond}
              AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = p.id AND r.on_date <= p.paid_on)
            GROUP BY 1, 2
            UNION ALL
            SELECT {client}, 'reversed', sum(p.amount) FROM reversals r JOIN payments p ON p.id = r.payment_id
            JOIN {CLIENTS} ON c.id = p.client_id
            WHERE r.on_date BETWEEN ? AND ? AND r.on_date > p.paid_on AND {cond} GROUP BY 1, 2""",
                                                    [start, end, *params, start, end, *params]):
        facts.append((channel, referrer, field, amount))
    return facts + _won(desk, cond, params, start, end)


def _won(desk, cond: str, params: list, start: str, end: str) -> list[tuple]:
    """The deals won in the period (contract signed), their value and days to close, and the
    clients among them whose first contract it was."""
    found = []
    for channel, referrer, days, first_time, count, total in _tuples(desk, f"""
            SELECT c.channel, c.referrer_id,
                   CAST(julianday(k.signed_on) - julianday(substr(d.created_at, 1, 10)) AS INTEGER),
                   NOT EXISTS (SELECT 1 FROM deals e JOIN contracts j ON j.deal_id = e.id
                               WHERE e.client_id = d.client_id AND j.signed_on IS NOT NULL
                                 AND (j.signed_on < k.signed_on OR (j.signed_on = k.signed_on AND j.id < k.id))),
                   count(*), sum(k.total)
            FROM contracts k JOIN deals d ON d.id = k.deal_id JOIN {CLIENTS} ON c.id = d.client_id
            WHERE k.signed_on BETWEEN ? AND ? AND {cond} GROUP BY 1, 2, 3, 4""", [start, end, *params]):
        found += [(channel, referrer, "won", count), (channel, referrer, "won_value", total)]
        found += [(channel, referrer, "days", max(days, 0))] * count
        if first_time:
            found.append((channel, referrer, "clients_won", count))
    return found


def _tuples(desk, sql: str, params: list) -> list[tuple]:
    return desk.store.tuples(sql, params)[1]
