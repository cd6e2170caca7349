"""How `zizhi kpi` prints: one person's figures with targets and attainment, the records behind a
figure, and the team side by side with a bar chart of block characters — Chinese names aligned by
terminal cells (``rich.cells``), as the forecast's chart is."""

from rich.cells import cell_len

from zizhi.commands.common import csv_out, echo, money_text
from zizhi.commands.watch_view import BAR_WIDTH, EIGHTHS, FULL
from zizhi.commands.widths import columns as terminal_columns
from zizhi.commands.widths import cut, grid, left, right, say, show
from zizhi.core.i18n import t
from zizhi.core.kpi import text as kpi_text
from zizhi.core.kpi.text import MONEY

# written once in the core, for the app and the PDFs too
percent_text, figure_text = kpi_text.rate, kpi_text.figure
detail_text, target_text = kpi_text.detail, kpi_text.target


def person_text(row: dict) -> None:
    say(t("kpi.head", name=row["name"], login=row["login"], quarter=row["quarter"], start=row["from"],
              end=row["to"]))
    heads = ["", t("kpi.col.figure"), t("kpi.col.target"), t("kpi.col.attainment"), ""]
    lines = [[t(f"kpi.metric.{m}"), figure_text(row, m), target_text(row, m),
              percent_text(row["attainment"][m]) if m in row["attainment"] and row["targets"][m] is not None else "",
              detail_text(row, m)]
             for m in ("revenue", "contract_value", "new_clients", "satisfaction", "success_rate", "win_rate")]
    widest = max(cell_len(line[i]) for line in [heads, *lines] for i in range(5))
    if sum(max(cell_len(line[i]) for line in [heads, *lines]) for i in range(5)) + 8 > terminal_columns() >= widest:
        # too narrow for a column of details: each goes on its own line, under its metric
        heads = heads[:4]
        lines = [part for line in lines for part in ([line[:4], ["  " + line[4], "", "", ""]] if line[4] else [line[:4]])]
    show(grid(heads, lines, right_aligned=(1, 2, 3), flexible=(0, 4)))
    echo(t("kpi.chart", metric=t("kpi.metric.stage_days")))
    if not row["stage_days"]:
        echo("  " + t("kpi.no_stays"))
    for stage, stay in row["stage_days"].items():
        echo("  " + t("kpi.stays", stage=t(f"stage.{stage}"), mean=stay["mean"], count=stay["count"]))


def people_text(found: dict) -> None:
    for index, row in enumerate(found["people"]):
        if index:
            echo("")
        person_text(row)


TEAM_COLUMNS = ("revenue", "contract_value", "new_clients", "satisfaction", "success_rate", "win_rate")
TARGETED = ("revenue", "contract_value", "new_clients")


def team_rows(found: dict) -> tuple[list[str], list[list[str]]]:
    """The team's table, one column per KPI (short heads, on two lines where long): each person's
    figures, and under them — stacked, so the table stays narrow — their targets and attainment,
    for the metrics someone has a target for."""
    targeted = [m for m in TARGETED if any(row["targets"][m] is not None for row in found["people"])]
    heads = [t("kpi.col.rank"), t("kpi.col.person"), *(t(f"kpi.short.{m}") for m in TEAM_COLUMNS)]
    lines = []
    for row in found["people"]:
        lines.append([str(row["rank"]), f"{row['name']} ({row['login']})",
                      *(figure_text(row, m) for m in TEAM_COLUMNS)])
        goals = [m for m in targeted if row["targets"][m] is not None]
        if goals:
            lines.append(["", "  " + t("kpi.col.target"),
                          *(target_text(row, m) if m in goals else "" for m in TEAM_COLUMNS)])
            lines.append(["", "  " + t("kpi.col.attainment"),
                          *(percent_text(row["attainment"][m]) if m in goals else "" for m in TEAM_COLUMNS)])
    return heads, lines


