"""The agenda: every reminder due on a day, routed to the people who must act, most urgent first.

"Due" means due on or before the day and not yet dealt with, so a missed run — a holiday, a
server down — catches up instead of skipping. A reminder is a dict (see :func:`.reminder.item`) whose
``key`` names one occurrence: the kind, the record and the day it fell due. A new occurrence —
a follow-up moved to a new date, the next step of the dunning ladder — has a new key; the same
one keeps its key from run to run, so the outbox delivers it once and the calendar keeps its UID.

Routing: the owner; when the owner is deactivated (or there is none), every active manager
instead; an escalated reminder (:class:`config.schema.Escalation`) goes to the managers as well,
and an escalated debt to finance too (the rulebook's early warning of bad debts, §7.2); late
processing goes to its operator as well as the deal's owner.
"""

from __future__ import annotations

from typing import Iterable

from zizhi.core import clock, validation
from zizhi.core.errors import NotFound, Refused

# Kinds in order of urgency, the one place it is said, and the one order of every list: the terminal,
# the mail, the chat and the app's Today (grouped there under a heading per kind). An unread policy
# notice leads: it changes what may be promised, quoted and filed in every item after it (rulebook
# §7.1: the team learns each change and adjusts its work; §7.2: what is promised must comply), and the
# rulebook puts legal risk before credit risk; reading it is a minute, once. Then money, then what the
# client waits for, then what can wait. Within a kind the escalations (‼) come first (:func:`urgency`).
KINDS = ("notice", "dunning", "processing_late", "follow_up", "visit", "quote_expiring", "quote_expired",
         "stale_deal", "certificate_expiring", "credit_recheck", "risk_review", "quarterly_report",
         "calendar_missing")
RANK = {kind: n for n, kind in enumerate(KINDS)}


def why(reminder: dict, lang: str | None = None) -> str:
    """Why the reminder is due, in ``lang`` (default: the current language). A parameter whose
    name ends in ``_word`` is itself a message key (a vocabulary word), said in the same language."""
    from zizhi.core.i18n import t

    params = {name: t(value, lang) if name.endswith("_word") else value
              for name, value in reminder["params"].items()}
    return t(reminder["message"], lang, **params)


def agenda(desk, as_of: str | None = None, person: str | None = None, kinds: Iterable[str] | None = None,
           marked: bool = False) -> dict:
    """What is due by the end of ``as_of`` (default today), per person, most urgent first, leaving
    out what each person marked done or snoozed past the day (unless ``marked``: all of it).

    Returns ``{"as_of", "people": [{"login", "name", "role", "language", "email", "phone", "chat_id",
    "reminders": [...]}]}`` — only people with something due, by login. Everyone's agenda is for
    managers and admins (cron runs as an admin); anyone may read their own (``person`` = their login).
    """
    from zizhi.core.bulk import collector_paused

    with collector_paused():
        return _agenda(desk, as_of, person, kinds, marked)


def _agenda(desk, as_of: str | None, person: str | None, kinds: Iterable[str] | None, marked: bool) -> dict:
    from zizhi.core.reminders import sources

    day = validation.date(as_of, "as-of") if as_of else clock.today().isoformat()
    _require_reader(desk.user, person)
    people = _people(desk)
    if person is not None and person not in people:  # a typo in a crontab must not go quiet
        raise NotFound("people.not_found", login=person)
    owner = _own_only(people, person)
    found: list[dict] = []
    for kind in kinds or KINDS:
        found += getattr(sources, kind)(desk, day, owner)
    hidden = set() if marked else _hidden(desk, day)
    found.sort(key=_urgency_text)  # once for all: each person's list keeps this order
    routed = _routed(found, day, _team(people), person, hidden, {login: p["id"] for login, p in people.items()})
    return {"as_of": day, "people": [{**_public(people[login]), "reminders": items}
                                     for login, items in sorted(routed.items())]}


