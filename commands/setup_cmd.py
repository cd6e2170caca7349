"""`zizhi init` — create a database on purpose, naming its admins."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, echo, output


def init(
    ctx: typer.Context,
    admin: Annotated[Optional[str], typer.Option("--admin", help="Login of the person who will run the team, made admin too.")] = None,
    json: Json = False,
) -> None:
    """Create a new, empty database; you (the account running this) and --admin become its admins.

    Every other command refuses a missing database instead of creating one, so a mistyped --db
    fails loudly.

    Example: zizhi --db /srv/zizhi/zizhi.db init --admin wang.admin
    """
    from zizhi.core import identity, paths
    from zizhi.core.desk import init_database
    from zizhi.core.i18n import t

    root = ctx.find_root().obj
    root.language()
    identity.require_local("init")
    path = paths.database_path(root.db)
    admins = init_database(path, admin)
    output({"path": str(path), "admins": admins}, json,
           lambda done: echo(t("db.created", path=done["path"], admins=", ".join(done["admins"]))))
