"""Continuing training as a manager keeps it: a session is recorded once with its attendees and is
in each attendee's training; who is overdue is counted from their last training, or from the day
they went on duty, against the interval in pricing.toml [onboarding] (hand-computed days below);
a salesperson sees only their own."""

from __future__ import annotations

import pytest

from zizhi.core import audit, clock
from zizhi.core.compliance import training
from zizhi.core.errors import InputError, NotFound, Refused
from zizhi.core.people import users as people


@pytest.fixture
def team(desk, manager, desk_as):
    """li on duty since 2026-01-10, never trained since; wang on duty since 2026-05-01 and at a
    session on 2026-06-01; zhang failed the exam (not on duty); the manager zhao."""
    clock.set_now("2026-01-10 09:00:00")
    people.add_user(desk, "li", "李娜", "sales")
    people.record_exam(desk, "li", 90)
    clock.set_now("2026-05-01 09:00:00")
    people.add_user(desk, "wang", "王强", "sales")
    people.record_exam(desk, "wang", 85)
    people.add_user(desk, "zhang", "张敏", "sales")
    people.record_exam(desk, "zhang", 40)
    clock.set_now("2026-06-02 09:00:00")
    training.add_session(manager, "出口管制新规解读", ["wang", "zhao"], held_on="2026-06-01", hours="2",
                         trainer="周静")
    clock.set_now("2026-11-27 09:00:00")
    return manager


def test_a_session_is_recorded_once_and_is_in_each_attendees_training(team, desk, rows):
    session = training.add_session(team, "AEO 高级认证实务", ["wang", "li,wang"], hours="1.5")
    assert (session["held_on"], session["hours"], session["attendees"]) == ("2026-11-27", "1.5", ["li", "wang"])
    assert [t["topic"] for t in people.get_user(desk, "wang")["trainings"]] == ["出口管制新规解读", "AEO 高级认证实务"]
    assert rows(desk, "training_sessions") == 2 and rows(desk, "trainings") == 4
    assert audit.list_entries(desk, action="training.add")[0]["detail"]["attendees"] == ["wang", "li"]
    listed = training.list_training(team)
    assert [(r["session"], r["topic"], r["attendees"]) for r in listed] == [
        (session["id"], "AEO 高级认证实务", "li, wang"), (1, "出口管制新规解读", "wang, zhao")]
    assert [r["topic"] for r in training.list_training(team, user="li")] == ["AEO 高级认证实务"]


def test_an_unknown_attendee_or_none_is_refused_and_nothing_is_written(team, rows):
    before = rows(team, "trainings")
    with pytest.raises(NotFound) as refused:  # not found: exit 1, as an unknown notice
        training.add_session(team, "x", ["li", "wangg"])
    assert refused.value.message("en").startswith("attendee: 'wangg' is not an active colleague")
    with pytest.raises(InputError):
        training.add_session(team, "x", [])
    with pytest.raises(InputError):
        training.add_session(team, "x", ["li"], held_on="2026-12-25")  # not held yet
    assert rows(team, "trainings") == before and rows(team, "training_sessions") == 1


def test_who_is_overdue_counted_from_the_last_training_or_going_on_duty(team):
    found = training.overdue(team)
    # li: on duty 2026-01-10, + 180 days = 2026-07-09, 141 days before 2026-11-27
    assert [(p["login"], p["last_trained_on"], p["due_on"], p["days_overdue"]) for p in found["people"]] == [
        ("li", None, "2026-07-09", 141)]
    assert (found["overdue"], found["total"], found["interval_days"]) == (1, 2, 180)  # zhang off duty, zhao a manager
    everyone = training.overdue(team, everyone=True)["people"]
    # wang: trained 2026-06-01, + 180 days = 2026-11-28: still in time today
    assert [(p["login"], p["due_on"], p["overdue"], p["last_topic"]) for p in everyone] == [
        ("li", "2026-07-09", True, None), ("wang", "2026-11-28", False, "出口管制新规解读")]
    later = training.overdue(team, as_of="2026-11-29")
    assert [(p["login"], p["days_overdue"]) for p in later["people"]] == [("li", 143), ("wang", 1)]


def test_a_session_recorded_by_user_train_counts_too(team, desk):
    people.record_training(desk, "li", "销售技巧", held_on="2026-11-20")
    assert training.overdue(team)["people"] == []
    assert [r["session"] for r in training.list_training(team, user="li")] == [None]


def test_a_salesperson_records_nothing_and_sees_only_their_own(team, desk_as):
    li = desk_as("li")
    with pytest.raises(Refused):
        training.add_session(li, "x", ["li"])
    with pytest.raises(Refused):
        training.list_training(li, user="wang")
    assert training.list_training(li) == []
    mine = training.overdue(li, everyone=True)
    assert [p["login"] for p in mine["people"]] == ["li"] and mine["total"] == 1
