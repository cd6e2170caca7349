"""The arithmetic the reports share, exact: rates in basis points rounded half up, days to close
as median and mean to a tenth of a day, names grouped as people mean them."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal


def rate(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in basis points, half up (2 of 3 → 6667); None when there is no whole."""
    if not whole:
        return None
    return (2 * part * 10_000 + whole) // (2 * whole)


def days(spans: list[int]) -> dict:
    """The median and mean of whole days, each to a tenth (a half day when the middle two differ
    by one), and how many they were measured on; None for each when none."""
    if not spans:
        return {"median": None, "mean": None, "count": 0}
    ordered = sorted(spans)
    middle = len(ordered) // 2
    median = Decimal(ordered[middle]) if len(ordered) % 2 else Decimal(ordered[middle - 1] + ordered[middle]) / 2
    mean = (Decimal(sum(ordered)) / len(ordered)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return {"median": float(median), "mean": float(mean), "count": len(ordered)}


def key(name: str | None) -> str:
    """A name as a group's key: full-width folded to half-width, case and spacing ignored
    (“华信 代理”, “华信代理 ” and “ＨＸ代理”/“hx代理” each one competitor)."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(text.split())


def spelled(spellings: dict[str, int]) -> str:
    """The spelling a group is shown by: the most used, the first in order on a tie."""
    return max(sorted(spellings), key=lambda text: spellings[text])
