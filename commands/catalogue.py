"""`zizhi catalogue …` — the qualifications the company sells, from catalogue.toml."""

from typing import Annotated

import typer

from zizhi.commands.common import Json, echo, fields, money_text, output, table

app = typer.Typer(help="The qualification catalogue (catalogue.toml).", no_args_is_help=True)


def _catalogue(ctx: typer.Context):
    from zizhi.core.settings import load

    ctx.find_root().obj.language()
    return load().catalogue


@app.command("list")
def list_(ctx: typer.Context, json: Json = False) -> None:
    """List each qualification with its code, time, validity and fees.

    Example: zizhi catalogue list
    """
    output([q.model_dump() for q in _catalogue(ctx).qualification], json, _catalogue_table)


@app.command("show")
def show(ctx: typer.Context, code: Annotated[str, typer.Argument(help="Qualification code.")],
         json: Json = False) -> None:
    """Show one qualification: what it permits, materials, steps, time, validity and fees.

    Example: zizhi catalogue show EXPORT-LICENCE
    """
    from zizhi.core.errors import NotFound

    item = _catalogue(ctx).get(code)
    if item is None:
        raise NotFound("catalogue.not_found", code=code)
    output(item.model_dump(), json, _qualification_text)


def _catalogue_table(items: list[dict]) -> None:
    table([{"code": q["code"], "name": q["name_zh"], "standard_days": q["standard_days"], "validity": q["validity"],
            "government_fee": money_text(q["government_fee"]), "service_fee": money_text(q["service_fee"])}
           for q in items], ["code", "name", "standard_days", "validity", "government_fee", "service_fee"])


def _qualification_text(item: dict) -> None:
    from zizhi.core.i18n import t

    fields({**item, "government_fee": money_text(item["government_fee"]),
            "service_fee": money_text(item["service_fee"])},
           ["code", "name_zh", "name_en", "permits", "standard_days", "validity", "government_fee", "service_fee"])
    for title, lines in (("catalogue.materials", item["materials"]), ("catalogue.steps", item["steps"])):
        echo("")
        echo(t(title))
        for number, line in enumerate(lines, start=1):
            echo(f"  {number}. {line}")
