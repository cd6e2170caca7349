"""A person marks a reminder done, or snoozes it to a day: their own agenda, nobody else's.

A mark is on one occurrence (the reminder's key names the day it fell due), so the next
occurrence — a new follow-up date, the next dunning step — is due again. A snoozed reminder is
neither shown nor sent until its day, then comes back with the same key.
"""

from __future__ import annotations

from zizhi.core import audit, clock, validation
from zizhi.core.errors import InputError, UserError


def mark_done(desk, key: str) -> dict:
    """Mark one of the user's reminders done: it leaves their agenda and is never sent again."""
    return _mark(desk, key, "done", None)


def snooze(desk, key: str, until: str) -> dict:
    """Hide one of the user's reminders until ``until`` (a later day), when it comes back."""
    day = validation.date(until, "until")
    if day is None:
        raise InputError("input.required", field="until")
    if day <= clock.today().isoformat():
        raise InputError("remind.snooze_not_later", field="until", value=day, today=clock.today().isoformat())
    return _mark(desk, key, "snoozed", day)


# Kinds dealt with only by the record they ask for: a notice is acknowledged, a risk reviewed, a
# quarterly report filed.
SETTLED_BY_COMMAND = ("notice", "risk_review", "quarterly_report")


def _mark(desk, key: str, state: str, until: str | None) -> dict:
    key = (key or "").strip()
    with desk.store.unit_of_work() as db:
        reminder = _require_own_reminder(desk, key)
        if state == "done" and reminder["kind"] in SETTLED_BY_COMMAND:
            raise UserError("remind.settled_by_command", reminder=key, command=reminder["command"])
        db.execute("""INSERT INTO reminder_marks (key, user_id, state, until, at) VALUES (?, ?, ?, ?, ?)
                      ON CONFLICT (key, user_id) DO UPDATE SET state = excluded.state, until = excluded.until,
                      at = excluded.at""", [key, desk.user["id"], state, until, clock.stamp()])
        audit.record(db, desk.user, f"remind.{state}", "reminder", None, key=key, until=until)
    return {"key": key, "person": desk.user["login"], "state": state, "until": until}


def _require_own_reminder(desk, key: str) -> dict:
    """The key must be on the user's agenda today (marks on others' reminders, or typos, are refused)."""
    from zizhi.core.reminders.agenda import KINDS, agenda

    kind = key.split(":", 1)[0]
    if kind not in KINDS:
        raise InputError("remind.unknown_key", field="key", value=key, kinds=", ".join(KINDS))
    mine = agenda(desk, person=desk.user["login"], kinds=[kind], marked=True)["people"]
    found = next((r for p in mine for r in p["reminders"] if r["key"] == key), None)
    if found is None:
        raise UserError("remind.not_on_agenda", reminder=key, login=desk.user["login"])
    return found

