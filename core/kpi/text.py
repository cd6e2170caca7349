"""A KPI as a person reads it — money, a count, a mean score, a rate — and what a rate or a mean is
made of: written once for the CLI (`zizhi kpi`), the app's reports screen and the PDFs.

The rules of what counts are :mod:`core.kpi.figures`'; this only writes its integers (fen, basis
points) and decimal strings.
"""

from __future__ import annotations

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen

MONEY = ("revenue", "contract_value")


def rate(points: int | None) -> str:
    """Basis points as a percentage to two decimals, as the README says (15.90%; a falling
    attainment keeps its sign); None as a dash. The one way a KPI rate is written: the CLI, the
    app and both PDFs."""
    return percent.two_decimals(points)


def figure(row: dict, metric: str) -> str:
    """A KPI of one person (a row of ``figures`` or ``team``) as a person reads it."""
    value = row[metric]
    if metric in MONEY:
        return format_fen(value)
    if metric == "new_clients":
        return str(value)
    if metric == "satisfaction":
        return value["mean"] or "—"
    if metric in ("success_rate", "win_rate"):
        return rate(value["rate"])
    return ""


def detail(row: dict, metric: str) -> str:
    """What a rate or a mean is made of (3 approved of 4 decided)."""
    value = row[metric]
    if metric == "satisfaction":
        return t("kpi.scores", count=value["count"]) if value["count"] else ""
    if metric == "success_rate":
        return t("kpi.decided", approved=value["approved"], decided=value["decided"])
    if metric == "win_rate":
        return t("kpi.ended", won=value["won"], lost=value["lost"])
    return ""


def target(row: dict, metric: str) -> str:
    goal = row["targets"].get(metric)
    if goal is None:
        return ""
    return format_fen(goal) if metric in MONEY else str(goal)


def drill_figure(metric: str, rows: list[dict]) -> str:
    """The figure a drill-down's records make — their sum, their mean, or ones over all — written
    as the figure itself is, so a reader compares the two at a glance."""
    from zizhi.core.kpi.figures import mean, ratio

    total = sum(row["amount"] for row in rows)
    if metric in MONEY:
        return format_fen(total)
    if metric == "new_clients":
        return str(total)
    if metric in ("success_rate", "win_rate"):
        return rate(ratio(total, len(rows)))
    return mean(total, len(rows), "0.01" if metric == "satisfaction" else "0.1") or "—"


def drill_column(metric: str) -> str:
    """The head of a drill-down's figure column: what each record counts for — an amount of money,
    a score, won or approved as 1 or 0, days — never "amount" for what is no money."""
    return t(f"kpi.col.counts.{metric}")


def stage_means(rows: list[dict]) -> str:
    """The days per stage a drill-down's stays make, stage by stage in the pipeline's order —
    "inquiry: 2.3 days (12 stays), …" — each the KPI's figure for that stage."""
    from zizhi.core.i18n import listed
    from zizhi.core.kpi.figures import mean
    from zizhi.core.pipeline.stages import STAGES

    said = []
    for stage in STAGES:
        days = [row["amount"] for row in rows if row.get("stage") == stage]
        if days:
            said.append(t("kpi.stays", stage=t(f"stage.{stage}"),
                          mean=mean(sum(days), len(days), "0.1"), count=len(days)))
    return listed(said)


def bar_value(row: dict, metric: str) -> int:
    """What a bar's length stands for in a chart of the team: fen, a count, basis points, a mean
    score in hundredths; 0 for a rate or a mean with nothing behind it."""
    value = row[metric]
    if isinstance(value, dict):
        if value.get("rate") is not None:
            return value["rate"]
        return value["total"] * 100 // value["count"] if value.get("count") and "total" in value else 0
    return value
