"""Text measured in terminal cells (a Chinese character takes two), fitted into a width.

A value cut without a sign reads as complete: a phone number short of a digit gets dialled, an
amount short of one is believed. So text shortened here always ends in "…", and figures are not
shortened at all — :func:`first_fitting` picks a shorter way of writing them, :mod:`tui.column_fit`
drops whole columns, lowest priority first. Nothing here knows Textual, so every screen and
table can share it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text


def width(text: str | Text) -> int:
    """Cells ``text`` takes on a terminal."""
    return cell_len(text.plain if isinstance(text, Text) else text)


def fit(text: str | Text, room: int, pad: bool = False) -> Text:
    """``text`` in at most ``room`` cells, ending in "…" when it had to be shortened
    (``pad``: filled with spaces to exactly ``room``).

    Rich's own ellipsis pads with a space where a wide character would straddle the edge
    (``上海佳晨 …``); here the "…" follows the last whole character, its style kept.
    """
    found = text.copy() if isinstance(text, Text) else Text(text)
    found.no_wrap = True
    if width(found) > room:
        used, end = 0, 0
        for end, char in enumerate(found.plain):
            used += cell_len(char)
            if used > room - 1:
                break
        found = found[:end] if room > 0 else found[:0]
        found.no_wrap = True
        if room > 0:
            found.append("…")
    if pad and width(found) < room:
        found.pad_right(room - width(found))
    return found


def first_fitting(room: int, *forms: str) -> str:
    """The first of ``forms`` (longest, most exact first) that fits ``room``; else the last.

    For figures: an amount may lose its fen or be counted in 万 when a column is narrow, but
    it is never cut — the caller makes room for the last form.
    """
    return next((form for form in forms if cell_len(form) <= room), forms[-1])
