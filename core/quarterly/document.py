"""The quarterly report as a document, in Chinese (the team's working language and the rulebook's):
what the Markdown and the PDF both print — the facts, the figures table (frozen when filed, with
today's figure beside any that changed since), the days per stage, the four sections and the review.
"""

from __future__ import annotations

from zizhi.core.i18n import t
from zizhi.core.kpi import text as kpi_text
from zizhi.core.money import format_fen
from zizhi.core.quarterly.schema import SECTIONS
from zizhi.core.quarterly.sections import TITLES

TITLE = "季度个人工作总结"
STATUS = {"draft": "草稿（未提交）", "filed": "已提交，待审阅", "reviewed": "已审阅", "none": "未开始"}
ROWS = ("revenue", "contract_value", "new_clients", "satisfaction", "success_rate", "win_rate")
MONEY = ("revenue", "contract_value")
CHANGED_NOTE = "标 * 的数字自提交以来已有变动（如补录或冲销的款项）：报告保留提交时的数字，“当前”列为今天的数字。"


def facts(found: dict) -> list[tuple[str, str]]:
    """``label, value`` lines under the title: who, which quarter, where the report stands."""
    lines = [("销售人员", f"{found['name']}（{found['login']}）"),
             ("考核季度", f"{found['quarter']}（{found['from']} 至 {found['to']}）"),
             ("状态", STATUS[found["status"]])]
    if found["filed_at"]:
        lines.append(("提交时间", found["filed_at"]))
    elif found.get("filable"):
        lines.append(("可提交日期", "现在即可提交"))
    else:
        lines.append(("可提交日期", f"{found['opens']} 起"))
    if found["reviewed_at"]:
        lines.append(("审阅", f"{found['reviewer']}（{found['reviewed_by']}），{found['reviewed_at']}"))
    return lines


def figure_heads(found: dict) -> list[str]:
    heads = ["指标", "提交时数字" if found["filed_at"] else "本季度数字", "目标", "完成率"]
    return heads + ["当前"] if found["changed"] else heads


def figure_rows(found: dict) -> list[list[str]]:
    """One row per KPI: the figure, its target and attainment, and — when it changed since filing —
    today's figure (the row's name marked ``*``)."""
    shown, live = found["figures"], found["live"]
    rows = []
    for metric in ROWS:
        changed = metric in found["changed"]
        goal = shown["targets"].get(metric)
        row = [t(f"kpi.metric.{metric}", "zh") + (" *" if changed else ""), figure_text(shown, metric),
               "" if goal is None else format_fen(goal) if metric in MONEY else str(goal),
               "" if goal is None else percent_text(shown["attainment"][metric])]
        if found["changed"]:
            row.append(figure_text(live, metric) if changed else "")
        rows.append(row)
    return rows


def stage_lines(found: dict) -> list[str]:
    """The average days per stage, one stage a line; today's beside them when they changed."""
    stays = found["figures"]["stage_days"]
    lines = [f"{t(f'stage.{stage}', 'zh')}：{stay['mean']} 天（{stay['count']} 次）" for stage, stay in stays.items()]
    if "stage_days" in found["changed"]:
        now = "；".join(f"{t(f'stage.{stage}', 'zh')} {stay['mean']} 天（{stay['count']} 次）"
                       for stage, stay in found["live"]["stage_days"].items()) or "无"
        lines.append(f"* 当前：{now}")
    return lines or ["本季度没有离开任何阶段。"]


def sections(found: dict) -> list[tuple[str, str]]:
    """The four written sections, titled in Chinese, '（未填写）' for an empty one."""
    return [(TITLES[name][0], found["sections"][name].strip() or "（未填写）") for name in SECTIONS]


def figure_text(figures: dict, metric: str) -> str:
    """A figure as the report prints it: money, a count, a mean score with its count, a rate with
    what it is made of."""
    value = figures[metric]
    if metric in MONEY:
        return format_fen(value)
    if metric == "new_clients":
        return str(value)
    if metric == "satisfaction":
        return f"{value['mean']}（{value['count']} 次评分）" if value["count"] else "—"
    if metric == "success_rate":
        return f"{percent_text(value['rate'])}（批准 {value['approved']} / 已决 {value['decided']}）"
    return f"{percent_text(value['rate'])}（赢 {value['won']}，输 {value['lost']}）"


percent_text = kpi_text.rate  # a KPI rate as the CLI and the app write it (15.90%)


def as_markdown(found: dict) -> str:
    """The report as Markdown (GitHub tables), to read, mail or keep."""
    lines = [f"# {found['quarter']} {TITLE} — {found['name']}", ""]
    lines += [f"- **{label}**：{value}" for label, value in facts(found)]
    lines += ["", "## 业绩指标", "", _row(figure_heads(found)),
              _row(["---", *("---:" for _ in figure_heads(found)[1:])])]
    lines += [_row(row) for row in figure_rows(found)]
    if found["changed"]:
        lines += ["", CHANGED_NOTE]
    lines += ["", "### 各阶段平均天数", ""] + [f"- {line}" for line in stage_lines(found)]
    for title, text in sections(found):
        lines += ["", f"## {title}", "", text]
    if found["reviewed_at"]:
        lines += ["", "## 经理审阅意见", "", found["review_comment"],
                  "", f"—— {found['reviewer']}，{found['reviewed_at']}"]
    return "\n".join(lines) + "\n"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
