"""The agenda as an iCalendar file (RFC 5545) a salesperson subscribes to: `zizhi remind --ics FILE`.

Each reminder, for each person it is routed to, is an all-day VEVENT on the day it fell due. Not a
VTODO: the calendars people subscribe from — Outlook, Google Calendar, Apple Calendar, 钉钉/飞书
calendars — show a subscribed feed's events and ignore or hide its to-dos, and marking done happens
in Zizhi anyway (`zizhi remind done`, the reminder then leaves the feed).

A subscriber keeps its copy of an event by UID and replaces it only when the SEQUENCE grows, so the
UID is derived from the reminder's key and the person (stable from run to run), and the SEQUENCE
grows exactly when what the event says changes: the table ``reminder_calendar`` keeps each UID's last
digest and sequence. Updating it is a delivery, not a read, so it happens in one unit of work with
the file, which is written beside FILE and renamed over it: a subscriber never reads half a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

from zizhi.core import audit, clock
from zizhi.core.errors import InputError, UserError

PRODID = "-//Zizhi//Reminders//ZH"
REFRESH = dt.timedelta(hours=1)  # how often subscribers are asked to fetch it again


def write(desk, path: str | Path, as_of: str | None = None, person: str | None = None) -> dict:
    """Write the agenda of ``as_of`` (everyone's, or ``person``'s) to the iCalendar file ``path``.

    Returns ``{"file", "as_of", "events", "changed"}``: how many events the file holds and how many
    are new or changed since the file was last written (their SEQUENCE grew).
    """
    from zizhi.core.reminders.agenda import agenda

    target = _target(path)
    with desk.store.unit_of_work() as db:
        found = agenda(desk, as_of, person)
        events = [event(p, r, team=person is None) for p in found["people"] for r in p["reminders"]]
        changed = _sequence(db, events, desk.settings.general.reminders.timezone)
        data = calendar(events, _name_language(found, person), desk.settings.general.reminders.timezone)
        _replace(target, data)
        audit.record(db, desk.user, "remind.calendar", "reminder", None, file=str(target), as_of=found["as_of"],
                     person=person, events=len(events), changed=changed)
    return {"file": str(target), "as_of": found["as_of"], "events": len(events), "changed": changed}


def event(person: dict, reminder: dict, team: bool = False) -> dict:
    """What one event says, in the person's language: everything its digest covers. In the team's
    file (everyone's agenda) the summary starts with whose it is, so a shared calendar can be read."""
    from zizhi.core.i18n import t
    from zizhi.core.reminders.agenda import why

    lang = person.get("language")
    said = why(reminder, lang)
    # Not how many days it has waited: that would change the event, and its SEQUENCE, every day.
    lines = [said, t("remind.ics.since", lang, since=reminder["due_on"])]
    if reminder.get("command"):
        lines.append(t("remind.ics.command", lang, command=reminder["command"]))
    if reminder.get("app_key"):
        lines.append(t("remind.ics.app_key", lang, letter=reminder["app_key"]))
    lines.append(t("remind.ics.done", lang, reminder=reminder["key"]))
    summary = t("remind.ics.for", lang, name=person["name"], summary=said) if team else said
    if reminder["escalated"]:
        summary = f"‼ {summary}"
    return {"uid": f"{reminder['key']}/{person['login']}@zizhi", "day": reminder["due_on"],
            "summary": summary, "description": "\n".join(lines),
            "category": t(f"remind.kind.{reminder['kind']}", lang), "priority": 1 if reminder["escalated"] else 5}


def calendar(events: list[dict], lang: str | None, timezone: str) -> bytes:
    """The file's bytes (UTF-8, CRLF, folded by the library on whole characters)."""
    import icalendar

    from zizhi.core.i18n import t

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", t("remind.ics.name", lang))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    for found in events:
        cal.add_component(_vevent(found, timezone))
    return cal.to_ical()


def _vevent(found: dict, timezone: str):
    import icalendar

    day = dt.date.fromisoformat(found["day"])
    stamp = _utc(found["changed_at"], timezone)
    vevent = icalendar.Event()
    vevent.add("uid", found["uid"])
    vevent.add("sequence", found["sequence"])
    vevent.add("dtstamp", stamp)
    vevent.add("last-modified", stamp)
    vevent.add("dtstart", day)
    vevent.add("dtend", day + dt.timedelta(days=1))
    vevent.add("summary", found["summary"])
    vevent.add("description", found["description"])
    vevent.add("categories", [found["category"]])
    vevent.add("priority", found["priority"])
    vevent.add("transp", "TRANSPARENT")  # a reminder does not make the person busy
    return vevent


def _sequence(db, events: list[dict], timezone: str) -> int:
    """Give each event its SEQUENCE and DTSTAMP from ``reminder_calendar``: unchanged content keeps
    them, changed content takes the next sequence and now — the company's wall clock, which
    :func:`_utc` reads back, whatever the server's zone. Returns how many are new or changed."""
    known = _published(db, [found["uid"] for found in events])
    now, changed = clock.now(timezone).isoformat(sep=" ", timespec="seconds"), 0
    for found in events:
        digest = hashlib.sha256(json.dumps(found, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        before = known.get(found["uid"])
        if before and before[0] == digest:
            found.update(sequence=before[1], changed_at=before[2])
            continue
        found.update(sequence=before[1] + 1 if before else 0, changed_at=now)
        db.execute("""INSERT INTO reminder_calendar (uid, digest, sequence, changed_at) VALUES (?, ?, ?, ?)
                      ON CONFLICT (uid) DO UPDATE SET digest = excluded.digest, sequence = excluded.sequence,
                      changed_at = excluded.changed_at""", [found["uid"], digest, found["sequence"], now])
        changed += 1
    return changed


def _published(db, uids: list[str]) -> dict[str, tuple]:
    """What was last published of these UIDs only: the table keeps every event ever published (a
    snoozed reminder comes back with its sequence), far more than one day's file holds."""
    known: dict[str, tuple] = {}
    for start in range(0, len(uids), 500):
        part = uids[start:start + 500]
        marks = ",".join("?" * len(part))
        known.update((uid, rest) for uid, *rest in db.execute(
            f"SELECT uid, digest, sequence, changed_at FROM reminder_calendar WHERE uid IN ({marks})", part))
    return known


def _utc(stamp: str, timezone: str) -> dt.datetime:
    """A stored stamp (the company's wall clock) as the UTC moment iCalendar's DTSTAMP wants."""
    from zoneinfo import ZoneInfo

    return dt.datetime.fromisoformat(stamp).replace(tzinfo=ZoneInfo(timezone)).astimezone(dt.timezone.utc)


def _name_language(found: dict, person: str | None) -> str | None:
    """One person's file is named in their language; everyone's in the desk's."""
    people = found["people"]
    return people[0].get("language") if person and people else None


def _target(path: str | Path) -> Path:
    """FILE, refused before anything is written if its folder is missing or it names a folder."""
    from zizhi.core.paths import guard_target

    target = Path(path).expanduser()
    guard_target(target, "--ics")
    if target.is_dir():
        raise InputError("remind.ics_is_folder", field="ics", value=str(target))
    if not target.parent.is_dir():
        raise InputError("remind.ics_no_folder", field="ics", value=str(target), folder=str(target.parent))
    return target.absolute()


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``: a reader
    sees the old file or the new one, whole. The file keeps its permissions (a web server serving it
    still may); a new one gets the usual ones (umask)."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise UserError("remind.ics_unwritable", field="ics", value=str(target), reason=exc.strerror) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise UserError("remind.ics_unwritable", field="ics", value=str(target), reason=exc.strerror) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
