"""The cash forecast: ISO weeks from the as-of day, overdue instalments in the first, each
instalment's expected receipt its owed amount less its client's risk, to the fen; the weeks' dues
add up to what is owed by the horizon, and nothing is expected beyond what falls due."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_dunning import owing
from zizhi.core.errors import InputError, Refused
from zizhi.core.people import users as people
from zizhi.core.receivables import aging, forecast, watch


def test_weeks_run_monday_to_sunday_after_a_first_week_from_the_as_of_day():
    rows = forecast.week_rows(dt.date(2026, 11, 27), 13)  # a Friday
    assert [(r["year"], r["week"], r["from"], r["to"]) for r in rows[:2]] == [
        (2026, 48, "2026-11-27", "2026-11-29"), (2026, 49, "2026-11-30", "2026-12-06")]
    assert (rows[5]["week"], rows[5]["from"]) == (53, "2026-12-28")  # 2026 has an ISO week 53
    assert (rows[-1]["year"], rows[-1]["week"], rows[-1]["to"]) == (2027, 7, "2027-02-21")


@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.integers(1, 52))
@settings(max_examples=200)
def test_the_weeks_follow_each_other_without_gap_or_overlap(start, count):
    rows = forecast.week_rows(start, count)
    assert rows[0]["from"] == start.isoformat() and len(rows) == count
    for before, after in zip(rows, rows[1:]):
        assert dt.date.fromisoformat(after["from"]) == dt.date.fromisoformat(before["to"]) + dt.timedelta(days=1)
        assert dt.date.fromisoformat(after["from"]).weekday() == 0


def test_an_overdue_instalment_falls_in_the_first_week_discounted_by_its_clients_risk(li):
    contract = owing(li)  # ¥1,000.00 overdue since 2026-09-28, ¥1,000.00 due 2026-12-30; the client scores 57
    found = forecast.forecast(li)
    weeks = {(r["year"], r["week"]): r for r in found["weeks"]}
    # each instalment expected at 43 %: ¥430.00
    assert (weeks[2026, 48]["due"], weeks[2026, 48]["expected"], weeks[2026, 48]["instalments"]) == (100_000, 43_000, 1)
    assert (weeks[2026, 53]["due"], weeks[2026, 53]["expected"]) == (100_000, 43_000)
    assert (found["due"], found["expected"], found["later"]) == (200_000, 86_000, 0)
    assert watch.watch_list(li)["clients"][0]["client_id"] == contract["client_id"]


def test_what_falls_due_beyond_the_horizon_is_left_out_and_said(li):
    owing(li)
    found = forecast.forecast(li, weeks=2)
    assert (found["to"], found["due"], found["later"]) == ("2026-12-06", 100_000, 100_000)


def test_the_weeks_add_up_to_the_aging_and_expect_no_more_than_falls_due(li, finance):
    owing(li)
    owing(li, name="杭州恒远贸易有限公司", schedule=(("2026-11-20", 66_667), ("2026-12-09", 33_333)))
    owing(li, name="温州恒信贸易有限公司", schedule=(("2026-12-01", 50_001), ("2027-06-30", 49_999)))
    for as_of in ("2026-11-27", "2026-12-05", "2027-01-15"):
        found = forecast.forecast(finance, as_of, weeks=13)
        items = aging.open_items(finance, as_of)
        assert found["due"] == sum(i["owed"] for i in items if i["due_on"] <= found["to"])
        assert found["due"] + found["later"] == aging.aging(finance, as_of)["total"]
        assert all(0 <= row["expected"] <= row["due"] for row in found["weeks"])
        assert found["expected"] == sum(row["expected"] for row in found["weeks"])


@given(st.integers(1, 10**10), st.integers(0, 100))
def test_an_instalments_expected_receipt_is_rounded_half_up_and_never_above_what_it_owes(owed, score):
    from zizhi.core.money import share

    expected = share(owed, 10_000 - score * 100)
    assert 0 <= expected <= owed
    assert abs(expected * 100 - owed * (100 - score)) <= 50  # within half a fen


def test_a_bad_number_of_weeks_and_the_roles(li, desk, desk_as):
    with pytest.raises(InputError) as caught:
        forecast.forecast(li, weeks=0)
    assert caught.value.message("en").startswith("weeks: 0 is not from 1 to 52")
    people.add_user(desk, "wu", "吴办", "operations")
    with pytest.raises(Refused):
        forecast.forecast(desk_as("wu"))
