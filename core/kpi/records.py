"""The records behind each KPI, one SQL query per metric: a figure is only ever a sum or a count
over the rows its query returns, so the drill-down lists exactly what the figure adds up.

Every row carries ``owner_id``: whoever owned the deal on the event's day (:func:`owner_at`),
so a deal that changes hands mid-quarter credits each payment, signature, visit or outcome to the
person who owned it when it happened. A quarter's rows are those whose day falls in
``[:start, :end)`` — found through the day indexes of :mod:`.schema`, never a scan of the history.
"""

from __future__ import annotations

from zizhi.core.pipeline.stages import STAGES

METRICS = ("revenue", "contract_value", "new_clients", "satisfaction", "success_rate", "win_rate", "stage_days")
# The metrics a manager sets a target for (money in fen, clients counted).
TARGETED = ("revenue", "contract_value", "new_clients")


def owner_at(deal: str, day: str) -> str:
    """SQL for the deal's owner on ``day``: the latest change made that day or before; for an event
    dated before the deal was opened (an imported history), the owner it was opened with. A deal
    that never changed hands (most) is answered by its owner now, without reading its history."""
    return f"""CASE WHEN EXISTS (SELECT 1 FROM deal_owners x WHERE x.deal_id = {deal} AND x.changed = 1)
               THEN (SELECT owner_id FROM deal_owners WHERE id = coalesce(
                  (SELECT max(o.id) FROM deal_owners o WHERE o.deal_id = {deal} AND o.day <= {day}),
                  (SELECT min(o.id) FROM deal_owners o WHERE o.deal_id = {deal})))
               ELSE d.owner_id END"""


_DEAL = "JOIN deals d ON d.id = k.deal_id @CLIENTS@"
_ALLOCATED = f"""JOIN instalments i ON i.id = a.instalment_id JOIN contracts k ON k.id = i.contract_id {_DEAL}"""

# Money applied to the person's contracts in the quarter (payments, and credit applied from them),
# less the reversals dated in the quarter: a reversal counts on its own day, against whoever the
# reversed money was credited to. Each row says the day it was entered (``recorded``, the company's
# day of its stamp): a payment or reversal dated in a quarter but entered after the quarter ended
# changes that closed quarter's figure, and :func:`core.kpi.figures.drill` marks it.
REVENUE = f"""
    SELECT 'payment' AS kind, a.on_date AS day, d.id AS deal, @CLIENT@ AS client, k.number AS contract,
           i.position AS instalment, a.payment_id AS payment, a.amount AS amount,
           substr(a.at, 1, 10) AS recorded, {owner_at('d.id', 'a.on_date')} AS owner_id
    FROM allocations a {_ALLOCATED}
    WHERE a.on_date >= :start AND a.on_date < :end
    UNION ALL
    SELECT 'reversal', r.on_date, d.id, @CLIENT@, k.number, i.position, a.payment_id, -a.amount,
           substr(r.at, 1, 10), {owner_at('d.id', 'a.on_date')}
    FROM reversals r JOIN allocations a ON a.payment_id = r.payment_id {_ALLOCATED}
    WHERE r.on_date >= :start AND r.on_date < :end"""

# A contract counts at the total it was signed for; an amendment after signing counts its change
# of total on the day it was made. The rows of all quarters add up to the contracts' totals.
_AMENDED_AFTER = "v.contract_id = k.id AND substr(v.at, 1, 10) > k.signed_on"
CONTRACT_VALUE = f"""
    SELECT 'signed' AS kind, k.signed_on AS day, d.id AS deal, @CLIENT@ AS client, k.number AS contract,
           coalesce((SELECT v.old_total FROM contract_revisions v WHERE {_AMENDED_AFTER} ORDER BY v.number LIMIT 1),
                    k.total) AS amount,
           {owner_at('d.id', 'k.signed_on')} AS owner_id
    FROM contracts k {_DEAL}
    WHERE k.signed_on >= :start AND k.signed_on < :end
    UNION ALL
    SELECT 'amended', substr(v.at, 1, 10), d.id, @CLIENT@, k.number, v.new_total - v.old_total,
           {owner_at('d.id', 'substr(v.at, 1, 10)')}
    FROM contract_revisions v JOIN contracts k ON k.id = v.contract_id {_DEAL}
    WHERE v.at >= :start AND v.at < :end AND k.signed_on IS NOT NULL AND {_AMENDED_AFTER}"""

# A client is new in the quarter its first contract is signed (two signed the same day: the
# lower-numbered one is the first), and counts for whoever owned that contract's deal.
NEW_CLIENTS = f"""
    SELECT 'first_contract' AS kind, k.signed_on AS day, d.id AS deal, @CLIENT@ AS client, k.number AS contract,
           1 AS amount, {owner_at('d.id', 'k.signed_on')} AS owner_id
    FROM contracts k {_DEAL}
    WHERE k.signed_on >= :start AND k.signed_on < :end AND NOT EXISTS (
        SELECT 1 FROM deals d2 JOIN contracts k2 ON k2.deal_id = d2.id
        WHERE d2.client_id = d.client_id AND k2.signed_on IS NOT NULL
          AND (k2.signed_on < k.signed_on OR (k2.signed_on = k.signed_on AND k2.id < k.id)))"""

