"""The weekly pipeline review (rulebook §4.2): what the team meeting starts from — per person and in
total, the deals that moved in an ISO week, won (contract signed), lost (with reason and
competitor) or cancelled, the new inquiries, the deals stuck past their stage's stale-days, and
the follow-ups and dunning steps falling due in the next week (with how many are overdue already).

Nothing here decides anew what "stuck" or "due" means: stuck is the morning reminder's rule
(:func:`core.reminders.sources_pipeline.stuck_deals`), follow-ups the agenda's
(:mod:`core.clients.follow_ups`), dunning the dunning list's (:mod:`core.receivables.standing`).
Each deal, client and debt counts for its owner now (a deal re-assigned mid-week counts for its
new owner). A salesperson reads their own review; managers and admins the team's, or one person's.
"""

from __future__ import annotations

import datetime as dt
import json

from zizhi.core import access
from zizhi.core.bulk import collector_paused
from zizhi.core.errors import NotFound, Refused
from zizhi.core.pipeline.stages import ENDINGS
from zizhi.core.reports import periods
from zizhi.core.reports.schema import CLIENTS

SECTIONS = ("moved", "won", "lost", "cancelled", "opened", "stuck", "follow_ups", "dunning")
READERS = ("sales", "manager", "admin")
NOBODY = ""  # the group of records without an owner


def weekly(desk, week: str | None = None, login: str | None = None) -> dict:
    """The review of ``week`` (``2026-W48``; this week by default) for ``login`` — the acting
    salesperson themselves, or for a manager anyone or (None) the whole team."""
    label, monday, sunday = periods.week(desk, week)
    person = _scope(desk, login)
    owner = person["id"] if person else None
    first, after = periods.stamps(monday.isoformat(), sunday.isoformat())
    today = periods.company_today(desk)
    stuck_on = min(sunday, today).isoformat()
    next_monday, next_sunday = sunday + dt.timedelta(days=1), sunday + dt.timedelta(days=7)
    with collector_paused():  # tens of thousands of rows at 100,000 clients (core/bulk.py)
        history = _history(desk, first, after, owner)
        found = {"moved": history["moved"], "won": _won(desk, monday.isoformat(), sunday.isoformat(), owner),
                 "lost": history["lost"], "cancelled": history["cancelled"], "opened": history["opened"],
                 "stuck": _stuck(desk, stuck_on, owner)}
        found["follow_ups"], late_follow_ups = _follow_ups(desk, next_monday.isoformat(), next_sunday.isoformat(),
                                                           owner)
        found["dunning"], late_dunning = _dunning(desk, next_monday.isoformat(), next_sunday.isoformat(), owner)
        grouped: dict[str, dict] = {}
        for section, rows in found.items():
            for row in rows:
                owned = grouped.get(row["owner"] or NOBODY)
                if owned is None:
                    owned = grouped[row["owner"] or NOBODY] = {name: [] for name in SECTIONS}
                owned[section].append(row)
    people = _people(desk, person, {*grouped, *(login or NOBODY for login in (*late_follow_ups, *late_dunning))})
    for login, group in people.items():
        group.update(grouped.get(login, {}))
        group["follow_ups_overdue"] = late_follow_ups.get(login or None, 0)
        group["dunning_overdue"] = late_dunning.get(login or None, 0)
    found["follow_ups_overdue"] = sum(late_follow_ups.values())
    found["dunning_overdue"] = sum(late_dunning.values())
    return {"week": label, "first": monday.isoformat(), "last": sunday.isoformat(), "stuck_on": stuck_on,
            "next_first": next_monday.isoformat(), "next_last": next_sunday.isoformat(),
            "login": person["login"] if person else None,
            "people": [{**group, "counts": counts(group)} for group in people.values()],
            "totals": counts(found)}


def counts(group: dict) -> dict:
    """How many of each, and the money won: the figures a person's line and the total show."""
    figures = {section: len(group[section]) for section in SECTIONS}
    figures["won_value"] = sum(row["total"] for row in group["won"])
    figures["follow_ups_overdue"] = group["follow_ups_overdue"]
    figures["dunning_overdue"] = group["dunning_overdue"]
    return figures


