"""The dunning letter as an A4 PDF, on the quote's page and embedded Chinese fonts (:mod:`.pdf_kit`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zizhi.core.documents.dunning_letter import COLUMNS, rows
from zizhi.core.documents.dunning_letter_markdown import paragraphs
from zizhi.core.documents.pdf_kit import a4, styler


def as_pdf(letter: dict, path: str | Path) -> Path:
    """Write the letter as an A4 PDF (0600: it holds client data)."""
    from zizhi.core.paths import check_output, write_output

    check_output(path)
    return write_output(path, bytes(_render(letter)))


def _render(letter: dict) -> bytearray:
    from fpdf.enums import WrapMode, XPos, YPos
    from fpdf.fonts import FontFace

    company, text = letter["company"], paragraphs(letter)
    pdf = a4(f"催款函 {letter['client']['name']}", company["name"], dt.datetime.fromisoformat(letter["date"]),
             f"催款函 {letter['number']}")
    pdf.set_margins(20, 18, 20)
    pdf.set_xy(20, 18)
    full = pdf.epw
    line = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}

    font = styler(pdf)

    def prose(words: str, size: float = 10.5) -> None:
        font(size, "serif")
        pdf.multi_cell(full, 6.5, words.replace("**", ""), align="J", wrapmode=WrapMode.CHAR, **line)

    font(20)
    pdf.cell(full, 12, "催 款 函", align="C", **line)
    font(9, color=90)
    pdf.cell(full, 6, f"编号：{letter['number']}", align="R", **line)
    pdf.ln(3)
    font(11.5)
    pdf.multi_cell(full, 7, f"致：{letter['client']['name']}", wrapmode=WrapMode.CHAR, **line)
    pdf.ln(2)
    prose(text["opening"])
    pdf.ln(2)
    font(8, color=90)
    pdf.cell(full, 5, "金额单位：人民币元", align="R", **line)
    font(8.5)
    heading = FontFace(family="sans", emphasis="", size_pt=8.5, fill_color=(230, 233, 238))
    with pdf.table(col_widths=(34, 16, 22, 24, 24, 24, 18), width=full, line_height=5,
                   text_align=("LEFT", "CENTER", "CENTER", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                   headings_style=heading, wrapmode=WrapMode.CHAR, padding=1.2, v_align="MIDDLE") as table:
        table.row(COLUMNS)
        for cells in rows(letter):
            table.row(cells)
        table.row(["合计", "", "", "", "", letter["total_text"][1:], ""],
                  style=FontFace(fill_color=(245, 246, 248)))
    pdf.ln(2)
    font(10.5)
    pdf.cell(full, 7, f"大写：{letter['total_in_words']}", align="R", **line)
    pdf.ln(2)
    for title, body in (("违约责任", [f"合同 {c['number']} 约定：{c['penalty']}" for c in letter["contracts"]]),
                        ("付款方式", [letter["payment_instructions"]])):
        font(11.5)
        pdf.set_draw_color(180)
        pdf.cell(full, 8, title, border="B", **line)
        pdf.ln(1.5)
        for paragraph in body:
            prose(paragraph)
        pdf.ln(2)
    prose(text["request"])
    prose("　　特此函告。")
    pdf.ln(8)
    font(11)
    for words in (company["name"], letter["date_zh"]):
        pdf.cell(full, 7, words, align="R", **line)
    font(8.5, color=90)
    for words in (company.get("address"), company.get("phone") and f"电话：{company['phone']}",
                  company.get("email") and f"邮箱：{company['email']}"):
        if words:
            pdf.cell(full, 5, words, align="R", **line)
    return pdf.output()
