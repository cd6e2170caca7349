"""People and roles: who may do what, and who is on duty.

A salesperson goes on duty only by passing the onboarding exam at or above the configured pass
mark (rulebook §4.1); only on-duty salespeople may own clients.
"""

from __future__ import annotations

import re

from zizhi.core import access, audit, clock, validation
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.vocab import choose

ADMINS = ("admin",)
PUBLIC = ("id", "login", "name", "role")  # what anyone sees of a colleague


def may_bind(store, login: str) -> None:
    """Refuse ``zizhi shell LOGIN`` unless the account running it may act as LOGIN: the service
    account (an admin of the database, which it holds), or LOGIN themself. Otherwise anyone who can
    run zizhi on the file could type ``zizhi shell liu.yang`` and be a manager — the claim ``--as``
    makes, which only admins may make. LOGIN must be an active user too (a leaver's key runs nothing).
    """
    from zizhi.core.identity import os_login

    real = os_login()
    try:
        acting_user(store, real, login)
    except Refused as refusal:
        if refusal.params.get("login") == login:  # LOGIN left, or never was a user
            raise
        raise Refused("identity.shell_not_admin", login=login, real=real) from None


def acting_user(store, real: str, claimed: str | None = None) -> dict:
    """The user a command acts as: the real identity, or whom an admin names with ``--as``.

    A claim to be someone else is honoured only for an admin, and the returned user carries the
    admin (``acting_admin_id``) so every audit record of the command names both.
    """
    user = _on_record(store, real)
    if not claimed or claimed == real:
        return user
    if user["role"] not in ADMINS:
        raise Refused("people.act_as_admins_only", login=real, other=claimed)
    other = _on_record(store, claimed)
    return {**other, "acting_admin_id": user["id"], "acting_admin": real}


def still_acting(db, user: dict) -> None:
    """Refresh ``user``'s role from the database; refuse if they (or the admin acting as them) left."""
    found = db.execute("SELECT login, role, active FROM users WHERE id = ?", [user["id"]]).fetchone()
    if not found or not found[2]:
        raise Refused("people.inactive", login=user["login"])
    user["role"] = found[1]
    if user.get("acting_admin_id"):
        admin = db.execute("SELECT role, active FROM users WHERE id = ?", [user["acting_admin_id"]]).fetchone()
        if not admin or not admin[1] or admin[0] not in ADMINS:
            raise Refused("people.act_as_admins_only", login=user["acting_admin"], other=user["login"])


def _on_record(store, login: str) -> dict:
    user = store.one("SELECT * FROM users WHERE login = ?", [login])
    if not user:
        raise Refused("people.unknown_acting_user", login=login)
    if not user["active"]:
        raise Refused("people.inactive", login=login)
    return user


def register_first_admins(store, admins: list[str]) -> None:
    """Register the first admins of a new database; refused once it has any user.

    Checked inside the unit of work, so two ``zizhi init`` racing on one file make one set of admins.
    """
    with store.unit_of_work() as db:
        if db.execute("SELECT count(*) FROM users").fetchone()[0]:
            raise UserError("db.exists", path=str(store.path))
        for login in admins:
            login = validation.login(login, "admin")
            user_id = _insert(db, login, login, "admin", None, None)
            audit.record(db, {"id": user_id}, "user.bootstrap", "user", user_id, login=login, role="admin")


def _insert(db, login, name, role, email, phone) -> int:
    cursor = db.execute(
        "INSERT INTO users (login, name, role, email, phone, on_duty, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
        [login, name, role, email, phone, clock.stamp()],
    )
    return cursor.lastrowid


def add_user(desk, login: str, name: str | None, role: str, email: str | None = None,
             phone: str | None = None) -> dict:
    """Create a colleague's account; admins only. Salespeople start off duty."""
    with desk.store.unit_of_work() as db:
        _require(desk, ADMINS, "people.admins_only")
        login = validation.login(login)
        validation.text(name, "name")
        role = choose("role", role, "role")
        if not role:
            raise InputError("input.required", field="role")
        email, phone = validation.email(email), validation.phone(phone)
        if db.execute("SELECT 1 FROM users WHERE login = ?", [login]).fetchone():
            raise UserError("people.duplicate_login", login=login)
        user_id = _insert(db, login, (name or login).strip(), role, email, phone)
        audit.record(db, desk.user, "user.add", "user", user_id, login=login, role=role)
    return get_user(desk, login)


