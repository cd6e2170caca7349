"""The demo's policy notices, risk register and continuing-training sessions: added once, with the
team, so a new user finds a notice on every agenda until acknowledged, risks in every level with
reviews due, and a salesperson overdue for training (`zizhi notice list`, `zizhi risk map`,
`zizhi training overdue`). Written by plain inserts in the demo's unit of work, as the team is."""

from __future__ import annotations

import datetime as dt

from zizhi.core import clock

# (days ago recorded, title, summary, days from today it takes effect, codes, source, who read it)
NOTICES = [
    (120, "海关报关单位备案改为“多证合一”办理", "新设企业在市场监管部门登记时可同步办理海关备案，无需另行提交纸质材料；"
     "已办理的客户无需重新备案。", -90, ["CUSTOMS-REG"], "海关总署公告", "all"),
    (20, "对外贸易经营者备案登记取消", "自公告之日起，各地商务主管部门不再办理对外贸易经营者备案登记；"
     "向客户报价时不得再收取该项服务费，已签合同按约定退还或改为咨询服务。", 10, ["TRADE-RIGHTS"],
     "《对外贸易法》修正", ("liu.yang", "wang.fang", "li.qiang")),
    (2, "两用物项出口许可证申请须附最终用户和最终用途说明", "自下月一日起，两用物项和技术出口许可证申请须附经公证的"
     "最终用户和最终用途说明；请告知在办客户补充材料，办理时间可能延长 10 个工作日。", 28, ["EXPORT-LICENCE"],
     "商务部 海关总署公告", ()),
]
# (category, description, likelihood, impact, response, owner, status, days to the next review)
RISKS = [
    ("legal", "资质办理政策调整，已报价或已签约的服务项目被取消或改变", 4, 4, "法务跟踪公告，每周通报；合同约定政策变化条款",
     "zhou.jing", "mitigating", -3),
    ("legal", "报价或宣传中承诺“包过”等违规表述", 2, 5, "报价发出前法务合规审查", "zhou.jing", "open", 20),
    ("credit", "大客户长期拖欠服务费形成坏账", 3, 4, "信用评估、预付款比例、逾期分级催收", "sun.li", "mitigating", 0),
    ("credit", "担保人履约能力不足", 2, 3, "核查担保人信用，必要时提高预付比例", "sun.li", "open", 60),
    ("market", "同业低价竞争，报价被压至底价以下", 4, 3, "突出办理时效与成功率，价格低于底价须经理审批", "liu.yang", "open", 45),
    ("market", "展会渠道获客下降", 3, 2, "加强老客户推荐和线上推广", "wang.fang", "open", -10),
    ("operational", "办理部门人手不足导致办理逾期", 3, 3, "高峰期外包部分材料整理", "wu.hao", "open", 5),
    ("operational", "客户资料泄露", 1, 5, "按角色控制访问，导出留痕", "liu.yang", "open", 150),
    ("other", "核心销售人员离职带走客户", 2, 4, "客户由公司统一管理，交接有记录", "liu.yang", "closed", None),
]
# (days ago, topic, hours, trainer, attendees)
SESSIONS = [
    (40, "出口管制新规与两用物项许可", "3", "周静", ("wang.fang", "zhang.min", "chen.jie", "liu.yang")),
    (210, "客户信用评估与应收账款管理", "2", "孙丽", ("wang.fang", "li.qiang", "zhang.min")),
]


def add_compliance(db, desk) -> dict:
    """The notices, risks and sessions above, as their authors would have recorded them — once:
    a demo filled again (``--add``) or a database with notices of its own gets none."""
    if db.execute("SELECT 1 FROM policy_notices UNION ALL SELECT 1 FROM risks LIMIT 1").fetchone():
        return {}
    ids = dict(db.execute("SELECT login, id FROM users"))
    if not {"zhou.jing", "liu.yang"} <= ids.keys():
        return {}
    today = clock.today()
    day = lambda days: (today + dt.timedelta(days=days)).isoformat()  # noqa: E731
    legal, manager = ids["zhou.jing"], ids["liu.yang"]
    everyone = [row[0] for row in db.execute("SELECT id FROM users WHERE active = 1")]
    for ago, title, summary, effective, codes, source, readers in NOTICES:
        at = f"{day(-ago)} 10:00:00"
        notice = db.execute("""INSERT INTO policy_notices (title, summary, effective_on, source, created_at, created_by)
                               VALUES (?, ?, ?, ?, ?, ?)""", [title, summary, day(effective), source, at, legal]).lastrowid
        db.executemany("INSERT INTO notice_codes (notice_id, code) VALUES (?, ?)", [(notice, c) for c in codes])
        read = everyone if readers == "all" else [legal, *(ids[login] for login in readers)]
        db.executemany("INSERT INTO notice_acks (notice_id, user_id, at) VALUES (?, ?, ?)",
                       [(notice, user, f"{day(-ago + 1)} 09:30:00") for user in dict.fromkeys(read)])
    for category, description, likelihood, impact, response, owner, status, review in RISKS:
        db.execute("""INSERT INTO risks (category, description, likelihood, impact, response, owner_id, status,
                      next_review_on, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                   [category, description, likelihood, impact, response, ids[owner], status,
                    None if review is None else day(review), f"{day(-200)} 09:00:00", legal, f"{day(-30)} 09:00:00"])
    for ago, topic, hours, trainer, attendees in SESSIONS:
        session = db.execute("""INSERT INTO training_sessions (held_on, topic, hours, trainer, recorded_by, created_at)
                                VALUES (?, ?, ?, ?, ?, ?)""", [day(-ago), topic, hours, trainer, manager,
                                                               f"{day(-ago)} 18:00:00"]).lastrowid
        db.executemany("""INSERT INTO trainings (user_id, held_on, topic, hours, trainer, recorded_by, session_id)
                          VALUES (?, ?, ?, ?, ?, ?, ?)""",
                       [(ids[login], day(-ago), topic, hours, trainer, manager, session) for login in attendees])
    return {"notices": len(NOTICES), "risks": len(RISKS), "training_sessions": len(SESSIONS)}
