"""The demo's draws from one ``random.Random``: uniform and weighted picks, a few times faster
than its own methods, which check their arguments on every call (millions of calls in a large
demo). A seed makes the same demo only while each draw takes the same numbers from the generator.
"""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate


class Draw:
    """Uniform and weighted draws from one ``random.Random``, a few times faster than its own."""

    def __init__(self, rng: random.Random) -> None:
        self.random = rng.random

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def weighted(self, table: tuple[list, list[float], float]):
        items, cumulative, total = table
        return items[bisect(cumulative, self.random() * total)]


def weighted_table(pairs) -> tuple[list, list[float], float]:
    """A weighted table for :meth:`Draw.weighted` from (item, weight) pairs."""
    pairs = list(pairs)
    items = [item for item, _ in pairs]
    cumulative = list(accumulate(weight for _, weight in pairs))
    return items, cumulative, cumulative[-1]


class Dice(Draw):
    """The same draws under ``random.Random``'s names, for the deals' code, which reads as if it
    used one; ``choices`` and ``shuffle`` are the generator's own."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.choices, self.shuffle = rng.choices, rng.shuffle

    randint, choice = Draw.between, Draw.pick
