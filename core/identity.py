"""Who is acting: known from what the user cannot type, claimed only by admins.

Two sources are trusted. On a team server each person reaches Zizhi through an SSH key whose
forced command is ``zizhi shell LOGIN`` (the way gitolite binds keys to people): the shell binds
that login here before running the person's command, and nothing the person types or sets in the
environment changes it. Everywhere else it is the operating-system account running the process,
read from the password database by uid — not from ``$USER`` or ``$LOGNAME``, which anyone can set.

Naming someone else (``--as``, ``ZIZHI_USER``) is a claim: :func:`zizhi.core.people.users.acting_user`
honours it only when the real identity is an admin, and the audit trail names both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from zizhi.core.errors import Refused


@dataclass(frozen=True)
class Binding:
    """The login an SSH key belongs to, and the database its forced command names (None: the default)."""

    login: str
    db: Path | None


_binding: Binding | None = None


def bind(login: str, db: str | os.PathLike | None) -> None:
    """Fix the identity for the rest of this process (``zizhi shell``); it cannot be rebound."""
    global _binding
    if _binding is not None:
        raise Refused("identity.already_bound", login=_binding.login)
    _binding = Binding(login, Path(db).expanduser() if db else None)


def binding() -> Binding | None:
    return _binding


def os_login() -> str:
    """The account running this process, by uid; a uid with no name is named ``uid<N>``."""
    import pwd

    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"


def real_login() -> str:
    """Who is really at the keyboard: the SSH key's login, else the operating-system account."""
    return _binding.login if _binding else os_login()


def claimed_login(option: str | None) -> str | None:
    """Whom the user asks to act as: ``--as``, else ``ZIZHI_USER`` (ignored over an SSH key)."""
    if option and option.strip():
        return option.strip()
    if _binding is None and os.environ.get("ZIZHI_USER", "").strip():
        return os.environ["ZIZHI_USER"].strip()
    return None


def require_local(option: str, key: str = "identity.remote_file") -> None:
    """Refuse a file path over an SSH key: the files are the service account's, not the person's —
    to write (``key`` says so) or to read (``identity.remote_input``)."""
    if _binding is not None:
        raise Refused(key, option=option)
