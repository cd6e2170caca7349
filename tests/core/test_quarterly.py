"""The quarterly personal report, as a salesperson and their manager live it, on a small story:

- Li signs client 甲 on 2026-10-10 (¥2,862.00, two instalments of ¥1,431.00); finance records the
  prepayment ¥1,431.00 on 10-20. So Li's 2026Q4 so far: revenue ¥1,431.00, contract value
  ¥2,862.00, one new client.
- The shipped ``quarterly_report_days`` is 10: a 2026Q4 report may be filed from 2026-12-22.
- In some tests the rest, ¥1,431.00, arrives on 12-28 — after Li filed on 12-23 — so Li's live
  revenue becomes ¥2,862.00 while the filed report keeps ¥1,431.00.
"""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_contracts import TOTAL
from tests.core.test_kpi import HALF, signed_on
from zizhi.core import clock
from zizhi.core.errors import InputError, Refused, UsageMistake, UserError
from zizhi.core.people import users as people
from zizhi.core.quarterly import document, render, reports, sections
from zizhi.core.receivables import ledger
from zizhi.core.reminders import marks
from zizhi.core.reminders.agenda import agenda


@pytest.fixture
def sold(li, wang, manager, finance):
    first = signed_on(li, "2026-10-10", "甲进出口贸易有限公司")
    with clock.travel("2026-10-20 10:00"):
        ledger.record_payment(finance, None, HALF, "2026-10-20", contract_ref=first["contract"]["id"])
    return first


@pytest.fixture
def filed(sold, li):
    """Li's report written in November and filed on 12-23."""
    reports.write_sections(li, {"results": "签约 1 家新客户。", "problems": "回款慢。"})
    with clock.travel("2026-12-23 15:00"):
        return reports.file_report(li)


def audits(desk, action: str) -> list[str]:
    return [row[0] for row in desk.store.tuples("SELECT detail FROM audit WHERE action = ? ORDER BY id", [action])[1]]


def test_a_quarter_not_yet_written_reads_as_an_empty_draft_with_the_live_figures_and_writes_nothing(sold, li, rows):
    before = rows(li, "audit")
    found = reports.report(li)
    assert (found["quarter"], found["status"], found["saved"], found["opens"]) == ("2026Q4", "draft", False, "2026-12-22")
    assert (found["figures"]["revenue"], found["figures"]["contract_value"], found["figures"]["new_clients"]) == (
        HALF, TOTAL, 1)
    assert found["sections"] == {"results": "", "problems": "", "solutions": "", "plans": ""}
    assert (found["live"], found["changed"]) == (None, [])
    assert (rows(li, "quarterly_reports"), rows(li, "audit")) == (0, before)


def test_a_section_written_leaves_the_others_as_they_were_and_nothing_changed_writes_nothing(sold, li, rows):
    reports.write_sections(li, {"results": "\n\n签约 1 家新客户。\n\n"})
    found = reports.write_sections(li, {"problems": "回款慢。\r\n第二行  "})
    assert found["sections"] == {"results": "签约 1 家新客户。", "problems": "回款慢。\n第二行", "solutions": "",
                                 "plans": ""}
    assert found["written"] == ["problems"]
    assert reports.write_sections(li, {"results": "签约 1 家新客户。", "plans": None})["unchanged"] is True
    assert len(audits(li, "quarterly.edit")) == 2
    with pytest.raises(InputError) as bad:
        reports.write_sections(li, {"summary": "x"})
    assert bad.value.message() == "section: 'summary' is not one of results, problems, solutions, plans."


def test_a_report_is_filed_from_the_quarters_last_ten_days_and_not_empty(sold, li, rows):
    reports.write_sections(li, {"results": "签约 1 家新客户。"})
    with clock.travel("2026-12-21 18:00"), pytest.raises(UserError) as early:
        reports.file_report(li)
    assert early.value.message() == ("The report for 2026Q4 can be filed from 2026-12-22 (the quarter ends 2026-12-31); "
                                     "until then keep writing it: zizhi report quarterly edit.")
    with clock.travel("2026-12-22 08:00"):
        assert reports.file_report(li)["filed_at"] == "2026-12-22 08:00:00"
    with clock.travel("2027-01-05 10:00"), pytest.raises(UserError) as again:
        reports.file_report(li, "2026Q4")
    assert again.value.key == "quarterly.already_filed"
    with clock.travel("2027-01-05 10:00"), pytest.raises(UserError) as empty:  # last quarter: over, but empty
        reports.file_report(li, "2026Q3")
    assert empty.value.key == "quarterly.empty"
    assert len(audits(li, "quarterly.file")) == 1


