"""Fixtures for the core tests: a fresh desk on a temporary database, and the people on it.

Every test runs with the shipped configuration (ZIZHI_CONFIG points at an empty folder), the
clock fixed at 2026-11-27 09:00 and English messages, so results never depend on the machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from stdnum.cn import uscc

from zizhi.core import clock, i18n
from zizhi.core.desk import Desk, init_database, open_desk
from zizhi.core.people import users as people

TODAY = "2026-11-27 09:00:00"
GOOD_CODE = "91110000600037341L"


def credit_code(n: int) -> str:
    """The n-th valid unified social credit code (a Shanghai company), check digit computed."""
    base = f"91310000{n:09d}"
    return base + uscc.calc_check_digit(base)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Shipped defaults, no user/lang/db from the environment, fixed clock, English."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("ZIZHI_CONFIG", str(config))
    for name in ("ZIZHI_USER", "ZIZHI_LANG", "ZIZHI_DB", "ZIZHI_NOW"):
        monkeypatch.delenv(name, raising=False)
    clock.set_now(TODAY)
    i18n.choose_language("en")
    yield config
    clock.set_now(None)
    clock.use_zone(None)
    i18n.choose_language("en")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "zizhi.db"


@pytest.fixture
def desk_as(db_path):
    """Open the test database as ``login`` (closed at the end of the test)."""
    opened: list[Desk] = []

    def open_as(login: str) -> Desk:
        if not db_path.exists():
            init_database(db_path, admin="boss")
        desk = open_desk(db=db_path, as_user=login, lang="en")
        opened.append(desk)
        return desk

    yield open_as
    for desk in opened:
        desk.close()


@pytest.fixture
def desk(desk_as) -> Desk:
    """The admin's desk: 'boss' is the first user, so the bootstrap makes them admin."""
    return desk_as("boss")


@pytest.fixture
def add_sales(desk):
    """Add an on-duty salesperson (exam 90 against the shipped pass mark of 80)."""

    def add(login: str = "li", name: str = "李娜") -> dict:
        people.add_user(desk, login, name, "sales")
        return people.record_exam(desk, login, 90)

    return add


@pytest.fixture
def li(desk, add_sales, desk_as) -> Desk:
    """The desk of Li Na, an on-duty salesperson."""
    add_sales("li", "李娜")
    return desk_as("li")


@pytest.fixture
def wang(desk, add_sales, desk_as) -> Desk:
    """The desk of Wang Qiang, another on-duty salesperson."""
    add_sales("wang", "王强")
    return desk_as("wang")


@pytest.fixture
def manager(desk, desk_as) -> Desk:
    people.add_user(desk, "zhao", "赵经理", "manager")
    return desk_as("zhao")


@pytest.fixture
def finance(desk, desk_as) -> Desk:
    people.add_user(desk, "qian", "钱会计", "finance")
    return desk_as("qian")


@pytest.fixture
def make_code():
    """``make_code(n)`` → the n-th valid credit code."""
    return credit_code


@pytest.fixture
def rows():
    """``rows(desk, table)`` → how many rows the table holds (visibility ignored)."""

    def count(desk: Desk, table: str) -> int:
        return desk.store.scalar(f"SELECT count(*) FROM {table}")

    return count


# The quoting fixtures (a legal colleague, a deal at proposal, its draft quote, a sender) serve
# the quote, review and document tests; importing them here registers them for tests/core.
from tests.core.quoting import deal, legal, quote, send  # noqa: E402,F401


@pytest.fixture
def two(li):
    """One client's two contracts, the first signed ten days before the second (11-17: 2 × ¥1,431.00;
    11-27: 2 × ¥530.00)."""
    from tests.core.test_contracts import accept_quote
    from tests.core.test_ledger import signed
    from zizhi.core import clock
    from zizhi.core.pipeline import contracts, deals

    clock.set_now("2026-11-17 09:00:00")
    first = signed(li, "宁波海天国际贸易有限公司")
    clock.set_now("2026-11-27 09:00:00")
    opened = deals.open_deal(li, str(first["client_id"]), ["CIQ-FILING"])
    deals.assess(li, opened["id"], "需求合理")
    deals.move(li, opened["id"], "proposal")
    accept_quote(li, opened, None)
    deals.move(li, opened["id"], "contract")
    second = contracts.new_contract(li, opened["id"])
    contracts.sign(li, second["id"])
    return first, contracts.get_contract(li, second["id"])
