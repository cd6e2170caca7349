"""Checks for the identifiers a client record carries: credit code, phone, email, dates."""

from __future__ import annotations

import datetime as dt
import re

from zizhi.core.errors import InputError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0(?:10|2\d)(?=\d{8})|0[3-9]\d{2})(\d{7,8})(\d{1,6})?$")
_SERVICE = re.compile(r"^([48]00)(\d{3})(\d{4})$")
# compiled when first asked (its CJK ranges take a cron run's start a millisecond and a half)
_EMAIL = r"^[^@\s]+@[A-Za-z0-9\-.\u4e00-\u9fff]+\.[A-Za-z\u4e00-\u9fff]{2,}$"


def happened(value: str | None, field: str) -> str:
    """A date that has happened, today by default: nothing is signed, paid, issued, examined or
    contacted in the future."""
    from zizhi.core import clock

    today = clock.today().isoformat()
    day = date(value, field, past=True) or today
    if day > today:
        raise InputError("input.date_in_future", field=field, value=day, today=today)
    return day


MAX_DIGITS = 18  # any 18-digit number fits SQLite's 64-bit integer
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
# C0/C1 controls and DEL; bidirectional marks, embeddings, overrides and isolates (which can make
# one company's name display as another's); the line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def ascii_digits(text: str) -> str:
    """Full-width digits and signs (what a Chinese input method types, '１２．５％') as ASCII ('12.5%').

    The one table for money, percentages and whole numbers alike."""
    return text.translate(_FULL_WIDTH)


def whole_number(value: object) -> int | None:
    """ASCII or full-width digits (at most 18, within SQLite's integer) as an int, else None.

    '²' and '٣' are digits to Python's ``isdigit`` and ``int`` but not a number anyone meant to
    type here, so ids, quantities and counts are read by this one rule.
    """
    text = ascii_digits(str(value).strip())
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    return int(text)


def whole_in(value: object, field: str, low: int = 0, high: int | None = None) -> int:
    """A whole number from ``low`` to ``high`` (else to 18 digits), or one line naming the field,
    the value and the range — "likelihood: 6 is not from 1 to 5"; only what is not digits is
    told to write digits."""
    number = whole_number(value)
    if number is not None and high is not None and not low <= number <= high:  # digits, out of range
        raise InputError("input.not_in_range", field=field, value=shown(str(value).strip()), low=low, high=f"{high:,}")
    if number is not None and number < low:
        raise InputError("input.below", field=field, value=shown(str(value).strip()), low=low)
    if number is None:  # not digits: say how to write it
        if high is None:
            raise InputError("input.number_min", field=field, value=shown(str(value)), low=low, digits=MAX_DIGITS)
        raise InputError("input.number_range", field=field, value=shown(str(value)), low=low, high=f"{high:,}")
    return number


def text(value: str | None, field: str, *, multiline: bool = False) -> str | None:
    """Text as typed, refused if it holds a control character or a bidirectional override.

    A newline (and a tab) is allowed where several lines make sense (notes, details); everywhere
    else one line is expected. Returns the value unchanged.
    """
    if value is None:
        return None
    for char in str(value):
        if multiline and char in "\n\t\r":
            continue
        if char in "\n\r\u2028\u2029":
            raise InputError("input.one_line", field=field, value=shown(str(value)))
        if _UNSAFE.match(char):
            raise InputError("input.control_character", field=field, value=shown(str(value)),
                             char=f"U+{ord(char):04X}")
    return value


def shown(value: str, width: int = 60) -> str:
    """A value safe to print in an error line: its invisible characters written as \\uXXXX."""
    return _UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", value[:width])


def login(value: str | None, field: str = "login") -> str:
    """A login: one word of letters (any script), digits, '.', '_', '@' or '-', not starting with
    '-' or '.', so it can stand in an SSH key's forced command and never reads as an option."""
    found = (value or "").strip()
    if not re.fullmatch(r"[^\W_][\w.@-]*|_[\w.@-]*", found) or len(found) > 64:
        raise InputError("people.login_format", value=shown(found), field=field)
    return found


def credit_code(value: str | None) -> str | None:
    """A unified social credit code, checked by its GB 32100-2015 check digit, in upper case."""
    if value is None or not value.strip():
        return None
    from stdnum.cn import uscc
    from stdnum.exceptions import InvalidChecksum, ValidationError

    code = re.sub(r"[\s-]", "", value).upper()
    try:
        return uscc.validate(code)
    except InvalidChecksum:
        raise InputError("client.credit_code_check_digit", value=value) from None
    except ValidationError:
        raise InputError("client.credit_code_format", value=value) from None


def phone(value: str | None) -> str | None:
    """A mainland mobile (13812345678), landline (021-68881234, ext. as 021-68881234-801) or
    a 400/800 company hotline (400-800-1234)."""
    if value is None or not value.strip():
        return None
    digits = re.sub(r"[\s\-()（）]", "", value.strip())
    digits = re.sub(r"^(\+?86)(?=1[3-9]\d{9}$)", "", digits)
    if _MOBILE.match(digits):
        return digits
    service = _SERVICE.match(digits)
    if service:
        return "-".join(service.groups())
    parts = [p for p in re.split(r"[\s\-()（）]+", value.strip().removeprefix("+86")) if p]
    local_lengths = (8,) if len(parts[0]) == 3 else (7, 8)  # 010 and 02x numbers have 8 digits
    if len(parts) >= 2 and parts[0].startswith("0") and 3 <= len(parts[0]) <= 4 \
            and len(parts[1]) in local_lengths and all(p.isdigit() for p in parts):
        return "-".join(parts[:3])
    landline = _LANDLINE.match(digits)
    if landline and len(digits) in (10, 11, 12):
        return f"{landline.group(1)}-{landline.group(2)}{landline.group(3) or ''}"
    raise InputError("client.phone_format", value=value)


def email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not re.match(_EMAIL, value.strip()):  # re caches the compiled pattern
        raise InputError("client.email_format", value=value)
    return value.strip()


def date(value: str | dt.date | None, field: str = "date", *, past: bool = False) -> str | None:
    """A date as people write it — 2026-12-05, 12-05, 明天, 下周一, +3d … (core/dates.py) — as
    ISO 'YYYY-MM-DD'. ``past``: the field records what has happened, so 12-05 is the last one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    from zizhi.core import dates

    return dates.parse_date(text(value, field), field, past=past)
