"""Each report as one table for a spreadsheet: headers in the user's language, one row per record,
money as plain yuan with two decimals (a number Excel sums), rates as per cent.

The weekly review's rows are its records (one per deal moved, won, lost …, follow-up and debt),
each with its person and section, so a pivot table rebuilds the review's counts; the channels'
and the market's rows are their groups, then the total (and the market's losses by reason and by
competitor), each row saying which table it belongs to.
"""

from __future__ import annotations

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import to_decimal
from zizhi.core.reports.channels import COUNTS as CHANNEL_COUNTS
from zizhi.core.reports.weekly import SECTIONS

MONEY = ("won_value", "received", "reversed", "revenue", "lost_value", "value", "amount")


def table(kind: str, report: dict) -> tuple[list[str], list[list]]:
    """The headers and rows of a ``weekly``, ``channels`` or ``market`` report."""
    return {"weekly": _weekly, "channels": _channels, "market": _market}[kind](report)


def yuan(fen: int | None) -> str | None:
    return None if fen is None else f"{to_decimal(fen):.2f}"


def _weekly(report: dict) -> tuple[list[str], list[list]]:
    heads = ["person", "section", "deal", "client", "what", "amount", "date"]
    rows = []
    for group in report["people"]:
        person = group["login"] or t("report.nobody")
        for section in SECTIONS:
            rows += [[person, t(f"report.short.{section}"), *_item(section, row)]
                     for row in group[section]]
    return [t(f"col.{head}") for head in heads], rows


def _item(section: str, row: dict) -> list:
    """A record of the weekly review: its deal, client, what happened, amount, day and lateness."""
    stage = _stage
    what, amount, day, _ = {
        "moved": lambda: (f"{stage(row['from_stage'])} → {stage(row['to_stage'])}", row["value"], row["at"][:10], None),
        "won": lambda: (row["contract"], row["total"], row["signed_on"], None),
        "lost": lambda: (" / ".join(filter(None, (row["reason"], row["competitor"]))), row["value"], row["at"][:10],
                         None),
        "cancelled": lambda: (row["reason"], row["value"], row["at"][:10], None),
        "opened": lambda: (t(f"channel.{row['channel']}") if row["channel"] else "", row["value"], row["at"][:10],
                           None),
        "stuck": lambda: (stage(row["stage"]), None, row["since"], None),
        "follow_ups": lambda: (row["step"], None, row["next_date"], None),
        "dunning": lambda: (f"{row['instalment']} {t('dunning_action.' + row['action'])}", row["owed"], row["since"],
                            None),
    }[section]()
    return [row.get("deal_id"), row["client"], what, yuan(amount), day]


def _stage(stage: str) -> str:
    return t(f"stage.{stage}")


def _figures(row: dict, counts: tuple[str, ...]) -> list:
    return [yuan(row[k]) if k in MONEY else row[k] for k in counts]


def _channels(report: dict) -> tuple[list[str], list[list]]:
    heads = ["table", "name", *CHANNEL_COUNTS, "conversion", "median_days", "mean_days"]
    rows = []
    for kind, group in (("channel", report["channels"]), ("referrer", report["referrers"])):
        for row in group:
            name = t(f"channel.{row['name']}") if kind == "channel" and row["name"] != "unrecorded" else row["name"]
            rows.append([t(f"report.table.{kind}"), name or t("report.unrecorded"), *_rest(row)])
    rows.append([t("report.total"), "", *_rest(report["totals"])])
    return [t(f"col.{head}") for head in heads], rows


def _rest(row: dict) -> list:
    days = row["days_to_close"]
    return [*_figures(row, CHANNEL_COUNTS), percent.two_decimals(row["conversion"], ""), days["median"], days["mean"]]


def _market(report: dict) -> tuple[list[str], list[list]]:
    from zizhi.core.reports.market import COUNTS

    heads = ["table", "name", *COUNTS]
    by = t(f"report.by.{report['by']}")
    rows = [[by, row["name"] if row["name"] != "unrecorded" else t("report.unrecorded"), *_figures(row, COUNTS)]
            for row in report["groups"]]
    rows.append([t("report.total"), "", *_figures(report["totals"], COUNTS)])
    for field, title in (("reason", "report.lost_by_reason"), ("competitor", "report.lost_by_competitor")):
        rows += [[t(title), row[field] or t("report.none_named"), None, None, None, row["count"], yuan(row["value"])]
                 for row in report[f"lost_by_{field}"]]
    return [t(f"col.{head}") for head in heads], rows