def test_filing_freezes_the_figures_and_a_later_payment_shows_beside_them_as_today(filed, sold, li, finance, manager):
    assert filed["figures"]["revenue"] == HALF and filed["status"] == "filed"
    with clock.travel("2026-12-28 10:00"):
        ledger.record_payment(finance, None, TOTAL - HALF, "2026-12-28", contract_ref=sold["contract"]["id"])
    with clock.travel("2027-01-05 10:00"):
        found = reports.report(manager, "li", "2026Q4")
    assert (found["figures"]["revenue"], found["live"]["revenue"]) == (HALF, TOTAL)
    assert found["changed"] == ["revenue"]
    assert found["figures"]["contract_value"] == found["live"]["contract_value"] == TOTAL
    table = document.as_markdown(found)
    assert "| 销售额 * | ¥1,431.00 |  |  | ¥2,862.00 |" in table
    assert "| 签约额 | ¥2,862.00 |  |  |  |" in table
    assert document.CHANGED_NOTE in table


def test_a_filed_report_is_kept_as_filed(filed, li):
    with pytest.raises(UserError) as kept:
        reports.write_sections(li, {"plans": "补充"}, "2026Q4")
    assert kept.value.message() == ("Your report for 2026Q4 was filed at 2026-12-23 15:00:00 and is kept as filed; "
                                    "it can no longer be changed.")
    with pytest.raises(UserError):
        reports.require_editable(li, "2026Q4")
    with pytest.raises(sqlite3.DatabaseError, match="kept as filed"), li.store.unit_of_work() as db:
        db.execute("UPDATE quarterly_reports SET problems = 'changed behind its back'")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"), li.store.unit_of_work() as db:
        db.execute("DELETE FROM quarterly_reports")
    assert reports.report(li, quarter="2026Q4")["sections"]["problems"] == "回款慢。"


def test_only_a_manager_or_admin_reviews_and_only_a_filed_report(filed, li, wang, manager, finance, desk):
    for someone in (li, wang, finance):
        with pytest.raises(Refused) as refused:
            reports.review(someone, "li", "2026Q4", "很好")
        assert refused.value.key == "quarterly.reviewers_only"
    with pytest.raises(UserError) as unfiled:
        reports.review(manager, "wang", "2026Q4", "很好")
    assert unfiled.value.message() == "wang has not filed a report for 2026Q4; only a filed report is reviewed."
    with pytest.raises(InputError):
        reports.review(manager, "li", "2026Q4", "   ")
    with clock.travel("2027-01-04 10:00"):
        found = reports.review(manager, "li", "2026Q4", "回款跟进到位。")
    assert (found["status"], found["reviewed_by"], found["reviewer"], found["review_comment"]) == (
        "reviewed", "zhao", "赵经理", "回款跟进到位。")
    with clock.travel("2027-01-05 10:00"):
        again = reports.review(desk, "li", "2026Q4", "同意经理意见。")
    assert (again["reviewed_by"], again["review_comment"], again["reviewed_at"]) == (
        "boss", "同意经理意见。", "2027-01-05 10:00:00")
    assert len(audits(li, "quarterly.review")) == 2 and "回款跟进到位" in audits(li, "quarterly.review")[1]
    with pytest.raises(UserError):  # reviewed is still filed: the author cannot change it
        reports.write_sections(li, {"plans": "x"}, "2026Q4")


def test_a_salesperson_reads_and_writes_their_own_and_managers_read_anyones(sold, li, wang, manager, finance):
    reports.write_sections(li, {"results": "草稿"})
    with pytest.raises(Refused) as other:
        reports.report(wang, "li")
    assert other.value.key == "quarterly.others_managers_only"
    with pytest.raises(Refused):
        reports.report(finance)
    assert reports.report(manager, "li")["sections"]["results"] == "草稿"  # a draft too
    with pytest.raises(Refused) as author:
        reports.write_sections(manager, {"results": "经理写的"})
    assert author.value.message() == "Quarterly reports are written and filed by salespeople, each their own (your role is manager)."
    with pytest.raises(InputError) as future:
        reports.write_sections(li, {"results": "下季度"}, "2027Q1")
    assert future.value.key == "quarterly.future"


