"""The client list read a page at a time by key: every client once, in list order, either way."""

from __future__ import annotations

import pytest

from zizhi.core.clients import listing
from zizhi.core.clients import records as clients
from zizhi.core.clients.interactions import log_interaction

URGENCIES = ("urgent", "high", "normal", "low")


@pytest.fixture
def book(desk, add_sales):
    """23 clients; names repeat (so only the id tells some apart), urgencies mixed, li owns every
    third, and every fourth has a follow-up, some due (today is 2026-11-27) and some not."""
    add_sales("li", "李娜")
    for n in range(23):
        client, _ = clients.add_client(desk, name=f"宁波贸易{n % 5}有限公司", urgency=URGENCIES[n % 4],
                                       owner="li" if n % 3 == 0 else None)
        if n % 4 == 0:
            log_interaction(desk, str(client["id"]), "phone", "询价", next_step="回访",
                            next_date=f"2026-11-{20 + n % 10:02d}", at="2026-11-19 10:00")
    return desk


def ids(rows: list[dict]) -> list[int]:
    return [row["id"] for row in rows]


def walk_forward(desk, due: bool = False, size: int = 4) -> list[int]:
    rows, more = listing.page(desk, due=due, limit=size)
    seen = ids(rows)
    while more:
        rows, more = listing.page(desk, due=due, after=listing.page_key(rows[-1], due), limit=size)
        seen += ids(rows)
    return seen


def walk_back(desk, due: bool = False, size: int = 4) -> list[int]:
    rows, more = listing.page(desk, due=due, last=True, limit=size)
    seen = ids(rows)
    while more:
        rows, more = listing.page(desk, due=due, before=listing.page_key(rows[0], due), limit=size)
        seen = ids(rows) + seen
    return seen


@pytest.mark.parametrize("due", [False, True])
def test_pages_forward_and_back_hold_every_client_once_in_list_order(book, due):
    whole = ids(clients.list_clients(book, due=due, limit=1000))
    assert len(whole) == listing.count(book, due=due) == (23 if not due else 5)
    assert walk_forward(book, due) == whole
    assert walk_back(book, due) == whole


def test_the_last_page_is_the_end_of_the_list_and_says_more_come_before(book):
    whole = ids(clients.list_clients(book, limit=1000))
    rows, more = listing.page(book, last=True, limit=5)
    assert ids(rows) == whole[-5:] and more
    rows, more = listing.page(book, last=True, limit=50)
    assert ids(rows) == whole and not more


def test_clients_with_one_name_are_told_apart_by_id(book):
    same = [row for row in listing.page(book, limit=1000)[0] if row["name"] == "宁波贸易0有限公司"]
    assert len(same) >= 2
    rows, _ = listing.page(book, after=listing.page_key(same[0]), limit=1)
    assert rows[0]["id"] == same[1]["id"]


def test_a_salesperson_pages_through_only_their_own_clients(book, desk_as):
    li = desk_as("li")
    mine = walk_forward(li, size=3)
    assert len(mine) == listing.count(li) == 8
    assert {row["owner"] for row in clients.list_clients(book, limit=1000) if row["id"] in mine} == {"li"}


def test_archived_clients_are_not_in_the_list(book):
    first = clients.list_clients(book, limit=1)[0]
    clients.archive(book, str(first["id"]))
    assert first["id"] not in walk_forward(book)
    assert listing.count(book) == 22


def test_the_rows_shown_can_be_read_again_from_their_first(book):
    whole = ids(clients.list_clients(book, limit=1000))
    rows, _ = listing.page(book, limit=10)
    again, more = listing.page(book, since=listing.page_key(rows[4]), limit=6)
    assert ids(again) == whole[4:10] and more


@pytest.mark.parametrize("due", [False, True])
def test_the_rows_around_a_client_are_the_list_there_with_the_client_among_them(book, due):
    whole = ids(clients.list_clients(book, due=due, limit=1000))
    for client_id in whole:
        rows, more_before, more_after = listing.around(book, client_id, due=due, limit=4)
        start = whole.index(ids(rows)[0])
        assert ids(rows) == whole[start:start + len(rows)] and client_id in ids(rows)
        assert ids(rows).index(client_id) <= 2, "half a page before it, the rest after"
        assert (more_before, more_after) == (start > 0, start + len(rows) < len(whole))


def test_a_client_the_list_does_not_hold_has_no_rows_around_it(book, desk_as):
    li = desk_as("li")
    not_due = next(i for i in ids(clients.list_clients(book, limit=1000))
                   if i not in ids(clients.list_clients(book, due=True, limit=1000)))
    assert listing.around(book, not_due, due=True) is None
    others = next(i for i in ids(clients.list_clients(book, limit=1000))
                  if i not in ids(clients.list_clients(li, limit=1000)))
    assert listing.around(li, others) is None, "another salesperson's client is not in li's list"
