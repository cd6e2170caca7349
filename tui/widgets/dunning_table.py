"""Today's dunning actions as a table: who must act, on which debt, how late, and what to do.

One row per person and debt, as ``zizhi dunning due`` lists them. Figures and the instalment are
whole or not shown; the client's name and the person are cut with "…" when the pane is narrow (the
pane beside has the client whole), the person giving way first.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui.cells import fit
from zizhi.tui.column_fit import Column, widths

PADDING = 2
COLUMNS = ("person", "client", "instalment", "owed", "late", "action", "note")


class DunningTable(DataTable):
    """The screen fills it with :meth:`show`; :attr:`action` is the row under the cursor."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.actions: list[dict] = []
        self._widths: dict[str, int] = {}
        self._people = True

    def on_resize(self) -> None:
        if self.actions and self._layout() != self._widths:
            self.show(self.actions, self._people)

    def show(self, actions: list[dict], people: bool = True) -> None:
        """``people``: a column for who must act (left out when they are all the person reading)."""
        cursor = self.cursor_row
        self.actions, self._people = actions, people
        self.clear(columns=True)
        self._widths = self._layout()
        for key, width in self._widths.items():
            self.add_column(fit(Text(_title(key)), width), key=key, width=width)
        for action in actions:
            cells = _cells(action)
            self.add_row(*(fit(cells[key], width) for key, width in self._widths.items()))
        if actions:
            self.move_cursor(row=min(cursor, len(actions) - 1))

    @property
    def action(self) -> dict | None:
        return self.actions[self.cursor_row] if self.actions and self.row_count else None

    def cell(self, row: int, key: str) -> str:
        if key not in self._widths:
            return ""
        return str(self.get_cell_at((row, list(self._widths).index(key))))

    def _layout(self) -> dict[str, int]:
        room = self.size.width - self.styles.scrollbar_size_vertical
        return widths([_column(key, self.actions) for key in COLUMNS if key != "person" or self._people],
                      room, PADDING)


def _title(key: str) -> str:
    return t(f"tui.dun.{key}")


def _cells(action: dict) -> dict[str, Text]:
    late = action["days_overdue"]
    note = Text("")
    if action["flagged"]:
        note.append("⚠ " + t("tui.dun.bad_debt"), style="bold red")
    elif action["reason"] == "broken_promise":
        note.append("⚠ " + t("tui.dun.broken"), style="bold red")
    return {
        "person": Text(action["person"] or "—"),
        "client": Text(action["client"]),
        "instalment": Text(action["instalment"]),
        "owed": Text(format_fen(action["owed"]), justify="right"),
        "late": Text(t("tui.dun.days", count=late) if late > 0 else t("tui.dun.in_days", count=-late),
                     style="bold red" if late > 30 else "yellow" if late > 0 else "", justify="right"),
        "action": Text(t(f"dunning_action.{action['action']}"), style="bold"),
        "note": note,
    }


def _column(key: str, actions: list[dict]) -> Column:
    values = [_cells(action)[key].plain for action in actions]
    need = max([cell_len(_title(key)), *map(cell_len, values)])
    if key == "client":
        return Column(key, need, min(6, need), min(need, 16))
    if key == "action":
        return Column(key, need, min(6, need), need)
    if key == "person":
        return Column(key, need, min(4, need), min(need, 8), drop=0)
    if key == "note":
        return Column(key, need, min(2, need), min(need, 8), drop=1)
    return Column.whole(key, need, 2 if key == "instalment" else None)  # the pane beside lists instalments too
