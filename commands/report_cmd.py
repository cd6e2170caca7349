"""`zizhi report weekly|channels|market` — the weekly pipeline review, channels and referrals, market
research (issue 12): printed for a person, JSON for a script, CSV or an Excel file for finance; and
`zizhi report quarterly …`, the quarterly personal report (commands/quarterly_cmd.py)."""

from typing import Annotated, Any, Callable

import typer

from zizhi.commands.common import Json, OldOut, Opt, desk, echo, money_text, one_printed, output, read_shown
from zizhi.commands.quarterly_cmd import app as quarterly_app

app = typer.Typer(help="Reports: the weekly pipeline review, channels and referrals, market research, "
                       "the quarterly personal report.", no_args_is_help=True)
app.add_typer(quarterly_app, name="quarterly")

Csv = Annotated[bool, typer.Option("--csv", help="CSV on standard output (UTF-8 with BOM, for Excel); audited.")]
Out = Annotated[Opt, typer.Option("--output", "-o", help="Write the report to a .csv or .xlsx file; audited.")]
From = Annotated[Opt, typer.Option("--from", help="First day (default: the quarter's first).")]
To = Annotated[Opt, typer.Option("--to", help="Last day (default: the quarter's last; with --from alone, today).")]
Quarter = Annotated[Opt, typer.Option("--quarter", help="A whole quarter: 2026Q4, this or last (本季度, 上季度); instead of --from/--to.")]
SHOWN = 10  # a section's lines in print; --json lists all


@app.command("weekly")
def weekly(ctx: typer.Context,
           week: Annotated[Opt, typer.Option("--week", help="ISO week, e.g. 2026-W48; this (default) or last.")] = None,
           user: Annotated[Opt, typer.Option("--user", help="One person's review (managers; yours by default "
                                                            "for a salesperson).")] = None,
           csv: Csv = False, out: Out = None, old_out: OldOut = None, json: Json = False) -> None:
    """The weekly pipeline review for the team meeting: deals moved, won, lost (reason, competitor),
    new inquiries, deals stuck past their stage's stale-days, follow-ups and dunning due by the end
    of next week — per person and in total. A salesperson sees their own; managers the team.

    Example: zizhi report weekly --week 2026-W48
    """
    from zizhi.core.reports.weekly import weekly as review

    _report(ctx, "weekly", lambda d: review(d, week, user), json, csv, out or old_out, _weekly_text, week=week,
            user=user)


@app.command("channels")
def channels(ctx: typer.Context, start: From = None, end: To = None, quarter: Quarter = None,
             csv: Csv = False, out: Out = None, old_out: OldOut = None, json: Json = False) -> None:
    """Per channel and per referring client: inquiries, conversion, deals and clients won, revenue
    (payments net of reversals) and days to close, over a period (this quarter by default, as the app).

    Example: zizhi report channels --quarter 2026Q4 -o 渠道.xlsx
    """
    from zizhi.core.reports.channels import channels as report
    from zizhi.core.reports.periods import span

    _report(ctx, "channels", lambda d: report(d, *span(d, start, end, quarter)), json, csv, out or old_out,
            _channels_text,
            start=start, end=end, quarter=quarter)


@app.command("market")
def market(ctx: typer.Context, start: From = None, end: To = None, quarter: Quarter = None,
           by: Annotated[str, typer.Option("--by", help="industry (default), region or qualification.")] = "industry",
           csv: Csv = False, out: Out = None, old_out: OldOut = None, json: Json = False) -> None:
    """Market research: inquiries, deals won and their value, deals lost — per industry, region
    (the client's city) or qualification — and the deals lost by reason and by competitor.

    Example: zizhi report market --quarter 2026Q4 --by region
    """
    from zizhi.core.reports.market import market as report
    from zizhi.core.reports.periods import span

    _report(ctx, "market", lambda d: report(d, *span(d, start, end, quarter), by), json, csv, out or old_out,
            _market_text, start=start, end=end, quarter=quarter, by=by)


