"""The eight stages of the rulebook (§6), in order, and the steps between them.

Pure: the configuration validates its per-stage settings against this list, the gates guard each
step, and the app's ``]``/``[`` keys ask for the next or previous stage here.
"""

from __future__ import annotations

STAGES = ("inquiry", "assessment", "proposal", "contract", "payment", "processing", "delivered", "aftersales")
ENDINGS = ("lost", "cancelled")


def still_open(alias: str = "d") -> str:
    """The SQL condition that a deal has not ended (lost or cancelled), for queries of open deals."""
    return f"{alias}.stage NOT IN (" + ", ".join(f"'{ending}'" for ending in ENDINGS) + ")"


def before(stage: str) -> tuple[str, ...]:
    """The stages a deal passes through before reaching ``stage``."""
    return STAGES[:STAGES.index(stage)]


def is_backwards(here: str, there: str) -> bool:
    return STAGES.index(there) < STAGES.index(here)


def hops(here: str, there: str) -> tuple[str, ...]:
    """The stages a move from ``here`` to ``there`` records: forwards, every stage on the way (each
    past its gate); backwards, one step straight back."""
    start, end = STAGES.index(here), STAGES.index(there)
    return STAGES[start + 1:end + 1] if end > start else (there,)


def next_stage(stage: str) -> str | None:
    """The stage after ``stage``; None at the last stage or for an ended deal."""
    return _step(stage, 1)


def previous_stage(stage: str) -> str | None:
    """The stage before ``stage``; None at the first stage or for an ended deal."""
    return _step(stage, -1)


def _step(stage: str, by: int) -> str | None:
    if stage not in STAGES:
        return None
    index = STAGES.index(stage) + by
    return STAGES[index] if 0 <= index < len(STAGES) else None
