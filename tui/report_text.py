"""How the reports' figures read on screen: money, counts, mean scores and rates; the total line
of a drill-down, which is the figure again, computed from the records listed; bars of block
characters for the team's chart.

Nothing here imports Textual. The rules of what counts are the core's (:mod:`core.kpi`); this only
writes its integers (fen, basis points) and decimal strings as a person reads them.
"""

from __future__ import annotations

from rich.text import Text

from zizhi.core.kpi.text import MONEY, bar_value, detail, drill_figure, figure, rate, target  # noqa: F401 (this module's vocabulary)
from zizhi.core.money import format_fen  # noqa: F401 (this module's vocabulary)

SHOWN = ("revenue", "contract_value", "new_clients", "satisfaction", "success_rate", "win_rate")
RANKED = SHOWN  # the KPIs the team is ranked by, in the order ``m`` steps through them
FULL, EIGHTHS = "█", " ▏▎▍▌▋▊▉"


def attained(row: dict, metric: str) -> str:
    if row["targets"].get(metric) is None:
        return ""
    return rate(row["attainment"][metric])


def drill_total(metric: str, rows: list[dict]) -> str:
    """The line over the records: how they make the figure — a sum of money or counts, a mean of
    scores or days, a rate of ones over all."""
    from zizhi.core.i18n import t

    shown, count = drill_figure(metric, rows), len(rows)
    if metric in MONEY or metric == "new_clients":
        return t("tui.reports.drill_total", count=count, figure=shown)
    if metric in ("success_rate", "win_rate"):
        return t(f"tui.reports.drill_{metric}", hits=sum(row["amount"] for row in rows), count=count, figure=shown)
    return t("tui.reports.drill_mean", count=count, figure=shown)


def bar(value: int, widest: int, width: int) -> Text:
    """A bar of ``width`` cells for the widest value, in eighths of a cell; none for nothing."""
    if value <= 0 or widest <= 0 or width <= 0:
        return Text("")
    eighths = max(value * width * 8 // widest, 1)
    whole, part = divmod(eighths, 8)
    return Text(FULL * whole + (EIGHTHS[part] if part else ""), style="bold")
