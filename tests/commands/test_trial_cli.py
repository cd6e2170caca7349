"""What a new user trying the demo ran into, run as real processes on the demo's data: a document
is written in the format its file's name says (a contradiction is a usage error), the risk
register keeps likelihood beside impact, the messages name the real problem, KPI rates read as the
README says, `kpi --explain` fits the terminal, and the inquiry channel is not the inquiries count."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from tests.commands.conftest import run_zizhi

NOW = "2026-12-04T10:00:00"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("trial")
    made = run_zizhi("demo", env_root=root, extra_env={"ZIZHI_NOW": NOW})
    assert made.returncode == 0, made.stderr
    return root


def zizhi(demo, who: str, *args: str, columns: int = 200, lang: str = "en"):
    return run_zizhi("--lang", lang, "--as", who, *args, env_root=demo,
                     extra_env={"COLUMNS": str(columns), "ZIZHI_NOW": NOW})


def refused(demo, who: str, *args: str) -> str:
    """The one line a usage mistake prints (exit 2), nothing on standard output."""
    done = zizhi(demo, who, *args)
    assert done.returncode == 2 and not done.stdout, (args, done.stdout, done.stderr)
    return done.stderr


DOCUMENTS = [  # who renders which document, and the suffixes it writes
    ("wang.fang", ("report", "quarterly", "render")),
    ("sun.li", ("dunning", "letter", "ZZ-2026-0017")),
    ("sun.li", ("ar", "statement", "绍兴森兴户外用品有限公司")),
    ("wang.fang", ("quote", "render", "1-v1")),
]


@pytest.mark.parametrize(("who", "command"), DOCUMENTS)
def test_a_format_the_file_name_contradicts_is_a_usage_error_and_nothing_is_written(demo, tmp_path, who, command):
    said = refused(demo, who, *command, "--format", "pdf", "-o", str(tmp_path / "x.md"))
    assert "--format pdf contradicts -o" in said and f"-o {tmp_path / 'x.pdf'}" in said
    said = refused(demo, who, *command, "--format", "md", "-o", str(tmp_path / "x.pdf"))
    assert "--format md contradicts -o" in said and f"-o {tmp_path / 'x.md'}" in said
    said = refused(demo, who, *command, "-o", str(tmp_path / "noext"))
    assert "its name does not say which format" in said and "--format" in said
    assert list(tmp_path.iterdir()) == []


def test_without_format_the_suffix_decides(demo, tmp_path):
    pdf, markdown = tmp_path / "季度总结.pdf", tmp_path / "季度总结.md"
    assert zizhi(demo, "wang.fang", "report", "quarterly", "render", "-o", str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert zizhi(demo, "wang.fang", "report", "quarterly", "render", "-o", str(markdown)).returncode == 0
    assert markdown.read_text(encoding="utf-8").startswith("# ")
    letter = tmp_path / "催款函.pdf"
    overdue = json.loads(zizhi(demo, "sun.li", "dunning", "due", "--json").stdout)["actions"][0]["contract"]
    assert zizhi(demo, "sun.li", "dunning", "letter", overdue, "-o", str(letter)).returncode == 0
    assert letter.read_bytes().startswith(b"%PDF-")
    named = tmp_path / "notes"  # no suffix, but the format said: written as asked
    assert zizhi(demo, "wang.fang", "report", "quarterly", "render", "--format", "md", "-o", str(named)).returncode == 0
    assert named.read_text(encoding="utf-8").startswith("# ")


def test_the_teams_pdf_names_the_real_problem(demo, tmp_path):
    said = refused(demo, "liu.yang", "kpi", "team", "-o", str(tmp_path / "t.pdf"), "--csv")
    assert "--csv prints the table" in said and "team's PDF" in said and ".pdf:" not in said
    assert "--json prints the table" in refused(demo, "liu.yang", "kpi", "team", "--pdf", "--json")
    said = refused(demo, "liu.yang", "kpi", "team", "-o", str(tmp_path / "t.xlsx"))
    assert "a PDF is only written under a .pdf name" in said and f"-o {tmp_path / 't.pdf'}" in said
    assert "name it with -o/--output" in refused(demo, "liu.yang", "kpi", "team", "--pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [("kpi",), ("kpi", "drill", "revenue"), ("kpi", "team"), ("report", "weekly"),
                                     ("report", "channels"), ("ar", "aging")])
def test_json_with_csv_is_a_usage_error_naming_both(demo, command):
    said = refused(demo, "liu.yang", *command, "--json", "--csv")
    assert "--json and --csv each print the whole answer: choose one" in said


def test_another_persons_quarterly_report_is_refused_as_the_reports_rule(demo):
    done = zizhi(demo, "wang.fang", "report", "quarterly", "--user", "li.qiang")
    assert done.returncode == 1 and "KPI" not in done.stderr
    assert "Only managers and admins read another person's quarterly report" in done.stderr


def test_a_past_quarters_report_can_be_filed_now(demo):
    shown = zizhi(demo, "wang.fang", "report", "quarterly", "--quarter", "2025Q3").stdout
    assert "it can be filed now: zizhi report quarterly file --quarter 2025Q3." in shown
    assert "2025-09-21" not in shown
    ahead = zizhi(demo, "wang.fang", "report", "quarterly").stdout  # 2026Q4 on 2026-12-04: not yet
    assert "it can be filed from 2026-12-" in ahead


def test_training_says_why_a_list_is_empty_and_who_must_train(demo):
    shown = zizhi(demo, "sun.li", "training", "list")
    assert shown.returncode == 0 and shown.stdout.startswith("No training on record for you (sun.li).")
    shown = zizhi(demo, "zhou.jing", "training", "overdue").stdout
    assert "0 of 0" not in shown and shown.startswith("Nobody you may see is due for continuing training")
    assert "required of sales on duty" in shown
    said = zizhi(demo, "zhou.jing", "training", "overdue", lang="zh", columns=80).stdout
    assert said.splitlines()[0].startswith("截至 2026-12-04，")  # Chinese breaks between characters, not after a word
    assert all(cell_len(line) <= 80 for line in said.splitlines())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_kpi_explain_is_wrapped_at_80_columns(demo, lang):
    shown = zizhi(demo, "wang.fang", "kpi", "--explain", columns=80, lang=lang).stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in shown), [line for line in shown if cell_len(line) > 80]
    assert any(line.startswith("  ") for line in shown)  # a definition's later lines stand under its name


@pytest.mark.parametrize("command", [("report", "channels"), ("report", "market"), ("report", "weekly"),
                                     ("export", "deals")])
def test_every_file_option_is_o_output_and_the_old_out_still_works(demo, tmp_path, command):
    helped = zizhi(demo, "liu.yang", *command, "--help").stdout
    assert "--output" in helped and "--out " not in helped
    for option, name in (("--output", "new.csv"), ("--out", "old.csv")):
        done = zizhi(demo, "liu.yang", *command, option, str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbf")  # CSV with its BOM, for Excel


def test_likelihood_stays_beside_impact_in_the_register_and_its_reviews(demo):
    note = "复查：政策公告已发布，影响范围缩小，但报价中仍需提示客户注意变更条款，并每周通报"
    reviewed = zizhi(demo, "zhou.jing", "risk", "review", "1", "--note", note, "--likelihood", "2")
    assert reviewed.returncode == 0, reviewed.stderr
    shown = zizhi(demo, "zhou.jing", "risk", "show", "1", columns=80).stdout.splitlines()
    reviews = shown[shown.index("Reviews:") + 1:]
    assert reviews[0].split()[:3] == ["reviewed", "by", "L×I"] and "2×4" in reviews[1]
    assert reviews[1].endswith("…") and all(cell_len(line) <= 80 for line in reviews)
    listed = zizhi(demo, "zhou.jing", "risk", "list", columns=100)
    assert "likelihood" not in listed.stderr  # nothing of the rating left out
    row = next(line for line in listed.stdout.splitlines() if line.split()[0] == "1")
    assert "2×4" in row and cell_len(row) <= 100
    cut = [line for line in listed.stdout.splitlines() if "…" in line]
    # the description has all the room the other columns leave: a row it was cut in fills 99–100 cells
    assert cut and all(cell_len(line) >= 99 for line in cut)


def test_kpi_rates_read_to_two_decimals_as_the_readme_says(demo):
    shown = zizhi(demo, "wang.fang", "kpi").stdout
    rates = [word for line in shown.splitlines() for word in line.split() if word.endswith("%")]
    assert rates and all(len(word.rstrip("%").partition(".")[2]) == 2 for word in rates), rates
    team = zizhi(demo, "liu.yang", "kpi", "team").stdout
    assert "%" in team and all(len(w.rstrip("%").partition(".")[2]) == 2 for w in team.split() if w.endswith("%"))


def test_in_chinese_the_inquiry_channel_and_the_inquiries_count_have_different_names(demo, tmp_path):
    shown = zizhi(demo, "liu.yang", "report", "channels", lang="zh").stdout.splitlines()
    heads = next(line.split() for line in shown if line.startswith("渠道 "))
    assert "询盘数" in heads and "咨询" not in heads
    assert any(line.split()[:1] == ["咨询"] for line in shown)  # the channel keeps its name
    sheet = tmp_path / "渠道.csv"
    assert zizhi(demo, "liu.yang", "report", "channels", "-o", str(sheet), lang="zh").returncode == 0
    header = sheet.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "询盘数" in header and "咨询" not in header
    from zizhi.core import i18n
    from zizhi.tui.messages.reports import MESSAGES

    i18n.choose_language("zh")
    try:  # the app's channel table (col.inquiries) and weekly review read the same words
        assert i18n.t("col.inquiries") == "询盘数" != i18n.t("channel.inquiry") == "咨询"
        assert MESSAGES["tui.reports.week.opened"][1] == i18n.t("report.col.opened") == "新询盘"
    finally:
        i18n.choose_language("en")