def require_reader(user: dict) -> None:
    """The weekly review is the sales team's meeting: salespeople, managers and admins read it."""
    if user["role"] not in READERS:
        raise Refused("report.weekly_sales_side", role=user["role"])


def _scope(desk, login: str | None) -> dict | None:
    """Whose review: a salesperson's own (naming another is refused); a manager's or admin's whole
    team unless they name someone."""
    user = desk.user
    require_reader(user)
    login = (login or "").strip() or None
    if not access.is_manager(user):
        if login not in (None, user["login"]):
            raise Refused("report.weekly_own_only", login=login)
        return user
    if login is None:
        return None
    person = desk.store.one("SELECT id, login, name FROM users WHERE login = ?", [login])
    if person is None:
        raise NotFound("people.not_found", login=login)
    return person


def _people(desk, person: dict | None, owners: set[str]) -> dict[str, dict]:
    """One group per person, by login: the one asked for, else every active salesperson and
    anyone else owning something in the review (a manager, a leaver), then the unowned."""
    if person:
        logins = [(person["login"], person.get("name"))]
    else:
        named = {row["login"]: row["name"] for row in desk.store.rows(
            "SELECT login, name FROM users WHERE role = 'sales' AND active = 1")}
        others = sorted(owners - named.keys() - {NOBODY})
        if others:
            named.update((row["login"], row["name"]) for row in desk.store.rows(
                f"SELECT login, name FROM users WHERE login IN ({', '.join('?' * len(others))})", others))
        logins = sorted(named.items()) + ([(NOBODY, None)] if NOBODY in owners else [])
    return {login: {"login": login or None, "name": name, **{section: [] for section in SECTIONS}}
            for login, name in logins}


def _whose(owner: int | None) -> tuple[str, list]:
    return (" AND d.owner_id = ?", [owner]) if owner is not None else ("", [])


def _history(desk, first: str, after: str, owner: int | None) -> dict[str, list[dict]]:
    """The week's stage history, read once from its index: the deals opened (their first row),
    moved (endings apart: from where a deal stood before its first change to where its last one
    took it, forwards through several gates or back, with how many steps — a deal's rows are
    written in order, so by id), lost (with the reason and any competitor) and cancelled; each
    deal then looked up once."""
    hops = desk.store.tuples(
        """SELECT h.deal_id, h.from_stage, h.to_stage, h.at, h.user_id FROM deal_stages h
           WHERE h.at >= ? AND h.at < ? ORDER BY h.id""", [first, after])[1]
    if not hops:
        return {"moved": [], "lost": [], "cancelled": [], "opened": []}
    cond, params = _whose(owner)
    deals = {row[0]: row for row in desk.store.tuples(
        f"""SELECT d.id, d.title, d.client_id, c.name, d.owner_id, d.value, coalesce(d.channel, c.channel),
                   d.end_reason, d.competitor, d.stage
            FROM deals d JOIN {CLIENTS} ON c.id = d.client_id
            WHERE d.id IN (SELECT value FROM json_each(?)){cond}""",
        [json.dumps(sorted({hop[0] for hop in hops})), *params])[1]}
    logins = dict(desk.store.tuples("SELECT id, login FROM users")[1])
    found: dict[str, list[dict]] = {"moved": [], "lost": [], "cancelled": [], "opened": []}
    moves: dict[int, dict] = {}
    for deal_id, from_stage, to_stage, at, user_id in hops:
        deal = deals.get(deal_id)
        if deal is None:  # another person's (a salesperson's own review)
            continue
        if from_stage is None:
            found["opened"].append({**_head(deal, logins), "channel": deal[6], "at": at, "stage": deal[9]})
        elif to_stage in ENDINGS:
            found[to_stage].append({**_head(deal, logins), "ending": to_stage, "from_stage": from_stage, "at": at,
                                    "reason": deal[7], "competitor": deal[8]})
        else:
            move = moves.get(deal_id)
            if move is None:
                move = moves[deal_id] = {**_head(deal, logins), "from_stage": from_stage, "hops": 0}
            move["to_stage"], move["at"], move["by"] = to_stage, at, user_id
            move["hops"] += 1
    for move in moves.values():
        move["by"] = logins.get(move["by"])
    found["moved"] = sorted(moves.values(), key=lambda move: (move["at"], move["deal_id"]))
    found["opened"].sort(key=lambda deal: (deal["at"][:10], deal["client"], deal["deal_id"]))  # by day, then client
    return found


