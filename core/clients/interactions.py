"""The communication log (rulebook §5.2.1): every call, visit and email, with the agreed next step.

The client's follow-up is derived from its log, the same way after every add or edit: the next
step of the latest entry that set one, until an entry is logged on or after its date without
setting a new one (the follow-up happened). The client row keeps the result for fast lists.
"""

from __future__ import annotations

from zizhi.core import access, audit, clock, validation
from zizhi.core.clients.records import resolve
from zizhi.core.errors import InputError, NotFound, UserError
from zizhi.core.vocab import choose

EDITABLE = ("channel", "summary", "details", "next_step", "next_date", "at")


def log_interaction(desk, client_ref: str, channel: str, summary: str, details: str | None = None,
                    next_step: str | None = None, next_date: str | None = None,
                    at: str | None = None) -> dict:
    """Record one contact with a client and refresh the client's follow-up."""
    with desk.store.unit_of_work() as db:
        client = resolve(desk, client_ref)
        if client["archived_at"]:
            raise UserError("client.archived", client=client["name"], id=client["id"])
        access.require_log(desk.user, client)
        values = clean({"channel": channel, "summary": summary, "details": details,
                        "next_step": next_step, "next_date": next_date, "at": at})
        entry_id = insert(db, desk, client["id"], values)
        refresh_follow_up(db, client["id"])
        audit.record(db, desk.user, "log.add", "interaction", entry_id,
                     client_id=client["id"], channel=values["channel"])
    return get_interaction(desk, entry_id)


def edit_interaction(desk, entry_id: int, **changes) -> dict:
    """Correct a log entry; only its author, a manager or an admin may."""
    with desk.store.unit_of_work() as db:
        entry = get_interaction(desk, entry_id)
        if not access.is_manager(desk.user) and entry["user"] != desk.user["login"]:
            from zizhi.core.errors import Refused

            raise Refused("log.not_author", id=entry_id)
        merged = {k: entry[k] for k in EDITABLE}
        merged.update({k: v for k, v in changes.items() if v is not None})
        values = _clean(merged, creating=False)
        changed = audit.changes(entry, values)
        if not changed:
            raise InputError("client.nothing_to_change")
        sets = ", ".join(f"{k} = ?" for k in changed)
        db.execute(f"UPDATE interactions SET {sets}, updated_at = ? WHERE id = ?",
                   [*(values[k] for k in changed), clock.stamp(), entry_id])
        refresh_follow_up(db, entry["client_id"])
        audit.record(db, desk.user, "log.edit", "interaction", entry_id, **changed)
    return get_interaction(desk, entry_id)


def get_interaction(desk, entry_id: int) -> dict:
    cond, params = access.visible(desk.user)
    row = desk.store.one(
        f"""SELECT i.*, c.name AS client, u.login AS user FROM interactions i
            JOIN clients c ON c.id = i.client_id JOIN users u ON u.id = i.user_id
            WHERE i.id = ? AND {cond}""", [entry_id, *params])
    if not row:
        raise NotFound("log.not_found", id=entry_id)
    return row


def list_interactions(desk, client_ref: str | None = None, limit: int = 50) -> list[dict]:
    """A client's log, newest first; without a client, the latest across visible clients."""
    cond, params = access.visible(desk.user)
    if client_ref:
        client = resolve(desk, client_ref)
        cond, params = "i.client_id = ?", [client["id"]]
    return desk.store.rows(
        f"""SELECT i.id, i.at, c.id AS client_id, c.name AS client, u.login AS user, i.channel,
                   i.summary, i.details, i.next_step, i.next_date
            FROM interactions i JOIN clients c ON c.id = i.client_id JOIN users u ON u.id = i.user_id
            WHERE {cond} ORDER BY i.at DESC, i.id DESC LIMIT ?""", [*params, limit])


def refresh_follow_up(db, client_id: int) -> None:
    """Recompute the client's last contact and pending follow-up from its log."""
    pending: tuple[str, str] | None = None
    last = None
    for at, step, due in db.execute(
            "SELECT at, next_step, next_date FROM interactions WHERE client_id = ? ORDER BY at, id",
            [client_id]).fetchall():
        last = at
        if due:
            pending = (step, due)
        elif pending and at[:10] >= pending[1]:
            pending = None
    db.execute("UPDATE clients SET last_contact_at = ?, next_step = ?, next_date = ? WHERE id = ?",
               [last, pending[0] if pending else None, pending[1] if pending else None, client_id])


def clean(values: dict) -> dict:
    """A new entry's values from what a person typed or a file's row held (every rule of
    :func:`log_interaction`'s input: the channel, a summary, the moment, the next step and its date)."""
    return _clean(values, creating=True)


def insert(db, desk, client_id: int, values: dict) -> int:
    """Write a checked entry (:func:`clean`) for the client, as the acting user, inside the caller's
    unit of work; the caller refreshes the client's follow-up (:func:`refresh_follow_up`)."""
    now = clock.stamp()
    return db.execute(
        """INSERT INTO interactions (client_id, user_id, at, channel, summary, details, next_step,
           next_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [client_id, desk.user["id"], values["at"], values["channel"], values["summary"],
         values.get("details"), values.get("next_step"), values.get("next_date"), now, now]).lastrowid


def _clean(values: dict, creating: bool) -> dict:
    for field in ("summary", "details", "next_step"):
        validation.text(values.get(field), field.replace("_", "-"), multiline=field == "details")
    out = dict(values)
    out["channel"] = choose("log_channel", values.get("channel"), "channel")
    if not out["channel"]:
        raise InputError("input.required", field="channel")
    if not (values.get("summary") or "").strip():
        raise InputError("input.required", field="summary")
    out["summary"] = values["summary"].strip()
    out["at"] = _moment(values.get("at"))
    validation.happened(out["at"][:10], "at")
    out["next_date"] = validation.date(values.get("next_date"), "next-date")
    out["next_step"] = (values.get("next_step") or "").strip() or None
    if out["next_step"] and not out["next_date"]:
        raise InputError("log.next_needs_date", field="next-date")
    if out["next_date"] and not out["next_step"]:
        raise InputError("log.date_needs_next", field="next")
    if out["next_date"] and out["next_date"] < out["at"][:10]:
        raise InputError("log.next_before_contact", field="next-date", value=out["next_date"], at=out["at"][:10])
    return out


def _moment(value: str | None) -> str:
    """When the contact happened: now, a day in any form core/dates.py reads (昨天, 周一, 11-26),
    or such a day and a time ('昨天 15:30', '2026-11-26 15:30')."""
    if not value:
        return clock.stamp()
    import re

    text = validation.ascii_digits(str(value).strip()).replace("：", ":")
    timed = re.fullmatch(r"(.+?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?", text, re.ASCII)
    day = validation.date(timed[1] if timed else text, "at", past=True)
    if not timed:
        return f"{day} 00:00:00"
    hour, minute, second = int(timed[2]), int(timed[3]), int(timed[4] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InputError("input.date_format", field="at", value=value)
    return f"{day} {hour:02d}:{minute:02d}:{second:02d}"
