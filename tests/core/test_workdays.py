"""Working days: the calendar on record agrees with the State Council's schedule as the
chinese-calendar package has it, deadlines step over holidays and count 调休 weekends, and a
date reckoned beyond the years on record is provisional until that year is imported."""

from __future__ import annotations

import datetime as dt
import json

import chinese_calendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zizhi.core import audit
from zizhi.core.errors import InputError, Refused
from zizhi.core.people import users as people
from zizhi.core.workdays import days, records
from zizhi.core.workdays.schedule_file import ScheduleRejected

FIRST, LAST = dt.date(2004, 1, 1), dt.date(2026, 12, 31)
COVERED = st.dates(min_value=FIRST, max_value=LAST)

# The State Council's 2027 schedule as holiday-cn publishes it (a file for the tests, not the real one).
YEAR_2027 = {"year": 2027, "papers": [], "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
    {"name": "元旦", "date": "2027-01-02", "isOffDay": True},
    {"name": "元旦", "date": "2027-01-03", "isOffDay": True},
    {"name": "春节", "date": "2027-02-06", "isOffDay": False},
    {"name": "春节", "date": "2027-02-08", "isOffDay": True},
    {"name": "春节", "date": "2027-02-09", "isOffDay": True},
    {"name": "春节", "date": "2027-02-13", "isOffDay": True},
]}


@pytest.fixture
def store(desk):
    return desk.store


def test_every_day_from_2004_to_2026_agrees_with_the_package(store):
    day, count = FIRST, 0
    while day <= LAST:
        assert days.is_workday(store, day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
        count += 1
    assert count == 8401 and days.covered_years(store) == list(range(2004, 2027))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=COVERED, count=st.integers(min_value=0, max_value=60))
def test_counting_working_days_agrees_with_the_package(desk, day, count):
    store = desk.store
    due = days.add_workdays(store, day, count)
    assert days.is_workday(store, day) == chinese_calendar.is_workday(day)
    if due <= LAST:
        assert due == _package_count(day, count)
    assert days.workdays_between(store, day, due) == count
    first = days.next_workday(store, day)
    assert days.is_workday(store, first) and not any(
        days.is_workday(store, day + dt.timedelta(days=n)) for n in range((first - day).days))


def _package_count(day: dt.date, count: int) -> dt.date:
    """The ``count``-th day after ``day`` that the package says is worked."""
    while count:
        day += dt.timedelta(days=1)
        count -= chinese_calendar.is_workday(day)
    return day


def test_national_day_2026_and_its_make_up_saturday(store):
    # 2026: 1–7 October off; Sunday 20 September and Saturday 10 October are worked (调休).
    assert days.add_workdays(store, "2026-09-30", 1) == dt.date(2026, 10, 8)
    assert days.add_workdays(store, "2026-09-30", 3) == dt.date(2026, 10, 10)
    assert days.add_workdays(store, "2026-09-30", 4) == dt.date(2026, 10, 12)
    assert days.add_workdays(store, "2026-09-18", 1) == dt.date(2026, 9, 20)
    assert days.next_workday(store, "2026-10-01") == dt.date(2026, 10, 8)
    assert days.next_workday(store, "2026-10-10") == dt.date(2026, 10, 10)
    assert days.workdays_between(store, "2026-09-30", "2026-10-12") == 4
    assert days.workdays_between(store, "2026-10-12", "2026-09-30") == -4
    assert days.add_workdays(store, "2026-10-03", 0) == dt.date(2026, 10, 3)
    with pytest.raises(InputError, match="not a whole number from 0"):
        days.add_workdays(store, "2026-10-03", -1)


def test_a_date_beyond_the_years_on_record_is_provisional_until_the_year_is_imported(desk, tmp_path):
    store = desk.store
    due = days.add_workdays(store, "2026-12-24", 5)
    assert due == dt.date(2026, 12, 31) and not days.is_provisional(store, due, "2026-12-24")
    due = days.add_workdays(store, "2026-12-24", 6)
    assert due == dt.date(2027, 1, 1)  # the weekly rule: a Friday
    assert days.is_provisional(store, due, "2026-12-24") and days.is_provisional(store, "2027-06-01")
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    summary = records.import_file(desk, path)
    assert (summary["holidays"], summary["workdays"], summary["listed"]) == (3, 1, 7)
    assert days.add_workdays(store, "2026-12-24", 6) == dt.date(2027, 1, 4)  # 元旦 1–3 January off
    assert not days.is_provisional(store, "2027-01-04", "2026-12-24")
    assert days.is_workday(store, "2027-02-06") and not days.is_workday(store, "2027-02-09")
    assert records.coverage(store)["next_year_missing"] is None


