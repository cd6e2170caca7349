"""`zizhi kpi` — each salesperson's quarterly KPIs (rulebook §4.3), the records behind any figure,
the team side by side, and the managers' targets."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, one_printed, output, read_shown

app = typer.Typer()  # its help is the callback's: `zizhi kpi` is itself the command
target_app = typer.Typer(help="Targets per salesperson and quarter (managers).", no_args_is_help=True)
app.add_typer(target_app, name="target")

Quarter = Annotated[Opt, typer.Option("--quarter", help="A quarter: 2026Q4, this or last (本季度, 上季度); default: this one.")]
User = Annotated[Opt, typer.Option("--user", help="Whose (a login; managers and admins may name anyone).")]
Csv = Annotated[bool, typer.Option("--csv", help="CSV (UTF-8 with BOM, for Excel).")]


@app.callback(invoke_without_command=True)
def kpi(ctx: typer.Context, quarter: Quarter = None, user: User = None,
        everyone: Annotated[bool, typer.Option("--all", help="Every salesperson (managers and admins).")] = False,
        explain: Annotated[bool, typer.Option("--explain", help="How each KPI is counted, and whose a deal is.")] = False,
        csv: Csv = False, json: Json = False) -> None:
    """Your KPIs for a quarter: revenue, contract value signed, new clients, customer satisfaction,
    qualification success rate, win rate and average days per stage, with targets and attainment.
    Managers name anyone with --user, or everyone with --all.

    Example: zizhi kpi --quarter 2026Q3 --user wang.fang
    """
    if ctx.invoked_subcommand is not None:
        return
    one_printed(ctx, json, csv)
    from zizhi.commands import kpi_view

    if explain:
        desk(ctx)  # the person's language
        kpi_view.explain_text()
        return
    from zizhi.core.kpi import figures

    if everyone:
        found = read_shown(ctx, "kpi", "kpi", lambda d: figures.team(d, quarter)["people"], json or csv,
                           quarter=quarter, all=True)
        if csv and not json:
            kpi_view.people_csv(found)
        else:
            output(found, json, lambda rows: kpi_view.people_text({"people": rows}))
        return
    found = read_shown(ctx, "kpi", "kpi", lambda d: figures.figures(d, user, quarter), json or csv,
                       quarter=quarter, user=user)
    if csv and not json:
        kpi_view.people_csv([found])
    else:
        output(found, json, kpi_view.person_text)


@app.command("drill")
def drill(ctx: typer.Context,
          metric: Annotated[str, typer.Argument(help="revenue, contract_value, new_clients, satisfaction, "
                                                     "success_rate, win_rate or stage_days.")],
          user: User = None, quarter: Quarter = None,
          stage: Annotated[Opt, typer.Option("--stage", help="stage_days only: the stays in one stage (inquiry, "
                                                             "proposal …), whose mean is the KPI's for it.")] = None,
          csv: Csv = False, json: Json = False) -> None:
    """The records behind one figure — payments and reversals, contracts, clients, visits, outcomes,
    deals won and lost, stays in a stage — which add up (or average) to it exactly. The days per
    stage are a figure per stage: their heading gives each stage's mean, --stage lists one.

    Example: zizhi kpi drill revenue --user wang.fang --quarter 2026Q3
    """
    from zizhi.commands import kpi_view
    from zizhi.core.kpi import figures, quarters

    one_printed(ctx, json, csv)
    def reader(d) -> dict:
        name = figures.metric_named(metric)
        q = quarters.chosen(d, quarter)
        rows = figures.drill(d, name, user, q, stage)
        return {"metric": name, "login": user or d.user["login"], "quarter": q.name,
                "stage": figures.stage_named(name, stage), "rows": rows}

    found = read_shown(ctx, "kpi drill", "kpi", reader, json or csv, metric=metric, user=user, quarter=quarter,
                       stage=stage)
    if csv and not json:
        kpi_view.drill_csv(found)
    else:
        output(found, json, kpi_view.drill_text)


@app.command("team")
def team(ctx: typer.Context, quarter: Quarter = None,
         metric: Annotated[str, typer.Option("--metric", help="What ranks and what the chart shows: revenue "
                                                              "(default), contract_value, new_clients, satisfaction, "
                                                              "success_rate or win_rate.")] = "revenue",
         pdf: Annotated[bool, typer.Option("--pdf", help="Write the comparison as a Chinese PDF (with -o): the "
                                                         "table, targets, and a bar chart per metric; audited.")] = False,
         chart: Annotated[Optional[list[str]], typer.Option(
             "--chart", help="The metrics the PDF charts (repeat, or a,b; default: all six, the ranked one "
                             "first).")] = None,
         output_file: Annotated[Opt, typer.Option("--output", "-o", help="The PDF file to write.")] = None,
         csv: Csv = False, json: Json = False) -> None:
    """The team side by side (managers): each salesperson's KPIs, targets, attainment and rank, and a
    bar chart of the chosen metric — or all of it as a PDF with a chart per metric.

    Example: zizhi kpi team --quarter 2026Q3 --metric new_clients; zizhi kpi team --pdf -o 团队-2026Q3.pdf
    """
    from zizhi.commands import kpi_view
    from zizhi.core.kpi import figures

    if pdf or output_file or chart:
        _pdf_alone(ctx, csv, json)
        from zizhi.core.quarterly.render import render_team

        echo(render_team(desk(ctx), quarter, metric, chart, output_file))
        return

    one_printed(ctx, json, csv)
    found = read_shown(ctx, "kpi team", "kpi", lambda d: figures.team(d, quarter, metric), json or csv,
                       quarter=quarter, metric=metric)
    if csv and not json:
        kpi_view.people_csv(found["people"], ranked=True)
    else:
        output(found, json, kpi_view.team_text)


def _pdf_alone(ctx: typer.Context, csv: bool, json: bool) -> None:
    """--pdf, -o and --chart write the PDF; --csv and --json print the table instead: asking for
    both is a mistake to name, not a guess. (The PDF's file name is core's rule: paths.document_target.)"""
    if csv or json:
        from typer._click import exceptions as click_errors

        from zizhi.core.i18n import t

        raise click_errors.UsageError(t("kpi.pdf_or_printed", option="--csv" if csv else "--json"), ctx)


@target_app.command("set")
def target_set(ctx: typer.Context,
               user: Annotated[str, typer.Option("--user", help="The salesperson (a login).")],
               quarter: Annotated[str, typer.Option("--quarter", help="The quarter: 2026Q4, this or last (本季度, 上季度).")],
               revenue: Annotated[Opt, typer.Option("--revenue", help="Revenue target in yuan, e.g. 500,000.")] = None,
               contracts: Annotated[Opt, typer.Option("--contracts", help="Contract value signed, in yuan.")] = None,
               new_clients: Annotated[Optional[int], typer.Option("--new-clients", help="New clients.")] = None,
               json: Json = False) -> None:
    """Set a salesperson's targets for a quarter (managers and admins); a target not named keeps its
    value. Audited.

    Example: zizhi kpi target set --user wang.fang --quarter 2026Q4 --revenue 500,000 --new-clients 12
    """
    from zizhi.commands.common import money_text
    from zizhi.core.i18n import t
    from zizhi.core.kpi.targets import set_target

    found = set_target(desk(ctx), user, quarter, revenue, contracts, new_clients)

    def said(row: dict) -> None:
        echo(t("kpi.target_set", login=row["login"], quarter=row["quarter"],
               revenue=money_text(row["revenue"]) or "—", contract_value=money_text(row["contract_value"]) or "—",
               new_clients="—" if row["new_clients"] is None else row["new_clients"]))

    output(found, json, said)
