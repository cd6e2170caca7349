"""The weekly review's records as a person reads them, one line each: written once for
`zizhi report weekly` and the app's Weekly review."""

from __future__ import annotations

from zizhi.core.i18n import t
from zizhi.core.money import format_fen


def week_line(section: str, row: dict) -> str:
    """One record of the weekly review, on one line (as ``zizhi report weekly`` writes it)."""
    def stage(name: str) -> str:
        return t(f"stage.{name}")

    deal = f"#{row['deal_id']} " if row.get("deal_id") else ""
    said = {
        "moved": lambda: f"{stage(row['from_stage'])} → {stage(row['to_stage'])}  {row['at'][:10]} {row['by']}"
                         + (f" ({t('report.hops', count=row['hops'])})" if row["hops"] > 1 else ""),
        "won": lambda: f"{row['contract']}  {_money(row['total'])}  {row['signed_on']}",
        "lost": lambda: f"{row['reason'] or ''}" + (f"  → {row['competitor']}" if row["competitor"] else "")
                        + f"  {_money(row['value'])}",
        "cancelled": lambda: f"{row['reason'] or ''}  {_money(row['value'])}",
        "opened": lambda: f"{t('channel.' + row['channel']) if row['channel'] else ''}  {_money(row['value'])}"
                          f"  {row['at'][:10]}",
        "stuck": lambda: t("report.stuck_line", stage=stage(row["stage"]), since=row["since"], limit=row["limit"]),
        "follow_ups": lambda: f"{row['next_date']}  {row['step']}",
        "dunning": lambda: f"{row['instalment']}  {t('dunning_action.' + row['action'])}  {_money(row['owed'])}"
                           f"  {row['since']}",
    }[section]()
    return f"{deal}{row['client']}  {said}"


def _money(fen: int | None) -> str:
    return "" if fen is None else format_fen(fen)
