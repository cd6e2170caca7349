"""What every Chinese PDF Zizhi writes shares: the embedded fonts, the A4 page with its footer,
the metadata, and ruled section headings.

The PDF: fpdf2 with Noto Sans SC and Noto Serif SC from the ``pylopdf-fonts-zh-cn`` wheel.
- fpdf2 (py-pdf) is pure Python, actively released, and embeds TrueType and CFF OpenType fonts
  as subsets through fontTools: a document is about 100 KB although the font files are 20 MB.
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

FONT_PACKAGE = "pylopdf-fonts-zh-cn"


def font_files() -> dict[str, Path]:
    """The embedded fonts: Noto Sans SC for headings and figures, Noto Serif SC for prose."""
    from zizhi.core.errors import UserError

    try:
        import pylopdf_fonts_zh_cn as fonts
    except ImportError:
        raise UserError("doc.font_missing", package=FONT_PACKAGE) from None
    return {"sans": fonts.sans_path(), "serif": fonts.serif_path()}


def a4(title: str, author: str, created: dt.datetime, footer: str):
    """An A4 document with the fonts embedded and ``footer`` (its page "第 n 页 / 共 m 页" added)
    centred at the foot of every page; the first page is open."""
    from fpdf import FPDF

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("sans", size=7.5)
            self.set_text_color(120)
            self.cell(0, 5, f"{footer}  ·  第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")

    pdf = Document(format="A4", unit="mm")
    for family, file in font_files().items():
        pdf.add_font(family, fname=str(file))
    pdf.set_margins(15, 14, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("Zizhi 资质")
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(created)
    pdf.add_page()
    return pdf


def styler(pdf):
    """``text(size, family, color, on=…)``: set the font and colour, on the page or a block."""

    def text(size: float, family: str = "sans", color: int = 0, on=pdf) -> None:
        on.set_font(family, size=size)
        on.set_text_color(color)

    return text


def letterhead(pdf, text, lines: list[str], heading: str) -> None:
    """The company's name and contact centred, a rule, and the document's title."""
    from fpdf.enums import XPos, YPos

    full = pdf.epw
    text(16)
    pdf.cell(full, 8, lines[0], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    text(8, color=90)
    for line in lines[1:]:
        pdf.cell(full, 4.5, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(60)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.l_margin + full, pdf.get_y() + 2)
    pdf.ln(5)
    text(18)
    pdf.cell(full, 10, heading, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def label_lines(pdf, text, rows: list[tuple[str, str]], width: float = 22) -> None:
    """``label  value`` lines, the value wrapping under itself."""
    from fpdf.enums import WrapMode, XPos, YPos

    for label, value in rows:
        text(9.5, color=90)
        pdf.cell(width, 6, label)
        text(9.5)
        pdf.multi_cell(pdf.epw - width, 6, value, align="L", wrapmode=WrapMode.CHAR,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def section(target, text, full: float, title: str) -> None:
    """A section heading ruled underneath (a border, so it replays right inside ``unbreakable``)."""
    from fpdf.enums import XPos, YPos

    text(11, on=target)
    target.set_draw_color(180)
    target.cell(full, 7, title, border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    target.ln(1.5)
