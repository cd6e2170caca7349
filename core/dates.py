"""Dates the way people say them: 明天, 下周一, 3天后, +3d, 12-05, 12月5日, tomorrow, next mon,
as well as 2026-12-05 — every date field of the app and every date option of the CLI reads
them through :func:`parse_date` (via ``validation.date``), relative to ``clock.today()``.

The rules, for a field about what is still ahead (a follow-up, a close, an instalment, an expiry):

- 今天/today, 明天/tomorrow, 后天, 大后天, 昨天/yesterday, 前天 — the day itself.
- ``3天后``, ``3天前``, ``两周后``, ``+3d``, ``-2d``, ``+2w``, ``in 3 days``, ``3 days ago`` — that
  many days (or weeks) from today.
- ``周一``/``星期一``/``礼拜一``/``mon``/``monday`` — the next such day after today (on a Wednesday,
  ``周三`` is a week away: today has its own word).
- ``下周一``/``next mon`` — that day of next week; a Chinese week starts on Monday, so from a
  Wednesday ``下周一`` is five days away and ``下周三`` a week. ``本周五``/``这周五`` is this week's
  Friday, ``上周五`` last week's.
- ``12-05``, ``12/5``, ``12月5日``, ``12月5号`` — this year's, or next year's once this year's has
  passed: nobody plans a follow-up in the past, and in December ``01-05`` means the coming January.
- ``2026-12-05``, ``2026/12/5``, ``2026.12.05``, ``2026年12月5日`` — as written.

A field about what has happened (``past=True``: a contact, a payment, a signing, an issue date)
reads the two year-less forms backwards: ``12-05`` is the last 5 December up to today, and ``周一``
the last Monday before today. Full-width forms (``１２－０５``, ``＋３ｄ``), as Chinese input methods
type them, read as their ASCII twins.

Written here rather than taken from a package. dateparser 1.5 (the well-kept candidate that
reads Chinese) costs ~250 ms to import and ~550 ms more for its first Chinese parse (it loads its
language tables), against a CLI command that starts whole in ~390 ms (README: Performance); and
it reads neither 下周一, nor 12月5日, nor full-width digits. The Chinese time-expression packages
(chinesetimenlp, jionlp) are unmaintained or a whole NLP toolkit. The forms a salesperson types
fit in a few tables and six patterns, and ``tests/core/test_dates.py`` pins each of them.
"""

from __future__ import annotations

import datetime as dt
import re

from zizhi.core.errors import InputError

# Full-width ASCII (U+FF01–FF5E) and the ideographic space, as an input method types them.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_WORDS = {
    "今天": 0, "今日": 0, "today": 0, "明天": 1, "明日": 1, "tomorrow": 1, "后天": 2, "大后天": 3,
    "昨天": -1, "昨日": -1, "yesterday": -1, "前天": -2, "大前天": -3,
}
_WEEKDAYS = {
    "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
# Which week a weekday is in: next, this or last (no word: the next such day, or the last one for
# what has happened).
_WEEKS = {"下": 1, "下个": 1, "next": 1, "本": 0, "这": 0, "这个": 0, "上": -1, "上个": -1}
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"天": 1, "日": 1, "d": 1, "day": 1, "days": 1,
          "周": 7, "星期": 7, "个星期": 7, "礼拜": 7, "个礼拜": 7, "w": 7, "week": 7, "weeks": 7}

_COUNT = r"(\d{1,4}|[一二两三四五六七八九十]{1,3})"
_SIGNED = re.compile(r"([+-])(\d{1,4}) ?(d|w)?", re.ASCII)
_CHINESE_SPAN = re.compile(_COUNT + r" ?(天|日|周|个星期|星期|个礼拜|礼拜) ?(后|以后|之后|前|以前|之前)", re.ASCII)
_ENGLISH_SPAN = re.compile(r"in (\d{1,4}) (days?|weeks?)|(\d{1,4}) (days?|weeks?) (ago|later|from now)",
                           re.ASCII)
_WEEKDAY = re.compile(r"(下个|下|这个|这|本|上个|上|next )?(?:(?:周|星期|礼拜)([一二三四五六日天])|([a-z]{3,9}))",
                      re.ASCII)
_MONTH_DAY = re.compile(r"(\d{1,2})(?:[-/.](\d{1,2})|月(\d{1,2})[日号]?)", re.ASCII)
_FULL_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?", re.ASCII)


