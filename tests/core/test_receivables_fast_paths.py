"""The morning's reports take short cuts at scale (issue 9 item 14): the aging is summed by SQLite,
and a debt nobody dunned stands where its due date puts it, worked out once per date. Here each
is held to the long way round — every open instalment aged and every debt stood one by one — on
the demo's 300 clients, whose debts sit at every step of the ladder, for finance and for a
salesperson, today and on a past day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zizhi.core import demo
from zizhi.core.receivables import aging, dunning, standing

N = 300
DAYS = (None, "2026-10-31")


@pytest.fixture
def books(desk):
    demo.fill_demo(desk, clients=N, seed=7)
    return desk


def aged_one_by_one(desk, day: str, by: str) -> list[tuple]:
    """The report the long way: each open instalment put in its bucket by its days overdue."""
    limits = list(desk.settings.pricing.receivables.aging_buckets)
    names = aging.bucket_names(limits)
    rows: dict = {}
    for item in aging.open_items(desk, day):
        late = (dt.date.fromisoformat(day) - dt.date.fromisoformat(item["due_on"])).days
        index = 0 if late <= 0 else next((n for n, limit in enumerate(limits, 1) if late <= limit), len(limits) + 1)
        row = rows.setdefault(item["client_id"] if by == "client" else item["owner"],
                              {"name": item["client"] if by == "client" else item["owner"],
                               "buckets": dict.fromkeys(names, 0), "total": 0, "oldest_due": item["due_on"]})
        row["buckets"][names[index]] += item["owed"]
        row["total"] += item["owed"]
        row["oldest_due"] = min(row["oldest_due"], item["due_on"])
    latest = {key: max(n for n, name in enumerate(names) if row["buckets"][name]) for key, row in rows.items()}
    return sorted(((key, row["name"], row["buckets"], row["total"], row["oldest_due"]) for key, row in rows.items()),
                  key=lambda r: (-latest[r[0]], -r[3], r[1]))


@pytest.mark.parametrize("as_of", DAYS)
@pytest.mark.parametrize("by", aging.GROUPINGS)
def test_the_summed_aging_is_each_instalment_aged(books, desk_as, as_of, by):
    for who in (books, desk_as("wang.fang")):
        report = aging.aging(who, as_of=as_of, by=by)
        expected = aged_one_by_one(who, report["as_of"], by)
        assert report["rows"] and len(report["rows"]) == len(expected)
        assert [(r["client_id"] if by == "client" else r["name"], r["name"], r["buckets"], r["total"],
                 r["oldest_due"]) for r in report["rows"]] == expected
        assert report["totals"] == {name: sum(r[2][name] for r in expected) for name in report["buckets"]}
        assert report["total"] == sum(item["owed"] for item in aging.open_items(who, report["as_of"]))


@pytest.mark.parametrize("as_of", ["2026-11-27", "2026-10-31"])
def test_a_debt_nobody_dunned_stands_as_if_stood_alone(books, as_of):
    steps = standing.ladder(books)
    rows = standing.standings(books, as_of)
    names, found = standing.parts(books, as_of)
    alone = [standing.stand(steps, dict(zip(names, row)), as_of, [], {}) for row, _ in found]
    logged = {row["instalment_id"] for row in rows if row["actions"]}
    assert logged and len(logged) < len(rows)
    assert [row for row in rows if row["instalment_id"] not in logged] == \
        [row for row in alone if row["instalment_id"] not in logged]


def test_each_row_of_the_standings_owns_its_step(books):
    rows = [row for row in standing.standings(books, "2026-11-27") if row["rung"] and not row["actions"]]
    by_due_date: dict[str, list[dict]] = {}
    for row in rows:
        by_due_date.setdefault(row["due_on"], []).append(row)
    same_day = max(by_due_date.values(), key=len)
    assert len(same_day) > 1
    same_day[0]["rung"]["action"] = "changed"
    same_day[0]["broken_promises"].append(0)
    assert same_day[1]["rung"]["action"] != "changed" and same_day[1]["broken_promises"] == []
    again = {row["instalment_id"]: row for row in standing.standings(books, "2026-11-27")}
    assert again[same_day[0]["instalment_id"]]["rung"]["action"] != "changed"


def test_the_morning_list_is_the_due_standings_for_their_people(books):
    listed = dunning.due(books)["actions"]
    due = [row for row in standing.standings(books, "2026-11-27") if row["due"]]
    assert {row["instalment"] for row in listed} == {row["instalment"] for row in due}
    for row in listed:
        debt = next(d for d in due if d["instalment"] == row["instalment"])
        assert (row["action"], row["step_days"], row["since"], row["owed"]) == \
            (debt["rung"]["action"], debt["rung"]["days"], debt["since"], debt["owed"])


@pytest.mark.parametrize("as_of", ["2026-11-20", "2026-10-31"])
def test_a_past_days_debts_read_the_same_for_the_whole_book_as_client_by_client(books, as_of):
    """The whole book sums a past day's payments in one pass; a client's are summed instalment by
    instalment: both must say what each debt owed that day."""
    book = standing.open_debts(books, as_of)
    one_by_one = [debt for client_id in sorted({d["client_id"] for d in book})
                  for debt in standing.open_debts(books, as_of, client_id)]
    assert sorted(book, key=lambda d: d["instalment_id"]) == sorted(one_by_one, key=lambda d: d["instalment_id"])
    today = {d["instalment_id"]: d["owed"] for d in standing.open_debts(books, "2026-11-27")}
    assert any(today.get(d["instalment_id"]) != d["owed"] for d in book)  # paid since: the day matters
