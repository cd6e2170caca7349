"""The demo's quarterly assessment: each salesperson's targets for the last four quarters and this
one, and their personal reports for the last four — filed (the figures frozen from the demo's own
deals and payments) and reviewed by the manager, but the latest of one person still awaiting review
— and a draft of this quarter's begun, so a new user finds every state (`zizhi report quarterly
list`, `zizhi report quarterly --user wang.fang --quarter …`, `zizhi kpi team --pdf`).

Added once, after the deals, by plain inserts in the demo's unit of work; a quarter's figures are
read once for the whole team (:func:`core.kpi.records.tallies`), so it costs four reads.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from zizhi.core import clock
from zizhi.core.kpi import figures, quarters, records

PAST = 4
# A few lines per section, chosen per person and quarter.
RESULTS = ["本季度完成多家客户的进出口权和海关备案办理，回款基本按合同节点到账。",
           "重点跟进展会获取的线索，签约数量较上季度增加，老客户续办率稳定。",
           "两用物项出口许可证项目顺利获批，客户满意度回访评分较高。",
           "协助新同事熟悉报价与合规审查流程，团队协作顺畅。"]
PROBLEMS = ["个别客户回款拖延，催收周期较长。",
            "部分客户材料准备不齐，导致办理时间延长。",
            "同业低价竞争，两单因价格原因流失。",
            "政策调整后，客户对新要求理解不一致，沟通成本增加。"]
SOLUTIONS = ["按催收流程分级跟进，重要客户上门沟通并约定还款计划。",
             "签约前向客户提供材料清单并逐项核对，办理前法务复核。",
             "突出办理时效和成功率，价格低于底价时及时报经理审批。",
             "整理政策变化要点，统一向客户解释口径。"]
PLANS = ["下季度重点开发跨境电商客户，争取新增客户数提高两成。",
         "加强老客户推荐，每月至少回访五家已交付客户。",
         "完成出口管制新规培训，提升专业咨询能力。",
         "缩短方案与报价阶段的停留时间，提高赢单率。"]
COMMENTS = ["数据清楚，问题分析到位。下季度请继续关注回款。", "新客户开发有进步，注意控制折扣。",
            "回访工作做得好，办理成功率需进一步提高。", "同意下季度计划，请按月汇报进展。"]


def add_quarterly(db, desk, rng: random.Random) -> dict:
    """Targets and reports for the demo salespeople — once: a database with reports gets none."""
    if db.execute("SELECT 1 FROM quarterly_reports UNION ALL SELECT 1 FROM kpi_targets LIMIT 1").fetchone():
        return {}
    manager = db.execute("SELECT id FROM users WHERE login = 'liu.yang'").fetchone()
    people = desk.store.rows("""SELECT id, login, name, role, created_at FROM users
                                WHERE role = 'sales' AND active = 1 AND on_duty = 1 ORDER BY login""")
    if manager is None or not people:
        return {}
    current = quarters.current(desk.settings.general.reminders.timezone)
    past = [current]
    for _ in range(PAST):
        past.insert(0, past[0].preceding())
    reports = targets = 0
    for q in past:
        counted = records.tallies(desk.store, *q.bounds)
        joined = [p for p in people if p["created_at"] < q.following().first.isoformat()]  # as the agenda asks
        for person in joined:
            targets += _target(db, person, q, counted.get(person["id"], {}), manager[0], rng)
        if q == current:
            _draft(db, joined[0], q, rng)
            continue
        goals = {row.pop("user_id"): row for row in desk.store.rows(
            "SELECT user_id, revenue, contract_value, new_clients FROM kpi_targets WHERE quarter = ?", [q.name])}
        for index, person in enumerate(joined):
            frozen = figures.shaped(person, q, counted.get(person["id"], {}), goals.get(person["id"]))
            waiting = q == past[-2] and index == len(joined) - 1  # the latest, one person's: not reviewed yet
            _filed(db, person, q, frozen, manager[0], rng, reviewed=not waiting)
            reports += 1
    return {"quarterly_reports": reports + 1, "kpi_targets": targets}


def _target(db, person: dict, q, counted: dict, manager: int, rng: random.Random) -> int:
    """A target near what the person achieved (rounded to ¥10,000 and to whole clients), as a
    manager setting it at the quarter's start might have guessed."""
    achieved = counted.get("revenue", (0, 0))[1], counted.get("contract_value", (0, 0))[1]
    clients = counted.get("new_clients", (0, 0))[0]
    revenue, contract_value = (max(1_000_000, round(fen * rng.uniform(0.8, 1.25) / 1_000_000) * 1_000_000)
                               for fen in achieved)
    db.execute("""INSERT INTO kpi_targets (user_id, quarter, revenue, contract_value, new_clients, set_by, set_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?)""",
               [person["id"], q.name, revenue, contract_value, max(1, round(clients * rng.uniform(0.8, 1.2))),
                manager, f"{q.first.isoformat()} 09:00:00"])
    return 1


def _filed(db, person: dict, q, frozen: dict, manager: int, rng: random.Random, reviewed: bool) -> None:
    filed = min(q.following().first + dt.timedelta(days=rng.randint(1, 6)), clock.today())
    review = min(filed + dt.timedelta(days=rng.randint(1, 5)), clock.today())
    texts = [rng.choice(lines) for lines in (RESULTS, PROBLEMS, SOLUTIONS, PLANS)]
    db.execute("""INSERT INTO quarterly_reports (user_id, quarter, results, problems, solutions, plans, created_at,
                  updated_at, filed_at, figures, reviewed_at, reviewed_by, review_comment)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
               [person["id"], q.name, *texts, f"{q.last - dt.timedelta(days=8)} 17:00:00", f"{filed} 16:30:00",
                f"{filed} 16:30:00", json.dumps(frozen, ensure_ascii=False),
                f"{review} 17:00:00" if reviewed else None, manager if reviewed else None,
                rng.choice(COMMENTS) if reviewed else None])


def _draft(db, person: dict, q, rng: random.Random) -> None:
    """This quarter's report begun by one person: results written, the rest still to come."""
    at = f"{clock.today().isoformat()} 08:30:00"
    db.execute("""INSERT INTO quarterly_reports (user_id, quarter, results, created_at, updated_at)
                  VALUES (?, ?, ?, ?, ?)""", [person["id"], q.name, rng.choice(RESULTS), at, at])
