"""`zizhi user key …` — the SSH keys that bind people to their logins on the team server."""

import sys
from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, desk, echo, output, table_of

app = typer.Typer(help="SSH keys on the team server: each key runs zizhi as its person (admins).",
                  no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Whose key it is.")],
    key: Annotated[str, typer.Argument(help="The public key line, a .pub file, or - to read it from stdin.")],
    json: Json = False,
) -> None:
    """Let LOGIN connect with this key; whatever they send then runs as LOGIN on this database.

    Example: zizhi --db /srv/zizhi/zizhi.db user key add wang.fang /tmp/wang.fang.pub
    """
    from zizhi.core import paths
    from zizhi.core.i18n import t
    from zizhi.core.people.keys import add_key

    entry = add_key(desk(ctx), login, _key_text(key), paths.database_path(ctx.find_root().obj.db))
    output(entry, json, lambda done: echo(t("keys.added", **done)))


@app.command("list")
def list_(ctx: typer.Context, json: Json = False) -> None:
    """The keys on this server and whom each one belongs to.

    Example: zizhi user key list
    """
    from zizhi.core.people.keys import list_keys

    output(list_keys(desk(ctx)), json, table_of(["login", "type", "fingerprint", "comment", "database"]))


@app.command("remove")
def remove(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Whose key to remove.")],
    fingerprint: Annotated[Optional[str], typer.Option("--fingerprint", help="Only this key (SHA256:…); default all of LOGIN's keys.")] = None,
    json: Json = False,
) -> None:
    """Stop a key (or all of a person's keys) from connecting — for a lost laptop or a leaver.

    Example: zizhi user key remove wang.fang
    """
    from zizhi.core import paths
    from zizhi.core.i18n import t
    from zizhi.core.people.keys import remove_keys

    gone = remove_keys(desk(ctx), login, paths.database_path(ctx.find_root().obj.db), fingerprint)
    output(gone, json, lambda rows: [echo(t("keys.removed", **row)) for row in rows])


def _key_text(key: str) -> str:
    """The key itself, or read from a file or stdin (a .pub file is one line)."""
    from pathlib import Path

    from zizhi.core import identity

    if key == "-":
        return sys.stdin.readline()
    words = key.split()
    if not words or words[0].startswith(("ssh-", "ecdsa-", "sk-")):
        return key
    identity.require_local("KEY")
    try:
        return Path(key).expanduser().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return key
