"""The quarterly report as an A4 PDF in Chinese, on the documents' own machinery (fonts, page,
footer, ruled headings: :mod:`zizhi.core.documents.pdf_kit`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zizhi.core.documents.pdf_kit import a4, label_lines, section, styler
from zizhi.core.quarterly.document import (
    CHANGED_NOTE,
    TITLE,
    facts,
    figure_heads,
    figure_rows,
    sections,
    stage_lines,
)

HEADING_FILL = (230, 233, 238)


def as_pdf(found: dict, company: str, path: str | Path) -> Path:
    """Write the report as an A4 PDF (0600: it holds a person's appraisal)."""
    from zizhi.core.paths import check_output, write_output

    check_output(path)
    return write_output(path, bytes(render(found, company)))


def render(found: dict, company: str) -> bytearray:
    from fpdf.enums import WrapMode, XPos, YPos

    from zizhi.core import clock

    pdf = a4(f"{found['quarter']} {TITLE} {found['name']}", found["name"], dt.datetime.combine(clock.today(), dt.time()),
             f"{company}  ·  {found['quarter']} {TITLE}  ·  {found['name']}")
    full = pdf.epw
    text = styler(pdf)
    title(pdf, text, company, f"{found['quarter']} {TITLE}")
    label_lines(pdf, text, facts(found), width=26)
    pdf.ln(3)

    section(pdf, text, full, "业绩指标")
    heads = figure_heads(found)
    widths = (44, 46, 30, 22, 38) if len(heads) == 5 else (50, 62, 40, 28)
    table(pdf, text, heads, figure_rows(found), widths)
    if found["changed"]:
        text(8, "serif", 60)
        pdf.multi_cell(full, 4.5, CHANGED_NOTE, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    text(9.5, color=90)
    pdf.cell(full, 6, "各阶段平均天数", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    text(9.5, "serif", 20)
    for line in stage_lines(found):
        pdf.multi_cell(full, 5.5, f"·  {line}", wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    for heading, words in sections(found):
        section(pdf, text, full, heading)
        text(10, "serif", 20)
        pdf.multi_cell(full, 6, words, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
    if found["reviewed_at"]:
        section(pdf, text, full, "经理审阅意见")
        text(10, "serif", 20)
        pdf.multi_cell(full, 6, found["review_comment"], wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
        text(9, color=90)
        pdf.cell(full, 6, f"—— {found['reviewer']}，{found['reviewed_at']}", align="R",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf.output()


def title(pdf, text, company: str, heading: str) -> None:
    """The company's name small, the document's title large, a rule under both (an internal
    document: no letterhead with addresses)."""
    from fpdf.enums import XPos, YPos

    text(9, color=90)
    pdf.cell(pdf.epw, 5, company, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    text(17)
    pdf.cell(pdf.epw, 10, heading, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(60)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.l_margin + pdf.epw, pdf.get_y() + 1)
    pdf.ln(4)


def table(pdf, text, heads: list[str], rows: list[list[str]], widths: tuple[float, ...], left: int = 1) -> None:
    """A ruled table, the first ``left`` columns (names) to the left and the figures right, its
    heading shaded."""
    from fpdf.enums import WrapMode
    from fpdf.fonts import FontFace

    text(8.5)
    heading = FontFace(family="sans", emphasis="", size_pt=8.5, fill_color=HEADING_FILL)
    with pdf.table(col_widths=widths, width=sum(widths), line_height=5, headings_style=heading,
                   text_align=tuple("LEFT" if n < left else "RIGHT" for n in range(len(widths))), wrapmode=WrapMode.CHAR, padding=1.2,
                   v_align="MIDDLE", align="LEFT") as ruled:
        ruled.row(heads)
        for cells in rows:
            ruled.row(cells)
    pdf.ln(2)