def team_text(found: dict) -> None:
    metric = found["metric"]
    say(t("kpi.team_head", quarter=found["quarter"], start=found["from"], end=found["to"],
              metric=t(f"kpi.metric.{metric}")))
    heads, lines = team_rows(found)
    ranked = TEAM_COLUMNS.index(metric) + 2
    least_first = [TEAM_COLUMNS.index(m) + 2 for m in ("win_rate", "success_rate", "satisfaction", "new_clients",
                                                        "contract_value")]
    show(grid(heads, lines, right_aligned=tuple(range(2, len(heads))), flexible=(1,),
              drop=tuple(i for i in least_first if i != ranked)))
    if found.get("not_on_duty"):
        say(t("kpi.not_on_duty", quarter=found["quarter"], people=named(found["not_on_duty"])))
    echo("")
    echo(t("kpi.chart", metric=t(f"kpi.metric.{metric}")))
    for line in chart([(f"{row['name']} ({row['login']})", kpi_text.bar_value(row, metric), figure_text(row, metric))
                       for row in found["people"]]):
        echo(line)


def named(people: list[dict]) -> str:
    """'赵磊 (zhao.lei), …' — colleagues named in a line."""
    from zizhi.core.i18n import listed

    return listed([f"{p['name']} ({p['login']})" for p in people])


def chart(values: list[tuple[str, int, str]], columns: int | None = None) -> list[str]:
    """One line per (label, value, text): the label, the text, and a bar scaled so the largest
    fills the room the terminal leaves, in eighths of a cell (labels padded by terminal cells)."""
    if not values:
        return []
    total = columns or terminal_columns()
    text_width = max(cell_len(text) for _, _, text in values)
    label_width = min(max(cell_len(label) for label, _, _ in values), max(total - text_width - 4 - BAR_WIDTH[0], 6))
    values = [(cut(label, label_width), value, text) for label, value, text in values]
    room = total - label_width - text_width - 4
    width = min(max(room, BAR_WIDTH[0]), BAR_WIDTH[1])
    widest = max((value for _, value, _ in values), default=0)
    return [f"{left(label, label_width)}  {right(text, text_width)}  {bar(value, widest, width)}".rstrip()
            for label, value, text in values]


