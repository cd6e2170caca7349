"""The pure parts of the risk score (:mod:`.risk`) as SQL, for a query scoring thousands of clients.

The points for days overdue, the amount owed and the credit rating depend on nothing but a
row's numbers, so SQLite can add them up while it groups the debts, and Python is left with the
dunning step and the broken promises. The amount's points are a logarithm: rather than trust the
database's ``ln`` to round as Python's does, the least amount earning each point is found here
with :func:`risk.amount_points` itself, and the SQL compares with those — the same points to the
last fen.
"""

from __future__ import annotations

from zizhi.core.receivables import risk


def base_points(days: str, owed: str, rating: str, weights) -> tuple[str, dict]:
    """SQL for the overdue, amount and rating points of a row whose days overdue, amount owed and
    rating are the SQL expressions given, and its parameters (named ``w_…``)."""
    overdue = (f"(CASE WHEN {days} <= 0 THEN 0 ELSE min({weights.overdue_max}, "
               f"({days} * {weights.overdue_points_per_30_days} * 2 + 30) / 60) END)")
    steps = amount_steps(weights)
    amount = " ".join(["(CASE", *(f"WHEN {owed} >= {least} THEN {points}" for points, least in reversed(steps)),
                       "ELSE 0 END)"])
    params = {f"w_r{n}": name for n, name in enumerate(weights.rating_points)}
    rated = " ".join(["(CASE WHEN coalesce(" + rating + ", '') = '' THEN " + str(weights.unrated_points),
                      *(f"WHEN {rating} = :w_r{n} THEN {points}"
                        for n, points in enumerate(weights.rating_points.values())),
                      f"ELSE {weights.unrated_points} END)"])
    return f"({overdue} + {amount} + {rated})", params


def amount_steps(weights) -> list[tuple[int, int]]:
    """(points, the least amount in fen earning them) for each number of points the amount can earn."""
    steps, low = [], weights.small_amount + 1
    for points in range(1, weights.amount_max + 1):
        high = max(weights.large_amount, low)
        if risk.amount_points(high, weights) < points:
            break
        while low < high:  # the least amount earning ``points``: the points only grow with the amount
            middle = (low + high) // 2
            if risk.amount_points(middle, weights) >= points:
                high = middle
            else:
                low = middle + 1
        steps.append((points, low))
    return steps
