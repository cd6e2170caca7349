"""Each salesperson's last five quarters in the demo: in every one of them, counted back from the
company's today, each salesperson on duty signs contracts and is paid, has applications decided
(now and then refused), visits clients after delivery, and wins and loses deals — so every KPI,
report and drill-down has something to show in every quarter, whatever the demo's size.

The deals of :mod:`.deals` fall where their stories' days happen to put them; here a story is
*placed*: one of its phases (the signature, the visit, the decision, the loss) falls on a chosen
day of the quarter (``Placed``), and a story whose later phases would fall after yesterday is cut
at the last point a deal can stand at. How busy each person is comes from ``words.FORMS``, so the
team's figures differ as a real team's do. A few hundred deals at most: no measurable build time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from itertools import islice

from zizhi.core.demo import words
from zizhi.core.demo.deal_rows import Deal
from zizhi.core.demo.plans import Plan
from zizhi.core.demo.stories import PHASES, STAGE_AFTER, TRACK
from zizhi.core.kpi import quarters

QUARTERS = 5  # this one and the four before it
# Where a cut story may end: a deal can stand there (paid and waiting, decided, delivered, visited, lost).
ENDS = ("pay", "outcome", "refuse", "deliver", "visit1", "visit2", "lose")
_TRIES = 8


class Placed(Plan):
    """A story drawn in days with its ``anchor`` phase ``back`` days ago, cut after its last phase
    that is at least a day ago and at one of ``ENDS``; ``ok`` is False when the anchor itself is not."""

    def __init__(self, rng, day, book, story, on_duty: str, anchor: str, back: int) -> None:
        self.rng, self.day, self.on_duty = rng, day, on_duty
        self.codes = book.needs.draw(rng, story)
        self.longest = max(book.catalogue[code].standard_days for code in self.codes)
        gaps = [self._gap(name) for name in story.phases]
        at = story.phases.index(anchor)
        backs = [back + sum(gaps[j + 1:at + 1]) if j <= at else back - sum(gaps[at + 1:j + 1])
                 for j in range(len(gaps))]
        ends = [j for j in range(at, len(backs)) if backs[j] >= 1 and story.phases[j] in ENDS]
        self.ok = bool(ends) and backs[at] >= 1
        end = ends[-1] if ends else len(backs) - 1
        self.story = dataclasses.replace(story, phases=story.phases[:end + 1])
        self.backs, self.tail = backs[:end + 1], backs[end]
        moves = [b for name, b in zip(self.story.phases, self.backs) if PHASES[name][2]]
        self.stage_back = moves[-1]
        self.stage = [STAGE_AFTER[n] for n in self.story.phases if n in STAGE_AFTER][-1]

    def fits(self, client: dict, stale: dict[str, int]) -> bool:
        return self.ok and super().fits(client, stale)


def add_track_record(rng, book, people: list[tuple[int, str]], clients: list[dict], busy: list[dict],
                     owing: set[str]) -> tuple[int, dict | None]:
    """Placed deals for each of ``people`` (id, login) in each of the last five quarters, on their
    own ``clients`` without a deal (oldest first) — a deal lost may come from one of the ``busy``
    clients, who have a deal already, as a second inquiry; returns how many, and the deal whose
    balance is to be recorded late (``words.LATE_PAYER``'s, in the last closed quarter, on a client
    whose rating in ``owing`` leaves a balance after the prepayment), if made."""
    today = book.day.today
    latest = quarters.of_day(today)
    placed = [latest]
    for _ in range(QUARTERS - 1):
        placed.insert(0, placed[0].preceding())
    mine: dict[int, list[dict]] = {}
    for client in sorted(clients, key=lambda c: c["created_at"]):
        mine.setdefault(client["owner_id"], []).append(client)
    again: dict[int, list[dict]] = {}
    for client in sorted(busy, key=lambda c: c["created_at"]):
        again.setdefault(client["owner_id"], []).append(client)
    made, late, used = 0, None, set()
    for user_id, login in people:
        won, lost, refused, _ = words.FORMS.get(login, words.DEFAULT_FORM)
        free, asked = mine.get(user_id, []), again.get(user_id, [])
        since = book.team.on_duty_since(user_id)
        for q in placed:
            window = ((today - q.first).days, max(1, (today - q.last).days))
            plan = [("won", "sign")] * max(1, won + rng.randint(-1, 1)) + [("won", "visit1"), ("won", "outcome")]
            plan += [(rng.choice(("lost", "lost_on_price")), "lose")] * max(1, lost + rng.randint(-1, 1))
            if rng.random() < refused:
                plan.append(("refused", "refuse"))
            if login == words.LATE_PAYER and q == latest.preceding():
                owes = [c for c in free if c["credit_rating"] in owing]
                deal = _place(rng, book, TRACK["paid_late"], "deliver", (window[0] - 30, window[1] + 10), since, owes, used)
                if deal is not None:
                    made += 1
                    late = _late(deal, q)
            for story, anchor in plan:
                pool = free if anchor != "lose" else [*asked, *free]
                made += _place(rng, book, TRACK[story], anchor, window, since, pool, used) is not None
    return made, late


def _place(rng, book, story, anchor: str, window: tuple[int, int], since: str, free: list[dict],
           used: set[int]) -> Deal | None:
    """One deal of ``story`` with ``anchor`` on a day of ``window`` (days back, earliest first) for
    the first of ``free`` not yet ``used`` it fits (the client is then used), trying a few days."""
    if window[0] < window[1]:
        return None
    rated = "contract" in story.phases  # a contract needs the client's credit rating
    for _ in range(_TRIES):
        plan = Placed(rng, book.day, book, story, since, anchor, rng.randint(window[1], window[0]))
        for client in islice((c for c in free if c["id"] not in used and (c["credit_rating"] or not rated)), 3):
            if plan.fits(client, {}):
                deal = Deal(book, plan, client)
                deal.write()
                used.add(client["id"])
                return deal
    return None


def _late(deal: Deal, q) -> dict:
    """The balance left after delivery, paid a few days after it within ``q``."""
    delivered = dt.date.fromisoformat(deal.handover["outcome_on"]) + dt.timedelta(days=4)
    rest = sum(amount for _, amount in deal.contract["schedule"]) - sum(amount for amount, _ in deal.contract["paid"])
    return {"client_id": deal.client["id"], "contract_id": deal.contract["id"], "amount": rest,
            "paid_on": min(delivered, q.last).isoformat(), "quarter": q.name}
