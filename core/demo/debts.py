"""The demo's debts: contracts whose balance falls due on a chosen working day, so that every
step of the dunning ladder, every kind of payment and every invoice has a true case to show.

The deals are written like every other demo deal (:mod:`.deal_rows`: the whole pipeline, the
prepayment paid); only the balance's due date is chosen, in working days from the demo's today.
What then happens to the balance — payments, reminders, promises, invoices, a write-off — is
acted out through the core's own operations by :mod:`.collection`. One set of these stories
per ``PER_SET`` clients (at least one), each on a client of its own who has no other deal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from zizhi.core.demo.deal_rows import Deal
from zizhi.core.demo.plans import Plan
from zizhi.core.demo.stories import _DELIVERED, _PROCESSING, Story

PER_SET = 1_000  # clients per set of debt stories
_TRIES = 60  # clients tried for one story before the set goes without it


def _debt(name: str, due: int) -> Story:
    """A debt whose balance fell due ``-due`` working days ago (delivered by then), or falls due in
    ``due`` working days (still in processing)."""
    if due >= 0:
        return Story(name, _PROCESSING, (8, 20), None, due=due)
    back = math.ceil(-due * 1.45) + 12  # calendar days enough for the working days and a holiday
    return Story(name, _DELIVERED, (back, back + 6), None, due=due)


# Each story's balance, in working days from today (the ladder: -3, 7, 15, 30, 60, 90 by default).
DEBTS = (
    _debt("due_soon", 2),  # the friendly reminder before the due date, due today
    _debt("reminder", -9), _debt("call", -17), _debt("letter", -33), _debt("visit", -64),
    _debt("escalation", -95),
    _debt("partial", -18),  # part paid after the reminder: the call is still due for the rest
    _debt("promise_kept", -21), _debt("promise_broken", -26),
    _debt("reversed", -11),  # paid, invoiced, the bank returned it: red letter and reversal
    _debt("overpaid", -4),  # paid more than owed: credit on account
    _debt("paid", -6),  # paid in full on the day, a special invoice (专用发票)
    _debt("written_off", -100),  # escalated, then terminated with a write-off
)


@dataclass
class Debt:
    """One debt story as drawn: whose, which contract, and its balance (the last instalment)."""

    story: str
    client: dict
    contract_id: int
    position: int
    due_on: str
    amount: int

    @property
    def ref(self) -> str:
        return f"{self.contract_id}:{self.position}"


def add_debts(rng, book, team, clients: list[dict], sets: int) -> list[Debt]:
    """Deals for ``sets`` sets of ``DEBTS``, each on one of ``clients`` (taken in order, used once)."""
    found, free = [], iter(clients)
    for _ in range(sets):
        for story in DEBTS:
            for _, client in zip(range(_TRIES), free):
                plan = Plan(rng, book.day, book, story, team.on_duty_since(client["owner_id"]))
                if plan.fits(client, {}):
                    deal = Deal(book, plan, client)
                    deal.write()
                    due_on, amount = deal.contract["schedule"][-1]
                    found.append(Debt(story.name, client, deal.contract["id"], len(deal.contract["schedule"]),
                                      due_on, amount))
                    break
    return found
