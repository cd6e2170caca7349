"""What the client receives: a quote as terminal text, Markdown or PDF, in Chinese.

Transparent, as the rulebook asks (§6.2 报价要清晰、透明，详细说明各项费用的构成和计算方式): each
line shows the government fee (passed through at cost, untaxed) apart from the service fee, then
its discount, expedited surcharge and VAT with their rates; the totals are the sums of the lines;
the total is written in figures and in capital numerals; the validity date is given; and for each
qualification the materials the client supplies, the processing steps and the standard time.
Every renderer takes the dict ``core.quotes.get_quote`` returns, whose snapshot holds the client
and company header as they were when the quote was made or sent.

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
import unicodedata
from pathlib import Path

from zizhi.core import percent
from zizhi.core.money import format_fen

FONT_PACKAGE = "pylopdf-fonts-zh-cn"
VALIDITY_UNITS = {"year": "年", "years": "年", "month": "个月", "months": "个月"}
COLUMNS = ("序号", "资质项目", "数量", "政府规费", "服务费", "折扣", "加急费", "增值税", "小计")
STATUS_MARKS = {"draft": "草稿（未发送）", "rejected": "已拒绝", "expired": "已过期", "accepted": "已接受"}


# ---------------------------------------------------------------- what the document says

def _yuan(fen: int) -> str:
    return format_fen(fen, symbol=False)


def _rate(basis_points: int) -> str:
    return percent.text(basis_points)


def _date(quote: dict) -> str:
    return (quote["sent_at"] or quote["created_at"])[:10]


def _validity(text: str | None) -> str:
    """'permanent' → 长期有效, '6 months' → 6 个月, '3 years' → 3 年."""
    if not text or text == "permanent":
        return "长期有效"
    number, unit = text.split()
    return f"{number} {VALIDITY_UNITS.get(unit, unit)}"


def header_lines(quote: dict) -> list[str]:
    """The company header, as settings.toml [company] said when the quote was made or sent."""
    company = quote["company"]
    contact = "  ".join(v for v in (company.get("address"), company.get("phone") and f"电话 {company['phone']}",
                                     company.get("email") and f"邮箱 {company['email']}") if v)
    return [line for line in (company["name"], company.get("name_en"), contact) if line]


def facts(quote: dict) -> list[tuple[str, str]]:
    """Who the quote is for, its number, date and validity."""
    client = quote["client"]
    reach = "  ".join(v for v in (client.get("contact"), client.get("phone"), client.get("email")) if v)
    rows = [("客户", client["name"]), ("联系人", reach or "—"), ("报价单号", quote["number"]),
            ("报价日期", _date(quote)), ("有效期至", quote["valid_until"]),
            ("办理方式", f"加急（加收折后服务费的 {_rate(quote['pricing']['expedited'])}）" if quote["expedited"]
             else "常规")]
    if client.get("address"):
        rows.insert(2, ("地址", client["address"]))
    return rows


def line_cells(quote: dict) -> list[list[str]]:
    """One row of strings per line, each figure with the rate or unit price behind it."""
    pricing, rows = quote["pricing"], []
    for index, line in enumerate(quote["lines"], start=1):
        quantity = line["quantity"]
        discount = f"{_rate(line['discount'])}\n−{_yuan(line['discount_amount'])}" if line["discount"] else "—"
        surcharge = (f"{_rate(pricing['expedited'])}\n+{_yuan(line['surcharge_amount'])}" if quote["expedited"]
                     else "—")
        service = f"{_yuan(line['service_fee'])} × {quantity}\n{_yuan(line['service_amount'])}"
        if line["service_fee"] != line["list_service_fee"]:
            service += f"\n目录价 {_yuan(line['list_service_fee'])}"
        rows.append([str(index), f"{line['name']}\n{line['code']}", str(quantity),
                     f"{_yuan(line['government_fee'])} × {quantity}\n{_yuan(line['government_amount'])}",
                     service, discount, surcharge,
                     f"{_rate(pricing['service_vat'])}\n+{_yuan(line['tax_amount'])}", _yuan(line["total"])])
    rows.append(["", "合计", "", _yuan(quote["government_total"]), _yuan(quote["service_total"]),
                 f"−{_yuan(quote['discount_total'])}", f"+{_yuan(quote['surcharge_total'])}",
                 f"+{_yuan(quote['tax_total'])}", _yuan(quote["total"])])
    return rows


def totals(quote: dict) -> list[tuple[str, str]]:
    """The summary under the table: each total with how it is made."""
    pricing = quote["pricing"]
    rows = [("政府规费（按实代收代付，不计税）", format_fen(quote["government_total"])),
            ("服务费", format_fen(quote["service_total"]))]
    if quote["discount_total"]:
        rows.append(("减：折扣", f"−{format_fen(quote['discount_total'])}"))
    if quote["expedited"]:
        rows.append((f"加：加急费（折后服务费 × {_rate(pricing['expedited'])}）", format_fen(quote["surcharge_total"])))
    rows.append((f"加：增值税（（服务费 − 折扣 + 加急费）× {_rate(pricing['service_vat'])}）",
                 format_fen(quote["tax_total"])))
    rows.append(("报价总额", format_fen(quote["total"])))
    return rows


def explanation(quote: dict) -> list[str]:
    """How every figure is worked out, in the words a client reads."""
    pricing = quote["pricing"]
    notes = ["政府规费按政府部门实际收费代收代付，不收取服务费，也不计增值税。",
             "服务费 = 服务单价 × 数量；折扣按服务费计算。",
             f"增值税 = （服务费 − 折扣 + 加急费）× {_rate(pricing['service_vat'])}，只对服务部分计征。",
             "每一项金额按四舍五入保留到分，合计为各项之和。"]
    if quote["expedited"]:
        notes.insert(2, f"加急费 = （服务费 − 折扣）× {_rate(pricing['expedited'])}。")
    notes.append(f"本报价有效期至 {quote['valid_until']}，逾期请重新询价；以双方签订的合同为准。")
    return notes


def qualification_notes(quote: dict) -> list[dict]:
    """For each qualification: what it permits, the materials, the steps and the time it takes."""
    return [{"title": f"{line['name']}（{line['code']}）", "permits": line.get("permits") or "",
             "time": f"标准办理时间约 {line['standard_days']} 天；证书有效期：{_validity(line.get('validity'))}",
             "materials": line.get("materials") or [], "steps": line.get("steps") or []}
            for line in quote["lines"]]


# ---------------------------------------------------------------- terminal text

def as_text(quote: dict) -> str:
    """The document for a terminal: aligned for Chinese characters being two columns wide."""
    out = [*header_lines(quote), "", _title(quote), ""]
    out += [f"{_ljust(label, 8)}  {value}" for label, value in facts(quote)]
    out.append("")
    pricing = quote["pricing"]
    for index, line in enumerate(quote["lines"], start=1):
        quantity = line["quantity"]
        out.append(f"{index}. {line['name']}  {line['code']}  × {quantity}")
        rows = [(f"政府规费 {_yuan(line['government_fee'])} × {quantity}（代收代付，不计税）", line["government_amount"], ""),
                (f"服务费 {_yuan(line['service_fee'])} × {quantity}"
                 + (f"（目录价 {_yuan(line['list_service_fee'])}）" if line["service_fee"] != line["list_service_fee"]
                    else ""), line["service_amount"], "")]
        if line["discount"]:
            rows.append((f"折扣 {_rate(line['discount'])}", line["discount_amount"], "−"))
        if quote["expedited"]:
            rows.append((f"加急费 {_rate(pricing['expedited'])}", line["surcharge_amount"], "+"))
        rows += [(f"增值税 {_rate(pricing['service_vat'])}", line["tax_amount"], "+"), ("小计", line["total"], "")]
        out += [f"   {_ljust(label, 52)} {sign:1}{_rjust(format_fen(fen), 14)}" for label, fen, sign in rows]
        out.append("")
    out += [f"{_ljust(label, 56)}{_rjust(amount, 15)}" for label, amount in totals(quote)]
    out += [f"大写：{quote['total_in_words']}", "", "说明："]
    out += [f"  · {note}" for note in explanation(quote)]
    out += ["", "办理说明："]
    for index, item in enumerate(qualification_notes(quote), start=1):
        out += [f"{index}. {item['title']}", f"   {item['permits']}", f"   {item['time']}", "   所需材料："]
        out += [f"     {n}) {material}" for n, material in enumerate(item["materials"], start=1)]
        out.append("   办理步骤：")
        out += [f"     {n}. {step}" for n, step in enumerate(item["steps"], start=1)]
    return "\n".join(out) + "\n"


def _title(quote: dict) -> str:
    mark = STATUS_MARKS.get(quote["status"])
    return f"报价单{f'  【{mark}】' if mark else ''}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _rjust(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


# ---------------------------------------------------------------- Markdown

def as_markdown(quote: dict) -> str:
    """The document as Markdown, for email bodies and wikis."""
    company = header_lines(quote)
    out = [f"# {company[0]} · {_title(quote)}", "", *[f"{line}  " for line in company[1:]], ""]
    out += [f"- **{label}**：{_md(value)}" for label, value in facts(quote)]
    out += ["", "金额单位：人民币元", "", "| " + " | ".join(COLUMNS) + " |",
            "|" + "|".join(":--" if i < 2 else "--:" for i in range(len(COLUMNS))) + "|"]
    for row in line_cells(quote):
        out.append("| " + " | ".join(_md(cell).replace("\n", "<br>") for cell in row) + " |")
    out.append("")
    out += [f"- {label}：**{amount}**" for label, amount in totals(quote)]
    out += ["", f"**大写：{quote['total_in_words']}**", "", "## 说明", ""]
    out += [f"- {_md(note)}" for note in explanation(quote)]
    out += ["", "## 办理说明"]
    for index, item in enumerate(qualification_notes(quote), start=1):
        out += ["", f"### {index}. {_md(item['title'])}", "", _md(item["permits"]), "", f"- {item['time']}",
                "- 所需材料：", *[f"  - {_md(m)}" for m in item["materials"]],
                "- 办理步骤：", *[f"  {n}. {_md(s)}" for n, s in enumerate(item["steps"], start=1)]]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*")


# ---------------------------------------------------------------- PDF

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
    from zizhi.core.paths import write_private

    target = Path(path)
    write_private(target, bytes(_render(quote)))
    return target


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
