"""A quote as an A4 PDF for print, its Chinese fonts embedded.

The PDF: fpdf2 with Noto Sans SC and Noto Serif SC from the ``pylopdf-fonts-zh-cn`` wheel.
- fpdf2 (py-pdf) is pure Python, actively released, and embeds TrueType and CFF OpenType fonts
  as subsets through fontTools: a quote is about 100 KB although the font files are 20 MB.
  reportlab was the other candidate: its TTFont refuses CFF (.otf) outlines, and its built-in
  Chinese fonts (STSong-Light) are not embedded — they need the reader to own the font.
- The font is Adobe and Google's Source Han / Noto CJK (SIL OFL), the best kept open Chinese
  typeface. The wheel (17 MB, 20 MB installed) carries Noto Sans SC and Noto Serif SC unchanged
  from notofonts/noto-cjk at a stated revision, with SHA-256 sums that match the files, and is
  uploaded by trusted publishing. Rejected: mplfonts (85 MB, and bundles SimHei, which may not be
  redistributed), noto-cjk-sans-otc (15.5 MB, every CJK language in one collection, no serif),
  manimgx-fonts-cjk (20 MB variable collection). Nothing is fetched at run time and no system
  font is assumed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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

FONT_PACKAGE = "pylopdf-fonts-zh-cn"


def font_files() -> dict[str, Path]:
    """The embedded fonts: Noto Sans SC for headings and figures, Noto Serif SC for prose."""
    from zizhi.core.errors import UserError

    try:
        import pylopdf_fonts_zh_cn as fonts
    except ImportError:
        raise UserError("doc.font_missing", package=FONT_PACKAGE) from None
    return {"sans": fonts.sans_path(), "serif": fonts.serif_path()}


def as_pdf(quote: dict, path: str | Path) -> Path:
    """Write the document as an A4 PDF with its fonts embedded (0600: it holds client data)."""
    from zizhi.core.paths import check_output, write_output

    check_output(path)  # before the rendering, which takes a while
    return write_output(path, bytes(_render(quote)))


def _render(quote: dict) -> bytearray:
    from fpdf import FPDF
    from fpdf.enums import WrapMode, XPos, YPos
    from fpdf.fonts import FontFace

    class QuotePDF(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("sans", size=7.5)
            self.set_text_color(120)
            self.cell(0, 5, f"{quote['company']['name']}  ·  报价单 {quote['number']}  ·  第 {self.page_no()} 页 / 共 {{nb}} 页",
                      align="C")

    pdf = QuotePDF(format="A4", unit="mm")
    for family, file in font_files().items():
        pdf.add_font(family, fname=str(file))
    pdf.set_margins(15, 14, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(f"报价单 {quote['number']} {quote['client']['name']}")
    pdf.set_author(quote["company"]["name"])
    pdf.set_creator("Zizhi 资质")
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(dt.datetime.fromisoformat(quote["sent_at"] or quote["created_at"]))
    pdf.add_page()
    full = pdf.epw

    def text(size: float, family: str = "sans", color: int = 0, on=pdf) -> None:
        on.set_font(family, size=size)
        on.set_text_color(color)

    company = header_lines(quote)
    text(16)
    pdf.cell(full, 8, company[0], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    text(8, color=90)
    for line in company[1:]:
        pdf.cell(full, 4.5, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(60)
    pdf.line(15, pdf.get_y() + 2, 15 + full, pdf.get_y() + 2)
    pdf.ln(5)
    text(18)
    pdf.cell(full, 10, "报 价 单", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    mark = STATUS_MARKS.get(quote["status"])
    if mark:
        text(9, color=150)
        pdf.cell(full, 5, f"【{mark}】", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    for label, value in facts(quote):
        text(9.5, color=90)
        pdf.cell(22, 6, label)
        text(9.5)
        pdf.multi_cell(full - 22, 6, value, align="L", wrapmode=WrapMode.CHAR,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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

    _section(pdf, text, full, "说明")
    text(9, "serif", 30)
    for note in explanation(quote):
        pdf.multi_cell(full, 5, f"·  {note}", align="L", wrapmode=WrapMode.CHAR,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    for index, item in enumerate(qualification_notes(quote), start=1):
        with pdf.unbreakable() as block:  # one qualification's notes never split across pages
            if index == 1:
                _section(block, text, full, "办理说明")
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


def _section(target, text, full: float, title: str) -> None:
    """A section heading ruled underneath (a border, so it replays right inside ``unbreakable``)."""
    from fpdf.enums import XPos, YPos

    text(11, on=target)
    target.set_draw_color(180)
    target.cell(full, 7, title, border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    target.ln(1.5)
