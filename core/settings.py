"""Loading and checking the TOML configuration: catalogue, pricing and general settings.

Each file is taken from the user's config folder when it is there, else from the shipped
defaults in ``config/``. Errors name the file, the key and, where it can be found, the line.

Every command refuses a broken configuration, but validating it builds the whole typed schema,
which costs more than a quick command itself. So once the files pass, their checked values are
kept in the state folder under the files' fingerprint (:mod:`core.checked_settings`); while it
matches, :func:`load` reads them back without building the schema. A file that fails is never
remembered, so it is refused by every command until it is mended.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zizhi.core.errors import ConfigError
from zizhi.core.paths import SHIPPED_CONFIG, config_dir, write_private


@dataclass(frozen=True)
class Settings:
    catalogue: Any  # config.schema.Catalogue
    pricing: Any  # config.schema.Pricing
    general: Any  # config.schema.General
    sources: dict[str, Path]
    raw: dict[str, dict]


def _kept(stamp: str) -> Settings | None:
    """The settings kept when the files last passed, if they passed as they are now (``stamp``)."""
    from zizhi.core import checked_settings

    try:
        with _remembered().open("rb") as kept:
            if kept.readline().decode("ascii").strip() != stamp:
                return None
            data = json.loads(kept.read().decode("utf-8"))
        catalogue, pricing, general = checked_settings.loads(data["models"])
        sources = {name: Path(path) for name, path in data["sources"].items()}
        return Settings(catalogue=catalogue, pricing=pricing, general=general, sources=sources, raw=data["raw"])
    except (OSError, ValueError, KeyError, TypeError):  # unreadable, half-written or from another version
        return None


def _keep(settings: Settings, stamp: str) -> None:
    """Keep ``settings`` (just checked) for the next command; a state folder that cannot be
    written, or a value JSON cannot hold, only means the next command checks the files again."""
    import os

    from zizhi.core import checked_settings

    try:
        data = {"models": checked_settings.dumps(settings.catalogue, settings.pricing, settings.general),
                "sources": {name: str(path) for name, path in settings.sources.items()}, "raw": settings.raw}
        text = f"{stamp}\n{json.dumps(data, ensure_ascii=False)}".encode("utf-8")
        target = _remembered()
        partial = target.with_name(f"{target.name}.{os.getpid()}")
        write_private(partial, text)
        os.replace(partial, target)  # a command starting meanwhile reads the old file or the new, never half
    except (OSError, TypeError, ValueError):
        pass


def fingerprint() -> str:
    """A digest of the files in force and of the schema's source: either changing means check again."""
    import hashlib

    digest = hashlib.sha256()
    for name in ("catalogue.toml", "pricing.toml", "settings.toml"):
        path = source_of(name)
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    digest.update((SHIPPED_CONFIG / "schema.py").read_bytes())
    digest.update(Path(__file__).with_name("checked_settings.py").read_bytes())
    return digest.hexdigest()


def _remembered() -> Path:
    from zizhi.core.paths import state_dir

    return state_dir() / "config-checked"


def source_of(name: str) -> Path:
    user = config_dir() / name
    return user if user.exists() else SHIPPED_CONFIG / name


def load() -> Settings:
    """The three files' settings: as kept when they last passed, else loaded and validated (and
    kept); the first problem raises :class:`ConfigError`."""
    stamp = fingerprint()
    settings = _kept(stamp)
    if settings is None:
        settings = check()
        _keep(settings, stamp)
    return settings


def check() -> Settings:
    """Load and validate all three files; the first problem raises :class:`ConfigError`."""
    from zizhi.config.schema import FILES

    models, sources, raws = {}, {}, {}
    for name, model in FILES.items():
        path = source_of(name)
        raw = _read(path)
        models[name] = _validate(path, raw, model)
        sources[name], raws[name] = path, raw
    return Settings(
        catalogue=models["catalogue.toml"],
        pricing=models["pricing.toml"],
        general=models["settings.toml"],
        sources=sources,
        raw=raws,
    )