def _report(ctx: typer.Context, kind: str, reader: Callable[[Any], dict], json: bool, csv: bool, out: Opt,
            render: Callable[[dict], None], **filters: Any) -> None:
    """JSON, or a spreadsheet (``--csv``, ``-o``), else the report in print."""
    one_printed(ctx, json, csv)
    if not json and (csv or out):
        import sys

        from zizhi.core.reports.export import write

        d = desk(ctx)
        written = write(d, kind, lambda: reader(d), None if csv and not out else out, command=f"report {kind}",
                        stdout=sys.stdout.buffer, **filters)
        if out not in (None, "-"):
            from zizhi.core.i18n import t

            echo(t("report.written", rows=written["rows"], file=written["file"]))
        return
    output(read_shown(ctx, f"report {kind}", "report", reader, json, **filters), json, render)


def _weekly_text(report: dict) -> None:
    from zizhi.commands.widths import say
    from zizhi.core.i18n import t

    whose = report["login"] or t("report.team")
    say(f"{t('report.weekly_head', week=report['week'], first=report['first'], last=report['last'])}"
        f" · {t('report.weekly_whose', who=whose)}")
    echo("")
    _weekly_counts(report)
    ahead = f"{report['next_first']} – {report['next_last']}"
    days = {"stuck": report["stuck_on"], "follow_ups": ahead, "dunning": ahead}
    from zizhi.core.reports.weekly import SECTIONS

    fitted = {section: _fitted(section, [group[section][:SHOWN] for group in report["people"]])
              for section in SECTIONS}
    for index, group in enumerate(report["people"]):
        sections = [s for s in SECTIONS if group[s] or group.get(f"{s}_overdue", 0)]
        if not sections:
            continue
        echo("")
        echo(_who(group))
        for section in sections:
            _weekly_section(section, group, days.get(section, ""), fitted[section][index])


def _weekly_counts(report: dict) -> None:
    """Each person's counts and the team's total, one aligned row each."""
    from zizhi.commands.widths import grid, show
    from zizhi.core.i18n import t

    names = ("moved", "won", "won_value", "lost", "cancelled", "opened", "stuck", "follow_ups", "dunning")

    def cells(counts: dict) -> list[str]:
        late = {name: f" ({counts[f'{name}_overdue']})" for name in ("follow_ups", "dunning")}
        return [money_text(counts[n]) if n == "won_value" else f"{counts[n]}{late.get(n, '')}" for n in names]

    lines = [[_who(group), *cells(group["counts"])] for group in report["people"]]
    lines.append([t("report.total"), *cells(report["totals"])])
    show(grid([t("report.col.person"), *(t(f"report.col.{n}") for n in names)], lines,
              right_aligned=tuple(range(1, len(names) + 1)), flexible=(0,), drop=(names.index("cancelled") + 1,)))


FREE_TEXT = {"lost": 2, "cancelled": 2, "stuck": 2, "follow_ups": 3}  # a record's cell of free text, by section


def _who(group: dict) -> str:
    from zizhi.core.i18n import t

    return f"{group['login']} {group['name'] or ''}".rstrip() if group["login"] else t("report.nobody")


def _weekly_section(section: str, group: dict, day: str, lines: list[str]) -> None:
    """A section's records, at most :data:`SHOWN` of them, as fitted for everyone alike."""
    from zizhi.core.i18n import t

    rows, late = group[section], group.get(f"{section}_overdue", 0)
    echo(f"  {t('report.section.' + section, day=day)} ({len(rows)})")
    for line in lines:
        echo(line)
    if len(rows) > SHOWN:
        echo("    " + t("report.more", count=len(rows) - SHOWN))
    if late:
        echo("    " + t("report.overdue_already", count=late))


