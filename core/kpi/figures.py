"""Each salesperson's KPIs for a quarter (rulebook §4.3), the records behind any one of them, and
who may read whose.

The definitions are in :mod:`.records` (and said to users by ``zizhi kpi --explain``); here the
counts and sums become figures: money in fen, rates and attainment in basis points, a mean score
as a two-decimal string with its count. Reads only: nothing here writes, except the audit record
of an export, which the caller's export rule writes (``core/exports.py``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zizhi.core import access
from zizhi.core.errors import InputError, NotFound, Refused
from zizhi.core.kpi import quarters, records, targets
from zizhi.core.kpi.quarters import Quarter
from zizhi.core.people.users import not_on_duty, on_duty_before

SALES_SIDE = ("sales", "manager", "admin")


def figures(desk, login: str | None = None, quarter: str | Quarter | None = None) -> dict:
    """One person's KPIs for ``quarter`` (default: the current quarter, yourself), with targets and
    attainment. A salesperson reads their own; managers and admins anyone's."""
    q = quarters.chosen(desk, quarter)
    person = subject(desk, login)
    counted = records.tallies(desk.store, *q.bounds).get(person["id"], {})
    require_kept(person, bool(counted))
    return shaped(person, q, counted, targets.for_quarter(desk.store, q.name).get(person["id"]))


def team(desk, quarter: str | Quarter | None = None, metric: str = "revenue") -> dict:
    """Every salesperson's KPIs for ``quarter`` side by side, ranked by ``metric`` (managers and
    admins). The team is the active salespeople on duty in the quarter, anyone with a figure that
    quarter, and anyone on duty with a target for it; a salesperson not on duty in it (a trainee)
    is not ranked but named apart (``not_on_duty``)."""
    require_manager(desk)
    metric = metric_named(metric, ranked=True)
    q = quarters.chosen(desk, quarter)
    counted = records.tallies(desk.store, *q.bounds)
    goals = targets.for_quarter(desk.store, q.name)
    figured = ",".join(str(int(i)) for i in counted if i is not None) or "NULL"
    aimed = ",".join(str(int(i)) for i in goals if i is not None) or "NULL"
    on_duty = on_duty_before("u", ":end")
    people = desk.store.rows(
        f"""SELECT u.id, u.login, u.name, u.role FROM users u
            WHERE (u.role = 'sales' AND u.active = 1 AND {on_duty}) OR u.id IN ({figured})
               OR (u.id IN ({aimed}) AND (u.role != 'sales' OR {on_duty})) ORDER BY u.login""",
        {"end": q.following().first.isoformat()})
    rows = [shaped(person, q, counted.get(person["id"], {}), goals.get(person["id"])) for person in people]
    rank(rows, metric)
    ranked = {row["login"] for row in rows}
    return {"quarter": q.name, "from": q.first.isoformat(), "to": q.last.isoformat(), "metric": metric,
            "people": sorted(rows, key=lambda row: (row["rank"], row["login"])),
            "not_on_duty": [p for p in not_on_duty(desk.store, q.following().first.isoformat()) if p["login"] not in ranked]}


def drill(desk, metric: str, login: str | None = None, quarter: str | Quarter | None = None,
          stage: str | None = None) -> list[dict]:
    """The records behind one figure, oldest first: their ``amount`` adds up to a money or count
    figure, averages to a mean score, and counts approved (1) over decided for a rate.

    A revenue record says the day it was entered (``recorded_on``) and whether that was after the
    quarter ended (``recorded_later``): a payment or reversal dated in a closed quarter but entered
    later changed that quarter's figure after it closed, and this is where a reader sees which.

    ``stage`` (days per stage only): the stays in that one stage, whose mean is the KPI's for it —
    the figure is per stage, so a mean over every stage's stays would be no KPI."""
    metric = metric_named(metric)
    stage = stage_named(metric, stage)
    q = quarters.chosen(desk, quarter)
    person = subject(desk, login)
    found = records.rows(desk.store, metric, *q.bounds, person["id"])
    if stage is not None:
        found = [row for row in found if row.get("stage") == stage]
    require_kept(person, bool(found))
    last = q.last.isoformat()
    for row in found:
        row.pop("owner_id", None)
        row["login"] = person["login"]
        if "recorded" in row:
            row["recorded_on"] = row.pop("recorded")
            row["recorded_later"] = bool(row["recorded_on"] and row["recorded_on"] > last)
    return found


def stage_named(metric: str, stage: str | None) -> str | None:
    """A stage to drill the days of, as typed (its name or the rulebook's Chinese one); only the
    days per stage have one."""
    if stage is None:
        return None
    from zizhi.core.pipeline.stages import STAGES
    from zizhi.core.vocab import choose

    if metric != "stage_days":
        raise InputError("kpi.stage_only_days", value=stage, metric=metric)
    found = choose("stage", stage, "stage")
    if found not in STAGES:
        raise InputError("input.not_one_of", field="stage", value=stage, allowed=", ".join(STAGES))
    return found


