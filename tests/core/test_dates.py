"""Dates the way people say them (core/dates.py), relative to the clock's today."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from zizhi.core import clock, validation
from zizhi.core.clients import interactions
from zizhi.core.dates import parse_date, resolution
from zizhi.core.errors import InputError

WEDNESDAY = "2026-12-02"  # a Chinese week runs Monday 11-30 … Sunday 12-06
SUNDAY = "2026-11-29"
NEW_YEARS_EVE = "2026-12-31"
LEAP_FEBRUARY = "2028-02-28"

AHEAD = [  # (today, typed) → the day, for a field about what is still ahead
    (WEDNESDAY, "今天", "2026-12-02"), (WEDNESDAY, "today", "2026-12-02"),
    (WEDNESDAY, "明天", "2026-12-03"), (WEDNESDAY, "Tomorrow", "2026-12-03"),
    (WEDNESDAY, "后天", "2026-12-04"), (WEDNESDAY, "大后天", "2026-12-05"),
    (WEDNESDAY, "昨天", "2026-12-01"), (WEDNESDAY, "yesterday", "2026-12-01"), (WEDNESDAY, "前天", "2026-11-30"),
    (WEDNESDAY, "3天后", "2026-12-05"), (WEDNESDAY, "3 天后", "2026-12-05"), (WEDNESDAY, "3天前", "2026-11-29"),
    (WEDNESDAY, "两天后", "2026-12-04"), (WEDNESDAY, "十五天后", "2026-12-17"), (WEDNESDAY, "二十天以后", "2026-12-22"),
    (WEDNESDAY, "两周后", "2026-12-16"), (WEDNESDAY, "1个星期后", "2026-12-09"),
    (WEDNESDAY, "+3d", "2026-12-05"), (WEDNESDAY, "+3", "2026-12-05"), (WEDNESDAY, "-2d", "2026-11-30"),
    (WEDNESDAY, "+2w", "2026-12-16"), (WEDNESDAY, "in 3 days", "2026-12-05"), (WEDNESDAY, "3 days ago", "2026-11-29"),
    # a bare weekday is the next such day after today; today has its own word
    (WEDNESDAY, "周一", "2026-12-07"), (WEDNESDAY, "星期一", "2026-12-07"), (WEDNESDAY, "mon", "2026-12-07"),
    (WEDNESDAY, "Monday", "2026-12-07"), (WEDNESDAY, "周四", "2026-12-03"), (WEDNESDAY, "周三", "2026-12-09"),
    (WEDNESDAY, "周日", "2026-12-06"), (WEDNESDAY, "星期天", "2026-12-06"), (WEDNESDAY, "礼拜五", "2026-12-04"),
    # 下周X is that day of next week, the week starting on Monday
    (WEDNESDAY, "下周一", "2026-12-07"), (WEDNESDAY, "下周三", "2026-12-09"), (WEDNESDAY, "下周日", "2026-12-13"),
    (WEDNESDAY, "下个星期五", "2026-12-11"), (WEDNESDAY, "next mon", "2026-12-07"), (WEDNESDAY, "next sunday", "2026-12-13"),
    (SUNDAY, "下周一", "2026-11-30"), (SUNDAY, "周一", "2026-11-30"), (SUNDAY, "下周日", "2026-12-06"),
    (WEDNESDAY, "本周五", "2026-12-04"), (WEDNESDAY, "这周一", "2026-11-30"), (WEDNESDAY, "上周五", "2026-11-27"),
    # month and day: this year's, or next year's once this year's has passed
    (WEDNESDAY, "12-05", "2026-12-05"), (WEDNESDAY, "12/5", "2026-12-05"), (WEDNESDAY, "12月5日", "2026-12-05"),
    (WEDNESDAY, "12月5号", "2026-12-05"), (WEDNESDAY, "12-02", "2026-12-02"), (WEDNESDAY, "01-05", "2027-01-05"),
    (WEDNESDAY, "12-01", "2027-12-01"), (WEDNESDAY, "1月5日", "2027-01-05"),
    # rollover across a month, a year, a leap day
    (NEW_YEARS_EVE, "明天", "2027-01-01"), (NEW_YEARS_EVE, "下周一", "2027-01-04"), (NEW_YEARS_EVE, "+1d", "2027-01-01"),
    (LEAP_FEBRUARY, "明天", "2028-02-29"), (LEAP_FEBRUARY, "后天", "2028-03-01"), (LEAP_FEBRUARY, "02-29", "2028-02-29"),
    (SUNDAY, "+2d", "2026-12-01"),
    # written out, in every separator, and full-width as an input method types it
    (WEDNESDAY, "2026-12-05", "2026-12-05"), (WEDNESDAY, "2026/12/5", "2026-12-05"), (WEDNESDAY, "2026.12.05", "2026-12-05"),
    (WEDNESDAY, "2026年12月5日", "2026-12-05"), (WEDNESDAY, "2025-01-01", "2025-01-01"),
    (WEDNESDAY, "２０２６－１２－０５", "2026-12-05"), (WEDNESDAY, "１２月５日", "2026-12-05"), (WEDNESDAY, "＋３ｄ", "2026-12-05"),
    (WEDNESDAY, "  明天  ", "2026-12-03"),
]

PAST = [  # the same words in a field about what has happened: year-less forms look back
    (WEDNESDAY, "12-05", "2025-12-05"), (WEDNESDAY, "12-01", "2026-12-01"), (WEDNESDAY, "11月28日", "2026-11-28"),
    (WEDNESDAY, "周一", "2026-11-30"), (WEDNESDAY, "周三", "2026-11-25"), (WEDNESDAY, "fri", "2026-11-27"),
    (WEDNESDAY, "昨天", "2026-12-01"), (WEDNESDAY, "上周五", "2026-11-27"), (WEDNESDAY, "2026-12-05", "2026-12-05"),
    ("2027-01-03", "12-30", "2026-12-30"),
]


@pytest.mark.parametrize(("today", "typed", "day"), AHEAD)
def test_a_date_ahead_is_read_the_way_people_say_it(today, typed, day):
    clock.set_now(f"{today} 09:00:00")
    assert parse_date(typed, "next-date") == day


@pytest.mark.parametrize(("today", "typed", "day"), PAST)
def test_a_date_that_happened_reads_month_days_and_weekdays_backwards(today, typed, day):
    clock.set_now(f"{today} 09:00:00")
    assert parse_date(typed, "paid-on", past=True) == day


@pytest.mark.parametrize("typed", ["next week", "someday", "明年", "周八", "下周", "mon day", "+3m", "3", "2026-12",
                                   "十十天后", "+99999d", "１２３", "٣天后", "12-05-2026", "明天 10:00"])
def test_what_is_no_date_is_refused_naming_the_field_the_value_and_the_forms(typed):
    clock.set_now(f"{WEDNESDAY} 09:00:00")
    with pytest.raises(InputError) as caught:
        parse_date(typed, "next-date")
    assert caught.value.exit_code == 65
    english = caught.value.message("en")
    assert english.startswith(f"next-date: '{typed.strip()}' is not a date")
    assert "12-05" in english and "tomorrow" in english and "next mon" in english and "+3d" in english
    chinese = caught.value.message("zh")
    assert "明天" in chinese and "下周一" in chinese and "3天后" in chinese


@pytest.mark.parametrize("typed", ["2026-02-30", "13-01", "02-29", "2026年2月29日", "0000-01-01"])
def test_a_day_the_calendar_does_not_have_is_refused_as_such(typed):
    clock.set_now(f"{WEDNESDAY} 09:00:00")
    with pytest.raises(InputError) as caught:
        parse_date(typed, "expires-on")
    assert caught.value.message("en") == f"expires-on: '{typed}' is no day of the calendar; check the month and the day."
    assert "不是日历上存在的日子" in caught.value.message("zh")


def test_a_long_value_is_clipped_in_the_message():
    with pytest.raises(InputError) as caught:
        parse_date("明天" * 100, "next-date")
    assert "'" + "明天" * 20 + "…'" in caught.value.message("en")


def test_every_date_field_reads_the_same_forms_through_validation():
    clock.set_now(f"{WEDNESDAY} 09:00:00")
    assert validation.date("下周一", "expected-close") == "2026-12-07"
    assert validation.date("12-05", "expected-close") == "2026-12-05"
    assert validation.date("", "expected-close") is None
    assert validation.happened("12-01", "paid-on") == "2026-12-01"
    assert validation.happened("周一", "paid-on") == "2026-11-30"
    assert validation.happened(None, "paid-on") == WEDNESDAY


def test_a_day_ahead_in_a_field_for_what_happened_is_still_refused():
    clock.set_now(f"{WEDNESDAY} 09:00:00")
    with pytest.raises(InputError, match=r"paid-on: 2026-12-03 is after today \(2026-12-02\)"):
        validation.happened("明天", "paid-on")


def test_a_control_character_in_a_date_is_refused_by_the_text_rule():
    with pytest.raises(InputError) as caught:
        validation.date("明天\u202e", "next-date")
    assert caught.value.key == "input.control_character"


def test_when_a_contact_happened_takes_a_spoken_day_and_a_time():
    clock.set_now(f"{WEDNESDAY} 09:00:00")
    assert interactions._moment("昨天 15:30") == "2026-12-01 15:30:00"
    assert interactions._moment("周一 9:05") == "2026-11-30 09:05:00"
    assert interactions._moment("2026-11-26T15:30:10") == "2026-11-26 15:30:10"
    assert interactions._moment("11-26") == "2026-11-26 00:00:00"
    with pytest.raises(InputError, match="'昨天 25:00' is not a date"):
        interactions._moment("昨天 25:00")


def test_the_app_shows_the_day_with_its_weekday_in_the_users_language():
    clock.set_now(f"{WEDNESDAY} 09:00:00")
    assert resolution("明天", lang="zh") == "→ 2026-12-03 (周四)"
    assert resolution("next mon", lang="en") == "→ 2026-12-07 (Mon)"
    assert resolution("2026-12-03", lang="en") == "(Thu)"
    assert resolution("  ") == ""
    with pytest.raises(InputError):
        resolution("someday")


def test_today_is_the_clock_s_so_a_process_can_be_told_it():
    environment = dict(os.environ, ZIZHI_NOW="2026-12-31T23:00:00")
    code = "from zizhi.core.dates import parse_date; print(parse_date('明天'), parse_date('12-05'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60)
    assert result.stdout.split() == ["2027-01-01", "2027-12-05"]


def test_a_contract_schedule_takes_spoken_due_dates(li):
    from tests.core.test_contracts import ready_deal
    from zizhi.core.pipeline import contracts, schedules

    deal = ready_deal(li)  # today is 2026-11-27; the total is ¥2,862.00
    schedule = schedules.parse_instalments(["今天=1,500.00; 12月21日=1,000.00", "2027年1月20日=362.00"])
    contract = contracts.new_contract(li, deal["id"], instalments=schedule)
    assert [(i["due_on"], i["amount"]) for i in contract["instalments"]] == [
        ("2026-11-27", 150_000), ("2026-12-21", 100_000), ("2027-01-20", 36_200)]