def _won(desk, monday: str, sunday: str, owner: int | None) -> list[dict]:
    """Deals won in the week: their contract signed (the rulebook's 合同签订), for its total."""
    cond, params = _whose(owner)
    return desk.store.rows(
        f"""SELECT d.id AS deal_id, d.title, c.id AS client_id, c.name AS client, u.login AS owner,
                   k.number AS contract, k.total, k.signed_on
            FROM contracts k JOIN deals d ON d.id = k.deal_id JOIN {CLIENTS} ON c.id = d.client_id
            LEFT JOIN users u ON u.id = d.owner_id
            WHERE k.signed_on BETWEEN ? AND ?{cond} ORDER BY k.signed_on, k.number""", [monday, sunday, *params])


def _head(deal: tuple, logins: dict) -> dict:
    deal_id, title, client_id, client, owner_id, value = deal[:6]
    return {"deal_id": deal_id, "title": title, "client_id": client_id, "client": client,
            "owner": logins.get(owner_id), "value": value}


def _stuck(desk, day: str, owner: int | None) -> list[dict]:
    """Deals stuck on ``day`` (the week's last, or today in the week still running), by the morning
    reminder's rule: longer than their stage's stale-days with no move and no contact."""
    from zizhi.core.reminders.sources_pipeline import stuck_deals

    return sorted(stuck_deals(desk, day, owner), key=lambda row: (row["stuck_from"], row["deal_id"]))


def _follow_ups(desk, monday: str, sunday: str, owner: int | None) -> tuple[list[dict], dict]:
    """The clients whose agreed next step falls due in the next week (the one rule of
    :mod:`core.clients.follow_ups`), and per owner how many are overdue already, before it."""
    from zizhi.core.clients.follow_ups import falling_due, overdue_before

    whose, params = (" AND c.owner_id = ?", [owner]) if owner is not None else ("", [])
    cond, dates = falling_due(monday, sunday)
    rows = desk.store.rows(
        f"""SELECT c.id AS client_id, c.name AS client, u.login AS owner, c.next_date, c.next_step AS step
            FROM clients c LEFT JOIN users u ON u.id = c.owner_id WHERE {cond}{whose}
            ORDER BY c.next_date, c.id""", [*dates, *params])
    cond, dates = overdue_before(monday)
    late = dict(desk.store.tuples(
        f"""SELECT u.login, count(*) FROM clients c INDEXED BY clients_follow_up_owner
            LEFT JOIN users u ON u.id = c.owner_id WHERE {cond}{whose} GROUP BY c.owner_id""", [*dates, *params])[1])
    return rows, late


def _dunning(desk, monday: str, sunday: str, owner: int | None) -> tuple[list[dict], dict]:
    """The dunning steps that come in the next week — each open debt as the dunning list stands it
    on that week's Sunday (:func:`core.receivables.standing.parts`, as the morning's list and
    reminders read it), for the client's owner — and per owner how many steps came before it and
    are still waiting."""
    from zizhi.core.receivables import standing

    names, debts = standing.parts(desk, sunday, ordered=False, owner=owner)
    at = {name: names.index(name) for name in ("instalment", "client_id", "client", "owner", "owed")}
    rows, late = [], {}
    for row, stood in debts:
        if not stood["due"]:
            continue
        if stood["since"] < monday:
            late[row[at["owner"]]] = late.get(row[at["owner"]], 0) + 1
            continue
        rows.append({**{name: row[i] for name, i in at.items()}, "action": stood["rung"]["action"],
                     "since": stood["since"], "flagged": stood["flagged"]})
    return sorted(rows, key=lambda row: (row["since"], row["instalment"])), late
