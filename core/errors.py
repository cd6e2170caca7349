"""The mistakes a user can make, as typed exceptions carrying a translatable message.

Each error knows its exit code (the scripting contract in the README) so the CLI maps it
without a table, and the app shows the same text inline.
"""

from __future__ import annotations

# Message parameters that name a closed-vocabulary word, and the message prefix that translates it.
WORDS = {"role": "role", "stage": "stage", "ending": "stage", "verdict": "verdict"}


class ZizhiError(Exception):
    """A problem the user can fix; never shown with a traceback."""

    exit_code = 1

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str | None = None, surface: str = "cli") -> str:
        """The message in ``lang``; a role or stage named in it is shown in that language too.

        A message whose way forward differs by where it is read has a ``{how}`` placeholder:
        ``surface`` ("cli" or "tui") picks the text that fills it (:func:`core.i18n.how`), so one
        message key names a command in a terminal and a key in the app.
        """
        from zizhi.core.i18n import how, t

        params = dict(self.params)
        for name in WORDS:
            value = params.get(name)
            if isinstance(value, str) and t(f"{WORDS[name]}.{value}", lang=lang) != f"{WORDS[name]}.{value}":
                params[name] = t(f"{WORDS[name]}.{value}", lang=lang)
        from zizhi.core.i18n import current_language

        chinese = (lang or current_language()) == "zh"
        if "allowed_zh" in params and chinese:  # a closed vocabulary's words: with their Chinese spelling
            params["allowed"] = params["allowed_zh"]
        field = params.get("field")
        if chinese and isinstance(field, str):  # the field's name in Chinese too (``field.<name>``)
            key = "field." + field.lstrip("-").replace("-", "_")
            if t(key, lang=lang) != key:
                params["field"] = t(key, lang=lang)
        params.setdefault("how", how(self.key, surface, lang, **params))
        return t(self.key, lang=lang, **params)

    def __str__(self) -> str:
        return self.message()


class UserError(ZizhiError):
    """A request the rules refuse: unknown record, duplicate, no permission, gate not met."""


class NotFound(UserError):
    """The named record does not exist (or is not visible to the acting user)."""


class Refused(UserError):
    """The acting user's role does not allow this."""


class InputError(ZizhiError):
    """A value that fails validation: a bad credit code, phone, amount or date."""

    exit_code = 65


class UsageMistake(ZizhiError):
    """A command asked for in a way that cannot work — a PDF with no file to write it to: a usage
    error (exit 2) like the command line's own, naming the option that is missing."""

    exit_code = 2


class Busy(ZizhiError):
    """The database stayed locked by another writer past the busy timeout: try again."""

    exit_code = 75


class ConfigError(ZizhiError):
    """The TOML configuration is malformed or breaks its schema."""

    exit_code = 78


class Damaged(ZizhiError):
    """The database file is corrupt or not a database at all: only a backup helps (EX_IOERR)."""

    exit_code = 74
class Tampered(ZizhiError):
    """The audit trail is not what Zizhi wrote (``audit verify``): its own code, so a cron job can
    tell a broken trail from a refusal or a busy database."""

    exit_code = 3
