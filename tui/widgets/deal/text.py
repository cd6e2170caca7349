"""The small Rich pieces every section of a deal is drawn with: titles, label grids, plain tables.

Rich renderables (``Text`` and grids, never markup), so text a user typed shows as typed.
"""

from __future__ import annotations

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from zizhi.core.i18n import t

MISSING = "—"


def grid(*widths: int | None) -> Table:
    found = Table.grid(padding=(0, 2))
    for width in widths:
        found.add_column(min_width=width, no_wrap=False)
    return found


def table(*columns: str, right: tuple[int, ...] = ()) -> Table:
    """A borderless table; the columns numbered in ``right`` are right-aligned (amounts)."""
    found = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold dim", expand=False)
    for index, name in enumerate(columns):
        found.add_column(name, justify="right" if index in right else "left")
    return found


def title(key: str, **params: object) -> Text:
    return Text(t(key, **params), style="bold underline")


def stage(name: str | None) -> str:
    return t(f"stage.{name}") if name else ""


def indented(text: Text) -> Padding:
    return Padding(text, (0, 0, 0, 2))


def label(text: str) -> Text:
    return Text(text, style="dim")
