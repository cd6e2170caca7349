"""The document the client receives: capital numerals, terminal text, Markdown and a PDF whose
Chinese text is set in an embedded font."""

from __future__ import annotations

import os
import re
import sys

import pytest

from tests.core.quoting import CLIENT
from zizhi.core.documents import quote_markdown, quote_pdf, quote_text
from zizhi.core.errors import UserError
from zizhi.core.numerals import capital_amount
from zizhi.core.pipeline import quotes


@pytest.mark.parametrize(("fen", "words"), [
    (5, "人民币伍分"),                                     # 0.05: no 元, no 零
    (1_000, "人民币壹拾元整"),                               # 10.00: 壹拾 in full, 整 after 元
    (10_000_100, "人民币壹拾万零壹元整"),                     # 100,001.00: one 零 for the run of zeros
    (100_000_010, "人民币壹佰万元壹角整"),                     # 1,000,000.10: 整 after 角
    (1_234_560, "人民币壹万贰仟叁佰肆拾伍元陆角整"),
    (0, "人民币零元整"),
    (50, "人民币伍角整"),
    (140_950, "人民币壹仟肆佰零玖元伍角整"),
    (600_714, "人民币陆仟零柒元壹角肆分"),                    # nothing after 分
    (32_504, "人民币叁佰贰拾伍元零肆分"),                     # a zero 角 before 分 is written
    (10_700_053, "人民币壹拾万柒仟元伍角叁分"),
    (10_000_100_000, "人民币壹亿零壹仟元整"),                 # a whole empty 万 group after 亿
    (1_000_100_000_000, "人民币壹佰亿零壹佰万元整"),
    (123_456_789_012_34, "人民币壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分"),
    (-35_000, "人民币负叁佰伍拾元整"),
])
def test_amounts_in_capital_numerals(fen, words):
    assert capital_amount(fen) == words


def test_the_text_explains_every_figure(li, quote):
    text = quote_text.as_text(quotes.set_terms(li, quote["id"], expedited=True))
    assert CLIENT in text and f"报价单号  {quote['number']}" in text and "【草稿（未发送）】" in text
    assert "政府规费 0.00 × 2（代收代付，不计税）" in text
    assert re.search(r"服务费 1,200.00 × 2 +¥2,400.00", text)
    assert re.search(r"加急费 30% +\+ +¥720.00", text) and re.search(r"增值税 6% +\+ +¥187.20", text)
    assert re.search(r"报价总额 +¥5,374.20", text) and "大写：人民币伍仟叁佰柒拾肆元贰角整" in text
    assert "有效期至  2026-12-27" in text and "标准办理时间约 5 天；证书有效期：长期有效" in text
    assert "     1) 营业执照副本复印件" in text and "     2. 海关审核" in text


def test_the_markdown_table_has_a_row_per_line_and_the_totals(quote):
    markdown = quote_markdown.as_markdown(quote)
    rows = [row for row in markdown.splitlines() if row.startswith("| ")]
    assert len(rows) == 1 + len(quote["lines"]) + 1  # headings, lines, 合计
    assert rows[-1].startswith("|  | 合计 |") and rows[-1].endswith("| 4,134.00 |")
    assert "**大写：人民币肆仟壹佰叁拾肆元整**" in markdown


def test_the_pdf_embeds_its_chinese_font_and_reads_back(li, quote, send, tmp_path):
    from pypdf import PdfReader

    sent = quotes.get_quote(li, send(quotes.set_line(li, quote["id"], "TRADE-RIGHTS", discount="5%"))["id"])
    path = quote_pdf.as_pdf(sent, tmp_path / "报价单.pdf")
    assert path.read_bytes().startswith(b"%PDF-") and oct(os.stat(path).st_mode & 0o777) == "0o600"
    reader = PdfReader(path)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"]).split("+")[-1]] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts == {"NotoSansSC": True, "NotoSerifSC": True}
    # pypdf reads fpdf2's embedded Identity encoding CMap as one-byte codes and puts a NUL before
    # every character; poppler's pdftotext reads the same file cleanly.
    text = re.sub(r"[\s\x00]", "", "".join(page.extract_text() for page in reader.pages))
    assert CLIENT in text and sent["total_in_words"] in text and "人民币肆仟零伍拾肆元伍角整" in text
    assert "海关进出口货物收发货人备案" in text and "营业执照副本复印件" in text


def test_a_missing_font_package_is_a_clear_error(quote, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pylopdf_fonts_zh_cn", None)
    with pytest.raises(UserError, match="pip install pylopdf-fonts-zh-cn"):
        quote_pdf.as_pdf(quote, tmp_path / "q.pdf")
    assert not (tmp_path / "q.pdf").exists()
