"""The risk register (rulebook §7.3): each business risk with its category, likelihood and impact
(1–5), the level the matrix in pricing.toml ``[risk]`` gives them, the response, an owner, a status
and the day it is next reviewed.

The level is read from the matrix in force, never stored with the risk, so changing the matrix
re-rates the whole register and its heat map at once; a review keeps the level it found. A review
moves the next review day on by the level's ``review_days``; a review that has come is on the
owner's agenda (:mod:`core.reminders.sources_compliance`). Legal, managers and admins add and
change risks; an owner reviews their own (so may legal, managers and admins). The register is
seen whole by legal, finance, managers and admins; anyone else sees the risks they own.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import audit, clock, validation
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.vocab import RISK_LEVELS, choose

KEEPERS = ("legal", "manager", "admin")  # add, change and review any risk
READERS = ("legal", "finance", "manager", "admin")  # see the whole register
FIELDS = ("category", "description", "likelihood", "impact", "response", "owner_id", "status", "next_review_on")


def level_of(settings, likelihood: int, impact: int) -> str:
    """The matrix's level for a likelihood and an impact (each 1–5)."""
    return settings.pricing.risk.matrix[likelihood - 1][impact - 1]


def next_review(settings, level: str, after: str) -> str:
    """The day a risk of ``level`` reviewed on ``after`` is reviewed next."""
    days = settings.pricing.risk.review_days[level]
    return (dt.date.fromisoformat(after) + dt.timedelta(days=days)).isoformat()


def add_risk(desk, category: str, description: str, likelihood: int | str, impact: int | str,
             response: str | None = None, owner: str | None = None, status: str | None = None,
             next_review_on: str | None = None) -> dict:
    """Enter a risk in the register; its owner is the acting user unless named, its first review
    due after its level's interval unless a day is given."""
    with desk.store.unit_of_work() as db:
        _require_keeper(desk)
        values = {
            "category": _category(category), "description": _description(description),
            "likelihood": _scale(likelihood, "likelihood"), "impact": _scale(impact, "impact"),
            "response": _text(response, "response"), "owner_id": _owner(db, owner)["id"] if owner else desk.user["id"],
            "status": choose("risk_status", status, "status") or "open",
        }
        values["next_review_on"] = _review_day(desk, values, next_review_on)
        now = clock.stamp()
        risk_id = db.execute(
            f"""INSERT INTO risks ({", ".join(FIELDS)}, created_at, created_by, updated_at)
                VALUES ({", ".join("?" for _ in FIELDS)}, ?, ?, ?)""",
            [*(values[name] for name in FIELDS), now, desk.user["id"], now]).lastrowid
        audit.record(db, desk.user, "risk.add", "risk", risk_id, **values,
                     level=level_of(desk.settings, values["likelihood"], values["impact"]))
    return get_risk(desk, risk_id)


def update_risk(desk, risk_id: int | str, category: str | None = None, description: str | None = None,
                likelihood: int | str | None = None, impact: int | str | None = None, response: str | None = None,
                owner: str | None = None, status: str | None = None, next_review_on: str | None = None) -> dict:
    """Change what is given (legal, managers, admins). Closing a risk ends its reviews; reopening
    one schedules the next after its level's interval, unless a day is given."""
    with desk.store.unit_of_work() as db:
        _require_keeper(desk)
        risk = _risk(desk, risk_id)
        wanted: dict = {}
        if category is not None:
            wanted["category"] = _category(category)
        if description is not None:
            wanted["description"] = _description(description)
        if likelihood is not None:
            wanted["likelihood"] = _scale(likelihood, "likelihood")
        if impact is not None:
            wanted["impact"] = _scale(impact, "impact")
        if response is not None:
            wanted["response"] = _text(response, "response")
        if owner is not None:
            wanted["owner_id"] = _owner(db, owner)["id"]
        if status is not None:
            wanted["status"] = _status(status)
        after = {**risk, **wanted}
        if next_review_on is not None or after["status"] == "closed" or risk["status"] == "closed":
            wanted["next_review_on"] = _review_day(desk, after, next_review_on)
        changed = audit.changes(risk, wanted)
        if not changed:
            raise InputError("risk.nothing_to_change")
        sets = ", ".join(f"{name} = ?" for name in changed)
        db.execute(f"UPDATE risks SET {sets}, updated_at = ? WHERE id = ?",
                   [*(wanted[name] for name in changed), clock.stamp(), risk["id"]])
        audit.record(db, desk.user, "risk.update", "risk", risk["id"], **changed)
    return get_risk(desk, risk["id"])


