"""Market research (rulebook §5.1): where demand comes from and whom the team loses to, over any
period — per industry, region (the client's city) or qualification: the inquiries (deals opened),
the deals won (contract signed) and their value, the deals lost; and the deals lost by reason and
by the competitor they went to (``deal lose --competitor``), each grouped by its normalised
wording so "华信代理" and "华信 代理 " are one.

By qualification a deal counts once for each qualification it asks for (so the rows add up to more
deals than there are), and a won contract's value is shared among its qualifications in
proportion to its quote's lines (to the fen, adding up to the contract's total), a lost deal's
estimated value in proportion to the quantities asked for.
Salespeople see their own clients' figures; everyone else the company's.
"""

from __future__ import annotations

from collections import defaultdict

from zizhi.core import access
from zizhi.core.errors import InputError
from zizhi.core.reports import figures, periods
from zizhi.core.reports.schema import CLIENTS

GROUPINGS = ("industry", "region", "qualification")
UNRECORDED = "unrecorded"
COUNTS = ("inquiries", "won", "won_value", "lost", "lost_value")
_COLUMN = {"industry": "c.industry", "region": "c.city"}


def market(desk, start: str, end: str, by: str = "industry") -> dict:
    """The period's demand grouped ``by`` industry, region or qualification, with the losses by
    reason and by competitor (``start``/``end`` ISO days)."""
    if by not in GROUPINGS:
        raise InputError("input.not_one_of", field="by", value=by, allowed=", ".join(GROUPINGS))
    cond, params = access.visible(desk.user)
    first, after = periods.stamps(start, end)
    rows: dict[str, dict] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for group, field, amount in _facts(desk, by, cond, params, start, end, first, after):
        rows[group or UNRECORDED][field] += amount
    grouped = sorted(({"name": name, **row} for name, row in rows.items()),
                     key=lambda row: (-row["inquiries"], -row["won_value"], row["name"] == UNRECORDED, row["name"]))
    if by == "qualification":
        for row in grouped:
            found = desk.settings.catalogue.get(row["name"])
            row["label"] = f"{row['name']} {found.name_zh}" if found else row["name"]
    lost = _lost(desk, cond, params, first, after)
    return {"from": start, "to": end, "by": by, "groups": grouped,
            "totals": _totals(desk, cond, params, start, end, first, after, lost),
            "lost_by_reason": _tally(lost, "reason"), "lost_by_competitor": _tally(lost, "competitor")}


def _facts(desk, by: str, cond: str, params: list, start: str, end: str, first: str,
           after: str) -> list[tuple]:
    """(group, figure, amount) for the inquiries, wins and losses of the period, summed per group by SQLite."""
    if by == "qualification":
        return _by_qualification(desk, cond, params, start, end, first, after)
    column = _COLUMN[by]
    facts = []
    for group, kind, count, amount in desk.store.tuples(f"""
            SELECT {column}, 'inquiries', count(*), 0 FROM deals d JOIN {CLIENTS} ON c.id = d.client_id
            WHERE d.created_at >= ? AND d.created_at < ? AND {cond} GROUP BY 1
            UNION ALL
            SELECT {column}, 'won', count(*), sum(k.total) FROM contracts k JOIN deals d ON d.id = k.deal_id
            JOIN {CLIENTS} ON c.id = d.client_id WHERE k.signed_on BETWEEN ? AND ? AND {cond} GROUP BY 1
            UNION ALL
            SELECT {column}, 'lost', count(*), sum(d.value) FROM deal_stages h JOIN deals d ON d.id = h.deal_id
            JOIN {CLIENTS} ON c.id = d.client_id
            WHERE h.at >= ? AND h.at < ? AND h.to_stage = 'lost' AND {cond} GROUP BY 1""",
            [first, after, *params, start, end, *params, first, after, *params])[1]:
        facts.append((group, kind, count))
        if kind != "inquiries":
            facts.append((group, f"{kind}_value", amount))
    return facts


