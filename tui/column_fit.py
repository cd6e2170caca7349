"""Which columns of a table fit its pane, and how wide each is — in terminal cells.

A value must never look complete when it is not: a phone number missing its last digit gets
dialled, a date missing one is read as another day. So a column is either *whole* (dates, phone
numbers, codes: shown in full or not at all) or *cut with "…"* (names, cities: the detail pane
has them whole). When the pane is narrow the cuttable columns give way first down to a
comfortable width, then whole columns of lower priority are dropped, and only then do the
cuttable ones shrink to their least — rather than a sideways scroll that hides the first
characters of every name.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text


@dataclass(frozen=True)
class Column:
    """One column's claim on the width.

    ``need`` is what its widest value and its title take; ``least`` how narrow a cuttable column
    may become (a whole column has ``least == need``); ``comfortable`` the width it keeps before
    any other column is dropped for it; ``drop`` the order in which columns go when even that
    does not fit (lowest first; None: never dropped).
    """

    key: str
    need: int
    least: int
    comfortable: int
    drop: int | None = None


def fit(columns: list[Column], room: int, padding: int = 2) -> dict[str, int]:
    """Widths for the columns kept, in their order; ``padding`` is each column's own margin."""
    kept, dropped = list(columns), []
    while True:
        widths = _squeeze(kept, room, padding, floor=lambda column: column.comfortable)
        if widths is not None:
            return _take_back(columns, kept, dropped, room, padding) if dropped else widths
        droppable = [column for column in kept if column.drop is not None]
        if not droppable:
            break
        dropped.append(min(droppable, key=lambda column: column.drop))
        kept.remove(dropped[-1])
    widths = _squeeze(kept, room, padding, floor=lambda column: column.least)
    return widths or {column.key: column.least for column in kept}


def _take_back(columns: list[Column], kept: list[Column], dropped: list[Column], room: int,
               padding: int) -> dict[str, int]:
    """Room freed by dropping a wide column may hold a narrower one dropped before it."""
    for column in dropped[-2::-1]:
        trial = [each for each in columns if each in kept or each is column]
        if _squeeze(trial, room, padding, floor=lambda each: each.comfortable) is not None:
            kept = trial
    return _squeeze(kept, room, padding, floor=lambda column: column.comfortable)


def _squeeze(columns: list[Column], room: int, padding: int, floor) -> dict[str, int] | None:
    """Each column at its need, narrowed a cell at a time where it has the most to spare."""
    widths = {column.key: column.need for column in columns}
    over = sum(widths.values()) + padding * len(columns) - room
    floors = {column.key: min(floor(column), column.need) for column in columns}
    while over > 0:
        spare = max(widths, key=lambda key: widths[key] - floors[key], default=None)
        if spare is None or widths[spare] <= floors[spare]:
            return None
        widths[spare] -= 1
        over -= 1
    return widths


def cut(text: Text, width: int) -> Text:
    """``text`` in at most ``width`` cells, ending in "…" when it had to be shortened.

    Rich's own ellipsis pads with a space where a wide character would straddle the edge
    (``上海佳晨 …``); here the "…" follows the last whole character, its style kept.
    """
    if cell_len(text.plain) <= width:
        return text
    used, end = 0, 0
    for end, char in enumerate(text.plain):
        used += cell_len(char)
        if used > width - 1:
            break
    shortened = text[:end]
    shortened.append("…")
    return shortened
