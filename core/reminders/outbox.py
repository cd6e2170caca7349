"""The outbox: each occurrence of a reminder reaches each recipient once per channel.

A row is one occurrence (the reminder's key: kind, record, day it fell due) × recipient ×
channel, unique. A run claims, in one ``BEGIN IMMEDIATE`` transaction, every occurrence with no
row yet (or whose delivery failed), so of two runs at once only one can claim it — the second
finds the row and leaves it. Then each message is marked ``sending`` just before it goes, and
``sent`` or ``failed`` after. A row another run left ``claimed`` or ``sending`` may or may not
have reached the person; it is reported as stuck and resent only when asked, under the same
Message-ID, so the reader's mail program can tell it is the same message.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from zizhi.core import clock

OPEN = ("claimed", "sending")  # stuck when another run left them so


def states(store, channels: Iterable[str], keys: Iterable[str]) -> dict[tuple, tuple]:
    """The rows of ``channels`` for the reminders ``keys`` as (key, user id, channel) → (state,
    message id, claimed at): all a run needs to know. Looked up key by key through an index that
    holds the state (so a run costs the same in a year's time, when the table holds every morning
    since); the message id and claim time only for the few not sent, from the index of those."""
    import json

    channels = list(channels)
    among = f"channel IN ({', '.join('?' * len(channels))})"
    found = {row[:3]: (row[3], None, None) for row in store.tuples(
        f"""SELECT o.key, o.user_id, o.channel, o.state FROM json_each(?) j
            JOIN reminder_outbox o INDEXED BY reminder_outbox_states ON o.key = j.value WHERE o.{among}""",
        [json.dumps(sorted(set(keys))), *channels])[1]}
    for row in store.tuples(f"SELECT key, user_id, channel, state, message_id, claimed_at FROM reminder_outbox "
                            f"WHERE state <> 'sent' AND {among}", channels)[1]:
        if row[:3] in found:
            found[row[:3]] = row[3:]
    return found


def message_id(login: str, channel: str, keys: Iterable[str], domain: str, nonce: str = "") -> str:
    """A Message-ID derived from what the message carries: the same reminders to the same person
    on the same channel give the same id (``nonce`` makes a deliberate repeat a new message)."""
    text = "\n".join([login, channel, nonce, *sorted(keys)])
    return f"<{hashlib.sha256(text.encode()).hexdigest()[:32]}.remind@{domain}>"


def claim(db, run: str, rows: list[tuple[str, int, str, str]]) -> None:
    """Claim (key, user id, channel, message id) for ``run``: a new row, or one taken back (a failed
    delivery retried, a stuck one resent, ``--again``). Inside the caller's unit of work."""
    at = clock.stamp()
    db.executemany(
        """INSERT INTO reminder_outbox (key, user_id, channel, state, run, message_id, attempts, claimed_at,
                                         changed_at)
           VALUES (?, ?, ?, 'claimed', ?, ?, 0, ?, ?)
           ON CONFLICT (key, user_id, channel) DO UPDATE SET state = 'claimed', run = excluded.run,
               message_id = excluded.message_id, error = NULL, sent_at = NULL, claimed_at = excluded.claimed_at,
               changed_at = excluded.changed_at""",
        [(key, user_id, channel, run, message, at, at) for key, user_id, channel, message in rows])


def mark(db, run: str, ids: list[tuple[str, int, str]], state: str, error: str | None = None) -> None:
    """Move this run's rows to ``sending`` (one more attempt), ``sent`` or ``failed`` (with ``error``)."""
    at = clock.stamp()
    db.executemany(
        """UPDATE reminder_outbox SET state = :state, error = :error, changed_at = :at,
               attempts = attempts + (:state = 'sending'),
               sent_at = CASE WHEN :state = 'sent' THEN :at ELSE sent_at END
           WHERE key = :key AND user_id = :user AND channel = :channel AND run = :run""",
        [{"state": state, "error": error, "at": at, "key": key, "user": user_id, "channel": channel, "run": run}
         for key, user_id, channel in ids])


def dismiss(db, ids: list[tuple[str, int, str]]) -> None:
    """Set down as delivered what a stopped run left on its way, once someone checked it arrived:
    neither reported nor resent again. Only rows still open are touched."""
    at = clock.stamp()
    db.executemany(
        f"""UPDATE reminder_outbox SET state = 'sent', sent_at = :at, changed_at = :at
            WHERE key = :key AND user_id = :user AND channel = :channel AND state IN {OPEN!r}""",
        [{"at": at, "key": key, "user": user_id, "channel": channel} for key, user_id, channel in ids])
