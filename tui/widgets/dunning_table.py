"""Today's dunning actions as a table: who must act, on which debt, how late, and what to do.

One row per person and debt, as ``zizhi dunning due`` lists them. Figures are whole or not shown;
the client's name and the person are cut with "…" when the pane is narrow (the pane beside has the
client whole), the person, the note and the instalment (listed beside too) giving way first, then
the words of the action to take are cut with "…".
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui.column_fit import Column
from zizhi.tui.widgets.fitted_table import FittedTable

COLUMNS = ("person", "client", "instalment", "owed", "late", "action", "note")


class DunningTable(FittedTable):
    def __init__(self, people: bool = True, **kwargs) -> None:
        """``people``: a column for who must act (left out when they are all the person reading)."""
        super().__init__(**kwargs)
        self.people = people

    def title(self, key: str) -> str:
        return t(f"tui.dun.{key}")

    def columns_for(self, rows: list[dict]) -> list[Column]:
        return [self._column(key, rows) for key in COLUMNS if key != "person" or self.people]

    def cells(self, row: dict) -> dict[str, Text]:
        late = row["days_overdue"]
        note = Text("")
        if row["flagged"]:
            note.append("⚠ " + t("tui.dun.bad_debt"), style="bold red")
        elif row["reason"] == "broken_promise":
            note.append("⚠ " + t("tui.dun.broken"), style="bold red")
        return {
            "person": Text(row["person"] or "—"),
            "client": Text(row["client"]),
            "instalment": Text(row["instalment"]),
            "owed": Text(format_fen(row["owed"]), justify="right"),
            "late": late_text(late),
            "action": Text(t(f"dunning_action.{row['action']}"), style="bold"),
            "note": note,
        }

    def _column(self, key: str, rows: list[dict]) -> Column:
        need = max([cell_len(self.title(key)), *(cell_len(self.cells(row)[key].plain) for row in rows)])
        if key == "client":
            return Column(key, need, min(6, need), min(need, 12))
        if key == "action":
            return Column(key, need, min(6, need), min(need, 10))
        if key == "person":
            return Column(key, need, min(4, need), min(need, 8), drop=0)
        if key == "note":
            return Column(key, need, min(2, need), min(need, 8), drop=1)
        return Column.whole(key, need, 2 if key == "instalment" else None)  # the pane beside lists instalments too


def late_text(days: int) -> Text:
    """How late, coloured by how bad; a debt not yet due says when it falls due."""
    words = t("tui.dun.days", count=days) if days > 0 else t("tui.dun.in_days", count=-days)
    return Text(words, style="bold red" if days > 30 else "yellow" if days > 0 else "", justify="right")