def _fitted(section: str, groups: list[list[dict]]) -> list[list[str]]:
    """Every person's records of one section in aligned columns (amounts right), fitted once for
    all of them — so a column left out to fit (the mover of a moved deal) is left out of every
    person's section, and said once on stderr — then handed back per person."""
    from zizhi.commands.widths import columns, grid, say
    from zizhi.core.i18n import t
    from zizhi.core.reports.text import week_cells

    lines = [week_cells(section, row) for rows in groups for row in rows]
    if not lines:
        return [[] for _ in groups]
    used = [i for i in range(len(lines[0])) if any(line[i] for line in lines)]  # no deal: no column
    lines = [[line[i] for i in used] for line in lines]
    money = tuple(n for n, i in enumerate(used) if all(not line[n] or line[n].startswith("¥") for line in lines))
    free = tuple(used.index(i) for i in (1, FREE_TEXT.get(section)) if i in used)  # the client, a note
    mover = (used.index(4),) if section == "moved" and 4 in used else ()
    found = grid([""] * len(used), lines, right_aligned=money, flexible=free, indent="    ", drop=mover)
    if found.left_out:
        say(t("list.left_out", width=columns(), columns=t("report.col.mover")), err=True)
    printed, start = [], 0
    for rows in groups:
        printed.append(found.lines[start:start + len(rows)])
        start += len(rows)
    return printed


def _grid(heads: list[str], lines: list[list[str]], drop: tuple[int, ...] = ()) -> None:
    """A table with the first column (a name) left and the figures right, fitted to the terminal:
    the columns in ``drop`` left out first, then the names shortened with "…"."""
    from zizhi.commands.widths import grid, show

    show(grid(heads, lines, right_aligned=tuple(range(1, len(heads))), drop=drop, flexible=(0,)))


def _channels_text(report: dict) -> None:
    from zizhi.commands.widths import say
    from zizhi.core.i18n import t
    from zizhi.core.percent import two_decimals as text  # every rate of a report to two decimals, as the KPIs

    figures = ["inquiries", "converted", "conversion", "won", "won_value", "clients_won", "revenue", "median_days",
               "mean_days"]

    def cells(row: dict) -> list[str]:
        days = row["days_to_close"]
        return [str(row["inquiries"]), str(row["converted"]), text(row["conversion"]), str(row["won"]),
                money_text(row["won_value"]), str(row["clients_won"]), money_text(row["revenue"]),
                _days(days["median"]), _days(days["mean"])]

    echo(t("report.channels_head", first=report["from"], last=report["to"]))
    heads = [t(f"report.col.{f}") for f in figures]
    least_first = tuple(figures.index(f) + 1 for f in ("mean_days", "converted", "won", "clients_won", "median_days"))
    lines = [[_channel(row["name"]), *cells(row)] for row in report["channels"]]
    _grid([t("col.channel"), *heads], [*lines, [t("report.total"), *cells(report["totals"])]], least_first)
    say(t("report.channels_revenue_note"))
    echo("")
    echo(t("report.referrers_head"))
    if not report["referrers"]:
        echo(t("report.no_referrals"))
        return
    _grid([t("col.name"), *heads], [[row["name"] or str(row["client_id"]), *cells(row)] for row in report["referrers"]],
          least_first)


def _channel(name: str) -> str:
    from zizhi.core.i18n import t

    return t("report.unrecorded") if name == "unrecorded" else t(f"channel.{name}")


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _market_text(report: dict) -> None:
    from zizhi.core.i18n import t

    by = report["by"]
    echo(t("report.market_head", by=t(f"report.by.{by}"), first=report["from"], last=report["to"]))

    def cells(row: dict) -> list[str]:
        return [str(row["inquiries"]), str(row["won"]), money_text(row["won_value"]), str(row["lost"]),
                money_text(row["lost_value"])]

    lines = [[_group(row), *cells(row)] for row in report["groups"]]
    heads = [t(f"report.by.{by}"), *(t(f"report.col.{f}") for f in ("inquiries", "won", "won_value", "lost",
                                                                     "lost_value"))]
    _grid(heads, [*lines, [t("report.total"), *cells(report["totals"])]], (5, 4))
    for field in ("reason", "competitor"):
        rows = report[f"lost_by_{field}"]
        if not rows:
            continue
        echo("")
        echo(t(f"report.lost_by_{field}"))
        _grid([t(f"col.{field}"), t("col.count"), t("col.lost_value")],
              [[row[field] or t("report.none_named"), str(row["count"]), money_text(row["value"])] for row in rows])


def _group(row: dict) -> str:
    from zizhi.core.i18n import t

    return t("report.unrecorded") if row["name"] == "unrecorded" else row.get("label") or row["name"]
