"""One demo deal's story drawn in days (``Plan``), for qualifications clients really ask for
together (``Needs``).
"""

from __future__ import annotations

import datetime as dt

from zizhi.core.demo import words
from zizhi.core.demo.stories import PHASES, STAGE_AFTER, Story


class Plan:
    """One deal's story drawn in days: which qualifications, and how many days back each phase."""

    def __init__(self, rng, day, book, story: Story, on_duty: str) -> None:
        self.rng, self.day, self.story, self.on_duty = rng, day, story, on_duty
        self.codes = book.needs.draw(rng, story)
        days = [book.catalogue[code].standard_days for code in self.codes]
        self.longest = max(days)
        gaps = [self._gap(name) for name in story.phases]
        self.tail = self._tail()
        self.backs, back = [], self.tail + sum(gaps)
        for gap in gaps:
            back -= gap
            self.backs.append(back)
        moves = [b for name, b in zip(story.phases, self.backs) if PHASES[name][2]]
        self.stage_back = moves[-1]
        self.stage = [STAGE_AFTER[n] for n in story.phases if n in STAGE_AFTER][-1]

    def _gap(self, name: str) -> int:
        low, high, _ = PHASES[name]
        if name in ("outcome", "refuse"):  # the authority's decision, within the standard time
            low, high = max(1, self.longest // 2), self.longest
        return self.rng.randint(low, high)

    def _tail(self) -> int:
        tail = self.story.tail
        if tail == "within":  # handed over, not yet due
            return self.rng.randint(1, max(1, min(self.longest - 1, 25)))
        if tail == "late":  # past the standard time, so a delay was recorded
            return self.rng.randint(self.longest + 2, self.longest + 8)
        return self.rng.randint(*tail)

    def fits(self, client: dict, stale: dict[str, int]) -> bool:
        """The client was there and its owner on duty when the deal opened; a contract needs a
        rating; a deal meant to be stuck (or not) is so on the board, whose clock the client's
        latest contact also restarts."""
        start = self.day(self.backs[0])
        if start < client["created_at"][:10] or start < self.on_duty:
            return False
        if "contract" in self.story.phases and not client["credit_rating"]:
            return False
        if self.story.stuck is None:
            return True
        moved = max(self.day(self.stage_back), (client["last_contact_at"] or "")[:10])
        idle = (self.day.today - dt.date.fromisoformat(moved)).days
        return (idle > stale[self.stage]) == self.story.stuck


class Needs:
    """What clients ask for: the combinations of ``words.DEAL_NEEDS`` the catalogue sells, by weight."""

    def __init__(self, catalogue: dict) -> None:
        combos = [(codes, w) for codes, w in words.DEAL_NEEDS if all(c in catalogue for c in codes)]
        if not combos:  # a catalogue of other codes: any one qualification
            combos = [((code,), 1) for code in catalogue]
        short = [(codes, w) for codes, w in combos if max(catalogue[c].standard_days for c in codes) <= 25]
        self.any, self.short = self._table(combos), self._table(short or combos)
        self.soon = [(q.code,) for q in catalogue.values() if q.validity_months and q.validity_months <= 6]

    @staticmethod
    def _table(pairs: list) -> tuple[list, list]:
        return [codes for codes, _ in pairs], [w for _, w in pairs]

    def draw(self, rng, story: Story) -> tuple[str, ...]:
        """One that expires within six months for the 'expiring' stories; a quick one for 'short'."""
        if "expiring" in story.flags and self.soon:
            return rng.choice(self.soon)
        codes, weights = self.short if "short" in story.flags else self.any
        return rng.choices(codes, weights)[0]