def edit_user(desk, login: str, name: str | None = None, role: str | None = None, email: str | None = None,
              phone: str | None = None, active: bool | None = None, chat_id: str | None = None,
              language: str | None = None) -> dict:
    """Correct a colleague's account or deactivate it (admins). History keeps the login.
    ``chat_id`` is who the team group's robot @-mentions (:mod:`core.reminders.chat`); "" forgets it.
    ``language`` is the one their reminders are mailed in (and the app speaks to them); "default"
    forgets it — an admin sets it for a colleague who reads only the mail cron sends.

    A salesperson who still owns clients cannot change role or leave until they are reassigned.
    """
    with desk.store.unit_of_work() as db:
        _require(desk, ADMINS, "people.admins_only")
        user = get_user(desk, login)
        changes: dict = {}
        if name is not None and validation.text(name, "name").strip():
            changes["name"] = name.strip()
        if role is not None:
            changes["role"] = choose("role", role, "role")
        if email is not None:
            changes["email"] = validation.email(email)
        if phone is not None:
            changes["phone"] = validation.phone(phone)
        if chat_id is not None:
            from zizhi.core.reminders.chat import chat_id as valid_chat_id

            changes["chat_id"] = valid_chat_id(chat_id)
        if active is not None:
            changes["active"] = int(active)
        if language is not None:
            changes["language"] = _language(language)
        changed = audit.changes(user, changes)
        if not changed:
            raise InputError("client.nothing_to_change")
        leaving = changed.get("role") or ("active" in changed and not active)
        if leaving and user["clients"]:
            raise UserError("people.still_owns_clients", login=login, count=user["clients"])
        if user["id"] == desk.user["id"] and leaving:
            raise UserError("people.not_yourself")
        sets = ", ".join(f"{k} = ?" for k in changed)
        db.execute(f"UPDATE users SET {sets} WHERE id = ?", [*(changes[k] for k in changed), user["id"]])
        audit.record(db, desk.user, "user.edit", "user", user["id"], **changed)
    return get_user(desk, login)


def _language(value: str) -> str | None:
    from zizhi.core.i18n import LANGUAGES, normalise

    if value == "default":
        return None
    chosen = normalise(value)
    if chosen is None:
        raise InputError("people.language_unknown", value=value, allowed=", ".join(LANGUAGES))
    return chosen


def get_user(desk, login: str) -> dict:
    user = desk.store.one("SELECT * FROM users WHERE login = ?", [login])
    if not user:
        raise NotFound("people.not_found", login=login)
    user["exams"] = desk.store.rows(
        "SELECT taken_on, score, pass_mark, passed, notes FROM exams WHERE user_id = ? ORDER BY taken_on, id",
        [user["id"]])
    user["trainings"] = desk.store.rows(
        "SELECT held_on, topic, hours, trainer, notes FROM trainings WHERE user_id = ? ORDER BY held_on, id",
        [user["id"]])
    user["clients"] = desk.store.scalar(
        "SELECT count(*) FROM clients WHERE owner_id = ? AND archived_at IS NULL", [user["id"]])
    return user


def show_user(desk, login: str) -> dict:
    """A colleague as the acting user may see them (:func:`as_seen`), for ``user show``."""
    return as_seen(desk, get_user(desk, login))


def list_users(desk, role: str | None = None) -> list[dict]:
    """Colleagues, each as the acting user may see them (:func:`as_seen`)."""
    role = choose("role", role, "role")
    sql = """SELECT u.id, u.login, u.name, u.role, u.on_duty, u.active, u.email, u.phone, u.chat_id,
                    (SELECT count(*) FROM clients c WHERE c.owner_id = u.id AND c.archived_at IS NULL) AS clients
             FROM users u"""
    if role:
        rows = desk.store.rows(sql + " WHERE u.role = ? ORDER BY u.login", [role])
    else:
        rows = desk.store.rows(sql + " ORDER BY u.role, u.login")
    return [as_seen(desk, row) for row in rows]


def as_seen(desk, user: dict) -> dict:
    """Managers and admins see a colleague whole, and everyone sees themselves; anyone else only
    the name and role. A colleague's mobile, email, exam scores and client count are theirs and
    their managers' business, not a rival salesperson's."""
    if access.is_manager(desk.user) or user["id"] == desk.user["id"]:
        return user
    return {key: user[key] for key in PUBLIC}


