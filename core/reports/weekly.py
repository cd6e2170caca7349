"""The weekly pipeline review (rulebook §4.2): what the team meeting starts from — per person and in
total, the deals that moved in an ISO week, won (contract signed), lost (with reason and
competitor) or cancelled, the new inquiries, the deals stuck past their stage's stale-days, and
the follow-ups and dunning steps due by the end of the next week.

Nothing here decides anew what "stuck" or "due" means: stuck is the morning reminder's rule
(:func:`core.reminders.sources_pipeline.stale_deal`), follow-ups the agenda's
(:func:`core.reminders.sources.follow_up`), dunning the dunning list's (:func:`core.receivables.dunning.due`).
Each deal, client and debt counts for its owner now (a deal re-assigned mid-week counts for its
new owner). A salesperson reads their own review; managers and admins the team's, or one person's.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access
from zizhi.core.errors import NotFound, Refused
from zizhi.core.pipeline.stages import ENDINGS
from zizhi.core.reports import periods

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
    found = {
        "moved": _moved(desk, first, after, owner),
        "won": _won(desk, monday.isoformat(), sunday.isoformat(), owner),
        **_ended(desk, first, after, owner),
        "opened": _opened(desk, first, after, owner),
        "stuck": _stuck(desk, stuck_on, owner),
        "follow_ups": _follow_ups(desk, next_monday.isoformat(), next_sunday.isoformat(), owner),
        "dunning": _dunning(desk, next_monday.isoformat(), next_sunday.isoformat(), owner),
    }
    people = _people(desk, person, found)
    for section, rows in found.items():
        for row in rows:
            people[row["owner"] or NOBODY][section].append(row)
    return {"week": label, "first": monday.isoformat(), "last": sunday.isoformat(), "stuck_on": stuck_on,
            "next_first": next_monday.isoformat(), "next_last": next_sunday.isoformat(),
            "login": person["login"] if person else None,
            "people": [{**group, "counts": counts(group)} for group in people.values()],
            "totals": counts(found)}


def counts(group: dict) -> dict:
    """How many of each, and the money won: the figures a person's line and the total show."""
    figures = {section: len(group[section]) for section in SECTIONS}
    figures["won_value"] = sum(row["total"] for row in group["won"])
    figures["follow_ups_overdue"] = sum(1 for row in group["follow_ups"] if row["overdue"])
    figures["dunning_overdue"] = sum(1 for row in group["dunning"] if row["overdue"])
    return figures


def _scope(desk, login: str | None) -> dict | None:
    """Whose review: a salesperson's own (naming another is refused); a manager's or admin's whole
    team unless they name someone."""
    user = desk.user
    if user["role"] not in READERS:
        raise Refused("report.weekly_sales_side", role=user["role"])
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


def _people(desk, person: dict | None, found: dict) -> dict[str, dict]:
    """One group per person, by login: the one asked for, else every active salesperson and
    anyone else owning something in the review (a manager, a leaver), then the unowned."""
    if person:
        logins = [(person["login"], person.get("name"))]
    else:
        named = {row["login"]: row["name"] for row in desk.store.rows(
            "SELECT login, name FROM users WHERE role = 'sales' AND active = 1")}
        owners = {row["owner"] for rows in found.values() for row in rows if row["owner"]}
        if owners - named.keys():
            marks = ", ".join("?" * len(owners - named.keys()))
            named.update((row["login"], row["name"]) for row in desk.store.rows(
                f"SELECT login, name FROM users WHERE login IN ({marks})", sorted(owners - named.keys())))
        logins = sorted(named.items())
        if any(not row["owner"] for rows in found.values() for row in rows):
            logins.append((NOBODY, None))
    return {login: {"login": login or None, "name": name, **{section: [] for section in SECTIONS}}
            for login, name in logins}


_DEAL = """FROM deals d JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id"""


def _whose(owner: int | None) -> tuple[str, list]:
    return (" AND d.owner_id = ?", [owner]) if owner is not None else ("", [])


def _moved(desk, first: str, after: str, owner: int | None) -> list[dict]:
    """Each deal whose stage changed in the week (endings apart), from where it stood before its
    first change to where its last one took it — forwards through several gates, or back."""
    cond, params = _whose(owner)
    rows = desk.store.rows(
        f"""SELECT h.deal_id, h.from_stage, h.to_stage, h.at, m.login AS by, d.title, c.id AS client_id,
                   c.name AS client, u.login AS owner, d.value, d.stage
            FROM deal_stages h JOIN deals d ON d.id = h.deal_id JOIN clients c ON c.id = d.client_id
            LEFT JOIN users u ON u.id = d.owner_id JOIN users m ON m.id = h.user_id
            WHERE h.at >= ? AND h.at < ? AND h.from_stage IS NOT NULL
              AND h.to_stage NOT IN ({', '.join('?' * len(ENDINGS))}){cond}
            ORDER BY h.at, h.id""", [first, after, *ENDINGS, *params])
    moves: dict[int, dict] = {}
    for row in rows:
        move = moves.setdefault(row["deal_id"], {
            "deal_id": row["deal_id"], "title": row["title"], "client_id": row["client_id"], "client": row["client"],
            "owner": row["owner"], "value": row["value"], "from_stage": row["from_stage"], "hops": 0})
        move.update(to_stage=row["to_stage"], at=row["at"], by=row["by"], hops=move["hops"] + 1)
    return list(moves.values())


