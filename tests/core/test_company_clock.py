"""The company's clock, on a server kept in UTC: at 00:30 on 1 January in Shanghai it is still
16:30 on 31 December in UTC. What the team does then — a report filed, a notice issued, a review,
a risk reviewed — is stamped with Shanghai's day, so it falls in Shanghai's quarter, as "today"
and "this quarter" already do."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.core.test_notices import add as add_notice
from tests.core.test_quarterly import sold  # noqa: F401 (a fixture)
from zizhi.core import clock
from zizhi.core.kpi import quarters
from zizhi.core.quarterly import reports
from zizhi.core.reminders.agenda import agenda

NEW_YEAR = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.timezone.utc)  # 2027-01-01 00:30 in Shanghai


@pytest.fixture
def server_in_utc(monkeypatch):
    """The server's own zone is UTC, whatever the machine running the tests says."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_an_instant_reads_as_the_companys_time_once_a_desk_is_open(server_in_utc, desk):
    clock.set_now(NEW_YEAR)
    assert clock.stamp() == "2027-01-01 00:30:00"
    assert clock.company_today(desk) == dt.date(2027, 1, 1) == clock.today()
    assert clock.now("UTC") == dt.datetime(2026, 12, 31, 16, 30)
    assert quarters.chosen(desk, None).name == "2027Q1"


def test_a_report_filed_and_reviewed_after_midnight_is_stamped_with_the_companys_new_year(
        server_in_utc, sold, li, manager):  # noqa: F811
    reports.write_sections(li, {"results": "签约 1 家新客户。"})
    clock.set_now(NEW_YEAR)
    filed = reports.file_report(li, "2026Q4")
    assert filed["filed_at"] == "2027-01-01 00:30:00"
    assert quarters.of_day(dt.date.fromisoformat(filed["filed_at"][:10])).name == "2027Q1"
    reviewed = reports.review(manager, "li", "2026Q4", "好。")
    assert reviewed["reviewed_at"] == "2027-01-01 00:30:00"


def test_a_notice_issued_after_midnight_is_issued_on_the_companys_day_and_due_that_day(server_in_utc, legal, li):
    clock.set_now(NEW_YEAR)
    notice = add_notice(legal)
    assert notice["created_at"] == "2027-01-01 00:30:00"
    due = [r for p in agenda(li, "2027-01-01", "li", kinds=["notice"])["people"] for r in p["reminders"]]
    assert [r["due_on"] for r in due] == ["2027-01-01"]
