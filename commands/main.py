"""The `zizhi` command: global options, the sub-apps, and a bare `zizhi` opening the app.

Global options come before the command (``zizhi --db X --as li client list``). Sub-commands
import their core modules only when they run, and only a bare ``zizhi`` imports Textual.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from zizhi.commands import (
    audit_cmd, catalogue, clients, config_cmd, contracts, deals, demo_cmd, log, pipeline_cmd, processing, quotes,
    users,
)
from zizhi.commands.common import Globals, handles_errors

app = typer.Typer(
    name="zizhi",
    help="Zizhi (资质): the sales desk for foreign-trade qualification services. "
         "Run without a command to open the full-screen app.",
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(clients.app, name="client")
app.add_typer(log.app, name="log")
app.add_typer(users.app, name="user")
app.add_typer(config_cmd.app, name="config")
app.add_typer(audit_cmd.app, name="audit")
app.add_typer(catalogue.app, name="catalogue")
app.add_typer(deals.app, name="deal")
app.add_typer(quotes.app, name="quote")
app.add_typer(quotes.review_app, name="review")
app.add_typer(contracts.app, name="contract")
app.add_typer(processing.app, name="process")
app.command("deliver")(processing.deliver)
app.add_typer(processing.visit_app, name="visit")
app.command("pipeline")(pipeline_cmd.pipeline)
app.command("demo")(demo_cmd.demo)


def _version(value: bool) -> None:
    if value:
        from zizhi.core import __version__

        typer.echo(f"zizhi {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
@handles_errors
def main(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", envvar="ZIZHI_DB", help="Database file (default: your user data folder).")] = None,
    as_user: Annotated[Optional[str], typer.Option("--as", help="Act as this login (default: ZIZHI_USER, then your OS login).")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of messages: zh or en (default: ZIZHI_LANG, config, locale).")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Zizhi (资质): the sales desk for foreign-trade qualification services.

    Example: zizhi --as wang.fang client list --due
    """
    ctx.obj = Globals(db=db, as_user=as_user, lang=lang)
    if ctx.invoked_subcommand is None:
        from zizhi.tui.app import run_app

        run_app(ctx.obj.desk())


def run() -> None:
    """Console entry point."""
    app()
