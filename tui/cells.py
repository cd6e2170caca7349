"""Text measured in terminal cells (a Chinese character takes two), fitted into a width.

A value cut without a sign reads as complete: a phone number short of a digit gets dialled, an
amount short of one is believed. So text shortened here always ends in "…", and figures are not
shortened at all — :func:`first_fitting` picks a shorter way of writing them, :func:`keep`
drops whole columns, lowest priority first. Nothing here knows Textual, so every screen and
table can share it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text


def width(text: str | Text) -> int:
    """Cells ``text`` takes on a terminal."""
    return cell_len(text.plain if isinstance(text, Text) else text)


def fit(text: str | Text, room: int, pad: bool = False) -> Text:
    """``text`` in at most ``room`` cells, ending in "…" when it had to be shortened
    (``pad``: filled with spaces to exactly ``room``)."""
    found = text.copy() if isinstance(text, Text) else Text(text)
    found.no_wrap = True
    found.overflow = "ellipsis"
    found.truncate(max(room, 0), overflow="ellipsis", pad=pad)
    return found


def first_fitting(room: int, *forms: str) -> str:
    """The first of ``forms`` (longest, most exact first) that fits ``room``; else the last.

    For figures: an amount may lose its fen or be counted in 万 when a column is narrow, but
    it is never cut — the caller makes room for the last form.
    """
    return next((form for form in forms if cell_len(form) <= room), forms[-1])


def keep(needs: dict[str, int], drop: Sequence[str], room: int, gap: int = 0) -> list[str]:
    """The columns, in their order, that fit ``room`` cells whole, each ``needs[name]`` wide plus
    ``gap``: those named in ``drop`` go first to last until the rest fit (the others always stay)."""
    kept = list(needs)
    for name in drop:
        if sum(needs[n] + gap for n in kept) <= room:
            break
        if name in kept:
            kept.remove(name)
    return kept
