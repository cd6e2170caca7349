"""Every file Zizhi reads or writes is located here, and nowhere else.

Defaults follow the platform (platformdirs); ``--db``/``ZIZHI_DB``, ``ZIZHI_CONFIG`` and
``ZIZHI_STATE`` override.
Directories Zizhi creates are 0700 and files 0600: client data is a company asset.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "zizhi"
SHIPPED_CONFIG = Path(__file__).resolve().parent.parent / "config"


def database_path(option: str | os.PathLike | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    if os.environ.get("ZIZHI_DB"):
        return Path(os.environ["ZIZHI_DB"]).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False) / "zizhi.db"


def config_dir() -> Path:
    """The user's configuration folder: ``ZIZHI_CONFIG`` or the platform's config dir."""
    if os.environ.get("ZIZHI_CONFIG"):
        return Path(os.environ["ZIZHI_CONFIG"]).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def state_dir() -> Path:
    """Where Zizhi keeps what it writes about itself (the error log): ``ZIZHI_STATE`` or the platform's."""
    if os.environ.get("ZIZHI_STATE"):
        return Path(os.environ["ZIZHI_STATE"]).expanduser()
    from platformdirs import user_state_path

    return user_state_path(APP, appauthor=False)


def error_log_path() -> Path:
    """The log an unexpected failure's traceback goes to, so the user sees one line, not the traceback."""
    return state_dir() / "errors.log"


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700; leave existing folders as they are."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:  # another process (cron, a colleague's command) made it just now
            continue
        os.chmod(folder, 0o700)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write a file readable by its owner only, creating its folder if needed."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o600)


def append_private(path: Path, text: str) -> None:
    """Append to a file readable by its owner only, creating it and its folder if needed."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def write_output(path: str | os.PathLike, data: bytes) -> Path:
    """Write a file the user asked for (``-o``): the target is checked first, and the file appears
    whole or not at all (a temporary file in the same folder, renamed over it), readable by its
    owner only. Any problem is one line naming the target and what is wrong with it.
    """
    from zizhi.core.errors import InputError

    target = check_output(path)
    try:
        _replace_with(target, data)
    except OSError as exc:
        raise InputError("output.cannot_write", path=str(target), reason=exc.strerror or str(exc)) from None
    return target


SUFFIXES = {".pdf": ("pdf",), ".md": ("markdown", "md"), ".markdown": ("markdown", "md"), ".txt": ("text",),
            ".json": ("json",)}  # what a file's name says it holds, by the names --format takes


def document_target(offered: dict[str, str], form: str | None, output: str | None, example: str,
                    default: str = "markdown") -> str:
    """The kind of document to render, and where it goes — checked before the work, the one rule of
    every command writing a document (quote, dunning letter, statement, quarterly report, the team's
    PDF). ``offered`` maps what ``--format`` takes to the kind it renders.

    The file's suffix decides when ``--format`` is not given (``-o 总结.pdf`` is a PDF); a name that
    says nothing the command writes, with no ``--format``, is a usage mistake rather than a guess. A
    ``--format`` the name contradicts (``--format pdf -o x.md``) is a usage mistake too, and a PDF is
    only ever written under a ``.pdf`` name — and always to a file (without ``-o``, a usage mistake
    showing ``example``). Any ``-o`` must be on this computer and able to be a file."""
    from zizhi.core import identity
    from zizhi.core.errors import InputError, UsageMistake

    if output:  # a folder, or no folder to write in, is said before any name is read
        identity.require_local("--output")
        check_output(output, example)
    chosen = None
    if form is not None and str(form).strip():
        chosen = offered.get(str(form).strip().lower())
        if chosen is None:
            named = {kind: name for name, kind in reversed(offered.items())}  # a kind's first name
            allowed = [name for name, kind in offered.items() if named[kind] == name]
            raise InputError("input.not_one_of", field="format", value=form, allowed=", ".join(allowed))
    named = _named_kind(offered, output)
    only = set(offered.values())
    if chosen is None and len(only) == 1:  # one kind to write (the team's PDF): no choice, only a name
        chosen = only.pop()
    if chosen is None:
        chosen = named or default
        if output and named is None:
            raise UsageMistake("output.which_format", path=output, suffixes=_suffixes(offered),
                               suggest=_renamed(output, offered, default))
    elif output and named != chosen and (named is not None or chosen == "pdf"):
        if form is None or not str(form).strip():
            raise UsageMistake("output.pdf_named_pdf", path=output, suggest=_renamed(output, offered, chosen))
        raise UsageMistake("output.format_contradicts", format=form, path=output,
                           suggest=_renamed(output, offered, chosen))
    if chosen == "pdf" and not output:
        raise UsageMistake("output.pdf_needs_file", example=example)
    return chosen


def _named_kind(offered: dict[str, str], output: str | None) -> str | None:
    """The kind a file's suffix names among those the command writes; None for no such suffix."""
    if not output:
        return None
    names = SUFFIXES.get(Path(output).suffix.lower(), ())
    return next((offered[name] for name in names if name in offered), None)


def _suffixes(offered: dict[str, str]) -> str:
    kinds = set(offered.values())
    return ", ".join(suffix for suffix, names in SUFFIXES.items() if any(offered.get(n) in kinds for n in names))


def _renamed(output: str, offered: dict[str, str], kind: str) -> str:
    """``output`` with the suffix ``kind`` is written under (x.md → x.pdf, 'noext' → noext.pdf)."""
    suffix = next((s for s, names in SUFFIXES.items() if any(offered.get(n) == kind for n in names)), "")
    return str(Path(output).with_suffix(suffix))


def check_output(path: str | os.PathLike, example: str = "document.pdf") -> Path:
    """The target of ``-o`` if it can be a file: not a folder (``example``: a file name fitting
    what is written there), in a folder that exists."""
    from zizhi.core.errors import InputError

    target = Path(path).expanduser()
    guard_target(target, "--output")
    if target.is_dir():
        raise InputError("output.is_directory", path=str(target), example=str(target / example))
    if not target.parent.is_dir():
        raise InputError("output.no_folder", folder=str(target.parent))
    return target


_SQLITE_HEADER = b"SQLite format 3\x00"
_COMPANIONS = ("-wal", "-shm", "-journal")


def guard_target(target: Path, option: str) -> None:
    """What every file Zizhi writes on request (``-o``, ``--ics``, ``--errors``) must not be: a
    server's file named over an SSH key (the files there are the service account's — its
    ``authorized_keys`` among them), or a database or one of its ``-wal``/``-shm``/``-journal``
    files, which an export renamed over them would destroy."""
    from zizhi.core import identity
    from zizhi.core.errors import InputError

    identity.require_local(option)
    name = target.name
    for suffix in _COMPANIONS:
        if name.endswith(suffix) and _is_database(target.with_name(name[: -len(suffix)])):
            raise InputError("output.is_database", option=option, path=str(target))
    if _is_database(target):
        raise InputError("output.is_database", option=option, path=str(target))


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:  # missing, a folder, unreadable: not a database this account could lose
        return False


def _replace_with(target: Path, data: bytes) -> None:
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)  # mkstemp made it 0600
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
