"""What the demo's salespeople write in their quarterly reports, and what their manager answers —
chosen from the person's own figures for the quarter (:func:`core.kpi.figures.shaped`), so a
report never praises a figure its own table contradicts: revenue against its target, the share
of applications approved (below ``LOW_SUCCESS`` is a problem), new clients (none, or more than
last quarter), lost deals, the after-sales score.
"""

from __future__ import annotations

from zizhi.core.money import format_fen

LOW_SUCCESS = 8_000  # basis points: fewer approved than this is a problem to explain
GOOD_WIN = 8_000  # basis points: a win rate from this up is kept, not raised, whatever the few deals lost
GOOD_SCORE, LOW_SCORE = "4.50", "4.00"


def sections(fig: dict) -> dict[str, str]:
    """The four sections of a report on ``fig``: results, problems, solutions, plans — a sentence a
    line, so each fits an 80-column terminal and a Markdown file reads without long lines."""
    weak = _weaknesses(fig)
    problems = [PROBLEMS[w](fig) for w in weak] or ["整体进展顺利；政策调整后客户对新要求理解不一致，沟通成本有所增加。"]
    solutions = [SOLUTIONS[w] for w in weak] or ["整理政策变化要点，统一向客户解释口径。"]
    plans = [_plan(w, fig) for w in weak][:2] or ["保持现有节奏，加强老客户推荐，每月至少回访五家已交付客户。"]
    return {"results": "\n".join(_results(fig)), "problems": "\n".join(problems),
            "solutions": "\n".join(solutions), "plans": "\n".join([*plans, "完成出口管制新规培训，提升专业咨询能力。"])}


def comment(fig: dict, before: dict | None) -> str:
    """The manager's comment on ``fig``, given the person's figures of the quarter ``before``."""
    said = []
    attained = fig["attainment"]["revenue"]
    if attained is not None:
        said.append(f"回款完成目标的{_percent(attained)}，值得肯定。" if attained >= 10_000
                    else f"回款完成目标的{_percent(attained)}，下季度请重点跟进在途合同的回款。")
    rate = fig["success_rate"]
    if rate["decided"] and rate["rate"] < LOW_SUCCESS:
        said.append("办理成功率偏低，需进一步提高，签约前请严格审核客户材料。")
    elif rate["decided"] and rate["approved"] == rate["decided"]:
        said.append("办理全部获批，继续保持。")
    if fig["new_clients"] == 0:
        said.append("本季度没有新增客户，请加强新客户开发。")
    elif before is not None and fig["new_clients"] > before["new_clients"]:
        said.append("新客户开发有进步。")
    score = fig["satisfaction"]["mean"]
    if score is not None and float(score) >= float(GOOD_SCORE):
        said.append("回访工作做得好。")
    return "\n".join(said[:3]) or "数据清楚，同意下季度计划，请按月汇报进展。"


def _results(fig: dict) -> list[str]:
    said = []
    target, attained = fig["targets"]["revenue"], fig["attainment"]["revenue"]
    if target:
        verdict = "超额完成" if attained > 10_000 else "完成" if attained == 10_000 else "未完成"
        said.append(f"本季度回款{format_fen(fig['revenue'])}，{verdict}回款目标（{format_fen(target)}，"
                    f"完成{_percent(attained)}）。")
    else:
        said.append(f"本季度回款{format_fen(fig['revenue'])}。")
    won = fig["win_rate"]["won"]
    if won:
        new = fig["new_clients"]
        said.append(f"签约{won}单，合同额{format_fen(fig['contract_value'])}，"
                    + (f"其中新客户{new}家。" if new else "均为老客户续办。"))
    else:
        said.append("本季度没有新签合同。")
    rate = fig["success_rate"]
    if rate["decided"] and rate["approved"] == rate["decided"]:
        said.append(f"办理结果{rate['decided']}项，全部获批。")
    elif rate["decided"]:
        said.append(f"办理结果{rate['decided']}项，获批{rate['approved']}项，成功率{_percent(rate['rate'])}。")
    visits = fig["satisfaction"]
    if visits["count"]:
        tone = "，客户评价较高" if float(visits["mean"]) >= float(GOOD_SCORE) else ""
        said.append(f"完成售后回访{visits['count']}次，平均满意度{visits['mean']}分{tone}。")
    return said


def _weaknesses(fig: dict) -> list[str]:
    """What went less well, most pressing first."""
    weak = []
    attained = fig["attainment"]["revenue"]
    if attained is not None and attained < 10_000:
        weak.append("revenue")
    rate = fig["success_rate"]
    if rate["decided"] and rate["rate"] < LOW_SUCCESS:
        weak.append("refused")
    if fig["win_rate"]["lost"]:
        weak.append("lost")
    if fig["new_clients"] == 0:
        weak.append("no_new")
    score = fig["satisfaction"]["mean"]
    if score is not None and float(score) < float(LOW_SCORE):
        weak.append("score")
    return weak


def _plan(weakness: str, fig: dict) -> str:
    """The plan for a weakness; deals lost at a high win rate are reviewed one by one, not met with
    a plan to raise a rate already high."""
    rate = fig["win_rate"].get("rate")
    if weakness == "lost" and rate is not None and rate >= GOOD_WIN:
        return "保持当前赢单率，逐一复盘丢单原因，避免同类情况再次发生。"
    return PLANS[weakness]


def _percent(points: int) -> str:
    return f"{points / 100:.0f}%"


PROBLEMS = {
    "revenue": lambda fig: "回款未达目标：个别客户尾款拖延，部分在途合同的款项未能在季度内到账。",
    "refused": lambda fig: (f"{fig['success_rate']['decided'] - fig['success_rate']['approved']}项申请未获批准，"
                            "主要是材料说明不够充分。"),
    "lost": lambda fig: f"{fig['win_rate']['lost']}个商机未能成交，报价和跟进节奏仍有改进空间。",
    "no_new": lambda fig: "新客户开发不足，本季度签约均来自老客户。",
    "score": lambda fig: "部分客户回访评分偏低，反映进度沟通不够及时。",
}
SOLUTIONS = {
    "revenue": "按催收流程分级跟进，重要客户上门沟通并约定还款计划。",
    "refused": "签约前向客户提供材料清单并逐项核对，申报前请法务复核。",
    "lost": "报价时突出办理时效和成功率，价格低于底价时及时报经理审批。",
    "no_new": "重新梳理展会和线上询盘线索，逐一电话回访。",
    "score": "办理期间每周向客户通报一次进度。",
}
PLANS = {
    "revenue": "下季度重点跟进在途合同回款，每周核对应收。",
    "refused": "提高申报材料质量，争取办理成功率达到九成以上。",
    "lost": "缩短方案与报价阶段的停留时间，提高赢单率。",
    "no_new": "下季度重点开发跨境电商客户，争取新增客户三家以上。",
    "score": "每月至少回访五家已交付客户，及时解决客户反映的问题。",
}
