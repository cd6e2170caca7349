"""The formal dunning letter (催款函): the overdue instalments with amounts and days late, their
total in figures and in words, the contract's penalty clause and how to pay — in Markdown and in
a PDF whose Chinese text reads back as written."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.core.test_dunning import owing
from zizhi.core.documents.dunning_render import render_letter
from zizhi.core.errors import InputError, UsageMistake, UserError
from zizhi.core.receivables import ledger


@pytest.fixture
def late(li, finance):
    """¥1,000.00 due 28 September, ¥300.00 of it paid; the second instalment not yet due."""
    contract = owing(li)
    ledger.record_payment(finance, contract["client_id"], "300", "2026-10-16", contract_ref=contract["id"])
    return contract


def test_the_letter_lists_what_is_overdue_with_the_penalty_clause(li, late):
    text = render_letter(li, "宁波海天国际贸易有限公司")
    assert "# 催 款 函" in text and "致：**宁波海天国际贸易有限公司**" in text
    assert f"| {late['number']} | 第 1 期 | 2026-09-28 | 1,000.00 | 300.00 | 700.00 | 60 天 |" in text
    assert "第 2 期" not in text  # not yet due
    assert "**人民币 700.00 元**（大写：人民币柒佰元整）" in text and "截至2026年11月27日" in text
    assert f"合同 {late['number']} 约定：任何一方违反本合同约定的" in text and "0.05%" in text
    assert "## 付款方式" in text and "汇款时请注明合同编号" in text and "7 个工作日内" in text
    assert render_letter(li, late["number"]).count("第 1 期") == 1


def test_the_pdf_reads_back_in_chinese(li, late, tmp_path):
    target = tmp_path / "催款函.pdf"
    assert render_letter(li, late["number"], "pdf", str(target)) == str(target)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    squeezed = re.sub(r"[\s\x00]", "", text)  # fpdf2's CID text extracts with NULs between characters
    for words in ("催款函", "宁波海天国际贸易有限公司", late["number"], "700.00", "人民币柒佰元整", "60天",
                  "违约责任", "滞纳金", "付款方式", "2026年11月27日"):
        assert words in squeezed, words


def test_nothing_overdue_makes_no_letter(li, late, finance):
    with pytest.raises(UserError, match="nothing overdue on 2026-09-28"):
        render_letter(li, late["number"], as_of="2026-09-28")
    with pytest.raises(UsageMistake, match="-o/--output"):
        render_letter(li, late["number"], "pdf")
    with pytest.raises(InputError, match="not one of md, pdf"):
        render_letter(li, late["number"], "docx")
