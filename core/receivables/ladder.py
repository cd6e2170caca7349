"""The dunning ladder laid over one instalment: the day each step falls due, and the step reached.

The steps come from ``pricing.toml``'s ``[dunning]``: days from the due date (negative: before
it), counted in Chinese working days when ``working_days`` is set. Either way a step that lands
on a holiday or a weekend moves to the next working day, so nobody is told to call a client
during the Spring Festival — or, for a step before the due date, to the working day before, so a
reminder that payment is coming never arrives after it was due. Steps are compared by their days, which stay meaningful in the log
even if the ladder is later edited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zizhi.core.vocab import DUNNING_ACTIONS
from zizhi.core.workdays import days as workdays


@dataclass(frozen=True)
class Rung:
    """One step of the ladder for one instalment: its days from the due date, action and day."""

    days: int
    action: str
    on: str

    @property
    def escalates(self) -> bool:
        """The last resort: the managers are told and the debt is flagged as a possible bad debt."""
        return self.action == "escalation"


class Ladder:
    """The configured ladder, reckoned on one database's working-day calendar.

    Instalments share due dates, so each due date's steps are worked out once per ladder.
    """

    def __init__(self, store, config) -> None:
        self.steps = [(step.days, step.action) for step in config.steps]
        self.working_days = config.working_days
        self.calendar = workdays.calendar(store)
        self._known: dict[str, list[Rung]] = {}

    def rungs(self, due_on: str) -> list[Rung]:
        """Every step of an instalment due on ``due_on``, in ladder order, with the day it falls due."""
        if due_on not in self._known:
            due = dt.date.fromisoformat(due_on)
            self._known[due_on] = [Rung(days, action, self._day(due, days).isoformat())
                                   for days, action in self.steps]
        return self._known[due_on]

    def reached(self, due_on: str, as_of: str) -> Rung | None:
        """The highest step whose day has come by ``as_of`` (None: not even the first)."""
        found = None
        for rung in self.rungs(due_on):
            if rung.on <= as_of:
                found = rung
        return found

    def after(self, due_on: str, days: int | None) -> Rung | None:
        """The step above the one ``days`` from the due date (the first when None; None past the top)."""
        for rung in self.rungs(due_on):
            if days is None or rung.days > days:
                return rung
        return None

    def at(self, due_on: str, days: int | None) -> Rung | None:
        """The step ``days`` from the due date, if the ladder has it."""
        return next((rung for rung in self.rungs(due_on) if rung.days == days), None)

    def next_workday(self, day: dt.date) -> dt.date:
        while not self.calendar.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def _day(self, due: dt.date, days: int) -> dt.date:
        step = 1 if days >= 0 else -1
        if not self.working_days:
            day = due + dt.timedelta(days=days)
        else:
            day, left = due, abs(days)
            while left:
                day += dt.timedelta(days=step)
                if self.calendar.is_workday(day):
                    left -= 1
        while not self.calendar.is_workday(day):  # a step before the due date stays before it
            day += dt.timedelta(days=step)
        return day


def answers(action: str, rung: Rung) -> bool:
    """Whether logging ``action`` answers ``rung``: its own action or a stronger one does."""
    return DUNNING_ACTIONS.index(action) >= DUNNING_ACTIONS.index(rung.action)
