"""The tables of the reports screen's tabs: their columns, the order in which they give way when
the pane is narrow, and how each row's cells read.

An amount is never cut: each table names the columns it keeps at any width (the name and the
amount the report is about), and the others give way least important first — the screen says
which under the table — before a name is shortened with "…" (:mod:`tui.column_fit`).
"""

from __future__ import annotations

import re

from rich.text import Text

from zizhi.core import percent
from zizhi.core.i18n import listed, t
from zizhi.core.money import format_fen
from zizhi.tui import report_text
from zizhi.tui.report_text import SHOWN
from zizhi.tui.widgets.rows_table import Col


def one_line(title: str) -> str:
    """A head the CLI prints on two lines ("con-\\nverted", "办理\\n成功率"), on one."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])", "", title).replace("-\n", "").replace("\n", " ")


def left_out_text(titles: list[str], width: int) -> Text:
    """The dim line under a table naming the columns given way at this width."""
    if not titles:
        return Text("")
    return Text(t("tui.reports.left_out", width=width, columns=listed([one_line(title) for title in titles])),
                style="dim")


# -- the team: the ranked KPI with its target and attainment, then the others as room allows ------

def team_columns(metric: str) -> list[Col]:
    others = [m for m in SHOWN if m != metric]
    return [Col("rank", lambda: t("kpi.col.rank")),
            Col("person", lambda: t("kpi.col.person"), words=True, comfortable=16),
            Col(metric, lambda: one_line(t(f"kpi.short.{metric}"))),
            Col("target", lambda: t("kpi.col.target")),
            Col("attained", lambda: t("kpi.col.attainment")),
            *(Col(m, lambda m=m: one_line(t(f"kpi.short.{m}")), drop=10 - n) for n, m in enumerate(others))]


def team_cells(metric: str):
    def cells(row: dict) -> dict[str, Text]:
        found = {"rank": Text(str(row["rank"]), justify="right"), "person": Text(f"{row['name']} ({row['login']})")}
        for shown in SHOWN:
            found[shown] = Text(report_text.figure(row, shown), justify="right",
                                style="bold" if shown == metric else "")
        points = row["attainment"].get(metric) if row["targets"].get(metric) is not None else None
        found["target"] = Text(report_text.target(row, metric) or "—", justify="right")
        found["attained"] = Text(report_text.attained(row, metric) or "—", justify="right",
                                 style="" if points is None else "green" if points >= 10_000 else "yellow")
        return found
    return cells


# -- channels: the channel's name and its revenue stay; the days to close go first ---------------

CHANNEL_FIGURES = ("inquiries", "converted", "conversion", "won", "won_value", "clients_won", "revenue",
                   "median_days", "mean_days")
# the order the figures give way in, first to go first (revenue never does)
_CHANNEL_DROPS = ("mean_days", "median_days", "converted", "won", "clients_won", "conversion", "inquiries",
                  "won_value")


def channel_columns(first: str) -> list[Col]:
    """A referring client's name (a Chinese company's, often 24 cells and more) keeps its room
    before the days to close do; a channel's name is short."""
    comfortable = 28 if first == "referrer" else 16
    return [Col("label", lambda: t(f"report.table.{first}"), words=True, comfortable=comfortable),
            *(Col(key, lambda key=key: t(f"col.{key}"),
                  drop=_CHANNEL_DROPS.index(key) + 1 if key in _CHANNEL_DROPS else None)
              for key in CHANNEL_FIGURES)]


def channel_cells(row: dict) -> dict[str, Text]:
    days = row["days_to_close"]
    shown = {"inquiries": str(row["inquiries"]), "converted": str(row["converted"]),
             "conversion": percent.two_decimals(row["conversion"]), "won": str(row["won"]),
             "won_value": format_fen(row["won_value"]), "clients_won": str(row["clients_won"]),
             "revenue": format_fen(row["revenue"]), "median_days": _days(days["median"]),
             "mean_days": _days(days["mean"])}
    style = "bold" if row.get("total") else ""
    return {"label": Text(row["label"], style=style),
            **{key: Text(value, style=style, justify="right") for key, value in shown.items()}}


def channel_name(name: str) -> str:
    return t("report.unrecorded") if name == "unrecorded" else t(f"channel.{name}")


def _days(value) -> str:
    return "—" if value is None else f"{value:g}"


# -- market research: per industry, region or qualification; the losses by reason and competitor ---

MARKET_FIGURES = ("inquiries", "won", "won_value", "lost", "lost_value")
_MARKET_DROPS = {"lost": 1, "won": 2, "lost_value": 3}


def market_columns(by: str) -> list[Col]:
    return [Col("label", lambda: t(f"report.by.{by}"), words=True, comfortable=20),
            *(Col(key, lambda key=key: t(f"col.{key}"), drop=_MARKET_DROPS.get(key)) for key in MARKET_FIGURES)]


def market_cells(row: dict) -> dict[str, Text]:
    style = "bold" if row.get("total") else ""
    return {"label": Text(row["label"], style=style),
            **{key: Text(format_fen(row[key]) if key.endswith("_value") else str(row[key]), style=style,
                         justify="right") for key in MARKET_FIGURES}}


def market_rows(found: dict) -> list[dict]:
    """The groups, then the total (a deal once, however many qualifications it asks for)."""
    rows = [{**row, "label": t("report.unrecorded") if row["name"] == "unrecorded" else row.get("label") or row["name"]}
            for row in found["groups"]]
    return [*rows, {**found["totals"], "label": t("report.total"), "total": True}]


def lost_columns(field: str) -> list[Col]:
    """The deals lost by ``field`` (reason or competitor): how many, and their value."""
    return [Col(field, lambda: t(f"col.{field}"), words=True, comfortable=24),
            Col("count", lambda: t("col.count")), Col("value", lambda: t("col.lost_value"))]


def lost_cells(field: str):
    def cells(row: dict) -> dict[str, Text]:
        return {field: Text(row[field] or t("report.none_named")), "count": Text(str(row["count"]), justify="right"),
                "value": Text(format_fen(row["value"]), justify="right")}
    return cells
