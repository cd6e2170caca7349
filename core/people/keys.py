"""People's SSH keys on the team server: the lines of the service account's ``authorized_keys``.

Each key's line forces ``zizhi shell LOGIN``, so whoever holds the key is that person and nobody
else, whatever they type. Zizhi keeps its lines between two marker comments and leaves every
other line (the admin's own key, say) as it was. The file is rewritten whole, 0600, by a rename,
inside the unit of work that audits the change — two admins adding keys at once take turns.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import shlex
import sys
from pathlib import Path

from zizhi.core import audit, validation
from zizhi.core.errors import InputError, Refused, UserError

BEGIN = "# zizhi: the lines below are kept by `zizhi user key`; edit them with it, not by hand"
END = "# zizhi: end of the lines kept by `zizhi user key`"
KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
             "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com")
OPTIONS = "restrict,pty"


def authorized_keys_path() -> Path:
    """The service account's ``~/.ssh/authorized_keys`` (``ZIZHI_AUTHORIZED_KEYS`` names another file)."""
    if os.environ.get("ZIZHI_AUTHORIZED_KEYS"):
        return Path(os.environ["ZIZHI_AUTHORIZED_KEYS"]).expanduser()
    return Path.home() / ".ssh" / "authorized_keys"


def parse_key(text: str) -> tuple[str, str, str]:
    """``type base64 [comment]`` → its parts; the blob must decode and name its own type."""
    parts = (text or "").strip().split(None, 2)
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise InputError("keys.format", value=_short(text), types=", ".join(KEY_TYPES[:3]))
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise InputError("keys.format", value=_short(text), types=", ".join(KEY_TYPES[:3])) from None
    length = int.from_bytes(blob[:4], "big")
    if blob[4:4 + length] != parts[0].encode():
        raise InputError("keys.format", value=_short(text), types=", ".join(KEY_TYPES[:3]))
    comment = parts[2].strip() if len(parts) > 2 else ""
    if any(ord(c) < 32 for c in comment):
        raise InputError("keys.format", value=_short(text), types=", ".join(KEY_TYPES[:3]))
    return parts[0], parts[1], comment


def fingerprint(blob_b64: str) -> str:
    """As ``ssh-keygen -l`` prints it: SHA256 of the key blob, base64 without padding."""
    try:
        digest = hashlib.sha256(base64.b64decode(blob_b64)).digest()
    except (binascii.Error, ValueError):
        return "(not a key)"
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def list_keys(desk) -> list[dict]:
    """Every key Zizhi keeps: login, type, fingerprint, comment (admins)."""
    _require_admin(desk)
    _, kept, _ = _read(authorized_keys_path())
    return [_entry(line) for line in kept]


def add_key(desk, login: str, key_text: str, db_path: Path) -> dict:
    """Bind a public key to ``login`` (an active user) on this database; one key, one person."""
    kind, blob, comment = parse_key(key_text)
    login = validation.login(login)
    with desk.store.unit_of_work() as db:
        _require_admin(desk)
        user = db.execute("SELECT id, active FROM users WHERE login = ?", [login]).fetchone()
        if not user:
            raise UserError("people.not_found", login=login)
        if not user[1]:
            raise Refused("people.inactive", login=login)
        path = authorized_keys_path()
        before, kept, after = _read(path)
        for line in before + kept + after:
            if blob in line.split():
                raise UserError("keys.duplicate", fingerprint=fingerprint(blob))
        line = f'command="{_forced_command(login, db_path)}",{OPTIONS} {kind} {blob} {comment or login}'.rstrip()
        entry = _entry(line)
        audit.record(db, desk.user, "user.key.add", "user", user[0], login=login, fingerprint=entry["fingerprint"])
        _write(path, before, [*kept, line], after)  # last: a refused audit row leaves the file as it was
    return entry


def remove_keys(desk, login: str, db_path: Path, fingerprint_or_all: str | None = None) -> list[dict]:
    """Remove ``login``'s key to this database with that fingerprint, or all of them when none is
    named; keys bound to another database in the same file are that database's to remove."""
    database = str(Path(db_path).resolve())
    with desk.store.unit_of_work() as db:
        _require_admin(desk)
        path = authorized_keys_path()
        before, kept, after = _read(path)
        gone = [line for line in kept if (entry := _entry(line))["login"] == login
                and entry["database"] == database and fingerprint_or_all in (None, entry["fingerprint"])]
        if not gone:
            raise UserError("keys.none", login=login)
        user_id = db.execute("SELECT id FROM users WHERE login = ?", [login]).fetchone()
        for line in gone:
            audit.record(db, desk.user, "user.key.remove", "user", user_id[0] if user_id else None,
                         login=login, fingerprint=_entry(line)["fingerprint"])
        _write(path, before, [line for line in kept if line not in gone], after)
    return [_entry(line) for line in gone]


def _forced_command(login: str, db_path: Path) -> str:
    """The command sshd runs for this key: this Zizhi, this database, this person."""
    exe = Path(sys.argv[0]).resolve() if Path(sys.argv[0]).name == "zizhi" else Path(sys.executable).with_name("zizhi")
    words = (str(exe), "--db", str(Path(db_path).resolve()), "shell", "--", login)
    return " ".join(shlex.quote(word) for word in words)


def _entry(line: str) -> dict:
    options, key = _split_options(line)
    kind, blob, comment = (key.split(None, 2) + [""])[:3]
    try:
        command = shlex.split(options.split('"')[1]) if '"' in options else []
    except ValueError:  # an unbalanced quote, from a hand edit
        command = []
    return {"login": command[-1] if command else "", "type": kind, "fingerprint": fingerprint(blob),
            "comment": comment, "database": command[2] if len(command) > 3 else ""}


def _split_options(line: str) -> tuple[str, str]:
    """An authorized_keys line's options (up to the first space outside quotes) and its key."""
    quoted = False
    for at, char in enumerate(line):
        if char == '"' and line[at - 1:at] != "\\":
            quoted = not quoted
        elif char == " " and not quoted:
            return line[:at], line[at + 1:]
    return line, ""


def _read(path: Path) -> tuple[list[str], list[str], list[str]]:
    """The file's lines before Zizhi's block, in it, and after it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return [], [], []
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("keys.file", path=str(path), detail=getattr(exc, "strerror", None) or str(exc)) from None
    if BEGIN not in lines:
        return lines, [], []
    start = lines.index(BEGIN)
    end = lines.index(END, start) if END in lines[start:] else len(lines)
    return lines[:start], lines[start + 1:end], lines[end + 1:]


def _write(path: Path, before: list[str], kept: list[str], after: list[str]) -> None:
    from zizhi.core.paths import private_dir

    text = "\n".join([*before, BEGIN, *kept, END, *after]) + "\n"
    try:
        private_dir(path.parent)
        temporary = path.with_name(path.name + ".zizhi-new")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        raise UserError("keys.file", path=str(path), detail=exc.strerror or str(exc)) from None


def _require_admin(desk) -> None:
    if desk.role != "admin":
        raise Refused("keys.admins_only", role=desk.role)


def _short(text: str) -> str:
    text = (text or "").strip()
    return text if len(text) <= 24 else text[:20] + "…"
