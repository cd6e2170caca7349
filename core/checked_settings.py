"""The configuration as it last passed its check, kept so that a command needs no schema classes.

Building the schema's pydantic models costs more than a quick command's whole work (cron's
`zizhi remind` on an empty day: a third of its start). Once the three files pass, their values
are written to the state folder as JSON, each model tagged with its class name, under the
fingerprint of the files and of the code that reads them. While the fingerprint matches, the
values are read back as :class:`Record` objects — frozen, read by attribute like the models,
with the models' few methods (:class:`QualificationRules`, :class:`CatalogueRules`) — and the
schema is never imported. JSON rather than pickle: the file is data, never code.

Every node of the JSON is tagged by what it was (``{"m": class, "f": fields}`` for a model,
``{"d": …}`` for a mapping), and read back by walking from the top, so no key an admin writes
(a header mapping of ``[imports]`` may be anything) can be mistaken for a tag.
"""

from __future__ import annotations

import json
from typing import Any


class QualificationRules:
    """What a catalogue entry says beyond its fields (the schema's model and the record share it)."""

    @property
    def validity_months(self) -> int | None:
        """None for a permanent certificate."""
        if self.validity == "permanent":
            return None
        number, unit = self.validity.split()
        return int(number) * (12 if unit.startswith("year") else 1)


class CatalogueRules:
    """The catalogue's lookup (the schema's model and the record share it)."""

    def get(self, code: str):
        """The entry of ``code`` (any case), or None."""
        return next((q for q in self.qualification if q.code == code.upper()), None)


class Record:
    """A checked model's values, read-only, without its class's validation machinery."""

    def __init__(self, fields: dict[str, Any]) -> None:
        object.__setattr__(self, "_fields", fields)
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only (settings are changed in their file)")

    def __eq__(self, other: object) -> bool:
        return type(other).__name__ == type(self).__name__ and self.model_dump() == _dumped(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self._fields.items())})"

    def model_dump(self) -> dict[str, Any]:
        """The values as plain dicts and lists, as the model's ``model_dump`` gives them."""
        return {name: _plain(value) for name, value in self._fields.items()}

    def model_copy(self, update: dict[str, Any] | None = None) -> "Record":
        """A copy with ``update``'s fields replaced (not checked: for trying another setting)."""
        return type(self)({**self._fields, **(update or {})})


_RULES = {"Qualification": QualificationRules, "Catalogue": CatalogueRules}
_KINDS: dict[str, type] = {}


def dumps(*models: Any) -> str:
    """``models`` (validated schema models) as tagged JSON."""
    return json.dumps([_tagged(model) for model in models], ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> list[Any]:
    """The models written by :func:`dumps`, as records."""
    return [_untagged(node) for node in json.loads(text)]


def _tagged(value: Any) -> Any:
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return {"m": type(value).__name__, "f": {name: _tagged(getattr(value, name)) for name in fields}}
    if isinstance(value, dict):
        return {"d": {key: _tagged(item) for key, item in value.items()}}
    if isinstance(value, (list, tuple)):
        return [_tagged(item) for item in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise TypeError(f"a setting of type {type(value).__name__} is not kept")  # the files are then checked each time


def _untagged(node: Any) -> Any:
    if isinstance(node, list):
        return [_untagged(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "d" in node:
        return {key: _untagged(item) for key, item in node["d"].items()}
    return _kind(node["m"])({name: _untagged(item) for name, item in node["f"].items()})


def _kind(name: str) -> type:
    kind = _KINDS.get(name)
    if kind is None:
        bases = (_RULES[name], Record) if name in _RULES else (Record,)
        kind = _KINDS[name] = type(name, bases, {})
    return kind


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.model_dump()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _dumped(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump() if dump else value
