"""The bad-debt risk score (rulebook §7.2's early warning): 0 to 100 from the signs a debt shows.

Five signs each earn points by ``pricing.toml``'s ``[watch]``: how long it is overdue, how much is
owed (on a logarithmic scale: a debt ten times larger is not ten times likelier to go bad), the
client's credit rating, the promises to pay already broken and the dunning step reached. The
score is their sum, capped at 100. Every sign earns at least as many points as a milder one, so
a debt only looks riskier as it grows older, larger or further up the ladder, or breaks another
promise. This module is pure — numbers in, a score and its reasons out — so the watch list, the
cash forecast and the tests all reckon it the same way. (Named tuples, not dataclasses: a watch
list scores every client owing money, 100,000 of them in the large demo.)
"""

from __future__ import annotations

import math
from typing import NamedTuple

from zizhi.core.vocab import DUNNING_ACTIONS

MAX_SCORE = 100
RANK = {action: index for index, action in enumerate(DUNNING_ACTIONS)}


class Signs(NamedTuple):
    """What a debt (an instalment, or all a client owes) shows on one day."""

    days_overdue: int  # ≤ 0: not yet due
    owed: int  # fen
    rating: str | None
    broken_promises: int
    step: str | None  # the dunning action reached, if any


class Part(NamedTuple):
    """One sign's share of the score: ``sign`` is overdue, amount, rating, broken_promises or step."""

    sign: str
    points: int
    value: object


SIGNS = ("overdue", "amount", "rating", "broken_promises", "step")


class Risk(NamedTuple):
    score: int
    signs: Signs
    points: tuple[int, int, int, int, int]  # each sign's, in the order of SIGNS
    capped: bool  # the signs added up to more than 100

    @property
    def parts(self) -> tuple[Part, ...]:
        values = (self.signs.days_overdue, self.signs.owed, self.signs.rating, self.signs.broken_promises,
                  self.signs.step)
        return tuple(Part(sign, points, value) for sign, points, value in zip(SIGNS, self.points, values))


def score(signs: Signs, weights) -> Risk:
    """The score of ``signs`` under ``weights`` (config.schema.Watch), with each sign's points."""
    points = (overdue_points(signs.days_overdue, weights), amount_points(signs.owed, weights),
              rating_points(signs.rating, weights),
              min(weights.broken_promises_max, max(signs.broken_promises, 0) * weights.broken_promise_points),
              weights.step_points[signs.step] if signs.step else 0)
    total = sum(points)
    return Risk(min(total, MAX_SCORE), signs, points, total > MAX_SCORE)


def overdue_points(days: int, weights) -> int:
    """The configured points per 30 days, in proportion to the days, rounded half up, capped."""
    if days <= 0:
        return 0
    return min(weights.overdue_max, (days * weights.overdue_points_per_30_days * 2 + 30) // 60)


def amount_points(owed: int, weights) -> int:
    """Nothing up to ``small_amount``, ``amount_max`` from ``large_amount``, the logarithm between:
    each doubling of the debt adds the same points."""
    if owed <= weights.small_amount:
        return 0
    if owed >= weights.large_amount:
        return weights.amount_max
    reach = math.log(owed / weights.small_amount) / math.log(weights.large_amount / weights.small_amount)
    return min(weights.amount_max, math.floor(weights.amount_max * reach + 0.5))  # half up, as everywhere


def rating_points(rating: str | None, weights) -> int:
    return weights.rating_points.get(rating, weights.unrated_points) if rating else weights.unrated_points


def worst_step(steps) -> str | None:
    """The step furthest up the ladder among ``steps`` (None where there is none)."""
    found = None
    for step in steps:
        if step and (found is None or RANK[step] > RANK[found]):
            found = step
    return found


def explain(risk: Risk, lang: str | None = None) -> str:
    """The score in words, sign by sign with its points: "45 days overdue (+30), rated C (+15), …".
    Only signs that earn points are named; none at all reads "no warning signs"."""
    from zizhi.core.i18n import t

    said = [_part_text(part, lang) for part in risk.parts if part.points]
    if not said:
        return t("watch.no_signs", lang=lang)
    if risk.capped:
        said.append(t("watch.capped", lang=lang, most=MAX_SCORE))
    return t("watch.separator", lang=lang).join(said)


def _part_text(part: Part, lang: str | None) -> str:
    from zizhi.core.i18n import t
    from zizhi.core.money import format_fen

    if part.sign == "overdue":
        return t("watch.overdue", lang=lang, count=part.value, points=part.points)
    if part.sign == "amount":
        return t("watch.amount", lang=lang, amount=format_fen(part.value), points=part.points)
    if part.sign == "rating":
        key = "watch.rated" if part.value else "watch.unrated"
        return t(key, lang=lang, rating=part.value or "", points=part.points)
    if part.sign == "broken_promises":
        return t("watch.broken_promises", lang=lang, count=part.value, points=part.points)
    return t("watch.step", lang=lang, step=t(f"dunning_action.{part.value}", lang=lang), points=part.points)