def _by_qualification(desk, cond: str, params: list, start: str, end: str, first: str,
                      after: str) -> list[tuple]:
    seen = _seen(cond)
    facts = desk.store.tuples(f"""
        SELECT q.code, 'inquiries', count(*) FROM deals d {seen}
        JOIN deal_qualifications q ON q.deal_id = d.id WHERE d.created_at >= ? AND d.created_at < ? AND {cond}
        GROUP BY 1
        UNION ALL
        SELECT q.code, 'won', count(*) FROM contracts k JOIN deals d ON d.id = k.deal_id {seen}
        JOIN deal_qualifications q ON q.deal_id = d.id WHERE k.signed_on BETWEEN ? AND ? AND {cond} GROUP BY 1
        UNION ALL
        SELECT q.code, 'lost', count(*) FROM deal_stages h JOIN deals d ON d.id = h.deal_id {seen}
        JOIN deal_qualifications q ON q.deal_id = d.id
        WHERE h.at >= ? AND h.at < ? AND h.to_stage = 'lost' AND {cond} GROUP BY 1""",
        [first, after, *params, start, end, *params, first, after, *params])[1]
    lines: dict[int, tuple[int, dict[str, int]]] = {}
    for contract, total, code, amount in desk.store.tuples(f"""
            SELECT k.id, k.total, l.code, sum(l.total) FROM contracts k JOIN deals d ON d.id = k.deal_id {seen}
            JOIN quote_lines l INDEXED BY quote_lines_by_code ON l.quote_id = k.quote_id
            WHERE k.signed_on BETWEEN ? AND ? AND {cond} GROUP BY k.id, l.code ORDER BY k.id, l.code""",
            [start, end, *params])[1]:
        lines.setdefault(contract, (total, {}))[1][code] = amount
    for total, shares in lines.values():
        facts += [(code, "won_value", amount) for code, amount in share(total, shares).items()]
    lost: dict[int, tuple[int, dict[str, int]]] = {}
    for deal, value, code, quantity in desk.store.tuples(f"""
            SELECT d.id, d.value, q.code, q.quantity FROM deal_stages h JOIN deals d ON d.id = h.deal_id {seen}
            JOIN deal_qualifications q ON q.deal_id = d.id
            WHERE h.at >= ? AND h.at < ? AND h.to_stage = 'lost' AND {cond} ORDER BY d.id, q.code""",
            [first, after, *params])[1]:
        lost.setdefault(deal, (value, {}))[1][code] = quantity
    for value, quantities in lost.values():
        facts += [(code, "lost_value", amount) for code, amount in share(value, quantities).items()]
    return facts


def _seen(cond: str) -> str:
    """The join to the clients a visibility condition needs: none for whoever sees every client."""
    return "" if cond == "1=1" else f"JOIN {CLIENTS} ON c.id = d.client_id"


def share(total: int, weights: dict[str, int]) -> dict[str, int]:
    """``total`` fen shared in proportion to ``weights``, to the fen: each its floor, then the fen
    left over one each to the largest remainders (the first of equal ones), so they add up."""
    whole = sum(weights.values())
    if whole <= 0:
        first = next(iter(weights))
        return {code: (total if code == first else 0) for code in weights}
    floors = {code: total * weight // whole for code, weight in weights.items()}
    left = total - sum(floors.values())
    order = sorted(weights, key=lambda code: -(total * weights[code] % whole))
    for code in order[:left]:
        floors[code] += 1
    return floors


def _totals(desk, cond: str, params: list, start: str, end: str, first: str, after: str, lost: list[dict]) -> dict:
    """The period's figures once each (by qualification the groups count a deal more than once)."""
    inquiries = desk.store.scalar(f"""SELECT count(*) FROM deals d JOIN {CLIENTS} ON c.id = d.client_id
                                      WHERE d.created_at >= ? AND d.created_at < ? AND {cond}""",
                                  [first, after, *params])
    won, value = desk.store.tuples(f"""SELECT count(*), coalesce(sum(k.total), 0) FROM contracts k
                                       JOIN deals d ON d.id = k.deal_id JOIN {CLIENTS} ON c.id = d.client_id
                                       WHERE k.signed_on BETWEEN ? AND ? AND {cond}""", [start, end, *params])[1][0]
    return {"inquiries": inquiries, "won": won, "won_value": value, "lost": len(lost),
            "lost_value": sum(row["value"] for row in lost)}


def _lost(desk, cond: str, params: list, first: str, after: str) -> list[dict]:
    """The deals lost in the period, with the reason given and the competitor named, if any."""
    return desk.store.rows(f"""
        SELECT d.id AS deal_id, d.value, coalesce(h.note, d.end_reason) AS reason, d.competitor
        FROM deal_stages h JOIN deals d ON d.id = h.deal_id JOIN {CLIENTS} ON c.id = d.client_id
        WHERE h.at >= ? AND h.at < ? AND h.to_stage = 'lost' AND {cond} ORDER BY h.at, h.id""",
        [first, after, *params])


def _tally(lost: list[dict], field: str) -> list[dict]:
    """The lost deals grouped by the normalised ``field``: how many, their value, shown by the
    spelling most used; those naming none last, as ``None``."""
    groups: dict[str, dict] = {}
    for row in lost:
        text = (row[field] or "").strip()
        group = groups.setdefault(figures.key(text), {"spellings": {}, "count": 0, "value": 0, "deals": []})
        if text:
            group["spellings"][text] = group["spellings"].get(text, 0) + 1
        group["count"] += 1
        group["value"] += row["value"]
        group["deals"].append(row["deal_id"])
    found = [{field: figures.spelled(g["spellings"]) if key else None, "count": g["count"], "value": g["value"],
              "deals": g["deals"]} for key, g in groups.items()]
    return sorted(found, key=lambda row: (row[field] is None, -row["count"], -row["value"], row[field] or ""))