def test_the_roster_says_who_filed_and_who_was_reviewed(filed, li, wang, manager):
    with clock.travel("2027-01-04 10:00"):
        reports.review(manager, "li", "2026Q4", "好")
    with pytest.raises(Refused):
        reports.roster(li, "2026Q4")
    found = reports.roster(manager, "2026Q4")
    assert [(p["login"], p["status"], p["reviewed_by"]) for p in found["people"]] == [
        ("li", "reviewed", "zhao"), ("wang", "none", None)]
    assert found["counts"] == {"none": 1, "draft": 0, "filed": 0, "reviewed": 1}


def due(desk, day: str, login: str) -> list[dict]:
    return [r for p in agenda(desk, day, kinds=["quarterly_report"])["people"] if p["login"] == login
            for r in p["reminders"]]


def test_the_quarter_end_reminder_comes_in_the_last_ten_days_and_goes_when_the_report_is_filed(sold, li, desk, add_sales):
    people.add_user(desk, "sun", "孙新人", "sales")  # in training: not on duty, not asked
    assert due(desk, "2026-12-21", "li") == []
    [reminder] = due(desk, "2026-12-22", "li")
    assert (reminder["key"], reminder["command"]) == ("quarterly_report:quarter:2026Q4:2026-12-22",
                                                      "zizhi report quarterly edit --quarter 2026Q4")
    assert reminder["message"] == "remind.quarterly_report"
    assert [r["key"] for r in due(desk, "2026-12-22", "wang")] == [reminder["key"]]
    assert due(desk, "2026-12-22", "sun") == []
    with clock.travel("2026-12-22 09:00"), pytest.raises(UserError) as not_done:
        marks.mark_done(li, reminder["key"])
    assert not_done.value.key == "remind.settled_by_command"
    reports.write_sections(li, {"results": "签约 1 家。"})
    assert due(desk, "2026-12-23", "li")[0]["message"] == "remind.quarterly_report_draft"
    with clock.travel("2026-12-23 09:00"):
        reports.file_report(li)
    assert due(desk, "2026-12-23", "li") == []
    assert due(desk, "2027-01-05", "li") == []
    assert [r["key"] for r in due(desk, "2027-01-05", "wang")] == [reminder["key"]]  # last quarter's, still unfiled
    assert [r["record"] for r in due(desk, "2027-03-25", "wang")] == ["quarter:2026Q4", "quarter:2027Q1"]
    assert [r["record"] for r in due(desk, "2027-04-05", "wang")] == ["quarter:2027Q1"]  # older ones drop off


def test_a_salesperson_who_joined_after_the_quarter_is_not_asked_for_it(sold, desk, add_sales):
    with clock.travel("2027-01-02 09:00"):
        add_sales("xu", "徐新")
    assert due(desk, "2027-01-05", "xu") == []
    assert due(desk, "2027-01-05", "li") != []


def test_a_trainee_who_passed_only_after_the_quarter_owes_no_report_for_it_and_is_listed_apart(sold, desk, manager):
    people.add_user(desk, "sun", "孙新人", "sales")  # joined in November, in training
    people.add_user(desk, "xu", "徐见习", "sales")  # not through onboarding at all
    with clock.travel("2027-01-03 09:00"):
        people.record_exam(desk, "sun", 90)  # on duty from 2027-01-03: after 2026Q4 ended
    assert due(desk, "2027-01-05", "sun") == []  # on duty now, but not in 2026Q4
    assert [r["record"] for r in due(desk, "2027-03-25", "sun")] == ["quarter:2027Q1"]
    found = reports.roster(manager, "2026Q4")
    assert [p["login"] for p in found["people"]] == ["li", "wang"]
    assert found["counts"]["none"] == 2
    assert [p["login"] for p in found["not_on_duty"]] == ["sun", "xu"]
    assert [p["login"] for p in reports.roster(manager, "2027Q1")["not_on_duty"]] == ["xu"]


SECTION = st.lists(st.text(st.sampled_from(list("ab #<!-\\签约回款 \t")), max_size=12), max_size=5).map(
    lambda lines: "\n".join(line.rstrip() for line in lines).strip("\n"))


