"""The person's agenda as a table: a heading per kind of reminder, then its items, most urgent first.

Each item says why it is due (:func:`core.reminders.agenda.why`, in the reader's language), since
when and how long it has waited; an escalation is marked ‼, and on a manager's agenda the owner it
was escalated from is named. The words are cut with "…" when the pane is narrow, dates and waiting
times are whole or not shown (:mod:`tui.column_fit`). The cursor steps over the headings: every
row it rests on is an item a key acts on.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from zizhi.core.i18n import t
from zizhi.core.reminders.agenda import RANK, why
from zizhi.tui import keymap
from zizhi.tui.column_fit import Column
from zizhi.tui.widgets.fitted_table import FittedTable

COLUMNS = ("why", "owner", "since", "waiting")


SHOWN_PER_KIND = 100  # a kind's most urgent items on screen; its heading counts them all


def grouped(reminders: list[dict], per_kind: int = SHOWN_PER_KIND) -> list[dict]:
    """The rows shown: a heading before each kind's items, kinds in the core's order of urgency
    (:data:`core.reminders.agenda.KINDS`: unread policy notices, then money; a kind it does not
    rank, last), each kind's items as the core ordered them (:func:`core.reminders.agenda.urgency`:
    escalations first).

    A kind shows its ``per_kind`` most urgent items, so every kind is in sight on a morning of
    thousands (a demo salesperson's 6,000 follow-ups) and the table stays quick to draw."""
    kinds: dict[str, list[dict]] = {}
    for reminder in reminders:  # already most urgent first
        kinds.setdefault(reminder["kind"], []).append(reminder)
    rows: list[dict] = []
    for kind, items in sorted(kinds.items(), key=lambda pair: RANK.get(pair[0], len(RANK))):
        rows.append({"heading": kind, "count": len(items), "shown": min(len(items), per_kind)})
        rows += items[:per_kind]
    return rows


def is_heading(row: dict | None) -> bool:
    return row is not None and "heading" in row


class AgendaTable(FittedTable):
    BINDINGS = keymap.bindings(keymap.AGENDA)

    def __init__(self, person: str, **kwargs) -> None:
        """``person``: the login reading; an item owned by someone else names its owner."""
        super().__init__(**kwargs)
        self.person = person
        self._last_row = 0
        self._cells: dict[int, dict[str, Text]] = {}

    def title(self, key: str) -> str:
        return t(f"tui.today.col.{key}")

    def columns_for(self, rows: list[dict]) -> list[Column]:
        others = any(not is_heading(row) and self._owner_shown(row) for row in rows)
        return [self._column(key, rows) for key in COLUMNS if key != "owner" or others]

    def cells(self, row: dict) -> dict[str, Text]:
        found = self._cells.get(id(row))
        if found is None:
            found = self._cells[id(row)] = self._heading(row) if is_heading(row) else self._item(row)
        return found

    def _heading(self, row: dict) -> dict[str, Text]:
        kind = t(f"remind.kind.{row['heading']}")
        words = (t("tui.today.heading", kind=kind, count=row["count"]) if row["shown"] == row["count"]
                 else t("tui.today.heading_part", kind=kind, count=row["count"], shown=row["shown"]))
        return {"why": Text(words, style="bold underline"), "owner": Text(""), "since": Text(""), "waiting": Text("")}

    def _item(self, row: dict) -> dict[str, Text]:
        mark = Text("‼ ", style="bold red") if row["escalated"] else Text("  ")
        return {"why": Text.assemble(mark, why(row)),
                "owner": Text(row["owner"] or "—" if self._owner_shown(row) else "", style="italic"),
                "since": Text(row["due_on"]),
                "waiting": waiting(row["days"])}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter (open) is offered only with an item to open."""
        return bool(self.rows_shown) if action == "select_cursor" else True

    def _owner_shown(self, row: dict) -> bool:
        return row["owner"] != self.person

    def _column(self, key: str, rows: list[dict]) -> Column:
        need = max([cell_len(self.title(key)), *(cell_len(self.cells(row)[key].plain) for row in rows)])
        if key == "why":
            return Column(key, need, min(12, need), min(need, 40))
        if key == "owner":
            return Column(key, need, min(4, need), min(need, 8), drop=1)
        return Column.whole(key, need, 0 if key == "waiting" else None)

    # -- the cursor rests on items only ------------------------------------------------------

    def show(self, rows: list[dict]) -> None:
        self._cells = {}  # each row's cells, said once for the layout and the table alike
        super().show(rows)
        if is_heading(self.row):
            self._step_off_heading(self.cursor_row, 1)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = event.cursor_row
        if 0 <= row < len(self.rows_shown) and is_heading(self.rows_shown[row]):
            self._step_off_heading(row, 1 if row >= self._last_row else -1)
        else:
            self._last_row = row

    def _step_off_heading(self, row: int, step: int) -> None:
        """Onto the nearest item in the direction the cursor moved, else the other way."""
        for direction in (step, -step):
            found = row + direction
            while 0 <= found < len(self.rows_shown) and is_heading(self.rows_shown[found]):
                found += direction
            if 0 <= found < len(self.rows_shown):
                self._last_row = found
                self.move_cursor(row=found)
                return


def waiting(days: int) -> Text:
    """How long the item has waited: "today", or days, in red past a month."""
    words = t("tui.today.days", count=days) if days > 0 else t("tui.today.due_today")
    return Text(words, style="bold red" if days > 30 else "yellow" if days > 0 else "", justify="right")
