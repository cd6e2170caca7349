"""Loading and checking the TOML configuration: catalogue, pricing and general settings.

Each file is taken from the user's config folder when it is there, else from the shipped
defaults in ``config/``. Errors name the file, the key and, where it can be found, the line.

Every command refuses a broken configuration, but validating it builds the whole typed schema,
which costs more than a quick command itself. So the files' fingerprint is remembered once they
pass (in the state folder); while it matches, a command validates them only if it uses them
(:func:`unchanged_since_checked`). A file that fails is never remembered, so it is refused by
every command until it is mended.
"""

from __future__ import annotations

import re
import tomllib
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


def unchanged_since_checked() -> bool:
    """True when the three files (and the schema they are checked against) passed as they are now."""
    try:
        return _remembered().read_text(encoding="ascii") == fingerprint()
    except (OSError, UnicodeDecodeError):  # missing, unreadable or garbled: check the files again
        return False


def remember_checked() -> None:
    """Note that the files as they are now passed; a state folder that cannot be written is no error."""
    try:
        write_private(_remembered(), fingerprint().encode("ascii"))
    except OSError:
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
    return digest.hexdigest()


def configured_language() -> str | None:
    """``language`` from settings.toml as written, without building the schema (None if unset or odd)."""
    try:
        value = tomllib.loads(source_of("settings.toml").read_text(encoding="utf-8")).get("language")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) else None


def configured_keys() -> dict[str, str] | None:
    """``keys`` from settings.toml as written, without building the schema: for the app's start,
    which needs no other setting. Only sound while :func:`unchanged_since_checked` holds (the file
    passed the schema as it is); None if it is not a table of strings after all (edited just now),
    so the caller validates the files instead."""
    try:
        keys = tomllib.loads(source_of("settings.toml").read_text(encoding="utf-8")).get("keys", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if isinstance(keys, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
        return keys
    return None


def _remembered() -> Path:
    from zizhi.core.paths import state_dir

    return state_dir() / "config-checked"


def source_of(name: str) -> Path:
    user = config_dir() / name
    return user if user.exists() else SHIPPED_CONFIG / name


def load() -> Settings:
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


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"]+)\s*=")


def key_line(text: str, loc: tuple) -> int | None:
    """The 1-based line where the key at ``loc`` (pydantic's error location) is written."""
    table: tuple = ()
    counts: dict[str, int] = {}
    best, best_len = None, 0
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = tuple(header.group(2).split("."))
            if header.group(1) == "[[":
                counts[names[-1]] = counts.get(names[-1], -1) + 1
                names = names + (counts[names[-1]],)
            table = names
            path = table
        else:
            key = _KEY.match(line)
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
