"""Cells a spreadsheet would run as formulas, written so it does not, and read back as they were.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as
a formula by a spreadsheet (a client's name ``=HYPERLINK(…)`` turned into a link that sends data
away): the export writes it after a ``'``, which Excel shows as text, and the import takes the
``'`` off again, so an export imports back as it was.
"""

from __future__ import annotations

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA) else cell


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA) else cell
