"""Desks with something for the reports, risks and notices screens to show, shared by their tests.

(A uniquely named module rather than ``conftest`` imports, as :mod:`tui_helpers`.)

``with_kpis`` on the ``owing`` desk: 海天's contract of ¥3,180.00 (instalments ¥954 and ¥2,226)
signed by 李娜 on 2026-11-27 (her first, so a new client and a deal won); ¥1,000 paid on
2026-12-01 (¥954 to the first instalment, ¥46 to the second) and ¥500 on 2026-12-10; her target
for 2026Q4 revenue ¥10,000 — so her revenue is ¥1,500.00 from three records (15.00% attained), the
contract value ¥3,180.00, one new client, win rate 100.00% (1 won, 0 lost). 赵强, on duty, has none.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from zizhi.core import clock
from zizhi.core.desk import open_desk
from zizhi.core.people import users as people

QUARTER = "2026Q4"


def with_kpis(desk) -> None:
    from zizhi.core.kpi import targets
    from zizhi.core.receivables import ledger

    client = str(desk.ids["宁波海天国际贸易有限公司"])
    clock.set_now("2026-12-01 10:00:00")
    ledger.record_payment(desk, client, "1,000", paid_on="2026-12-01")
    clock.set_now("2026-12-10 10:00:00")
    ledger.record_payment(desk, client, "500", paid_on="2026-12-10")
    clock.set_now("2026-12-21 09:00:00")
    targets.set_target(desk, "li", QUARTER, revenue="10,000")
    people.add_user(desk, "zhao", "赵强", "sales")
    people.record_exam(desk, "zhao", 85)


def as_user(desk, login: str, lang: str = "en"):
    return open_desk(db=desk.store.path, as_user=login, lang=lang)


@asynccontextmanager
async def app_as(desk, login: str, size: tuple[int, int] = (120, 36), lang: str = "en"):
    """The app opened as ``login`` on the test's database, in ``lang``, at ``size``: (app, pilot)."""
    from zizhi.tui.app import desk_app

    own = as_user(desk, login, lang)
    try:
        app = desk_app(own)
        app.animation_level = "none"
        async with app.run_test(size=size) as pilot:
            yield app, pilot
    finally:
        own.close()


def with_risks(desk) -> dict[str, int]:
    """Three risks by legal (王律师, added by ``owing``): one critical (5×4) owned by 李娜 due for
    review today, one high (4×4) and one low (1×2) of legal's own."""
    from zizhi.core.compliance import risks

    legal = as_user(desk, "wang")
    try:
        mine = risks.add_risk(legal, "credit", "大客户拖欠尾款，可能形成坏账", 5, 4, response="预付款", owner="li",
                              next_review_on="2026-12-21")
        high = risks.add_risk(legal, "legal", "出口管制清单调整，部分客户须重新申请许可证", 4, 4)
        low = risks.add_risk(legal, "market", "同业降价", 1, 2)
    finally:
        legal.close()
    return {"li": mine["id"], "high": high["id"], "low": low["id"]}


def with_notice(desk, *codes: str) -> int:
    """A notice by legal (王律师) on the export licence, in effect 2027-01-01."""
    from zizhi.core.compliance import notices

    legal = as_user(desk, "wang")
    try:
        found = notices.add_notice(legal, "出口许可证申领材料调整", "自2027年起须附最终用户证明。\n旧表格停止使用。",
                                   "2027-01-01", list(codes or ["EXPORT-LICENCE"]), "商务部公告2026年第45号")
    finally:
        legal.close()
    return found["id"]


# Reviewed pictures of these screens: the desks the app was opened on are closed after each test.
OPENED: list = []


def opened(desk, login: str, lang: str):
    """The app as ``login`` in ``lang``, for a snapshot (closed by :func:`teardown_function`)."""
    from zizhi.tui.app import desk_app

    own = as_user(desk, login, lang)
    OPENED.append(own)
    app = desk_app(own)
    app.animation_level = "none"
    return app


def teardown_function() -> None:
    while OPENED:
        OPENED.pop().close()


def pressing(settle, *keys: str):
    """What a snapshot does before its picture: each key once the app has settled after the last,
    and a text cursor held still, so the picture is the same every time."""
    from textual.widgets import TextArea

    async def run(pilot):
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await settle(pilot)

    return run
