"""A quote as an A4 PDF for print, its Chinese fonts embedded (fonts and page: :mod:`.pdf_kit`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zizhi.core.documents.pdf_kit import a4, label_lines, letterhead, section, styler
from zizhi.core.documents.quote import (
    COLUMNS,
    STATUS_MARKS,
    explanation,
    facts,
    header_lines,
    line_cells,
    qualification_notes,
    totals,
)


def as_pdf(quote: dict, path: str | Path) -> Path:
    """Write the document as an A4 PDF with its fonts embedded (0600: it holds client data)."""
    from zizhi.core.paths import check_output, write_output

    check_output(path)  # before the rendering, which takes a while
    return write_output(path, bytes(_render(quote)))


def _render(quote: dict) -> bytearray:
    from fpdf.enums import WrapMode, XPos, YPos
    from fpdf.fonts import FontFace

    pdf = a4(f"报价单 {quote['number']} {quote['client']['name']}", quote["company"]["name"],
             dt.datetime.fromisoformat(quote["sent_at"] or quote["created_at"]),
             f"{quote['company']['name']}  ·  报价单 {quote['number']}")
    full = pdf.epw
    text = styler(pdf)
    letterhead(pdf, text, header_lines(quote), "报 价 单")
    mark = STATUS_MARKS.get(quote["status"])
    if mark:
        text(9, color=150)
        pdf.cell(full, 5, f"【{mark}】", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    label_lines(pdf, text, facts(quote))
    pdf.ln(2)
    text(7.5, color=90)
    pdf.cell(full, 5, "金额单位：人民币元", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    text(8)
    rows = line_cells(quote)
    heading = FontFace(family="sans", emphasis="", size_pt=8, fill_color=(230, 233, 238))
    with pdf.table(col_widths=(9, 40, 9, 21, 26, 17, 19, 18, 21), width=full, line_height=4.2,
                   text_align=("CENTER", "LEFT", "CENTER", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                   headings_style=heading, wrapmode=WrapMode.CHAR, padding=1.2, v_align="MIDDLE") as table:
        table.row(COLUMNS)
        for index, cells in enumerate(rows):
            last = index == len(rows) - 1
            table.row(cells, style=FontFace(fill_color=(245, 246, 248)) if last else None)
    pdf.ln(4)

    with pdf.unbreakable() as block:
        for label, amount in totals(quote):
            grand = label == "报价总额"
            text(11 if grand else 9.5, color=0 if grand else 40, on=block)
            block.cell(full - 40, 6.5 if grand else 5.5, label, align="R")
            block.cell(40, 6.5 if grand else 5.5, amount, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        text(11, on=block)
        block.cell(full, 7, f"大写：{quote['total_in_words']}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    section(pdf, text, full, "说明")
    text(9, "serif", 30)
    for note in explanation(quote):
        pdf.multi_cell(full, 5, f"·  {note}", align="L", wrapmode=WrapMode.CHAR,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    for index, item in enumerate(qualification_notes(quote), start=1):
        with pdf.unbreakable() as block:  # one qualification's notes never split across pages
            if index == 1:
                section(block, text, full, "办理说明")
            text(10, on=block)
            block.multi_cell(full, 6, f"{index}. {item['title']}", align="L", wrapmode=WrapMode.CHAR,
                             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            text(9, "serif", 30, on=block)
            for label, value in (("用途", item["permits"]), ("时限", item["time"]),
                                 ("所需材料", "；".join(f"{n}) {m}" for n, m in enumerate(item["materials"], 1))),
                                 ("办理步骤", " → ".join(item["steps"]))):
                block.set_x(20)
                block.cell(16, 5, label)
                block.multi_cell(full - 21, 5, value, align="L", wrapmode=WrapMode.CHAR,
                                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            block.ln(1.5)
    return pdf.output()

