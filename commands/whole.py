"""Whole-number options and arguments (``--limit``, ``--id``, a score, a step) read by core's rule.

Typer would take any integer Python can (``99999999999999999999``, ``٣``) and refuse ``１２``
(what a Chinese input method types) as a usage error. Every ``int`` parameter of every command is
instead read by :func:`zizhi.core.validation.whole_in`: ASCII or full-width digits, within the
parameter's ``min``/``max`` and SQLite's integer, else one line and exit 65.
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


def read_whole_numbers(command: Any) -> Any:
    """Give every ``int`` parameter of ``command`` (and its sub-commands) core's reading."""
    for param in getattr(command, "params", ()):
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or descriptor.annotation is not int or getattr(param, "count", False):
            continue
        field = param.opts[0] if param.param_type_name == "option" else param.name.upper()
        param._runtime_param = WholeNumber(field, getattr(param, "min", None), getattr(param, "max", None))
    for sub in getattr(command, "commands", {}).values():
        read_whole_numbers(sub)
    return command
