"""The weekly review's records as a person reads them, one line each: written once for
`zizhi report weekly` and the app's Weekly review."""

from __future__ import annotations

from zizhi.core.i18n import t
from zizhi.core.money import format_fen


def week_line(section: str, row: dict) -> str:
    """One record of the weekly review, on one line (as the app's Weekly review shows it)."""
    deal, client, *said = week_cells(section, row)
    if section == "moved":  # the day and who moved it read as one: "2026-11-27 boss"
        said = [said[0], " ".join(cell for cell in said[1:] if cell)]
    head = f"{deal} {client}" if deal else client
    return head + "  " + "  ".join(cell for cell in said if cell)


def week_cells(section: str, row: dict) -> list[str]:
    """One record of the weekly review as its cells — the deal, the client, then what happened —
    which `zizhi report weekly` aligns in columns."""
    def stage(name: str) -> str:
        return t(f"stage.{name}")

    deal = f"#{row['deal_id']}" if row.get("deal_id") else ""
    said = {
        "moved": lambda: [moved_text(row), row["at"][:10], mover_text(row)],
        "won": lambda: [row["contract"], _money(row["total"]), row["signed_on"]],
        "lost": lambda: [row["reason"] or "", f"→ {row['competitor']}" if row["competitor"] else "",
                         _money(row["value"])],
        "cancelled": lambda: [row["reason"] or "", _money(row["value"])],
        "opened": lambda: [t("channel." + row["channel"]) if row["channel"] else "", _money(row["value"]),
                           row["at"][:10]],
        "stuck": lambda: [t("report.stuck_line", stage=stage(row["stage"]), since=row["since"], limit=row["limit"])],
        "follow_ups": lambda: [row["next_date"], row["step"] or ""],
        "dunning": lambda: [row["instalment"], t("dunning_action." + row["action"]), _money(row["owed"]),
                            row["since"]],
    }[section]()
    return [deal, row["client"], *said]


def moved_text(row: dict) -> str:
    """A deal's move with its steps — "inquiry → contract (3 steps)" — the steps belong to the move,
    not to whoever made it."""
    hops = f" ({t('report.hops', count=row['hops'])})" if row["hops"] > 1 else ""
    return f"{t('stage.' + row['from_stage'])} → {t('stage.' + row['to_stage'])}{hops}"


def mover_text(row: dict) -> str:
    """Who made a deal's last move in the week, said apart from the move: "by li.qiang"."""
    return t("report.moved_by", login=row["by"]) if row["by"] else ""


def _money(fen: int | None) -> str:
    return "" if fen is None else format_fen(fen)
