"""`zizhi export clients|interactions|deals|receivables` — what you may see, as a file Excel opens (issue 11)."""

from typing import Annotated

import typer

from zizhi.commands.common import OldOut, Opt, desk, output, warn

app = typer.Typer(help="Export records to CSV (UTF-8 for Excel), an Excel workbook or JSON; audited.",
                  no_args_is_help=True)

Format = Annotated[Opt, typer.Option("--format", help="csv, xlsx or json (default: from -o's name, else csv).")]
Out = Annotated[Opt, typer.Option("--output", "-o", help="The file to write (default: standard output).")]
Encoding = Annotated[Opt, typer.Option(
    "--encoding", help="A CSV's encoding: utf-8 (the default) is written with a byte-order mark so Excel reads the "
                       "Chinese; gbk for old software.")]
Archived = Annotated[bool, typer.Option("--archived", help="Archived clients (and their log) too.")]
Unmasked = Annotated[bool, typer.Option(
    "--unmasked", help="Contact details whole, for a role that exports them masked (managers, admins).")]
AsJson = Annotated[bool, typer.Option(
    "--json", help="Without -o: the records as JSON; with it: what was written, as JSON.")]


@app.command("clients")
def clients(ctx: typer.Context, fmt: Format = None, out: Out = None, old_out: OldOut = None, encoding: Encoding = None,
            unmasked: Unmasked = False, archived: Archived = False,
            search: Annotated[Opt, typer.Option(
                "--search", help="Only the clients this search finds, as the app's / and `client search` find them.")] = None,
            due: Annotated[bool, typer.Option("--due", help="Only those whose follow-up is due today or earlier.")] = False,
            json: AsJson = False) -> None:
    """The clients you see, with the columns `zizhi import clients` reads back (archived ones left out).

    Headers and 规模/紧急程度/渠道 in your language (--lang zh: 小型, 紧急, 展会); the import reads both.

    Example: zizhi export clients --format xlsx -o 客户.xlsx
    """
    _export(ctx, "clients", fmt, out or old_out, encoding, unmasked, json, archived=archived, search=search, due=due)


@app.command("interactions")
def interactions(ctx: typer.Context, fmt: Format = None, out: Out = None, old_out: OldOut = None,
                 encoding: Encoding = None,
                 archived: Archived = False, json: AsJson = False) -> None:
    """The communication log of the clients you see (archived clients' left out), oldest first.

    Example: zizhi export interactions -o 沟通记录.csv
    """
    _export(ctx, "interactions", fmt, out or old_out, encoding, False, json, archived=archived)


@app.command("deals")
def deals(ctx: typer.Context, fmt: Format = None, out: Out = None, old_out: OldOut = None, encoding: Encoding = None,
          json: AsJson = False) -> None:
    """The deals you see, open and ended, with stage, value (yuan) and qualifications.

    Example: zizhi export deals --format xlsx -o 商机.xlsx
    """
    _export(ctx, "deals", fmt, out or old_out, encoding, False, json)


@app.command("receivables")
def receivables(ctx: typer.Context,
                as_of: Annotated[Opt, typer.Option("--as-of", help="Owed at the end of this day (default today).")] = None,
                fmt: Format = None, out: Out = None, old_out: OldOut = None, encoding: Encoding = None,
                json: AsJson = False) -> None:
    """Every instalment still owed among the clients you see — the aging report's rows — with days overdue.

    Example: zizhi export receivables --as-of 2026-11-30 -o 应收账款.xlsx --format xlsx
    """
    _export(ctx, "receivables", fmt, out or old_out, encoding, False, json, as_of)


def _export(ctx: typer.Context, kind: str, fmt: Opt, out: Opt, encoding: Opt, unmasked: bool, json: bool,
            as_of: Opt = None, **shown) -> None:
    from zizhi.core.exchange.export import export

    d = desk(ctx)
    if json and out in (None, "-"):  # the records themselves, for a script
        fmt = "json"
    written = export(d, kind, fmt, out, encoding, unmasked, as_of=as_of, **shown)
    if out not in (None, "-"):
        output(written, json, _said)


def _said(written: dict) -> None:
    from zizhi.commands.common import echo
    from zizhi.core.i18n import t

    echo(t("export.written", count=written["rows"], kind=t(f"export.kind.{written['kind']}"), file=written["file"],
           format=written["format"].upper()))
    if written["masked"]:
        warn(t("export.masked"))
