"""`zizhi shell LOGIN` — the forced command of a person's SSH key on the team server.

sshd runs it whatever the person asked for, with their request in ``SSH_ORIGINAL_COMMAND``. The
login is bound before anything the person sent is read, so ``--as``, ``--db``, ``ZIZHI_USER`` and
``ZIZHI_DB`` cannot change who acts or on which database; only zizhi commands run (no shell, no
scp), parsed as words, never by a shell.
"""

import os
import shlex
import sys
from typing import Annotated

import typer


def shell(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="The person this SSH key belongs to.")],
) -> None:
    """Run the SSH client's zizhi command as LOGIN, or open the app as LOGIN (admins write this line
    with `zizhi user key add`, not by hand).

    Example: (a line of authorized_keys) command="/opt/zizhi/.venv/bin/zizhi --db /srv/zizhi/zizhi.db shell wang.fang",restrict,pty ssh-ed25519 AAAA…
    """
    from zizhi.commands.main import app
    from zizhi.core import identity
    from zizhi.core.errors import Refused

    _require_key_holder(login, ctx.find_root().obj.db)
    identity.bind(login, ctx.find_root().obj.db)
    for name in ("ZIZHI_USER", "ZIZHI_DB"):
        os.environ.pop(name, None)
    sent = os.environ.get("SSH_ORIGINAL_COMMAND", "")
    try:
        words = shlex.split(sent)
    except ValueError:  # an unbalanced quote
        raise Refused("identity.not_zizhi", command=sent) from None
    if words and os.path.basename(words[0]) != "zizhi":
        raise Refused("identity.not_zizhi", command=words[0])
    app(args=words[1:], prog_name="zizhi")
    sys.exit(0)


def _require_key_holder(login: str, db) -> None:
    """A leaver's key (deactivated, or never a user) runs nothing — not even what reads no database;
    and only the service account binds a login (core.people.users.may_bind)."""
    from zizhi.core.paths import database_path
    from zizhi.core.people.users import may_bind
    from zizhi.core.store import Store

    store = Store(database_path(db))
    try:
        may_bind(store, login)
    finally:
        store.close()