def problems() -> list[str]:
    """Every problem across the three files (not just the first), for ``zizhi config check``."""
    from zizhi.config.schema import FILES

    found = []
    for name, model in FILES.items():
        path = source_of(name)
        try:
            _validate(path, _read(path), model, all_errors=True)
        except ConfigError as exc:
            found.extend(exc.params.get("all") or [exc.message()])
    return found


def init(force: bool = False) -> list[Path]:
    """Copy the shipped defaults into the user's config folder (0600), keeping edits unless forced."""
    import tomllib

    import tomli_w

    written = []
    for name in ("catalogue.toml", "pricing.toml", "settings.toml"):
        target = config_dir() / name
        if target.exists() and not force:
            continue
        shipped = SHIPPED_CONFIG / name
        text = shipped.read_text(encoding="utf-8")
        tomli_w.dumps(tomllib.loads(text))  # proves the defaults round-trip through the writer
        try:
            write_private(target, text.encode("utf-8"))
        except OSError as exc:
            raise ConfigError("config.unwritable", path=str(target), detail=exc.strerror or str(exc)) from None
        written.append(target)
    return written


def effective_toml(settings: Settings) -> str:
    """The values in force, file by file, written back as TOML with tomli-w."""
    import tomli_w

    parts = []
    for name, raw in settings.raw.items():
        parts.append(f"# {name} — {settings.sources[name]}\n{tomli_w.dumps(raw)}")
    return "\n".join(parts)


def _read(path: Path) -> dict:
    import tomllib

    text = _text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise ConfigError("config.syntax", where=where, detail=str(exc)) from None


def _text(path: Path) -> str:
    """The file as UTF-8 text; unreadable or another encoding (GBK from Notepad) is a config error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError("config.unreadable", file=str(path), detail=exc.strerror) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ConfigError("config.not_utf8", file=str(path), line=line) from None


def _validate(path: Path, raw: dict, model: Any, all_errors: bool = False) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        text = _text(path)
        lines = [_describe(path, text, raw, error) for error in exc.errors()]
        raise ConfigError("config.invalid", detail=lines[0], all=lines) from None


def _describe(path: Path, text: str, raw: dict, error: dict) -> str:
    loc = tuple(error["loc"])
    key = ".".join(str(part) for part in loc) or "(top level)"
    line = key_line(text, loc)
    where = f"{path}:{line}" if line else str(path)
    reason = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
    reason = reason.removeprefix("Value error, ")
    written = _written(raw, loc)
    value = ""
    if error["type"] not in ("missing", "extra_forbidden") and not isinstance(written, (dict, list, type(None))):
        if repr(written) not in reason and str(written) not in reason:
            value = f" (got {written!r})"
    return f"{where}: {key}: {reason}{value}"


def _written(raw: dict, loc: tuple):
    """The value as the admin wrote it in the file (not as converted), or None if not found."""
    node = raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


_HEADER = r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?"  # compiled when a file is refused, not at every start
_KEY = r"^\s*([A-Za-z0-9_\-\"]+)\s*="


def key_line(text: str, loc: tuple) -> int | None:
    """The 1-based line where the key at ``loc`` (pydantic's error location) is written."""
    table: tuple = ()
    counts: dict[str, int] = {}
    best, best_len = None, 0
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(_HEADER, line)
        if header:
            names = tuple(header.group(2).split("."))
            if header.group(1) == "[[":
                counts[names[-1]] = counts.get(names[-1], -1) + 1
                names = names + (counts[names[-1]],)
            table = names
            path = table
        else:
            key = re.match(_KEY, line)
            if not key:
                continue
            path = table + (key.group(1).strip('"'),)
        size = _common_prefix(path, loc)
        if size == len(path) and size > best_len:
            best, best_len = number, size
    return best


def _common_prefix(path: tuple, loc: tuple) -> int:
    size = 0
    for a, b in zip(path, loc):
        if str(a) != str(b):
            break
        size += 1
    return size