# After-sales visits done in the quarter with a satisfaction score (1-5).
SATISFACTION = f"""
    SELECT 'visit' AS kind, v.done_on AS day, d.id AS deal, @CLIENT@ AS client, v.id AS visit,
           v.satisfaction AS amount, {owner_at('d.id', 'v.done_on')} AS owner_id
    FROM visits v JOIN deals d ON d.id = v.deal_id @CLIENTS@
    WHERE v.done_on >= :start AND v.done_on < :end AND v.satisfaction IS NOT NULL"""

# The authority's decisions recorded in the quarter: approved counts 1, rejected 0.
SUCCESS_RATE = f"""
    SELECT h.outcome AS kind, h.outcome_on AS day, d.id AS deal, @CLIENT@ AS client,
           (h.outcome = 'approved') AS amount, {owner_at('d.id', 'h.outcome_on')} AS owner_id
    FROM handovers h JOIN deals d ON d.id = h.deal_id @CLIENTS@
    WHERE h.outcome_on >= :start AND h.outcome_on < :end AND h.outcome IS NOT NULL"""

# A deal is won when its contract is signed and lost when it is marked lost; cancelled deals are
# neither. Won counts 1, lost 0.
WIN_RATE = f"""
    SELECT 'won' AS kind, k.signed_on AS day, d.id AS deal, @CLIENT@ AS client, k.number AS contract,
           NULL AS reason, 1 AS amount, {owner_at('d.id', 'k.signed_on')} AS owner_id
    FROM contracts k {_DEAL}
    WHERE k.signed_on >= :start AND k.signed_on < :end
    UNION ALL
    SELECT 'lost', substr(s.at, 1, 10), d.id, @CLIENT@, NULL, d.end_reason, 0,
           {owner_at('d.id', 'substr(s.at, 1, 10)')}
    FROM deal_stages s JOIN deals d ON d.id = s.deal_id @CLIENTS@
    WHERE s.to_stage = 'lost' AND s.at >= :start AND s.at < :end"""

# Each stay in a stage that ended in the quarter (the deal moved on, back, or ended): whole days
# from the move into the stage to the move out (``stage_stays``, written as the deal moves). A
# stage crossed within one move (several stages at once) is no stay; an owner change is no move.
# It counts for the owner when the stay ended.
STAGE_DAYS = f"""
    SELECT 'stay' AS kind, y.day AS day, d.id AS deal, @CLIENT@ AS client, y.stage AS stage,
           substr(y.entered, 1, 10) AS entered, y.days AS amount, {owner_at('d.id', 'y.day')} AS owner_id
    FROM stage_stays y JOIN deals d ON d.id = y.deal_id @CLIENTS@
    WHERE y.day >= :start AND y.day < :end AND y.entered < y.left_at"""

_QUERIES = {"revenue": REVENUE, "contract_value": CONTRACT_VALUE, "new_clients": NEW_CLIENTS,
           "satisfaction": SATISFACTION, "success_rate": SUCCESS_RATE, "win_rate": WIN_RATE, "stage_days": STAGE_DAYS}


def query(metric: str, detail: bool = True) -> str:
    """The metric's SQL: with each record's client named (a drill-down), or without (a tally,
    which need not read the wide clients table)."""
    sql = _QUERIES[metric]
    if detail:
        return sql.replace("@CLIENTS@", "JOIN clients c ON c.id = d.client_id").replace("@CLIENT@", "c.name")
    return sql.replace("@CLIENTS@", "").replace("@CLIENT@", "NULL")


def rows(store, metric: str, start: str, end: str, owner_id: int) -> list[dict]:
    """The records behind ``metric`` for one person and quarter, oldest first."""
    return store.rows(f"SELECT * FROM ({query(metric)}) WHERE owner_id = :owner ORDER BY day, deal",
                      {"start": start, "end": end, "owner": owner_id})


def tallies(store, start: str, end: str) -> dict[int | None, dict]:
    """Every owner's counts and sums for the quarter: {owner_id: {metric: (count, sum)}}, with
    ``stage_days`` as {stage: (count, days)} — what each figure is made of."""
    found: dict[int | None, dict] = {}
    params = {"start": start, "end": end}
    for metric in METRICS:
        if metric == "stage_days":
            continue
        for owner_id, count, total in store.tuples(
                f"SELECT owner_id, count(*), sum(amount) FROM ({query(metric, False)}) GROUP BY owner_id", params)[1]:
            found.setdefault(owner_id, {})[metric] = (count, total or 0)
    for owner_id, stage, count, days in store.tuples(
            f"SELECT owner_id, stage, count(*), sum(amount) FROM ({query('stage_days', False)}) GROUP BY owner_id, stage", params)[1]:
        found.setdefault(owner_id, {}).setdefault("stage_days", {})[stage] = (count, days or 0)
    return found


def stage_order(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else len(STAGES)
