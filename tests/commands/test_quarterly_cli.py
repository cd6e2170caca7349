"""`zizhi report quarterly` as a salesperson and their manager use it at quarter end: write the report
in $EDITOR (here a small script standing in for the person), or by section from a script; file it;
the manager reviews it and sees who has filed; render it as Markdown and a Chinese PDF; and the
team's comparison as a PDF. The commands' day is 2026-11-27 unless a test moves ZIZHI_NOW on."""

from __future__ import annotations

import sys

import pytest
from pypdf import PdfReader

from tests.core.test_contracts import TOTAL
from tests.core.test_kpi import HALF, signed_on
from zizhi.core import clock
from zizhi.core.desk import open_desk
from zizhi.core.receivables import ledger

EDITOR = '''import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("## 工作成果 · Results\\n", "## 工作成果 · Results\\n签约宁波甲，回款一半。\\n", 1)
text = text.replace("## 下季度计划 · Plans for next quarter\\n", "## 下季度计划 · Plans for next quarter\\n开发 3 家新客户。\\n", 1)
open(path, "w", encoding="utf-8").write(text)
'''


@pytest.fixture
def sold(cli, env):
    """Li signed 宁波甲 on 10-10 (¥2,862.00) and was paid its prepayment (¥1,431.00) on 10-20."""
    cli("user", "add", "qian", "--name", "钱会计", "--role", "finance")
    li, finance = open_desk(env / "zizhi.db", "li", "en"), open_desk(env / "zizhi.db", "qian", "en")
    try:
        first = signed_on(li, "2026-10-10", "宁波甲进出口贸易有限公司")
        with clock.travel("2026-10-20 10:00"):
            ledger.record_payment(finance, None, HALF, "2026-10-20", contract_ref=first["contract"]["id"])
    finally:
        li.close()
        finance.close()
    return cli


