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

    @classmethod
    def whole(cls, key: str, need: int, drop: int | None = None) -> Column:
        """A column of figures: shown whole or not at all."""
        return cls(key, need, need, need, drop)


def widths(columns: list[Column], room: int, padding: int = 2) -> dict[str, int]:
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
