"""`zizhi pipeline` — per stage the deals, their value and weighted value, and what is stuck."""

from typing import Annotated

import typer

from zizhi.commands.common import Json, Opt, echo, money_text, output_read, table


def pipeline(
    ctx: typer.Context,
    owner: Annotated[Opt, typer.Option("--owner", help="Only this salesperson's deals.")] = None,
    json: Json = False,
) -> None:
    """Show the pipeline: deals, value and probability-weighted value per stage, and stuck deals.

    Example: zizhi pipeline --owner wang.fang
    """
    from zizhi.core.pipeline.board import pipeline as view

    output_read(ctx, "pipeline", "deal", lambda d: view(d, owner), json, _board_text, owner=owner)


def _board_text(data: dict) -> None:
    from zizhi.core.i18n import t

    rows = [{**r, "value": money_text(r["value"]), "weighted": money_text(r["weighted"])}
            for r in [*data["stages"], {"stage": t("pipeline.total"), **data["totals"], "stuck": len(data["stuck"])}]]
    table(rows, ["stage", "count", "value", "weighted", "stuck"])
    if data["stuck"]:
        echo("")
        echo(t("pipeline.stuck", date=data["as_of"]))
        table(data["stuck"], ["id", "title", "client", "owner", "stage", "idle_days", "stale_days"])
