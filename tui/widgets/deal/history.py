"""A deal's stage history as a table fitted to its pane, in terminal cells.

The time of a move is what the history is read for, so it shows whole (``2026-11-18 10:31``) or
the row means nothing; when the pane is narrow the login who moved it goes first, then the stage
it came from (the row above says it), and the stage names are cut with "…". The note wraps:
it is the one column a person typed, and nowhere else shows it — unless no move has one, when
its empty column is the first to go.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from zizhi.core.i18n import t
from zizhi.tui import labels
from zizhi.tui.cells import fit, width
from zizhi.tui.column_fit import Column, widths
from zizhi.tui.widgets.deal.text import MISSING, stage, title

COLUMNS = ("at", "from", "to", "by", "note")
PADDING = 2  # a space each side of a column; the table's outer edges have none


def history(deal: dict, room: int) -> Group:
    """The history title over a table of its moves, its columns fitted to ``room`` cells."""
    heads = dict(zip(COLUMNS, (t("tui.deal.at"), labels.column("from_stage"), labels.column("to_stage"),
                               t("tui.deal.by"), labels.column("note"))))
    rows = [_cells(row) for row in deal["history"]]
    fitted = widths(_columns(heads, rows), room + PADDING, PADDING)
    found = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, header_style="bold dim",
                  expand=False)
    for key, cells in fitted.items():
        found.add_column(fit(heads[key], cells), width=cells, no_wrap=key != "note")
    for row in rows:
        found.add_row(*(row[key] if key == "note" else fit(row[key], fitted[key]) for key in fitted))
    return Group(title("tui.deal.history"), found)


def _cells(row: dict) -> dict[str, Text]:
    return {"at": Text(row["at"][:16]), "from": Text(stage(row["from_stage"]) or MISSING, style="dim"),
            "to": Text(stage(row["to_stage"]), style="bold"), "by": Text(row["user"]),
            "note": Text(row["note"] or "")}


def _columns(heads: dict[str, str], rows: list[dict[str, Text]]) -> list[Column]:
    need = {key: max([width(heads[key])] + [width(row[key]) for row in rows]) for key in COLUMNS}

    def cut(key: str, least: int, drop: int | None = None) -> Column:
        return Column(key, need[key], min(need[key], least), need[key], drop)

    return [Column.whole("at", need["at"]), cut("from", 4, drop=1), cut("to", 5), cut("by", 6, drop=0),
            Column("note", need["note"], min(need["note"], 8), min(need["note"], 12),
                   None if any(row["note"].plain for row in rows) else -1)]
