"""How every command's options and arguments are read: numbers and text by core's rules.

Typer would take any integer Python can (``99999999999999999999``, ``٣``), refuse ``１２`` (what
a Chinese input method types) as a usage error, and pass any text on. Instead every ``int``
parameter of every command is read by :func:`zizhi.core.validation.whole_in` (ASCII or
full-width digits, within the parameter's ``min``/``max`` and SQLite's integer) and every text
parameter by :func:`zizhi.core.validation.text` (no control characters, no direction overrides;
a newline is left to core to judge per field). A refusal is one line and exit 65.
"""

from typing import Any


class WholeNumber:
    """Typer's runtime coercion for one ``int`` parameter, by core's rule."""

    def __init__(self, field: str, low: int | None, high: int | None) -> None:
        self.field, self.low, self.high = field, low, high

    def coerce(self, value: Any, param: Any, ctx: Any) -> int | None:
        from zizhi.core.validation import whole_in

        if value is None or isinstance(value, int):
            return value  # the default, already a number
        return whole_in(value, self.field, low=self.low or 0, high=self.high)


class PlainText:
    """Typer's runtime coercion for one text parameter (or a repeated one), by core's rule."""

    def __init__(self, field: str, repeated: bool) -> None:
        self.field, self.repeated = field, repeated

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        from zizhi.core.validation import text

        if value is None:
            return () if self.repeated else None
        for item in value if self.repeated else [value]:
            text(str(item), self.field, multiline=True)
        return list(value) if self.repeated else str(value)


def read_by_core_rules(command: Any) -> Any:
    """Give every number and text parameter of ``command`` (and its sub-commands) core's reading."""
    for param in getattr(command, "params", ()):
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "count", False):
            continue
        field = param.opts[0] if param.param_type_name == "option" else param.name.upper()
        if descriptor.annotation is int:
            param._runtime_param = WholeNumber(field, getattr(param, "min", None), getattr(param, "max", None))
        elif descriptor.annotation is str or descriptor.annotation == list[str]:
            param._runtime_param = PlainText(field, descriptor.annotation is not str)
    for sub in getattr(command, "commands", {}).values():
        read_by_core_rules(sub)
    return command
