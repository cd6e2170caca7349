"""Continuing training (rulebook §4.1): sessions with their attendees, and who is overdue for one.

Policy and the market keep changing, so the team keeps training after the onboarding exam
(:func:`core.people.users.record_exam`). A session is recorded once with everyone who attended;
each attendee's row is kept in ``trainings`` beside the single sessions ``zizhi user train``
records, so a person's training is one list whichever way it was entered. Each person of
``[onboarding] continuing_roles`` (salespeople, once on duty) must attend one at least every
``continuing_interval_days``, counted from their last training — or, before any, from the day
they went on duty (their first passed exam), else from the day their account was made.

Managers and admins record sessions and see everyone's; anyone else sees their own.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access, audit, clock, validation
from zizhi.core.errors import InputError, NotFound, Refused


def add_session(desk, topic: str, attendees: list[str], held_on: str | None = None, hours: str | None = None,
                trainer: str | None = None, notes: str | None = None) -> dict:
    """Record a session and everyone who attended it (managers and admins)."""
    from zizhi.core.people.users import training_hours

    with desk.store.unit_of_work() as db:
        if not access.is_manager(desk.user):
            raise Refused("people.trainers_only", role=desk.user["role"])
        validation.text(topic, "topic")
        if not topic or not topic.strip():
            raise InputError("input.required", field="topic")
        validation.text(trainer, "trainer")
        validation.text(notes, "notes", multiline=True)
        held_on = validation.happened(held_on, "date")
        hours = training_hours(hours)
        people = _attendees(db, attendees)
        session_id = db.execute(
            """INSERT INTO training_sessions (held_on, topic, hours, trainer, notes, recorded_by, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [held_on, topic.strip(), hours, trainer, notes, desk.user["id"], clock.stamp()]).lastrowid
        db.executemany(
            """INSERT INTO trainings (user_id, held_on, topic, hours, trainer, notes, recorded_by, session_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(user_id, held_on, topic.strip(), hours, trainer, notes, desk.user["id"], session_id)
             for user_id in people.values()])
        audit.record(db, desk.user, "training.add", "training", session_id, topic=topic.strip(), held_on=held_on,
                     hours=hours, attendees=list(people))
    return get_session(desk, session_id)


def get_session(desk, session_id: int) -> dict:
    session = desk.store.one("SELECT id, held_on, topic, hours, trainer, notes FROM training_sessions WHERE id = ?",
                             [session_id])
    if session is None:
        raise NotFound("training.not_found", id=session_id)
    session["attendees"] = [row["login"] for row in desk.store.rows(
        "SELECT u.login FROM trainings t JOIN users u ON u.id = t.user_id WHERE t.session_id = ? ORDER BY u.login",
        [session_id])]
    return session


def list_training(desk, user: str | None = None, limit: int = 100) -> list[dict]:
    """The training on record, newest first: each session once with its attendees (a single
    ``user train`` record is a session of one, without a session id). With ``user``: only the
    sessions they attended. Anyone but a manager or an admin sees only their own."""
    if not access.is_manager(desk.user):
        if user not in (None, desk.user["login"]):
            raise Refused("training.own_only", role=desk.user["role"], login=desk.user["login"])
        user = desk.user["login"]
    params: list = []
    mine = ""
    if user is not None:
        user_id = desk.store.scalar("SELECT id FROM users WHERE login = ?", [user])
        if user_id is None:
            raise NotFound("people.not_found", login=user)
        mine = """WHERE coalesce(t.session_id, -t.id) IN
                  (SELECT coalesce(session_id, -id) FROM trainings WHERE user_id = ?)"""
        params.append(user_id)
    rows = desk.store.rows(
        f"""SELECT t.session_id AS session, t.held_on, t.topic, t.hours, t.trainer,
                   group_concat(u.login, char(10)) AS attendees, count(*) AS count
            FROM trainings t JOIN users u ON u.id = t.user_id {mine}
            GROUP BY coalesce(t.session_id, -t.id) ORDER BY t.held_on DESC, max(t.id) DESC LIMIT ?""",
        [*params, limit])
    for row in rows:
        row["attendees"] = ", ".join(sorted(row["attendees"].split("\n")))
    return rows


def overdue(desk, as_of: str | None = None, everyone: bool = False) -> dict:
    """Who is overdue for continuing training on ``as_of`` (default today): per person their last
    training, the day the next was due and how many days late; and for the team how many of how
    many. ``everyone`` lists those still in time too. Anyone but a manager or an admin: themselves.

    ``{"as_of", "interval_days", "people": [{"login", "name", "role", "last_trained_on", "last_topic",
    "since", "due_on", "days_overdue", "overdue"}], "overdue", "total"}``
    """
    day = validation.date(as_of, "as-of") or clock.company_today(desk).isoformat()
    onboarding = desk.settings.pricing.onboarding
    interval = onboarding.continuing_interval_days
    roles = list(onboarding.continuing_roles)
    mine = "" if access.is_manager(desk.user) else f" AND u.id = {int(desk.user['id'])}"
    rows = desk.store.rows(
        f"""SELECT u.login, u.name, u.role, substr(u.created_at, 1, 10) AS created_on,
                   (SELECT min(e.taken_on) FROM exams e WHERE e.user_id = u.id AND e.passed = 1) AS on_duty_since,
                   (SELECT max(t.held_on) FROM trainings t WHERE t.user_id = u.id AND t.held_on <= :day) AS last_trained_on
            FROM users u WHERE u.active = 1 AND u.role IN (SELECT value FROM json_each(:roles))
              AND (u.role != 'sales' OR u.on_duty = 1){mine} ORDER BY u.login""",
        {"day": day, "roles": _json(roles)})
    people = []
    for row in rows:
        since = row["last_trained_on"] or row["on_duty_since"] or row["created_on"]
        due_on = (dt.date.fromisoformat(since) + dt.timedelta(days=interval)).isoformat()
        late = (dt.date.fromisoformat(day) - dt.date.fromisoformat(due_on)).days
        people.append({"login": row["login"], "name": row["name"], "role": row["role"],
                       "last_trained_on": row["last_trained_on"], "last_topic": _topic(desk, row),
                       "since": since, "due_on": due_on, "days_overdue": max(late, 0), "overdue": late > 0})
    people.sort(key=lambda p: (not p["overdue"], -p["days_overdue"], p["login"]))
    late_ones = sum(p["overdue"] for p in people)
    return {"as_of": day, "interval_days": interval, "roles": roles,
            "people": people if everyone else [p for p in people if p["overdue"]],
            "overdue": late_ones, "total": len(people)}


def _topic(desk, row: dict) -> str | None:
    if row["last_trained_on"] is None:
        return None
    return desk.store.scalar(
        """SELECT t.topic FROM trainings t JOIN users u ON u.id = t.user_id WHERE u.login = ? AND t.held_on = ?
           ORDER BY t.id DESC LIMIT 1""", [row["login"], row["last_trained_on"]])


def _attendees(db, logins: list[str]) -> dict[str, int]:
    """Each attendee named once (repeated, or comma-separated), an active colleague."""
    found: dict[str, int] = {}
    for raw in logins or []:
        for part in str(raw).replace("，", ",").split(","):
            login = part.strip()
            if not login or login in found:
                continue
            row = db.execute("SELECT id, active FROM users WHERE login = ?", [login]).fetchone()
            if not row or not row[1]:
                raise NotFound("training.unknown_attendee", field="attendee", value=validation.shown(login))
            found[login] = row[0]
    if not found:
        raise InputError("input.required", field="attendee")
    return found


def _json(values) -> str:
    import json

    return json.dumps(list(values))
