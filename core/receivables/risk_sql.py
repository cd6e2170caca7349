"""The pure parts of the risk score (:mod:`.risk`) as SQL, for a query scoring thousands of clients.

The points for days overdue and the amount owed depend on nothing but a row's numbers, so
SQLite can add them up while it groups the debts, and Python is left with the rating, the
dunning step and the broken promises. The amount's points are a logarithm: rather than trust the
database's ``ln`` to round as Python's does, the least amount earning each point is found here
with :func:`risk.amount_points` itself, and the SQL compares with those — the same points to the
last fen.
"""

from __future__ import annotations

from zizhi.core.receivables import risk


def points(days: str, owed: str, weights) -> str:
    """SQL for the overdue and amount points of a row whose days overdue and amount owed are the
    SQL expressions given (the rating's are added in Python, for the few clients looked up)."""
    overdue = (f"(CASE WHEN {days} <= 0 THEN 0 ELSE min({weights.overdue_max}, "
               f"({days} * {weights.overdue_points_per_30_days} * 2 + 30) / 60) END)")
    amount = " ".join(["(CASE", *(f"WHEN {owed} >= {least} THEN {points}"
                                  for points, least in reversed(amount_steps(weights))), "ELSE 0 END)"])
    return f"({overdue} + {amount})"


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
