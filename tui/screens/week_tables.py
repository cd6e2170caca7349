"""The weekly review's two tables on the reports screen: each person's counts with the total, and
the records of the person under the cursor (everyone's on the total line) in aligned columns —
section, deal, client, what happened, the day, the amount — one record a row, so a cursor can
rest on one and Enter open its deal.
"""

from __future__ import annotations

from rich.text import Text

from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.reports.text import moved_text, mover_text
from zizhi.tui.widgets.rows_table import Col

WEEK_FIGURES = ("moved", "won", "won_value", "lost", "cancelled", "opened", "stuck", "follow_ups", "dunning")
WEEK_COLUMNS = [Col("person", lambda: t("kpi.col.person"), words=True, comfortable=16),
                *(Col(key, lambda key=key: t(f"tui.reports.week.{key}"), drop=None if n < 6 else 10 - n)
                  for n, key in enumerate(WEEK_FIGURES))]


def person(group: dict) -> str:
    if not group["login"]:
        return t("report.nobody")
    return f"{group['name']} ({group['login']})" if group.get("name") else group["login"]


def week_rows(found: dict) -> list[dict]:
    rows = [{**group, "person": person(group)} for group in found["people"]]
    return [*rows, {"person": t("report.total"), "counts": found["totals"], "total": True}]


def week_cells(row: dict) -> dict[str, Text]:
    counts = row["counts"]
    style = "bold" if row.get("total") else ""
    cells = {"person": Text(row["person"], style=style)}
    for key in WEEK_FIGURES:
        value = format_fen(counts[key]) if key == "won_value" else str(counts[key])
        late = counts.get(f"{key}_overdue")
        if late:
            value += f" (+{late})"
        cells[key] = Text(value, style=style, justify="right")
    return cells


# -- the records -------------------------------------------------------------------------------

RECORD_COLUMNS = [Col("section", lambda: t("col.section"), words=True, comfortable=10),
                  Col("deal", lambda: t("col.deal")),
                  Col("client", lambda: t("tui.reports.col.client"), words=True, comfortable=20),
                  Col("what", lambda: t("tui.reports.col.what"), words=True, comfortable=16, spill=True),
                  Col("day", lambda: t("tui.reports.col.day"), drop=1),
                  Col("amount", lambda: t("tui.reports.col.sum"))]


def records(found: dict, row: dict | None) -> list[dict]:
    """The records of the person on ``row`` (everyone's for the total), section by section; the
    section named on its first record, the overdue ones before next week counted after it."""
    from zizhi.core.reports.weekly import SECTIONS

    groups = found["people"] if row is None or row.get("total") else \
        [g for g in found["people"] if g["login"] == row.get("login")]
    shown: list[dict] = []
    for section in SECTIONS:
        found_rows = [r for g in groups for r in g[section]]
        late = sum(g.get(f"{section}_overdue", 0) for g in groups)
        label = f"{t('tui.reports.week.' + section)} ({len(found_rows)})"
        for n, record in enumerate(found_rows):
            shown.append({"section": label if n == 0 else "", "deal_id": record.get("deal_id"),
                          "client": record["client"], **_said(section, record)})
        if late:
            shown.append({"section": "" if found_rows else label, "deal_id": None, "client": "",
                          "what": t("report.overdue_already", count=late), "day": "", "amount": None, "late": True})
    return shown


def _said(section: str, row: dict) -> dict:
    """What happened to the record, its day and its amount (fen, or None)."""
    def stage(name: str) -> str:
        return t(f"stage.{name}")

    if section == "moved":
        return {"what": f"{moved_text(row)}  {mover_text(row)}".rstrip(),
                "day": row["at"][:10], "amount": None}
    if section == "won":
        return {"what": row["contract"], "day": row["signed_on"], "amount": row["total"]}
    if section in ("lost", "cancelled"):
        went = f" → {row['competitor']}" if row.get("competitor") else ""
        return {"what": (row["reason"] or "") + went, "day": row["at"][:10], "amount": row["value"]}
    if section == "opened":
        return {"what": t("channel." + row["channel"]) if row["channel"] else "", "day": row["at"][:10],
                "amount": row["value"]}
    if section == "stuck":
        return {"what": t("report.stuck_line", stage=stage(row["stage"]), since=row["since"], limit=row["limit"]),
                "day": "", "amount": None}
    if section == "follow_ups":
        return {"what": row["step"] or "", "day": row["next_date"], "amount": None}
    return {"what": f"{row['instalment']} {t('dunning_action.' + row['action'])}", "day": row["since"],
            "amount": row["owed"]}


def record_cells(row: dict) -> dict[str, Text]:
    return {"section": Text(row["section"], style="bold"),
            "deal": Text(f"#{row['deal_id']}" if row["deal_id"] else "", justify="right"),
            "client": Text(row["client"]), "what": Text(row["what"], style="yellow" if row.get("late") else ""),
            "day": Text(row["day"]),
            "amount": Text("" if row["amount"] is None else format_fen(row["amount"]), justify="right")}
