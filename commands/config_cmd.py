"""`zizhi config …` — the TOML catalogue, prices and settings: write a user copy, check, show."""

from typing import Annotated

import typer

from zizhi.commands.common import echo

app = typer.Typer(help="Configuration: the qualification catalogue, prices and settings (TOML).",
                  no_args_is_help=True)


@app.command("init")
def init(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
) -> None:
    """Write the shipped catalogue.toml, pricing.toml and settings.toml to your config folder to edit.

    Example: zizhi config init   (then edit them and run: zizhi config check)
    """
    from zizhi.core import identity
    from zizhi.core.i18n import t
    from zizhi.core.paths import config_dir
    from zizhi.core.settings import init as write_defaults

    ctx.find_root().obj.language()
    identity.require_local("config init")  # the team's configuration is the service account's
    written = write_defaults(force=force)
    for path in written:
        echo(t("config.written", path=str(path)))
    if not written:
        echo(t("config.kept", folder=str(config_dir())))


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Validate the configuration in force; every problem is listed with file, line and key.

    From 1 November it also warns (on stderr) when the database has no holiday calendar for next
    year yet; `zizhi calendar check` says the same and exits 1 for cron.
    Example: zizhi config check
    """
    from zizhi.core.i18n import t
    from zizhi.core.settings import problems, source_of

    ctx.find_root().obj.language()
    found = problems()
    for problem in found:
        typer.echo(problem, err=True)
    if found:
        raise typer.Exit(78)
    for name in ("catalogue.toml", "pricing.toml", "settings.toml"):
        echo(t("config.ok", path=str(source_of(name))))
    _calendar_warning(ctx)


def _calendar_warning(ctx: typer.Context) -> None:
    """The warning `zizhi calendar check` gives when next year's holidays are missing, from 1 November."""
    from zizhi.commands.common import warn
    from zizhi.core.i18n import t
    from zizhi.core.paths import database_path
    from zizhi.core.workdays.records import next_year_missing_in

    missing = next_year_missing_in(database_path(ctx.find_root().obj.db))
    if missing:
        warn(t("calendar.next_year_missing", year=missing))


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Print the effective configuration, file by file, with where each file was read from.

    Example: zizhi config show
    """
    from zizhi.core.settings import effective_toml, load

    ctx.find_root().obj.language()
    echo(effective_toml(load()))


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the folder Zizhi reads your configuration from, and the database file in use.

    Example: zizhi config path
    """
    from zizhi.core.paths import config_dir, database_path

    echo(f"config: {config_dir()}")
    echo(f"database: {database_path(ctx.find_root().obj.db)}")
