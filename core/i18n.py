"""The one translation layer: every user-facing string is a key looked up here.

Languages are English (``en``) and Simplified Chinese (``zh``). The language is chosen once per
process: ``--lang``, then ``ZIZHI_LANG``, then the language the person saved (``core/desk.py``),
then the ``language`` setting, then the locale.

Plurals: a message that counts something takes the number as ``count``; when it is 1 the
message ``<key>.one`` is used if there is one ("1 open deal", not "1 open deals"). Chinese has no
plural, so its ``.one`` text is usually the plural's.
"""

from __future__ import annotations

import locale
import os

from zizhi.core import columns
from zizhi.core import messages as base_messages
from zizhi.core.clients import messages as clients_messages
from zizhi.core.compliance import messages as compliance_messages
from zizhi.core.credit import messages as credit_messages
from zizhi.core.documents import messages as documents_messages
from zizhi.core.exchange import messages as exchange_messages
from zizhi.core.kpi import messages as kpi_messages
from zizhi.core.people import messages as people_messages
from zizhi.core.pipeline import messages as pipeline_messages
from zizhi.core.quarterly import messages as quarterly_messages
from zizhi.core.receivables import messages as receivables_messages
from zizhi.core.reminders import messages as reminders_messages
from zizhi.core.reports import messages as reports_messages
from zizhi.core.workdays import messages as workdays_messages

LANGUAGES = ("en", "zh")

# The core's messages: the base's, the column labels, and each area's. They are plain dicts, so
# merging them here costs nothing and imports none of the areas' code.
CORE_MESSAGES = (base_messages.MESSAGES, columns.MESSAGES, people_messages.MESSAGES, clients_messages.MESSAGES,
                 pipeline_messages.MESSAGES, documents_messages.MESSAGES, credit_messages.MESSAGES,
                 receivables_messages.MESSAGES, workdays_messages.MESSAGES, reminders_messages.MESSAGES,
                 exchange_messages.MESSAGES, kpi_messages.MESSAGES, compliance_messages.MESSAGES,
                 reports_messages.MESSAGES, quarterly_messages.MESSAGES)

# The one table: the core's messages, then those a layer registers (the app's labels, the CLI's texts).
MESSAGES: dict[str, tuple[str, str]] = {}
_current: str | None = None


def normalise(lang: str | None) -> str | None:
    """Map 'zh_CN.UTF-8', 'zh-Hans', 'ZH', 'en_US' … to one of LANGUAGES, or None."""
    if not lang:
        return None
    code = lang.strip().lower().replace("-", "_")
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en") or code in ("c", "posix"):
        return "en"
    return None


def choose_language(option: str | None = None, configured: str | None = None) -> str:
    """Pick the language by the documented precedence and make it current."""
    global _current
    for candidate in (option, os.environ.get("ZIZHI_LANG"), configured, _locale_language()):
        lang = normalise(candidate)
        if lang:
            _current = lang
            return lang
    _current = "en"
    return "en"


def _locale_language() -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


def current_language() -> str:
    return _current or choose_language()


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Add a layer's own messages (the app's labels, the CLI's texts) to the one table.

    A key defined twice is a mistake that would make one of the two texts unreachable.
    """
    clash = MESSAGES.keys() & messages.keys()
    if clash:
        raise ValueError(f"message keys defined twice: {', '.join(sorted(clash))}")
    MESSAGES.update(messages)


for _area in CORE_MESSAGES:
    register(_area)


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The message for ``key`` in the current language, with ``params`` filled in.

    An unknown key is returned as-is so a missing translation shows up, not a crash.
    """
    entry = (MESSAGES.get(f"{key}.one") if params.get("count") == 1 else None) or MESSAGES.get(key)
    if entry is None:
        text = key
    else:
        text = entry[1] if (lang or current_language()) == "zh" else entry[0]
    if "{how}" in text and "how" not in params:  # said outside an error: the CLI's way forward
        params["how"] = how(key, "cli", lang, **params)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError):
            return text
    return text


def listed(items: "list[str] | tuple[str, ...]", lang: str | None = None) -> str:
    """Items said as a list in the current language: "a, b, c" in English, "甲、乙、丙" in Chinese
    (the enumeration comma, as Chinese lists are written)."""
    return ("、" if (lang or current_language()) == "zh" else ", ").join(items)


def how(key: str, surface: str = "cli", lang: str | None = None, **params: object) -> str:
    """The way forward of message ``key`` as said where it is shown: ``<key>.how`` names a command
    (the CLI, and the default), ``<surface>.how.<key>`` (e.g. ``tui.how.review.pending``) what to
    press in that surface. '' when the message has no ``{how}``."""
    for found in (f"{surface}.how.{key}", f"{key}.how"):
        if found in MESSAGES:
            return t(found, lang=lang, **params)
    return ""
