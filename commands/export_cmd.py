"""`zizhi export clients` — what you may see, as a file Excel opens (issue 11)."""

from typing import Annotated

import typer

from zizhi.commands.common import Opt, desk, output, warn

app = typer.Typer(help="Export records to CSV (UTF-8 for Excel), an Excel workbook or JSON; audited.",
                  no_args_is_help=True)


@app.command("clients")
def clients(ctx: typer.Context,
            fmt: Annotated[str, typer.Option("--format", help="csv, xlsx or json.")] = "csv",
            out: Annotated[Opt, typer.Option("--out", "-o", help="The file to write (default: standard output).")] = None,
            encoding: Annotated[Opt, typer.Option(
                "--encoding", help="A CSV's encoding (default UTF-8 with a byte-order mark; gbk for old software).")] = None,
            unmasked: Annotated[bool, typer.Option(
                "--unmasked", help="Contact details whole, for a role that exports them masked (managers, admins).")] = False,
            json: Annotated[bool, typer.Option(
                "--json", help="Without --out: the records as JSON; with it: what was written, as JSON.")] = False) -> None:
    """Export the clients you see, with the columns `zizhi import clients` reads back.

    Example: zizhi export clients --format xlsx -o 客户.xlsx
    """
    from zizhi.core.exchange.export import export

    d = desk(ctx)
    if json and out in (None, "-"):  # the records themselves, for a script
        fmt = "json"
    written = export(d, "clients", fmt, out, encoding, unmasked)
    if out not in (None, "-"):
        output(written, json, _said)


def _said(written: dict) -> None:
    from zizhi.commands.common import echo
    from zizhi.core.i18n import t

    echo(t("export.written", count=written["rows"], file=written["file"], format=written["format"].upper()))
    if written["masked"]:
        warn(t("export.masked"))