def _routed(found: list[dict], day: str, team, person: str | None, hidden: set, ids: dict[str, int]) -> dict:
    """Each person's reminders, in ``found``'s order, each stamped with its days waiting. A reminder
    routed to several people is the same dict in each list (tens of thousands: no copies)."""
    from collections import defaultdict

    routed: dict[str, list[dict]] = defaultdict(list)
    waited: dict[str, int] = {}  # tens of thousands of reminders, a few hundred days
    for reminder in found:
        since = reminder["due_on"]
        days = waited.get(since)
        if days is None:
            days = waited[since] = _days_between(since, day)
        reminder["days"] = days
        logins = _route(reminder, team)
        if person is not None or hidden:
            logins = [login for login in logins if (person is None or login == person)
                      and (reminder["key"], ids[login]) not in hidden]
        for login in logins:
            routed[login].append(reminder)
    return routed


def urgency(reminder: dict) -> tuple:
    """By kind (:data:`KINDS`: unread notices, then money), within a kind the escalations first,
    then the longest waiting, then by key — the order the app's Today shows under its headings."""
    return RANK[reminder["kind"]], not reminder["escalated"], reminder["due_on"], reminder["key"]


def _urgency_text(reminder: dict) -> str:
    """:func:`urgency` as one string, which sorts the same and compares far faster (a morning's
    agenda holds tens of thousands)."""
    return f"{RANK[reminder['kind']]:02d}{0 if reminder['escalated'] else 1}{reminder['due_on']}\0{reminder['key']}"


def recipients(reminder: dict, people: dict[str, dict]) -> list[str]:
    """Who receives ``reminder``: see the module's docstring."""
    return _route(reminder, _team(people))


def _team(people: dict[str, dict]) -> tuple[set[str], list[str], list[str], list[str]]:
    """The active logins, and the active managers, admins and finance colleagues: read once per
    agenda (the morning's agenda routes tens of thousands of reminders)."""
    active = {login for login, p in people.items() if p["active"]}
    return (active, *(sorted(login for login in active if people[login]["role"] == role)
                      for role in ("manager", "admin", "finance")))


def _route(reminder: dict, team: tuple[set[str], list[str], list[str], list[str]]) -> list[str]:
    active, managers, admins, finance = team
    if reminder["to_admins"]:
        return list(admins)
    owner = reminder["owner"]
    found = [owner] if owner in active else list(managers)
    if reminder["also"] in active and reminder["also"] not in found:
        found.append(reminder["also"])
    if reminder["escalated"]:
        found += [m for m in managers if m not in found]
        if reminder["kind"] == "dunning":
            found += [f for f in finance if f not in found]
    return found


def _own_only(people: dict[str, dict], person: str | None) -> int | None:
    """The person's id when their agenda can hold only what they own or handle — an active
    salesperson or operator, not a manager (escalations, the inactive's items), an admin (the
    holiday calendar) or finance (escalated debts) — so each source reads their records alone
    instead of the whole book (the app's first screen)."""
    found = people.get(person) if person else None
    if found and found["active"] and found["role"] in ("sales", "operations", "legal"):
        return found["id"]
    return None


def _hidden(desk, day: str) -> set[tuple[str, int]]:
    """(key, user id) of every reminder marked done, or snoozed past ``day`` (:mod:`.marks`)."""
    return {(key, user_id) for key, user_id in desk.store.tuples(
        "SELECT key, user_id FROM reminder_marks WHERE state = 'done' OR until > :d", {"d": day})[1]}


def _require_reader(user: dict, person: str | None) -> None:
    if person == user["login"] or user["role"] in ("manager", "admin"):
        return
    raise Refused("remind.only_own", role=user["role"], login=user["login"])


def _people(desk) -> dict[str, dict]:
    return {row["login"]: row for row in desk.store.rows(
        "SELECT id, login, name, role, language, email, phone, chat_id, active FROM users ORDER BY login")}


def _public(person: dict) -> dict:
    return {key: person[key] for key in ("login", "name", "role", "language", "email", "phone", "chat_id")}


def _days_between(since: str, day: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(day) - dt.date.fromisoformat(since)).days