def parse_date(text: str, field: str = "date", *, past: bool = False, today: dt.date | None = None) -> str:
    """``text`` as an ISO date 'YYYY-MM-DD', or InputError naming the field, the value and the
    forms accepted. ``past``: the field records something that has happened (see the module)."""
    if today is None:
        from zizhi.core import clock

        today = clock.today()
    typed = str(text).strip()
    words = re.sub(r"\s+", " ", typed.translate(_FULL_WIDTH)).strip().lower()
    try:
        day = _resolve(words, today, past)
    except (ValueError, OverflowError):
        raise InputError("input.date_impossible", field=field, value=_clipped(typed)) from None
    if day is None:
        raise InputError("input.date_format", field=field, value=_clipped(typed))
    return day.isoformat()


def _clipped(typed: str, width: int = 40) -> str:
    return typed if len(typed) <= width else typed[:width] + "…"


def _resolve(words: str, today: dt.date, past: bool) -> dt.date | None:
    """The day ``words`` names, None if it is none of the forms; ValueError for a form naming no
    day of the calendar (2026-02-30)."""
    if words in _WORDS:
        return today + dt.timedelta(days=_WORDS[words])
    for reader in (_full_date, _month_day, _span, _weekday):
        day = reader(words, today, past)
        if day is not None:
            return day
    return None


def _full_date(words: str, today: dt.date, past: bool) -> dt.date | None:
    match = _FULL_DATE.fullmatch(words)
    return dt.date(*(int(part) for part in match.groups())) if match else None


def _month_day(words: str, today: dt.date, past: bool) -> dt.date | None:
    """This year's day, or the coming (for ``past``: the last) one once this year's is behind
    (ahead of) today."""
    match = _MONTH_DAY.fullmatch(words)
    if not match:
        return None
    month, day = int(match[1]), int(match[2] or match[3])
    year = today.year
    if not past and (month, day) < (today.month, today.day):
        year += 1
    elif past and (month, day) > (today.month, today.day):
        year -= 1
    return dt.date(year, month, day)


def _span(words: str, today: dt.date, past: bool) -> dt.date | None:
    """+3d, -2w, 3天后, 两周前, in 3 days, 3 days ago."""
    if match := _SIGNED.fullmatch(words):
        sign = -1 if match[1] == "-" else 1
        return today + dt.timedelta(days=sign * int(match[2]) * _UNITS[match[3] or "d"])
    if match := _CHINESE_SPAN.fullmatch(words):
        sign = -1 if match[3].endswith("前") else 1
        count = _count(match[1])
        return None if count is None else today + dt.timedelta(days=sign * count * _UNITS[match[2]])
    if match := _ENGLISH_SPAN.fullmatch(words):
        count, unit = (match[1], match[2]) if match[1] else (match[3], match[4])
        sign = -1 if match[5] == "ago" else 1
        return today + dt.timedelta(days=sign * int(count) * _UNITS[unit])
    return None


def _count(numeral: str) -> int | None:
    """'3', '两', '十', '十五', '二十' → a number; None for what is not one ('十十')."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _NUMERALS.get(numeral)
    tens, _, ones = numeral.partition("十")
    high = _NUMERALS.get(tens) if tens else 1
    low = _NUMERALS.get(ones) if ones else 0
    return None if high is None or low is None else high * 10 + low


def _weekday(words: str, today: dt.date, past: bool) -> dt.date | None:
    """周一, 下周一, 本周五, 上周五, mon, next monday."""
    match = _WEEKDAY.fullmatch(words)
    if not match:
        return None
    weekday = _WEEKDAYS.get(match[2] or match[3])
    if weekday is None:
        return None
    which = (match[1] or "").strip()
    if which:
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=_WEEKS[which])
        return monday + dt.timedelta(days=weekday)
    if past:
        return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def weekday_name(day: str, lang: str | None = None) -> str:
    """'2026-11-28' → 'Sat' / '周六'."""
    from zizhi.core.i18n import t

    return t("date.weekdays", lang=lang).split()[dt.date.fromisoformat(day).weekday()]


def resolution(text: str, *, past: bool = False, lang: str | None = None) -> str:
    """What a date field shows beside what was typed: '→ 2026-11-28 (周六)', just '(周六)' when
    the text is already that date, '' for an empty field; InputError if it is no date."""
    if not text.strip():
        return ""
    day = parse_date(text, past=past)
    name = weekday_name(day, lang)
    return f"({name})" if text.strip() == day else f"→ {day} ({name})"
