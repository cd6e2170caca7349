"""The team side by side as an A4 PDF in Chinese, for the managers' quarterly assessment: the KPI
table ranked by one metric, the targets and attainment, then a bar chart per chosen metric — drawn
with the PDF's own rectangles (no plotting library), a picture reading faster than a table.

The charts' lengths are the figures themselves (fen, counts, basis points, a mean in hundredths),
scaled so the largest fills the width; a figure below zero or missing draws no bar, its text says it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zizhi.core.documents.pdf_kit import a4, section, styler
from zizhi.core.i18n import t
from zizhi.core.kpi.text import bar_value, figure
from zizhi.core.money import format_fen
from zizhi.core.quarterly.document import MONEY, ROWS, percent_text
from zizhi.core.quarterly.report_pdf import table, title

TITLE = "团队业绩对比"
BAR_FILL = (74, 111, 165)
FIRST_FILL = (196, 112, 52)  # the ranked metric's leader
LABEL_WIDTH, TEXT_WIDTH, BAR_HEIGHT, ROW_HEIGHT = 38, 40, 4.2, 6.2
SHORT = {"satisfaction": "满意度", "success_rate": "成功率", "win_rate": "赢单率"}


def as_pdf(found: dict, metrics: list[str], company: str, path: str | Path) -> Path:
    """Write the team's comparison (``figures.team``'s answer) with a chart of each of ``metrics``."""
    from zizhi.core.paths import check_output, write_output

    check_output(path)
    return write_output(path, bytes(render(found, metrics, company)))


def render(found: dict, metrics: list[str], company: str) -> bytearray:
    from fpdf.enums import XPos, YPos

    from zizhi.core import clock

    heading = f"{found['quarter']} {TITLE}"
    pdf = a4(heading, company, dt.datetime.combine(clock.today(), dt.time()), f"{company}  ·  {heading}")
    text = styler(pdf)
    title(pdf, text, company, heading)
    text(9.5, color=90)
    ranked = t(f"kpi.metric.{found['metric']}", "zh")
    pdf.cell(pdf.epw, 6, f"{found['from']} 至 {found['to']}，按{ranked}排名；共 {len(found['people'])} 人",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    section(pdf, text, pdf.epw, "业绩指标")
    table(pdf, text, kpi_heads(), kpi_rows(found), (12, 34, 26, 26, 14, 20, 24, 24), left=2)
    if any(row["targets"][m] is not None for row in found["people"] for m in ("revenue", "contract_value", "new_clients")):
        section(pdf, text, pdf.epw, "目标与完成率")
        table(pdf, text, target_heads(), target_rows(found), (34, 28, 20, 28, 20, 30, 20))
    for metric in metrics:
        chart(pdf, text, found, metric)
    return pdf.output()


def kpi_heads() -> list[str]:
    return ["排名", "销售人员", *(SHORT.get(m) or t(f"kpi.metric.{m}", "zh") for m in ROWS)]


def kpi_rows(found: dict) -> list[list[str]]:
    return [[str(row["rank"]), row["name"], *(figure(row, m) for m in ROWS)] for row in found["people"]]


def target_heads() -> list[str]:
    return ["销售人员", "销售额目标", "完成率", "签约额目标", "完成率", "新客户目标", "完成率"]


def target_rows(found: dict) -> list[list[str]]:
    rows = []
    for row in found["people"]:
        cells = [row["name"]]
        for metric in ("revenue", "contract_value", "new_clients"):
            goal = row["targets"][metric]
            cells += ["", ""] if goal is None else [format_fen(goal) if metric in MONEY else str(goal),
                                                   percent_text(row["attainment"][metric])]
        rows.append(cells)
    return rows


def chart(pdf, text, found: dict, metric: str) -> None:
    """One metric's bars, one person a row, kept on one page."""
    from fpdf.enums import XPos, YPos

    people = found["people"]
    needed = 12 + ROW_HEIGHT * len(people)
    if pdf.get_y() + needed > pdf.page_break_trigger and needed < pdf.page_break_trigger - pdf.t_margin:
        pdf.add_page()
    section(pdf, text, pdf.epw, f"{t(f'kpi.metric.{metric}', 'zh')}（柱状图）")
    values = [bar_value(row, metric) for row in people]
    widest = max((v for v in values if v > 0), default=0)
    room = pdf.epw - LABEL_WIDTH - TEXT_WIDTH - 2
    for row, value in zip(people, values):
        if pdf.get_y() + ROW_HEIGHT > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        text(9)
        pdf.cell(LABEL_WIDTH, ROW_HEIGHT, row["name"])
        if value and value > 0 and widest:
            pdf.set_fill_color(*(FIRST_FILL if metric == found["metric"] and row["rank"] == 1 else BAR_FILL))
            pdf.rect(pdf.l_margin + LABEL_WIDTH, y + (ROW_HEIGHT - BAR_HEIGHT) / 2, max(room * value / widest, 0.6),
                     BAR_HEIGHT, style="F")
        pdf.set_x(pdf.l_margin + LABEL_WIDTH + room + 2)
        text(8.5, color=60)
        pdf.cell(TEXT_WIDTH, ROW_HEIGHT, figure(row, metric), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