def _won(desk, monday: str, sunday: str, owner: int | None) -> list[dict]:
    """Deals won in the week: their contract signed (the rulebook's 合同签订), for its total."""
    cond, params = _whose(owner)
    return desk.store.rows(
        f"""SELECT d.id AS deal_id, d.title, c.id AS client_id, c.name AS client, u.login AS owner,
                   k.number AS contract, k.total, k.signed_on
            FROM contracts k JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = d.client_id
            LEFT JOIN users u ON u.id = d.owner_id
            WHERE k.signed_on BETWEEN ? AND ?{cond} ORDER BY k.signed_on, k.number""", [monday, sunday, *params])


def _ended(desk, first: str, after: str, owner: int | None) -> dict[str, list[dict]]:
    """Deals lost (with the reason and any competitor) and cancelled in the week."""
    cond, params = _whose(owner)
    rows = desk.store.rows(
        f"""SELECT h.deal_id, h.to_stage AS ending, h.from_stage, h.at, d.title, c.id AS client_id,
                   c.name AS client, u.login AS owner, d.value, coalesce(h.note, d.end_reason) AS reason,
                   d.competitor
            FROM deal_stages h JOIN deals d ON d.id = h.deal_id JOIN clients c ON c.id = d.client_id
            LEFT JOIN users u ON u.id = d.owner_id
            WHERE h.at >= ? AND h.at < ? AND h.to_stage IN ({', '.join('?' * len(ENDINGS))}){cond}
            ORDER BY h.at, h.id""", [first, after, *ENDINGS, *params])
    return {ending: [row for row in rows if row["ending"] == ending] for ending in ("lost", "cancelled")}


def _opened(desk, first: str, after: str, owner: int | None) -> list[dict]:
    """The new inquiries: deals opened in the week, with the channel they came by."""
    cond, params = _whose(owner)
    return desk.store.rows(
        f"""SELECT d.id AS deal_id, d.title, c.id AS client_id, c.name AS client, u.login AS owner, d.value,
                   coalesce(d.channel, c.channel) AS channel, d.created_at AS at, d.stage {_DEAL}
            WHERE d.created_at >= ? AND d.created_at < ?{cond} ORDER BY d.created_at, d.id""",
        [first, after, *params])


def _stuck(desk, day: str, owner: int | None) -> list[dict]:
    """Deals stuck on ``day`` (the week's last, or today in the week still running), by the morning
    reminder's rule: longer than their stage's stale-days with no move and no contact."""
    from zizhi.core.reminders.sources_pipeline import stale_deal

    rows = [{"deal_id": item["deal_id"], "title": item["deal"], "client_id": item["client_id"],
             "client": item["client"], "owner": item["owner"], "stage": item["params"]["stage_word"][6:],
             "since": item["params"]["since"], "stuck_from": item["due_on"], "limit": item["params"]["limit"]}
            for item in stale_deal(desk, day, owner)]
    return sorted(rows, key=lambda row: (row["stuck_from"], row["deal_id"]))


def _follow_ups(desk, monday: str, sunday: str, owner: int | None) -> list[dict]:
    """Clients whose agreed next step falls due by the next week's Sunday (the agenda's rule):
    those due in that week, and those already overdue before it (``overdue``)."""
    from zizhi.core.reminders.sources import follow_up

    rows = [{"client_id": item["client_id"], "client": item["client"], "owner": item["owner"],
             "next_date": item["due_on"], "step": item["params"]["step"], "overdue": item["due_on"] < monday}
            for item in follow_up(desk, sunday, owner)]
    return sorted(rows, key=lambda row: (row["overdue"], row["next_date"], row["client_id"]))


def _dunning(desk, monday: str, sunday: str, owner: int | None) -> list[dict]:
    """The dunning steps due by the next week's Sunday (the dunning list as of that day), one per
    debt for the client's owner: those coming in that week, and those already waiting (``overdue``)."""
    from zizhi.core.receivables import dunning

    rows = {}
    for action in dunning.due(desk, as_of=sunday, owner=owner)["actions"]:
        rows.setdefault(action["instalment"], {
            "client_id": action["client_id"], "client": action["client"], "owner": action["owner"],
            "instalment": action["instalment"], "owed": action["owed"], "action": action["action"],
            "since": action["since"], "flagged": action["flagged"], "overdue": action["since"] < monday})
    return sorted(rows.values(), key=lambda row: (row["overdue"], row["since"], row["instalment"]))