def bar(value: int, widest: int, width: int) -> str:
    if value <= 0 or widest <= 0:
        return ""
    eighths = max(value * width * 8 // widest, 1)
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


DRILL_COLUMNS = ("day", "kind", "deal", "client", "contract", "stage", "entered", "reason", "amount")
# What a revenue record adds in a spreadsheet: the day it was entered, and whether after the quarter closed.
RECORDED_COLUMNS = ("recorded_on", "recorded_later")


def drill_figure(metric: str, rows: list[dict]) -> str:
    """The figure the records make, a rate with its ones over all (3/4)."""
    shown = kpi_text.drill_figure(metric, rows)
    if metric in ("success_rate", "win_rate"):
        return f"{shown} ({sum(row['amount'] for row in rows)}/{len(rows)})"
    return shown


def drill_text(found: dict) -> None:
    rows, metric = found["rows"], found["metric"]
    say(_drill_head(found))
    if not rows:
        return
    columns = [c for c in DRILL_COLUMNS if any(row.get(c) is not None for row in rows)]
    heads = [kpi_text.drill_column(metric) if c == "amount" else t(f"col.{c}") for c in columns]
    lines = [[_cell(row, c, metric) for c in columns] for row in rows]
    later = sum(bool(row.get("recorded_later")) for row in rows)
    if later:
        heads.append(t("kpi.col.recorded_later"))
        for line, row in zip(lines, rows):
            line.append(t("kpi.recorded_later", day=row["recorded_on"]) if row.get("recorded_later") else "")
    least_first = [columns.index(c) for c in ("contract", "kind", "deal", "entered", "stage") if c in columns]
    show(grid(heads, lines, right_aligned=(columns.index("amount"),), drop=tuple(least_first),
              flexible=tuple(columns.index(c) for c in ("client", "reason") if c in columns)))
    if later:
        say(t("kpi.recorded_later_note.one" if later == 1 else "kpi.recorded_later_note", count=later,
              quarter=found["quarter"]))


def _drill_head(found: dict) -> str:
    """What the records make: the figure; for the days per stage, each stage's mean (the KPI is
    per stage), or the one stage's asked for."""
    rows, metric = found["rows"], found["metric"]
    said = {"metric": t(f"kpi.metric.{metric}"), "login": found["login"], "quarter": found["quarter"],
            "count": len(rows)}
    if metric == "stage_days" and found.get("stage"):
        return t("kpi.drill_head_stage", stage=t(f"stage.{found['stage']}"), figure=drill_figure(metric, rows), **said)
    if metric == "stage_days" and rows:
        return t("kpi.drill_head_stages", stages=kpi_text.stage_means(rows), **said)
    return t("kpi.drill_head", figure=drill_figure(metric, rows), **said)


def _cell(row: dict, column: str, metric: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if column == "amount" and metric in MONEY:
        return money_text(value)
    if column == "kind":
        return t(f"kpi.kind.{value}")
    if column == "stage":
        return t(f"stage.{value}")
    return str(value)


def drill_csv(found: dict) -> None:
    from zizhi.core.money import to_decimal

    columns = [c for c in DRILL_COLUMNS if any(row.get(c) is not None for row in found["rows"])] or ["amount"]
    if found["metric"] == "revenue":
        columns += RECORDED_COLUMNS
    lines = [[str(to_decimal(row[c])) if c == "amount" and found["metric"] in MONEY else
              ("" if row.get(c) is None else "yes" if row[c] is True else "no" if row[c] is False else str(row[c]))
              for c in columns] for row in found["rows"]]
    csv_out(columns, lines)


CSV_COLUMNS = ("login", "name", "quarter", "revenue", "revenue_target", "revenue_attainment", "contract_value",
               "contract_value_target", "contract_value_attainment", "new_clients", "new_clients_target",
               "new_clients_attainment", "satisfaction", "satisfaction_count", "success_rate", "approved", "decided",
               "win_rate", "won", "lost")


def flat(row: dict) -> list[str]:
    """One person's figures as a spreadsheet row: yuan with two decimals, rates as percentages."""
    from zizhi.core.money import to_decimal

    values = {"login": row["login"], "name": row["name"], "quarter": row["quarter"],
              "satisfaction": row["satisfaction"]["mean"], "satisfaction_count": row["satisfaction"]["count"],
              "success_rate": _csv_percent(row["success_rate"]["rate"]), "approved": row["success_rate"]["approved"],
              "decided": row["success_rate"]["decided"], "win_rate": _csv_percent(row["win_rate"]["rate"]),
              "won": row["win_rate"]["won"], "lost": row["win_rate"]["lost"]}
    for metric in ("revenue", "contract_value", "new_clients"):
        money = metric in MONEY
        goal = row["targets"][metric]
        values[metric] = to_decimal(row[metric]) if money else row[metric]
        values[f"{metric}_target"] = None if goal is None else to_decimal(goal) if money else goal
        values[f"{metric}_attainment"] = None if goal is None else _csv_percent(row["attainment"][metric])
    return ["" if values[c] is None else str(values[c]) for c in CSV_COLUMNS]


def people_csv(rows: list[dict], ranked: bool = False) -> None:
    heads = ["rank", *CSV_COLUMNS] if ranked else list(CSV_COLUMNS)
    csv_out(heads, [[str(row["rank"]), *flat(row)] if ranked else flat(row) for row in rows])


def _csv_percent(points: int | None) -> str | None:
    return None if points is None else percent_text(points)


def explain_text() -> None:
    """Each definition a paragraph, broken at the terminal's edge, its later lines indented so the
    next definition's name stands out."""
    from zizhi.commands.widths import say

    say(t("kpi.explain_head"))
    for key in ("revenue", "contract_value", "new_clients", "satisfaction", "success_rate", "win_rate",
                "stage_days", "owner", "targets", "channels"):
        echo("")
        say(t(f"kpi.explain.{key}"), indent="  ")

