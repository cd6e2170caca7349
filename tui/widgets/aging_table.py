"""The aging report as a table: one row per client, what they owe in each bucket of days overdue.

Amounts are whole or not shown (a debt missing a digit is another debt): when the pane is narrow
empty buckets give way first, then the owner, then the buckets nearest to due; the client's name is
cut with "…" (the pane beside it has it whole), and the oldest bucket holding money and the total
always stay. Cells are
``rich.text.Text``, never markup, so a client called “[北京]…” shows as typed.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.receivables.aging import bucket_label
from zizhi.tui.cells import fit
from zizhi.tui.column_fit import Column, widths

PADDING = 2


class AgingTable(DataTable):
    """Rows keyed by client id; :meth:`show` lays out one aging report."""

    def __init__(self, owners: bool = True, **kwargs) -> None:
        """``owners``: a column for each client's salesperson (not for a salesperson's own list)."""
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.owners = owners
        self.report: dict | None = None
        self._widths: dict[str, int] = {}

    def on_resize(self) -> None:
        if self.report is not None and self._layout(self.report) != self._widths:
            self.show(self.report, keep=self.client_id)

    def show(self, report: dict, keep: int | None = None) -> None:
        """The report's rows (the screen passes at most a few hundred); the cursor stays on ``keep``."""
        self.report = report
        self.clear(columns=True)
        self._widths = self._layout(report)
        for key, width in self._widths.items():
            self.add_column(fit(Text(_title(key), justify="right" if key != "client" and key != "owner"
                                     else "left"), width), key=key, width=width)
        for row in report["shown"]:
            cells = _cells(row)
            self.add_row(*(fit(cells[key], width) for key, width in self._widths.items()), key=str(row["client_id"]))
        if keep is not None:
            self.select_client(keep)

    def select_client(self, client_id: int) -> bool:
        for index, row in enumerate(self.report["shown"] if self.report else ()):
            if row["client_id"] == client_id:
                self.move_cursor(row=index)
                return True
        return False

    @property
    def client_id(self) -> int | None:
        if not self.row_count or self.report is None:
            return None
        return self.report["shown"][self.cursor_row]["client_id"]

    def cell(self, row: int, key: str) -> str:
        """What the person reads in one cell; "" for a column given way."""
        if key not in self._widths:
            return ""
        return str(self.get_cell_at((row, list(self._widths).index(key))))

    @property
    def hidden(self) -> list[str]:
        """The buckets holding money that the width has no room for (the status line names them)."""
        if self.report is None:
            return []
        return [name for name in self.report["buckets"] if self.report["totals"][name] and name not in self._widths]

    def _layout(self, report: dict) -> dict[str, int]:
        """The money first: the owner gives way before any bucket that holds money does."""
        room = self.size.width - self.styles.scrollbar_size_vertical
        columns = _columns(report, self.owners)
        laid = widths(columns, room, PADDING)
        if "owner" in laid and any(report["totals"][name] and name not in laid for name in report["buckets"]):
            laid = widths([column for column in columns if column.key != "owner"], room, PADDING)
        return laid


def _columns(report: dict, owners: bool = True) -> list[Column]:
    rows, buckets = report["shown"], report["buckets"]

    def need(key: str, values: list[str]) -> int:
        return max([cell_len(_title(key)), *map(cell_len, values)])

    names = [row["name"] for row in rows]
    columns = [Column("client", need("client", names), min(8, need("client", names)), min(need("client", names), 26))]
    if owners and any(row.get("owner") for row in rows):
        owners = [row["owner"] for row in rows]
        columns.append(Column("owner", need("owner", owners), min(4, need("owner", owners)), 6,
                              drop=len(buckets)))
    for index, name in enumerate(buckets):
        amounts = [format_fen(row["buckets"][name]) for row in rows] + [format_fen(report["totals"][name])]
        columns.append(Column.whole(name, need(name, amounts), _drop(report, index)))
    totals = [format_fen(row["total"]) for row in rows] + [format_fen(report["total"])]
    columns.append(Column.whole("total", need("total", totals)))
    return columns


def _drop(report: dict, index: int) -> int | None:
    """Empty buckets give way first, then the owner, then the buckets nearest to due; the oldest
    bucket that holds money never does."""
    buckets, totals = report["buckets"], report["totals"]
    if not totals[buckets[index]]:
        return index
    oldest = max((i for i, name in enumerate(buckets) if totals[name]), default=None)
    return None if index == oldest else len(buckets) + 1 + index


def _title(key: str) -> str:
    if key in ("client", "owner", "total"):
        return t(f"col.{key}")
    return bucket_label(key)


def _cells(row: dict) -> dict[str, Text]:
    cells = {"client": Text(row["name"]), "owner": Text(row.get("owner") or ""),
             "total": Text(format_fen(row["total"]), style="bold", justify="right")}
    for index, (name, amount) in enumerate(row["buckets"].items()):
        style = "dim" if not amount else ("" if index == 0 else "yellow" if index == 1 else "bold red")
        cells[name] = Text(format_fen(amount) if amount else "·", style=style, justify="right")
    return cells