def subject(desk, login: str | None) -> dict:
    """Whose KPIs: yourself unless you name someone, which only managers and admins may. KPIs are
    kept for salespeople: a manager or admin asking for their own is pointed to the team's
    instead of shown a table of zeros (a refusal, exit 1, as legal's or finance's)."""
    require_sales_side(desk.user)
    if not login or login == desk.user["login"]:
        if desk.user["role"] != "sales":
            raise Refused("kpi.own_not_sales", role=desk.user["role"])
        return {key: desk.user[key] for key in ("id", "login", "name", "role")}
    require_manager(desk)
    found = desk.store.one("SELECT id, login, name, role FROM users WHERE login = ?", [login])
    if not found:
        raise NotFound("people.not_found", login=login)
    return found


def require_kept(person: dict, counted: bool) -> None:
    """A colleague who is not a salesperson has no KPIs — unless the quarter has records of theirs
    (a salesperson since moved to another role keeps the quarters they sold in)."""
    if person["role"] != "sales" and not counted:
        raise Refused("kpi.not_sales", login=person["login"], role=person["role"])


def require_sales_side(user: dict) -> None:
    """KPIs are the sales side's to read: salespeople their own, managers and admins anyone's."""
    if user["role"] not in SALES_SIDE:
        raise Refused("kpi.sales_side_only", role=user["role"])


def require_manager(desk) -> None:
    if not access.is_manager(desk.user):
        raise Refused("kpi.managers_only", role=desk.user["role"])


def metric_named(name: str, ranked: bool = False) -> str:
    """A metric's name as typed ('revenue', 'contract-value', 'contracts' …), refused naming the list."""
    key = str(name).strip().lower().replace("-", "_")
    key = {"contracts": "contract_value", "clients": "new_clients", "success": "success_rate",
           "win": "win_rate", "stages": "stage_days"}.get(key, key)
    allowed = [m for m in records.METRICS if not (ranked and m == "stage_days")]
    if key not in allowed:
        raise InputError("kpi.metric_unknown", field="metric", value=name, allowed=", ".join(allowed))
    return key


def shaped(person: dict, q: Quarter, counted: dict, goals: dict | None) -> dict:
    """The figures of one person from their counts and sums (:func:`records.tallies`)."""
    count = lambda metric: counted.get(metric, (0, 0))  # noqa: E731
    revenue, contract_value = count("revenue")[1], count("contract_value")[1]
    new_clients = count("new_clients")[0]
    scored, score_total = count("satisfaction")
    decided, approved = count("success_rate")
    ended, won = count("win_rate")
    stays = counted.get("stage_days", {})
    goals = goals or {}
    achieved = {"revenue": revenue, "contract_value": contract_value, "new_clients": new_clients}
    return {
        "login": person["login"], "name": person["name"], "quarter": q.name,
        "from": q.first.isoformat(), "to": q.last.isoformat(),
        "revenue": revenue, "contract_value": contract_value, "new_clients": new_clients,
        "satisfaction": {"mean": mean(score_total, scored), "count": scored, "total": score_total},
        "success_rate": {"rate": ratio(approved, decided), "approved": approved, "decided": decided},
        "win_rate": {"rate": ratio(won, ended), "won": won, "lost": ended - won},
        "stage_days": {stage: {"mean": mean(days, n, places="0.1"), "count": n, "days": days}
                       for stage, (n, days) in sorted(stays.items(), key=lambda item: records.stage_order(item[0]))},
        "targets": {metric: goals.get(metric) for metric in records.TARGETED},
        "attainment": {metric: ratio(achieved[metric], goals.get(metric)) for metric in records.TARGETED},
    }


def ratio(part: int, whole: int | None) -> int | None:
    """``part`` ÷ ``whole`` in basis points, half a point rounded away from zero; None without a whole."""
    if not whole or whole <= 0:
        return None
    points, rest = divmod(abs(part) * 10_000, whole)
    if 2 * rest >= whole:
        points += 1
    return points if part >= 0 else -points


def mean(total: int, count: int, places: str = "0.01") -> str | None:
    """``total`` ÷ ``count`` as a decimal string ('4.33'), rounded half up; None when nothing counted."""
    if not count:
        return None
    return str((Decimal(total) / Decimal(count)).quantize(Decimal(places), rounding=ROUND_HALF_UP))


def sort_value(row: dict, metric: str) -> int | Decimal | None:
    """What ranks a row for ``metric``: the money or count, the rate, the mean score."""
    value = row[metric]
    if isinstance(value, dict):
        value = value.get("rate", value.get("mean"))
        return Decimal(value) if isinstance(value, str) else value
    return value


def rank(rows: list[dict], metric: str) -> None:
    """Rank 1 is the highest; equal figures share a rank (1, 1, 3); no figure at all ranks last."""
    values = [sort_value(row, metric) for row in rows]
    present = sorted((v for v in values if v is not None), reverse=True)
    for row, value in zip(rows, values):
        row["rank"] = present.index(value) + 1 if value is not None else len(present) + 1