def record_exam(desk, login: str, score: int, taken_on: str | None = None, notes: str | None = None) -> dict:
    """Record an onboarding exam; a salesperson at or above the pass mark goes on duty."""
    with desk.store.unit_of_work() as db:
        _require(desk, access.MANAGERS, "people.trainers_only")
        if not 0 <= score <= 100:
            raise InputError("people.score_range", value=score)
        taken_on = validation.happened(taken_on, "date")
        pass_mark = desk.settings.pricing.onboarding.pass_mark
        user = get_user(desk, login)
        if user["role"] != "sales":
            raise UserError("people.exam_for_sales", login=login, role=user["role"])
        passed = score >= pass_mark
        db.execute(
            "INSERT INTO exams (user_id, taken_on, score, pass_mark, passed, recorded_by, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [user["id"], taken_on, score, pass_mark, int(passed), desk.user["id"], notes])
        if passed and not user["on_duty"]:
            db.execute("UPDATE users SET on_duty = 1 WHERE id = ?", [user["id"]])
        audit.record(db, desk.user, "user.exam", "user", user["id"],
                     score=score, pass_mark=pass_mark, passed=passed)
    return get_user(desk, login)


def record_training(desk, login: str, topic: str, held_on: str | None = None, hours: str | None = None,
                    trainer: str | None = None, notes: str | None = None) -> dict:
    """Record a continuing-training session a colleague attended."""
    with desk.store.unit_of_work() as db:
        _require(desk, access.MANAGERS, "people.trainers_only")
        if not topic or not topic.strip():
            raise InputError("input.required", field="topic")
        validation.text(topic, "topic")
        validation.text(trainer, "trainer")
        validation.text(notes, "notes", multiline=True)
        held_on = validation.happened(held_on, "date")
        hours = training_hours(hours)
        user = get_user(desk, login)
        db.execute(
            "INSERT INTO trainings (user_id, held_on, topic, hours, trainer, notes, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [user["id"], held_on, topic.strip(), hours, trainer, notes, desk.user["id"]])
        audit.record(db, desk.user, "user.train", "user", user["id"], topic=topic.strip(), held_on=held_on)
    return get_user(desk, login)


def on_duty_before(alias: str, end: str) -> str:
    """SQL: the salesperson ``alias`` was on duty before the day ``end`` (a parameter such as
    ``:end``) — on duty now, and their first passed onboarding exam (if any is on record) taken
    before it. A trainee who has not passed, or passed only after a quarter, was not on duty in it:
    they owe no report for it and are not ranked in it (rulebook §4.1, §4.3)."""
    return (f"({alias}.on_duty = 1 AND coalesce((SELECT min(e.taken_on) FROM exams e "
            f"WHERE e.user_id = {alias}.id AND e.passed = 1), '') < {end})")


def not_on_duty(store, end: str) -> list[dict]:
    """Active salespeople who were not on duty before the day ``end`` (not yet through onboarding)."""
    return store.rows(f"""SELECT u.login, u.name FROM users u WHERE u.role = 'sales' AND u.active = 1
                          AND NOT {on_duty_before('u', ':end')} ORDER BY u.login""", {"end": end})


def eligible_owners(desk) -> list[dict]:
    """Who may own clients now: active salespeople on duty (the one rule :func:`owner_for` applies)."""
    return desk.store.rows("""SELECT id, login, name FROM users
                              WHERE role = 'sales' AND active = 1 AND on_duty = 1 ORDER BY login""")


def default_owner(desk) -> dict | None:
    """Who owns what the acting user adds when no owner is named: a salesperson owns their own
    clients and deals (if on duty: :func:`owner_for` refuses otherwise); other roles name one."""
    return owner_for(desk, desk.user["login"]) if desk.user["role"] == "sales" else None


def owner_for(desk, login: str) -> dict:
    """The user named as a client's owner, refused unless an on-duty salesperson."""
    user = desk.store.one("SELECT * FROM users WHERE login = ?", [login])
    if not user or not user["active"]:
        raise InputError("people.unknown_owner", login=login)
    if user["role"] != "sales":
        raise UserError("people.owner_not_sales", login=login, role=user["role"])
    if not user["on_duty"]:
        raise UserError("people.owner_off_duty", login=login)
    return user


def training_hours(value: str | None) -> str | None:
    """Training length in hours: a positive number such as 2 or 1.5."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", text) or float(text) <= 0:
        raise InputError("people.hours_format", value=value)
    return text


def _require(desk, roles: tuple[str, ...], key: str) -> None:
    if desk.user["role"] not in roles:
        raise Refused(key, role=desk.user["role"])
