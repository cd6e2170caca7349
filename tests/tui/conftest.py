"""A real desk on a temporary SQLite file: a boss (admin), an on-duty salesperson, four clients
with Chinese names and a contact history, on a fixed date — so Pilot tests and snapshots see
exactly what a person would, every run."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from zizhi.core import clock
from zizhi.core.clients.interactions import log_interaction
from zizhi.core.clients.records import add_client
from zizhi.core.desk import init_database, open_desk
from zizhi.core.i18n import choose_language
from zizhi.core.people import users as people

TODAY = "2026-11-27 09:00:00"

CLIENTS = [
    dict(name="华为技术有限公司", credit_code="914403001922038216", contact="张伟", phone="13812345678",
         city="深圳", industry="通信设备", size="large", urgency="urgent", channel="trade_show", owner="li"),
    dict(name="上海恒通进出口有限公司", credit_code="91310115MA1H711102", contact="王芳", phone="021-68881234",
         city="上海", industry="纺织品", size="medium", urgency="high", channel="referral"),
    dict(name="宁波海天国际贸易有限公司", contact="陈静", phone="13957412345", city="宁波", industry="机械",
         size="small", urgency="normal", channel="online", owner="li"),
    dict(name="义乌小商品出口有限公司", contact="刘洋", phone="0579-85551234", city="金华", size="micro",
         urgency="low", channel="inquiry"),
]


@pytest.fixture
def desk(tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    monkeypatch.setenv("ZIZHI_CONFIG", str(tmp_path / "config"))
    monkeypatch.delenv("ZIZHI_NOW", raising=False)
    clock.set_now(TODAY)
    init_database(tmp_path / "z.db", admin="boss")
    desk = open_desk(db=tmp_path / "z.db", as_user="boss", lang="en")
    people.add_user(desk, "li", "李娜", "sales")
    people.record_exam(desk, "li", 90)
    ids = {}
    for fields in CLIENTS:
        client, _ = add_client(desk, **fields)
        ids[client["name"]] = client["id"]
    log_interaction(desk, str(ids["华为技术有限公司"]), "phone", "询问进出口经营权办理流程",
                    details="关心办理时间和费用", next_step="发送报价", next_date="2026-11-25",
                    at="2026-11-20 10:00")
    log_interaction(desk, str(ids["上海恒通进出口有限公司"]), "visit", "上门介绍海关备案服务",
                    next_step="回访确认材料", next_date="2026-12-05", at="2026-11-26 15:30")
    desk.ids = ids
    yield desk
    desk.close()
    clock.set_now(None)
    choose_language("en")


@pytest.fixture
def app(desk):
    from zizhi.tui.app import ZizhiApp

    return ZizhiApp(desk)


async def _workers_done(app) -> None:
    """Wait for the app's workers; one cancelled meanwhile (an exclusive worker replaced by a newer
    read, as when the language switches) is the app working as meant: wait for what replaced it."""
    from textual.worker import WorkerCancelled

    for _ in range(5):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


@pytest.fixture
def folder():
    """A folder with a short path, like a person's ~/Downloads, for tests that read a message naming a
    file whole: pytest's own temporary folders grow longer when the suite runs in parallel, and a
    message past the message line's three lines ends in "…"."""
    path = Path(tempfile.mkdtemp(prefix="zz"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def settle():
    """Let debounce timers fire, workers finish and their messages land."""

    async def settle(pilot, delay: float = 0.2) -> None:
        await pilot.pause(delay)
        await _workers_done(pilot.app)
        await pilot.pause()
        await _workers_done(pilot.app)
        await pilot.pause()

    return settle


@pytest.fixture
def deals(desk):
    """Four open deals across the first three stages, one of them stuck in inquiry (9 days idle):
    inquiry 华为 ¥30,000 + 义乌 ¥8,000 (weighted 10 %), assessment 恒通 ¥12,000 (20 %),
    proposal 宁波海天 ¥50,000 (40 %, assessed)."""
    from zizhi.core.pipeline import deals as core_deals

    clock.set_now("2026-11-18 10:00:00")
    yiwu = core_deals.open_deal(desk, str(desk.ids["义乌小商品出口有限公司"]), ["ORIGIN-REG"], value="8,000")
    clock.set_now(TODAY)
    huawei = core_deals.open_deal(desk, str(desk.ids["华为技术有限公司"]), ["TRADE-RIGHTS", "CUSTOMS-REG"],
                                  value="30,000")
    hengtong = core_deals.open_deal(desk, str(desk.ids["上海恒通进出口有限公司"]), ["CIQ-FILING"], value="12,000")
    core_deals.move(desk, hengtong["id"], "assessment")
    haitian = core_deals.open_deal(desk, str(desk.ids["宁波海天国际贸易有限公司"]), ["EXPORT-LICENCE"],
                                   value="50,000")
    core_deals.assess(desk, haitian["id"], "出口两用物项，需申请出口许可证；经营范围已含进出口")
    core_deals.move(desk, haitian["id"], "proposal")
    desk.deal_ids = {"义乌": yiwu["id"], "华为": huawei["id"], "恒通": hengtong["id"], "海天": haitian["id"]}
    return desk


@pytest.fixture
def owing(deals):
    """海天's export-licence contract, signed 2026-11-27; the books read on 2026-12-21, when its
    first instalment is 24 days late."""
    from zizhi.core.credit import checks
    from zizhi.core.pipeline import contracts, quotes, reviews
    from zizhi.core.pipeline import deals as core_deals

    haitian = deals.deal_ids["海天"]
    people.add_user(deals, "wang", "王律师", "legal")
    checks.record_check(deals, str(deals.ids["宁波海天国际贸易有限公司"]), "A", "registry")
    quote = quotes.new_quote(deals, haitian)
    legal = open_desk(db=deals.store.path, as_user="wang", lang="en")
    try:
        reviews.approve(legal, quote["id"])
    finally:
        legal.close()
    quotes.send_quote(deals, quote["id"])
    quotes.accept_quote(deals, quote["id"])
    core_deals.move(deals, haitian, "contract")
    contract = contracts.new_contract(deals, haitian)
    contracts.sign(deals, contract["id"])
    clock.set_now("2026-12-21 09:00:00")
    deals.contract = contracts.get_contract(deals, contract["id"])
    return deals
