"""A client's statement (对账单) as an A4 PDF, its Chinese fonts embedded (see :mod:`.pdf_kit`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zizhi.core.documents.pdf_kit import a4, label_lines, letterhead, section, styler
from zizhi.core.documents.statement_document import (
    COLUMNS,
    NOTES,
    OPEN_COLUMNS,
    facts,
    header_lines,
    open_rows,
    rows,
    summary,
)


def as_pdf(found: dict, path: str | Path) -> Path:
    """Write the statement as an A4 PDF (0600: it holds client data)."""
    from zizhi.core.paths import check_output, write_output

    check_output(path)
    return write_output(path, bytes(_render(found)))


def _render(found: dict) -> bytearray:
    from fpdf.enums import WrapMode, XPos, YPos
    from fpdf.fonts import FontFace

    from zizhi.core import clock

    name = found["company"]["name"]
    pdf = a4(f"对账单 {found['client']['name']} {found['from']}–{found['to']}", name,
             dt.datetime.combine(clock.today(), dt.time()), f"{name}  ·  对账单 {found['from']} 至 {found['to']}")
    full = pdf.epw
    text = styler(pdf)
    letterhead(pdf, text, header_lines(found), "对 账 单")
    pdf.ln(2)
    label_lines(pdf, text, facts(found), width=34)
    pdf.ln(2)
    text(7.5, color=90)
    pdf.cell(full, 5, "金额单位：人民币元", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    text(8)
    heading = FontFace(family="sans", emphasis="", size_pt=8, fill_color=(230, 233, 238))
    shaded = FontFace(fill_color=(245, 246, 248))
    lines = rows(found)
    with pdf.table(col_widths=(20, 78, 20, 20, 22, 20), width=full, line_height=4.2,
                   text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"), headings_style=heading,
                   wrapmode=WrapMode.WORD, padding=1.2, v_align="MIDDLE") as table:
        table.row(COLUMNS)
        for index, cells in enumerate(lines):
            table.row(cells, style=shaded if index in (0, len(lines) - 1) else None)
    pdf.ln(4)

    with pdf.unbreakable() as block:
        for label, amount in summary(found):
            text(10, on=block)
            block.cell(full - 40, 6, label, align="R")
            block.cell(40, 6, amount, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    if found["open_instalments"]:
        section(pdf, text, full, "期末未结分期")
        text(8)
        with pdf.table(col_widths=(50, 30, 30, 30, 30), width=full, line_height=4.2,
                       text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"), headings_style=heading,
                       wrapmode=WrapMode.CHAR, padding=1.2) as table:
            table.row(OPEN_COLUMNS)
            for cells in open_rows(found):
                table.row(cells)
        pdf.ln(3)

    section(pdf, text, full, "说明")
    text(9, "serif", 30)
    for note in NOTES:
        pdf.multi_cell(full, 5, f"·  {note}", align="L", wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    with pdf.unbreakable() as block:  # both signatures on one page
        text(10, on=block)
        half = full / 2
        block.cell(half, 7, f"{name}（盖章）")
        block.cell(half, 7, f"{found['client']['name']}（盖章确认）", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        block.cell(half, 7, f"日期：{clock.today().isoformat()}")
        block.cell(half, 7, "日期：", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf.output()
