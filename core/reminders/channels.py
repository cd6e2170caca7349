"""How a reminder leaves Zizhi: the channels a run delivers through, and how one fails.

A channel takes one person's newly claimed reminders as one message — a mail, a post to the team
group's robot — and either delivers it or raises :class:`DeliveryFailed` saying why in one line
(the outbox keeps the claim and the next run retries it). Channels: ``text`` (standard output,
for cron to mail), ``mail`` (:mod:`.mail`), ``chat`` (:mod:`.chat`).
"""

from __future__ import annotations

CHANNELS = ("text", "mail", "chat")


class DeliveryFailed(Exception):
    """A message that did not get through: the server refused, timed out or was not there."""
