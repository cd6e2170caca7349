"""The audit heads remembered outside the database, so rows cut from the end of the trail show.

A hash chain whose last rows are deleted is still a valid chain. ``audit verify`` and each
backup therefore append the head they saw (last id and hash) to a file in the state folder, one
file per database path; verify then checks every remembered head is still in the chain. A
restore writes a ``reset`` line: heads from before it belong to the replaced database.

Lines: ``head ID HASH AT EVENT`` and ``reset AT``. An unreadable line is ignored (not trusted).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from zizhi.core import clock
from zizhi.core.paths import append_private, state_dir


def heads_file(database: Path) -> Path:
    """The file of heads for this database, named after its absolute path."""
    key = hashlib.sha256(str(Path(database).resolve()).encode("utf-8")).hexdigest()[:16]
    return state_dir() / "audit-heads" / f"{key}.txt"


def remember(database: Path, head: dict, event: str) -> None:
    """Append the head (``{"id", "hash"}``) that ``event`` (verify, backup, restore) saw."""
    if head["id"]:
        append_private(heads_file(database), f"head {head['id']} {head['hash']} {_now()} {event}\n")


def reset(database: Path) -> None:
    """Forget the heads so far: the database was replaced (``zizhi restore``)."""
    append_private(heads_file(database), f"reset {_now()}\n")


def remembered(database: Path) -> dict[int, dict]:
    """Every head remembered since the last reset: id → {"hash", "at"}."""
    path = heads_file(database)
    if not path.exists():
        return {}
    heads: dict[int, dict] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        words = line.split(" ")
        if words[0] == "reset":
            heads.clear()
        elif words[0] == "head" and len(words) >= 4 and words[1].isascii() and words[1].isdigit():
            heads[int(words[1])] = {"hash": words[2], "at": words[3].replace("T", " ")}
    return heads


def _now() -> str:
    return clock.now().isoformat(timespec="seconds")