def test_another_process_importing_is_seen_without_reopening(desk, desk_as, tmp_path):
    other = desk_as("boss")
    assert days.is_workday(other.store, "2027-01-01")  # remembered: the weekly rule
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    records.import_file(desk, path)
    assert not days.is_workday(other.store, "2027-01-01")


def test_a_bad_file_names_every_bad_entry_with_its_line_and_imports_nothing(desk, tmp_path):
    path = tmp_path / "2027.toml"
    path.write_text("""year = 2027

[[days]]
name = "元旦"
date = 2027-01-01
isOffDay = true

[[days]]
name = "春节"
date = "2027-02-30"
isOffDay = true

[[days]]
name = ""
date = "2028-01-01"
isOffDay = "yes"

[[days]]
name = "元旦"
date = "2027-01-01"
isOffDay = true
""", encoding="utf-8")
    before = records.year_days(desk.store, 2027)
    with pytest.raises(ScheduleRejected) as caught:
        records.import_file(desk, path)
    text = caught.value.message("en")
    assert text.splitlines()[0] == f"{path}: 5 problems, nothing imported:"
    assert f"{path}:8: entry 2: date '2027-02-30' is no day of the calendar" in text
    assert f"{path}:13: entry 3: name is missing" in text
    assert f"{path}:13: entry 3: isOffDay must be true or false (got \"yes\")" in text
    assert f"{path}:13: entry 3: 2028-01-01 is not in 2027" in text
    assert f"{path}:18: entry 4: 2027-01-01 is listed again (first as entry 1)" in text
    assert "第 2 项：date '2027-02-30' 不是日历上存在的日子" in caught.value.message("zh")
    assert records.year_days(desk.store, 2027) == before and before["provisional"]
    assert audit.list_entries(desk, action="calendar.import") == []


def test_a_json_file_without_a_year_or_days_is_refused(desk, tmp_path):
    path = tmp_path / "holidays.json"
    path.write_text('{"days": [], "papers": []}', encoding="utf-8")
    with pytest.raises(ScheduleRejected) as caught:
        records.import_file(desk, path)
    assert "year: a year from 2000 to 2100 is required" in str(caught.value)
    assert "days: the list of days is missing or empty" in str(caught.value)
    with pytest.raises(InputError, match="write the schedule as a .json file"):
        records.import_file(desk, tmp_path / "holidays.csv")


def test_only_an_admin_imports_and_a_refusal_changes_nothing(desk, desk_as, tmp_path):
    people.add_user(desk, "chen", "陈经理", "manager")
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Refused, match="Only an admin can import the holiday calendar \\(your role is manager\\)"):
        records.import_file(desk_as("chen"), path)
    assert records.year_days(desk.store, 2027)["provisional"] is True
    assert days.covered_years(desk.store)[-1] == 2026
    summary = records.import_file(desk, path)
    entry = audit.list_entries(desk, action="calendar.import")[0]
    assert entry["user"] == "boss" and entry["entity_id"] == 2027 and entry["detail"]["holidays"] == 3
    assert summary["replaced"] is None
    again = records.import_file(desk, path)
    assert again["replaced"] == {"source": "import", "origin": "2027.json"}


def test_next_year_is_missing_from_the_first_of_november(store):
    assert records.coverage(store, dt.date(2026, 10, 31))["next_year_missing"] is None
    assert records.coverage(store, dt.date(2026, 11, 1))["next_year_missing"] == 2027
    assert records.coverage(store, dt.date(2025, 12, 31))["next_year_missing"] is None


def _package_workday_before(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not chinese_calendar.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def test_every_make_up_weekend_from_2004_to_2026_is_counted_as_a_working_day(store):
    """Each 调休 Saturday or Sunday the package lists is the next working day after the one before
    it, and a day's count crosses it — the weekend rule alone would skip it."""
    make_up = sorted(day for day in chinese_calendar.constants.workdays if FIRST <= day <= LAST)
    assert len(make_up) > 100 and all(day.weekday() >= 5 for day in make_up)
    for day in make_up:
        before = _package_workday_before(day)
        assert days.add_workdays(store, before, 1) == day, day
        assert days.next_workday(store, day) == day
        assert days.workdays_between(store, before, day) == 1


def test_every_weekday_holiday_from_2004_to_2026_is_stepped_over(store):
    """A deadline falling in a holiday moves to the first day the package says is worked after it."""
    off = sorted(day for day in chinese_calendar.constants.holidays
                 if FIRST + dt.timedelta(days=7) <= day <= LAST and day.weekday() < 5)  # 2003 is not covered
    assert len(off) > 300
    for day in off:
        after = day + dt.timedelta(days=1)
        while not chinese_calendar.is_workday(after):
            after += dt.timedelta(days=1)
        assert days.next_workday(store, day) == after, day
        assert days.add_workdays(store, _package_workday_before(day), 1) == after, day
