"""One run of the reminders, as cron starts it each working morning: each person learns once what
is new for them, on each channel asked for.

A run computes the agenda and claims in ONE ``BEGIN IMMEDIATE`` unit of work every occurrence not
yet claimed for its recipient and channel (:mod:`.outbox`), then delivers per person and channel
one message carrying that person's new reminders, marking each ``sent`` or ``failed``. What failed
is claimed again by the next run (and reported); what a run that died left claimed or on its way
is reported and resent only when asked (``retry_stuck``), as the same message, or set down as
delivered when someone checked that it arrived (``dismiss_stuck``). ``again`` repeats
everything due on purpose, as new messages; ``dry_run`` says what would go and claims nothing.
The whole run holds the reminders' lock (:mod:`.lock`). On a day the calendar says is not worked,
nothing is sent unless asked: the next working day's run carries what fell due.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Callable, Iterable

from zizhi.core import audit, clock, validation
from zizhi.core.errors import ConfigError
from zizhi.core.reminders import digest, outbox
from zizhi.core.reminders.channels import CHANNELS, DeliveryFailed

# For tests only: seconds a run sleeps between its claim and its first delivery, so a test can kill
# it there (SIGKILL) and show that the next run does not send twice.
PAUSE_AFTER_CLAIM = "ZIZHI_REMIND_TEST_PAUSE_AFTER_CLAIM"


def run(desk, channels: Iterable[str], *, as_of: str | None = None, person: str | None = None,
        dry_run: bool = False, again: bool = False, retry_stuck: bool = False, holidays: bool = False,
        dismiss_stuck: bool = False, write_text: Callable[[str], None] | None = None) -> dict:
    """Deliver what is new by ``as_of`` (default: today in the company's time zone) on ``channels``.

    Returns ``{"as_of", "skipped", "messages": [...], "stuck": [...]}``; each message names the
    person, channel, address, the reminders' keys, its Message-ID and its ``state`` (``sent``,
    ``failed`` with ``error``, or ``would_send`` in a dry run). ``write_text`` prints the ``text``
    channel (the CLI's standard output).
    """
    from zizhi.core.reminders.agenda import _require_reader

    _require_reader(desk.user, person)  # a salesperson's run of everyone is refused, holiday or not
    general = desk.settings.general
    channels = [c for c in CHANNELS if c in set(channels)]
    senders = _senders(general, channels, write_text)
    day = validation.date(as_of, "as-of") if as_of else clock.today(general.reminders.timezone).isoformat()
    report = {"as_of": day, "skipped": None, "dry_run": dry_run, "messages": [], "stuck": []}
    if not (holidays or general.reminders.send_on_holidays or _worked(desk, day)):
        return {**report, "skipped": "holiday"}
    if dry_run:
        return {**report, **_plan(desk, day, person, channels, again, retry_stuck, "dry-run", general)}
    from zizhi.core.reminders.lock import held

    with held(desk.store.path):
        this_run = uuid.uuid4().hex
        with desk.store.unit_of_work() as db:
            plan = _plan(desk, day, person, channels, again, retry_stuck, this_run, general)
            outbox.claim(db, this_run, [(key, m["user_id"], m["channel"], m["message_id"])
                                        for m in plan["messages"] for key in m["keys"]])
            if dismiss_stuck:  # someone checked that they arrived: delivered, not reported again
                outbox.dismiss(db, [(key, s["user_id"], s["channel"]) for s in plan["stuck"] for key in s["keys"]])
                plan["stuck"] = [{**s, "dismissed": True} for s in plan["stuck"]]
            audit.record(db, desk.user, "remind.claim", "reminder", None, as_of=day, channels=channels,
                         person=person, again=again, retry_stuck=retry_stuck,
                         claimed=sum(len(m["keys"]) for m in plan["messages"]),
                         dismissed=sum(len(s["keys"]) for s in plan["stuck"]) if dismiss_stuck else 0)
        _pause_for_tests()
        for message in plan["messages"]:
            _deliver(desk, this_run, message, senders[message["channel"]])
    return {**report, **plan}


def _worked(desk, day: str) -> bool:
    from zizhi.core.workdays import days

    return days.is_workday(desk.store, day)


def _plan(desk, day: str, person: str | None, channels: list[str], again: bool, retry_stuck: bool,
          this_run: str, general) -> dict:
    """The messages this run sends and the stuck claims it leaves, from the agenda and the outbox."""
    from zizhi.core.bulk import collector_paused

    with collector_paused():
        return _planned(desk, day, person, channels, again, retry_stuck, this_run, general)


def _planned(desk, day: str, person: str | None, channels: list[str], again: bool, retry_stuck: bool,
             this_run: str, general) -> dict:
    from zizhi.core.reminders.agenda import agenda

    found = agenda(desk, day, person)
    ids = {row["login"]: row["id"] for row in desk.store.rows("SELECT id, login FROM users")}
    rows = outbox.states(desk.store, channels, [r["key"] for p in found["people"] for r in p["reminders"]]) \
        if found["people"] else {}
    domain = _domain(general)
    messages, stuck = [], []
    for who in found["people"]:
        user_id = ids[who["login"]]
        for channel in channels:
            fresh, waiting = [], {}
            for reminder in who["reminders"]:
                row = rows.get((reminder["key"], user_id, channel))
                if row is None or again or row[0] == "failed":
                    fresh.append((reminder, row))
                elif row[0] in outbox.OPEN:
                    waiting.setdefault(row[1], []).append((reminder, row))
            if fresh:
                keys = [r["key"] for r, _ in fresh]
                nonce = this_run if again else ""
                messages.append(_message(who, ids, channel, fresh, day, general,
                                         outbox.message_id(who["login"], channel, keys, domain, nonce)))
            for message_id, pairs in waiting.items():
                if retry_stuck:
                    messages.append({**_message(who, ids, channel, pairs, day, general, message_id), "resent": True})
                else:
                    stuck.append({"login": who["login"], "name": who["name"], "user_id": user_id, "channel": channel,
                                  "message_id": message_id, "keys": [r["key"] for r, _ in pairs],
                                  "state": pairs[0][1][0], "since": pairs[0][1][2], "dismissed": False})
    return {"messages": messages, "stuck": stuck}


def _message(who: dict, ids: dict, channel: str, pairs: list[tuple[dict, dict | None]], day: str, general,
             message_id: str) -> dict:
    """One message to one person on one channel, in the language they read (text: the command's)."""
    from zizhi.core.i18n import current_language

    reminders = [r for r, _ in pairs]
    lang = current_language() if channel == "text" else (who["language"] or general.language or current_language())
    return {"login": who["login"], "name": who["name"], "user_id": ids[who["login"]], "channel": channel,
            "to": who["email"] if channel == "mail" else None, "person": who, "language": lang,
            "keys": [r["key"] for r in reminders], "message_id": message_id,
            "retried": [r["key"] for r, row in pairs if row is not None and row[0] == "failed"],
            "resent": False, "subject": digest.subject(len(reminders), day, lang),
            "body": digest.body(who, reminders, day, lang), "state": "would_send", "error": None}


def _deliver(desk, this_run: str, message: dict, send: Callable[[dict], None]) -> None:
    """Mark the message's claims ``sending``, send it, then mark them ``sent`` or ``failed``."""
    ids = [(key, message["user_id"], message["channel"]) for key in message["keys"]]
    with desk.store.unit_of_work() as db:
        outbox.mark(db, this_run, ids, "sending")
    try:
        send(message)
    except DeliveryFailed as failure:
        message.update(state="failed", error=str(failure))
    else:
        message["state"] = "sent"
    with desk.store.unit_of_work() as db:
        outbox.mark(db, this_run, ids, message["state"], message["error"])


def _senders(general, channels: list[str], write_text) -> dict[str, Callable[[dict], None]]:
    """Each channel's sender, its settings checked before anything is claimed (exit 78 if missing)."""
    senders = {}
    if "text" in channels:
        senders["text"] = lambda message: (write_text or print)(message["body"])
    if "mail" in channels:
        if general.mail is None:
            raise ConfigError("remind.no_mail_settings")
        from zizhi.core.reminders import mail

        mail.password(general.mail)
        senders["mail"] = lambda message: _mail(general, message)
    if "chat" in channels:
        if general.chat is None:
            raise ConfigError("remind.no_chat_settings")
        senders["chat"] = lambda message: _chat(general, message)
    return senders


def _mail(general, message: dict) -> None:
    from zizhi.core.i18n import t
    from zizhi.core.reminders import mail

    if not message["to"]:
        raise DeliveryFailed(t("remind.no_email", message["language"], login=message["login"]))
    when = clock.now(general.reminders.timezone).replace(tzinfo=_zone(general))
    mail.send(general.mail, mail.compose(general.mail, message["person"], message["subject"], message["body"],
                                         message["message_id"], when))


def _chat(general, message: dict) -> None:
    from zizhi.core.reminders import chat  # the team group's robot (WeCom, DingTalk, Feishu)

    chat.send(general.chat, message["person"], message["body"])


def _zone(general):
    from zoneinfo import ZoneInfo

    return ZoneInfo(general.reminders.timezone)


def _domain(general) -> str:
    if general.mail is None:
        return "zizhi.invalid"
    from zizhi.core.reminders import mail

    return mail.domain(general.mail)


def _pause_for_tests() -> None:
    pause = os.environ.get(PAUSE_AFTER_CLAIM)
    if pause:
        time.sleep(float(pause))