@settings(max_examples=150, deadline=None)
@given(texts=st.tuples(SECTION, SECTION, SECTION, SECTION))
def test_any_sections_make_the_round_trip_through_the_editors_markdown(texts):
    written = dict(zip(sections.TITLES, texts))
    found = {"quarter": "2026Q4", "name": "李娜", "login": "li", "sections": written}
    assert sections.parsed(sections.editable(found)) == written


def test_the_editors_markdown_keeps_a_deleted_section_empty_and_refuses_a_heading_it_does_not_know():
    text = "# title\n<!-- hint -->\n## 工作成果 · Results\n\n签约 12 家。\n\n### 小标题\n细节\n\n## Plans for next quarter\n开发新客户\n"
    assert sections.parsed(text) == {"results": "签约 12 家。\n\n### 小标题\n细节", "problems": "", "solutions": "",
                                     "plans": "开发新客户"}
    with pytest.raises(InputError) as unknown:
        sections.parsed("## 工作成果\nx\n## 心得\ny\n")
    assert unknown.value.message().startswith("line 3: '## 心得' is not a section's heading; keep the headings ## 工作成果")
    with pytest.raises(InputError) as twice:
        sections.parsed("## results\nx\n## 工作成果\ny\n")
    assert twice.value.message() == "line 3: '## 工作成果' repeats the heading of line 1; each section once."


def test_renderings_are_audited_exports_and_the_pdf_reads_back_in_chinese(filed, li, manager, tmp_path, rows):
    from pypdf import PdfReader

    with clock.travel("2027-01-04 10:00"):
        reports.review(manager, "li", "2026Q4", "回款跟进到位。")
    markdown = render.render_report(li, None, "2026Q4", "md")
    assert markdown.startswith("# 2026Q4 季度个人工作总结 — 李娜\n") and "## 遇到的问题\n\n回款慢。" in markdown
    assert "## 经理审阅意见\n\n回款跟进到位。" in markdown
    path = render.render_report(manager, "li", "2026Q4", "pdf", str(tmp_path / "总结.pdf"))
    reader = PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    assert len(reader.pages) == 1
    for words in ("2026Q4 季度个人工作总结", "李娜（li）", "¥1,431.00", "工作成果", "签约 1 家新客户。", "回款跟进到位。"):
        assert words in text
    exports = li.store.rows("SELECT user_id, detail FROM audit WHERE action = 'quarterly_report.export' ORDER BY id")
    assert len(exports) == 2 and '"format": "pdf"' in exports[1]["detail"] and '"user": "li"' in exports[1]["detail"]
    with pytest.raises(UsageMistake) as no_file:
        render.render_report(li, None, "2026Q4", "pdf")
    assert no_file.value.message() == "A PDF is written to a file: name it with -o/--output, e.g. -o 季度总结.pdf."


def test_the_team_pdf_has_the_table_and_a_bar_chart_per_chosen_metric(filed, li, manager, tmp_path):
    from pypdf import PdfReader

    path = render.render_team(manager, "2026Q4", "revenue", None, str(tmp_path / "团队.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(path).pages).replace("\x00", "")
    assert "2026Q4 团队业绩对比" in text and "李娜" in text and "王强" in text
    assert text.count("（柱状图）") == 6
    one = render.render_team(manager, "2026Q4", "win_rate", ["contracts"], str(tmp_path / "一张.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(one).pages).replace("\x00", "")
    assert text.count("（柱状图）") == 1 and "签约额（柱状图）" in text and "按赢单率排名" in text
    with pytest.raises(Refused):
        render.render_team(li, "2026Q4", "revenue", None, str(tmp_path / "不行.pdf"))
    assert not (tmp_path / "不行.pdf").exists()


@pytest.mark.parametrize("role, reads, writes, reviews", [
    ("sales", True, True, False), ("manager", True, False, True), ("admin", True, False, True),
    ("legal", False, False, False), ("finance", False, False, False), ("operations", False, False, False)])
def test_who_reads_writes_and_reviews_is_asked_of_one_place_the_app_offers_its_keys_by(role, reads, writes, reviews):
    user = {"role": role}

    def allowed(check) -> bool:
        try:
            check(user)
        except Refused:
            return False
        return True

    assert (allowed(reports.require_reader), allowed(reports.require_author), allowed(reports.require_reviewer)) == \
        (reads, writes, reviews)
    if not reads:
        with pytest.raises(Refused) as refused:
            reports.require_reader(user)
        assert refused.value.message("en").startswith("Quarterly reports are read by salespeople (their own)")
