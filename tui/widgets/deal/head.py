"""The deal's head: who, what, where it stands and what it is worth, in three lines."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui import labels
from zizhi.tui.widgets.deal.text import MISSING, stage


def head(deal: dict) -> Table:
    grid = Table.grid(padding=(0, 1))
    for _ in range(3):
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    where = Text(stage(deal["stage"]) + "  ", style="bold")
    where.append(t("tui.deal.since", date=(deal["stage_since"] or "")[:10]), style="dim")
    codes = ", ".join(q["code"] + (f"×{q['quantity']}" if q["quantity"] > 1 else "")
                      for q in deal.get("qualifications", []))
    state = Text(MISSING)
    if deal["blocked"]:
        state = Text(t("tui.deal.blocked"), style="bold red")
    elif deal.get("end_reason"):
        state = Text(deal["end_reason"], style="red")
    grid.add_row(labels.column("client"), Text(deal["client"]), labels.column("owner"), Text(deal["owner"] or ""),
                 labels.column("stage"), where)
    grid.add_row(labels.column("value"), Text(format_fen(deal["value"])), labels.column("probability_used"),
                 Text(percent.text(deal.get("probability_used"), MISSING)), labels.column("expected_close"),
                 Text(deal["expected_close"] or MISSING))
    grid.add_row(t("tui.field.qualifications"), Text(codes), labels.column("channel"),
                 Text(labels.word("channel", deal["channel"]) or MISSING), t("tui.deal.state"), state)
    return grid