def review_risk(desk, risk_id: int | str, note: str | None = None, likelihood: int | str | None = None,
                impact: int | str | None = None, status: str | None = None, response: str | None = None) -> dict:
    """Record a review of the risk today (its owner, or legal, a manager or an admin), re-rating it
    if asked, and move its next review on by the interval of the level it now has — or end its
    reviews when the review closes it."""
    with desk.store.unit_of_work() as db:
        risk = _risk(desk, risk_id)
        require_reviewer(desk.user, risk)
        if risk["status"] == "closed":
            raise UserError("risk.closed", id=risk["id"])
        after = {**risk, "likelihood": _scale(likelihood, "likelihood") if likelihood is not None else risk["likelihood"],
                 "impact": _scale(impact, "impact") if impact is not None else risk["impact"],
                 "status": _status(status) if status is not None else risk["status"],
                 "response": _text(response, "response") if response is not None else risk["response"]}
        note = _text(note, "note")
        today = clock.company_today(desk).isoformat()
        level = level_of(desk.settings, after["likelihood"], after["impact"])
        after["next_review_on"] = None if after["status"] == "closed" else next_review(desk.settings, level, today)
        changed = audit.changes(risk, {name: after[name] for name in
                                       ("likelihood", "impact", "status", "response", "next_review_on")})
        db.execute("""UPDATE risks SET likelihood = ?, impact = ?, status = ?, response = ?, next_review_on = ?,
                      updated_at = ? WHERE id = ?""",
                   [after["likelihood"], after["impact"], after["status"], after["response"], after["next_review_on"],
                    clock.stamp(), risk["id"]])
        db.execute("""INSERT INTO risk_reviews (risk_id, reviewed_on, user_id, note, likelihood, impact, level, status,
                      next_review_on, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                   [risk["id"], today, desk.user["id"], note, after["likelihood"], after["impact"], level,
                    after["status"], after["next_review_on"], clock.stamp()])
        audit.record(db, desk.user, "risk.review", "risk", risk["id"], note=note, level=level, **changed)
    return get_risk(desk, risk["id"])


def require_reviewer(user: dict, risk: dict) -> None:
    """A risk is reviewed by its owner, or by legal, a manager or an admin (the app asks this
    before it opens the review form)."""
    if risk.get("owner_id") != user["id"] and user["role"] not in KEEPERS:
        raise Refused("risk.reviewers_only", id=risk.get("id"), owner=risk.get("owner", ""), role=user["role"])


def get_risk(desk, risk_id: int | str) -> dict:
    """One risk the acting user may see, with its level and its reviews, newest first."""
    risk = _risk(desk, risk_id)
    risk["reviews"] = desk.store.rows(
        """SELECT r.reviewed_on, u.login AS user, r.likelihood, r.impact, r.level, r.status, r.next_review_on, r.note
           FROM risk_reviews r JOIN users u ON u.id = r.user_id WHERE r.risk_id = ? ORDER BY r.id DESC""",
        [risk["id"]])
    return risk


def list_risks(desk, status: str | None = None, category: str | None = None, owner: str | None = None,
               level: str | None = None, include_closed: bool = False) -> list[dict]:
    """The risks the acting user may see, gravest first (level, then likelihood × impact), then the
    review due soonest. Closed ones only with ``include_closed`` or ``status`` closed."""
    where, params = _seen(desk)
    if status:
        where.append("r.status = ?")
        params.append(choose("risk_status", status, "status"))
    elif not include_closed:
        where.append("r.status != 'closed'")
    if category:
        where.append("r.category = ?")
        params.append(_category(category))
    if owner:
        where.append("u.login = ?")
        params.append(owner)
    rows = [_rated(desk, row) for row in desk.store.rows(f"{_SELECT} WHERE {' AND '.join(where)}", params)]
    if level:
        wanted = _level(level)
        rows = [row for row in rows if row["level"] == wanted]
    rows.sort(key=lambda r: (-RISK_LEVELS.index(r["level"]), -r["likelihood"] * r["impact"],
                             r["next_review_on"] or "9999", r["id"]))
    return rows


def heat_map(desk, include_closed: bool = False) -> dict:
    """The register as a likelihood × impact grid: per cell its level (from the matrix) and how
    many of the risks the acting user sees sit in it (open and mitigating ones, or all).

    ``{"cells": [{"likelihood", "impact", "level", "count", "ids"}] (25, likelihood 5 first),
    "total", "by_level": {level: count}}``
    """
    where, params = _seen(desk)
    if not include_closed:
        where.append("r.status != 'closed'")
    found: dict[tuple[int, int], list[int]] = {}
    for risk_id, likelihood, impact in desk.store.tuples(
            f"SELECT r.id, r.likelihood, r.impact FROM risks r JOIN users u ON u.id = r.owner_id "
            f"WHERE {' AND '.join(where)} ORDER BY r.id", params)[1]:
        found.setdefault((likelihood, impact), []).append(risk_id)
    cells = [{"likelihood": likelihood, "impact": impact, "level": level_of(desk.settings, likelihood, impact),
              "count": len(found.get((likelihood, impact), [])), "ids": found.get((likelihood, impact), [])}
             for likelihood in range(5, 0, -1) for impact in range(1, 6)]
    by_level = {level: sum(c["count"] for c in cells if c["level"] == level) for level in RISK_LEVELS}
    return {"cells": cells, "total": sum(c["count"] for c in cells), "by_level": by_level}


def due_reviews(store, day: str, owner_id: int | None = None) -> list[tuple]:
    """(risk id, category, description, next review day, owner's login, likelihood, impact) of the
    risks still open whose review has come by ``day`` — or only ``owner_id``'s: the agenda's."""
    mine = "" if owner_id is None else f" AND r.owner_id = {int(owner_id)}"
    return store.tuples(
        f"""SELECT r.id, r.category, r.description, r.next_review_on, u.login, r.likelihood, r.impact
            FROM risks r INDEXED BY risks_due JOIN users u ON u.id = r.owner_id
            WHERE r.status != 'closed' AND r.next_review_on <= ?{mine}""", [day])[1]


_SELECT = """SELECT r.id, r.category, r.description, r.likelihood, r.impact, r.response, r.owner_id,
                    u.login AS owner, r.status, r.next_review_on, r.created_at, c.login AS created_by, r.updated_at
             FROM risks r JOIN users u ON u.id = r.owner_id JOIN users c ON c.id = r.created_by"""


def _risk(desk, risk_id: int | str) -> dict:
    number = validation.whole_number(risk_id)
    if number is None:
        raise InputError("risk.id_format", value=validation.shown(str(risk_id)))
    where, params = _seen(desk)
    risk = desk.store.one(f"{_SELECT} WHERE r.id = ? AND {' AND '.join(where)}", [number, *params])
    if risk is None:
        raise NotFound("risk.not_found", id=number)
    return _rated(desk, risk)


def _rated(desk, risk: dict) -> dict:
    risk["level"] = level_of(desk.settings, risk["likelihood"], risk["impact"])
    return risk


def _seen(desk) -> tuple[list[str], list]:
    if desk.user["role"] in READERS:
        return ["1=1"], []
    return ["r.owner_id = ?"], [desk.user["id"]]


def _review_day(desk, risk: dict, given: str | None) -> str | None:
    """A closed risk has no review ahead; otherwise the day given, else after the level's interval."""
    if risk["status"] == "closed":
        return None
    day = validation.date(given, "next-review")
    if day is not None:
        if day < clock.company_today(desk).isoformat():
            raise InputError("risk.review_in_past", field="next-review", value=day, today=clock.company_today(desk).isoformat())
        return day
    level = level_of(desk.settings, risk["likelihood"], risk["impact"])
    return next_review(desk.settings, level, clock.company_today(desk).isoformat())


def _owner(db, login: str) -> dict:
    found = db.execute("SELECT id, login, active FROM users WHERE login = ?", [login.strip()]).fetchone()
    if not found or not found[2]:
        raise NotFound("risk.unknown_owner", field="owner", value=validation.shown(login))
    return {"id": found[0], "login": found[1]}


def _category(value: str | None) -> str:
    category = choose("risk_category", value, "category")
    if category is None:
        raise InputError("input.required", field="category")
    return category


def _status(value: str) -> str:
    status = choose("risk_status", value, "status")
    if status is None:
        raise InputError("input.required", field="status")
    return status


def _level(value: str) -> str:
    word = str(value).strip().lower()
    found = next((level for level in RISK_LEVELS if word == level or value.strip() in _LEVEL_WORDS.get(level, ())),
                 None)
    if found is None:
        raise InputError("input.not_one_of", field="level", value=validation.shown(value), allowed=", ".join(RISK_LEVELS))
    return found


_LEVEL_WORDS = {"low": ("低",), "medium": ("中",), "high": ("高",), "critical": ("极高", "严重", "重大")}


def _description(value: str | None) -> str:
    validation.text(value, "description", multiline=True)
    if value is None or not value.strip():
        raise InputError("input.required", field="description")
    return value.strip()


def _scale(value: int | str | None, field: str) -> int:
    if value is None:
        raise InputError("input.required", field=field)
    return validation.whole_in(value, field, low=1, high=5)


def _text(value: str | None, field: str) -> str | None:
    validation.text(value, field, multiline=True)
    return value.strip() or None if value is not None else None


def _require_keeper(desk) -> None:
    if desk.user["role"] not in KEEPERS:
        raise Refused("risk.keepers_only", role=desk.user["role"])
