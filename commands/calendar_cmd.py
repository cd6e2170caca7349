"""`zizhi calendar …` — the working-day calendar: a year's holidays shown, a new year imported, coverage."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, desk, echo, output, table, warn

app = typer.Typer(help="Working days: statutory holidays and 调休 make-up workdays that deadlines count.",
                  no_args_is_help=True)


@app.command("show")
def show(ctx: typer.Context,
         year: Annotated[Optional[int], typer.Argument(help="The year (default: this year).")] = None,
         json: Json = False) -> None:
    """List the year's holidays on weekdays and make-up workdays on weekends; other days follow the week.

    A year not on record is said to be provisional: weekends off, weekdays worked, until imported.
    Example: zizhi calendar show 2026
    """
    from zizhi.core.workdays.records import year_days

    output(year_days(desk(ctx).store, year), json, _year_text)


@app.command("import")
def import_file(ctx: typer.Context,
                file: Annotated[str, typer.Argument(help="The year's schedule: holiday-cn JSON or the same fields in TOML.")],
                json: Json = False) -> None:
    """Import a year's holidays as the State Council published them (admins); replaces that year, all or nothing.

    JSON as in the holiday-cn data: {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01",
    "isOffDay": true}, …]}; TOML: year = 2027 and [[days]] tables with name, date, isOffDay.
    Every bad entry is listed with its file and line or entry number, and nothing is imported.
    Example: zizhi calendar import 2027.json
    """
    from zizhi.core import identity
    from zizhi.core.i18n import t
    from zizhi.core.workdays.records import import_file as bring_in

    identity.require_local("calendar import FILE")
    summary = bring_in(desk(ctx), file)

    def said(result: dict) -> None:
        echo(t("calendar.imported", **result))
        if result["replaced"]:
            before = result["replaced"]
            echo(t("calendar.replaced", year=result["year"], origin=before["origin"],
                   source=t(f"calendar.source.{before['source']}")))
        if result["deadlines_moved"]:
            echo(t("calendar.deadlines_moved", count=result["deadlines_moved"]))

    output(summary, json, said)


@app.command("check")
def check(ctx: typer.Context, json: Json = False) -> None:
    """Say which years are covered; from 1 November, exit 1 with a warning if next year is missing.

    Run it from cron: the State Council publishes next year's holidays in the autumn, and until an
    admin imports them every deadline reaching into that year is provisional.
    Example: zizhi calendar check
    """
    from zizhi.core.workdays.records import coverage

    report = coverage(desk(ctx).store)
    output(report, json, _coverage_text)
    if report["next_year_missing"]:
        if json:
            from zizhi.core.i18n import t

            warn(t("calendar.next_year_missing", year=report["next_year_missing"]))
        raise typer.Exit(1)


def _year_text(shown: dict) -> None:
    from zizhi.core.i18n import t

    if shown["provisional"]:
        echo(t("calendar.year_provisional", year=shown["year"]))
        return
    echo(t("calendar.year_source", year=shown["year"], origin=shown["origin"],
           source=t(f"calendar.source.{shown['source']}"), imported_at=shown["imported_at"]))
    if not shown["days"]:
        echo(t("calendar.no_exceptions", year=shown["year"]))
        return
    echo("")
    table([_day(row) for row in shown["days"]], ["date", "weekday", "kind", "name"])


def _day(row: dict) -> dict:
    from zizhi.core.dates import weekday_name
    from zizhi.core.i18n import t

    return {"date": row["date"], "weekday": weekday_name(row["date"]), "kind": t(f"calendar.kind.{row['kind']}"),
            "name": row["name"]}


def _coverage_text(report: dict) -> None:
    from zizhi.core.i18n import t

    years = [row["year"] for row in report["years"]]
    if not years:
        echo(t("calendar.none_covered"))
    else:
        echo(t("calendar.covered", first=report["first"], last=report["last"], count=len(years)))
        gaps = sorted(set(range(report["first"], report["last"] + 1)) - set(years))
        if gaps:
            echo(t("calendar.gaps", years=", ".join(map(str, gaps))))
        recent = [row for row in report["years"] if row["source"] == "import" or row["year"] == report["last"]]
        for row in recent:
            echo(t("calendar.year_source", year=row["year"], origin=row["origin"],
                   source=t(f"calendar.source.{row['source']}"), imported_at=row["imported_at"]))
    if report["next_year_missing"]:
        warn(t("calendar.next_year_missing", year=report["next_year_missing"]))
