"""The watch list as a table: the clients whose debts are turning bad, riskiest first, each score
explained in words (``zizhi ar watch``). The score, the amount overdue and how late are whole; the
client's name and the reasons are cut with "…" — the pane beside says the reasons whole.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui.column_fit import Column
from zizhi.tui.widgets.dunning_table import late_text
from zizhi.tui.widgets.fitted_table import FittedTable

COLUMNS = ("score", "client", "overdue", "late", "why")


class WatchTable(FittedTable):
    def title(self, key: str) -> str:
        return t(f"tui.watch.{key}")

    def columns_for(self, rows: list[dict]) -> list[Column]:
        return [self._column(key, rows) for key in COLUMNS]

    def cells(self, row: dict) -> dict[str, Text]:
        score = row["score"]
        return {
            "score": Text(str(score), style="bold red" if score >= 60 else "yellow" if score >= 30 else "",
                          justify="right"),
            "client": Text(("⚠ " if row["flagged"] else "") + row["client"]),
            "overdue": Text(format_fen(row["overdue"]), justify="right"),
            "late": late_text(row["days_overdue"]),
            "why": Text(row["explanation"], style="dim"),
        }

    def _column(self, key: str, rows: list[dict]) -> Column:
        need = max([cell_len(self.title(key)), *(cell_len(self.cells(row)[key].plain) for row in rows)])
        if key == "client":
            return Column(key, need, min(6, need), min(need, 16))
        if key == "why":
            return Column(key, need, min(8, need), min(need, 24), drop=0)
        return Column.whole(key, need)