@pytest.fixture
def editor(tmp_path, monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return script


def test_written_in_the_editor_filed_in_the_last_days_reviewed_and_listed(sold, editor, monkeypatch):
    said = sold("report", "quarterly", "edit", user="li").stdout
    assert said == "Saved your 2026Q4 report: results, plans for next quarter.\n"
    shown = sold("report", "quarterly", user="li").stdout
    assert shown.startswith("Quarterly report of 李娜 (li), 2026Q4 (2026-10-01 – 2026-12-31): draft\n"
                            "Not filed; it can be filed from 2026-12-22 (zizhi report quarterly file).\n")
    assert "## results\n签约宁波甲，回款一半。\n\n## problems met\n(nothing written)\n" in shown
    assert [line.split()[-1] for line in shown.splitlines() if line.startswith("revenue")] == ["¥1,431.00"]

    early = sold("report", "quarterly", "file", user="li", code=1)
    assert early.stderr.startswith("zizhi: The report for 2026Q4 can be filed from 2026-12-22")
    monkeypatch.setenv("ZIZHI_NOW", "2026-12-23T16:00:00")
    assert sold("report", "quarterly", "file", user="li").stdout == (
        "Filed your report for 2026Q4 at 2026-12-23 16:00:00; your manager reviews it next.\n")
    kept = sold("report", "quarterly", "edit", "--section", "plans", "--text", "改", user="li", code=1)
    assert "was filed at 2026-12-23 16:00:00 and is kept as filed" in kept.stderr

    assert sold("report", "quarterly", "review", "--user", "li", "--quarter", "2026Q4", "--comment", "好",
                user="zhao", code=1).stderr.startswith("zizhi: Only managers and admins review")
    monkeypatch.setenv("ZIZHI_NOW", "2027-01-04T10:00:00")
    assert sold("report", "quarterly", "review", "--user", "li", "--quarter", "2026Q4", "--comment",
                "回款跟进到位，下季度加强新客户开发", user="chen").stdout == "Reviewed the report of li for 2026Q4.\n"
    roster = sold("report", "quarterly", "list", "--quarter", "2026Q4", user="chen").stdout.splitlines()
    assert roster[0] == ("Quarterly reports, 2026Q4 (2026-10-01 – 2026-12-31; filing from 2026-12-22): 1 of 1 filed "
                         "(1 reviewed), 0 in draft, 0 not begun")
    assert roster[2].split() == ["李娜", "(li)", "reviewed", "2026-12-23", "16:00:00", "2027-01-04", "10:00:00", "chen"]
    # 赵强 has not passed the onboarding exam: not on duty in 2026Q4, so he owes no report for it
    assert roster[3] == "Owe no report — not on duty in 2026Q4 (onboarding exam not passed by its end): 赵强 (zhao)."
    assert sold("report", "quarterly", "list", user="li", code=1).stderr.startswith("zizhi: Only managers and admins see")
    data = sold.json("report", "quarterly", "--user", "li", "--quarter", "2026Q4", user="chen")
    assert (data["status"], data["review_comment"], data["figures"]["revenue"]) == (
        "reviewed", "回款跟进到位，下季度加强新客户开发", HALF)


def test_a_script_sets_sections_and_loads_a_file_and_bad_input_is_one_line(sold, tmp_path, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    before = sold.dump()
    no_editor = sold("report", "quarterly", "edit", user="li", code=2)
    assert no_editor.stderr == "zizhi: No editor: set $EDITOR, or give --section with --text, or --from-file.\n"
    assert sold("report", "quarterly", "edit", "--text", "x", user="li", code=2).stderr.count("\n") == 1
    bad = sold("report", "quarterly", "edit", "--section", "summary", "--text", "x", user="li", code=65)
    assert bad.stderr == "zizhi: section: 'summary' is not one of results, problems, solutions, plans.\n"
    assert sold("report", "quarterly", "edit", "--section", "results", "--text", "x", user="chen", code=1).stderr == (
        "zizhi: Quarterly reports are written and filed by salespeople, each their own (your role is manager).\n")
    assert sold.dump() == before
    assert sold("report", "quarterly", "edit", "--section", "problems", "--text", "回款慢", user="li").stdout == (
        "Saved your 2026Q4 report: problems met.\n")
    page = tmp_path / "总结.md"
    page.write_text("## 解决方案\n按催收流程跟进。\n## 心得\n", encoding="utf-8")
    refused = sold("report", "quarterly", "edit", "--from-file", str(page), user="li", code=65)
    assert refused.stderr.startswith("zizhi: line 3: '## 心得' is not a section's heading")
    page.write_text("\ufeff## 解决方案\n按催收流程跟进。\n", encoding="utf-8")
    sold("report", "quarterly", "edit", "--from-file", str(page), user="li")
    data = sold.json("report", "quarterly", user="li")
    assert data["sections"] == {"results": "", "problems": "", "solutions": "按催收流程跟进。", "plans": ""}


def test_an_edit_the_file_cannot_take_is_kept_for_the_person_to_fix(sold, tmp_path, monkeypatch):
    script = tmp_path / "bad_editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write('\\n## 心得\\n很多\\n')\n",
                      encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    refused = sold("report", "quarterly", "edit", user="li", code=65)
    kept = refused.stderr.rsplit("--from-file ", 1)[1].strip().rstrip(".")
    assert "## 心得\n很多" in open(kept, encoding="utf-8").read()
    assert sold.json("report", "quarterly", user="li")["saved"] is False
    failing = tmp_path / "quit_editor.py"
    failing.write_text("raise SystemExit(3)\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {failing}")
    assert sold("report", "quarterly", "edit", user="li", code=1).stderr.endswith("stopped with 3; nothing was saved.\n")


def test_rendered_as_markdown_and_a_chinese_pdf_and_the_team_as_a_pdf_with_bars(sold, tmp_path, monkeypatch, env):
    sold("user", "exam", "zhao", "90")  # on duty in 2026Q4, so on the team's page
    sold("report", "quarterly", "edit", "--section", "results", "--text", "签约宁波甲。", user="li")
    monkeypatch.setenv("ZIZHI_NOW", "2027-01-04T10:00:00")
    sold("report", "quarterly", "file", "--quarter", "2026Q4", user="li")
    finance = open_desk(env / "zizhi.db", "qian", "en")
    try:  # money recorded later, dated in the quarter: the filed figure stays, today's shows beside it
        with clock.travel("2027-01-05 10:00"):
            ledger.record_payment(finance, None, TOTAL - HALF, "2026-12-30", contract_ref=1)
    finally:
        finance.close()
    markdown = sold("report", "quarterly", "render", "--quarter", "2026Q4", user="li").stdout
    assert "| 销售额 * | ¥1,431.00 |  |  | ¥2,862.00 |" in markdown and "## 工作成果\n\n签约宁波甲。" in markdown
    shown = sold("report", "quarterly", "--quarter", "2026Q4", user="li").stdout
    assert "revenue *" in shown and "* changed since filing; 'now' is today's figure." in shown

    target = tmp_path / "季度总结.pdf"
    assert sold("report", "quarterly", "render", "--quarter", "2026Q4", "--user", "li", "--format", "pdf", "-o",
                str(target), user="chen").stdout.strip() == str(target)
    reader = PdfReader(target)
    text = "".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    assert len(reader.pages) == 1 and "2026Q4 季度个人工作总结" in text and "签约宁波甲。" in text
    assert "¥1,431.00" in text and "¥2,862.00" in text
    assert sold("report", "quarterly", "render", "--format", "pdf", user="li", code=2).stderr == (
        "zizhi: A PDF is written to a file: name it with -o/--output, e.g. -o 季度总结.pdf.\n")

    team = tmp_path / "团队.pdf"
    sold("kpi", "team", "--quarter", "2026Q4", "--pdf", "-o", str(team), user="chen")
    reader = PdfReader(team)
    text = "".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    assert reader.pages and text.count("（柱状图）") == 6 and "李娜" in text and "赵强" in text
    sold("kpi", "team", "--pdf", "--chart", "revenue,new_clients", "-o", str(team), user="chen")
    assert "".join(p.extract_text() for p in PdfReader(team).pages).replace("\x00", "").count("（柱状图）") == 2
    assert sold("kpi", "team", "--pdf", "-o", str(tmp_path / "x.pdf"), user="li", code=1).stderr.startswith(
        "zizhi: Only managers and admins")
    for asked, said in ((("--csv", "-o", str(tmp_path / "t.csv")), "--csv prints the table"),
                        (("-o", str(tmp_path / "t.xlsx")), "a PDF is only written under a .pdf name"),
                        (("--pdf",), "A PDF is written to a file")):
        refused = sold("kpi", "team", *asked, user="chen", code=2)  # never a PDF under another name
        assert said in refused.stderr
    assert not (tmp_path / "t.csv").exists() and not (tmp_path / "t.xlsx").exists()
    exported = sold.json("audit", "list", "--action", "quarterly_report.export", user="chen")
    assert len(exported) == 2  # the Markdown and the PDF; reading it on the screen is no export
    assert len(sold.json("audit", "list", "--action", "kpi.export", user="chen")) >= 2
