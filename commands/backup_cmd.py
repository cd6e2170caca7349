"""`zizhi backup FILE` and `zizhi restore FILE` — a consistent copy of the database, and back."""

from typing import Annotated

import typer

from zizhi.commands.common import Json, desk, output


def backup(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="The copy to write; an existing file only with --force.")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    json: Json = False,
) -> None:
    """Copy the database to FILE while others keep working: 0600, integrity-checked (admins).

    Example: zizhi backup /srv/backup/zizhi-$(date +%F).db
    """
    from zizhi.core import identity
    from zizhi.core.backup import backup as take
    from zizhi.core.i18n import t

    identity.require_local("backup FILE")
    report = take(desk(ctx), file, force)
    output(report, json, lambda r: typer.echo(t("backup.written", **r)))


def restore(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A copy written by zizhi backup.")],
    json: Json = False,
) -> None:
    """Replace the database with FILE, keeping the replaced one beside it (admins).

    Example: zizhi restore /srv/backup/zizhi-2026-12-01.db
    """
    from zizhi.core import identity
    from zizhi.core.backup import restore as bring_back
    from zizhi.core.i18n import t
    from zizhi.core.paths import database_path

    options = ctx.find_root().obj
    options.language()
    identity.require_local("restore FILE")
    # The database may be too damaged to open a desk on, so the real identity itself must be an
    # admin (in the copy, and in the current database when it opens): --as changes nothing here.
    report = bring_back(database_path(options.db), file, identity.real_login())
    key = "restore.done" if report["replaced"] else "restore.done_new"
    output(report, json, lambda r: typer.echo(t(key, **r)))
