"""The KPIs, reports and registers as a new user reads them in an 80- or 120-column terminal: every
line fits (Chinese counted as two cells), in Chinese and in English; errors in Chinese name their
field in Chinese; a bad quarter is one message saying what is accepted; `this`/`last` (本季度/上季度)
name quarters; a PDF without -o is a usage error. Run as real processes on the demo's data."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tests.commands.conftest import run_zizhi

MANAGER = ("liu.yang", "kpi", "team")
COMMANDS = [
    ("wang.fang", "kpi"),
    MANAGER,
    ("liu.yang", "kpi", "drill", "revenue", "--user", "li.qiang"),
    ("liu.yang", "kpi", "drill", "win_rate", "--user", "zhang.min"),
    ("liu.yang", "report", "weekly"),
    ("liu.yang", "report", "channels"),
    ("liu.yang", "report", "market", "--by", "qualification"),
    ("liu.yang", "report", "quarterly", "list"),
    ("chen.jie", "report", "quarterly"),
    ("chen.jie", "report", "quarterly", "render"),
    ("liu.yang", "risk", "list"),
    ("liu.yang", "notice", "list"),
    ("liu.yang", "training", "list"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    made = run_zizhi("demo", env_root=root, extra_env={"ZIZHI_NOW": "2026-12-04T10:00:00"})
    assert made.returncode == 0, made.stderr
    return root


def zizhi(demo, *args: str, columns: int = 80, lang: str = "en"):
    return run_zizhi("--lang", lang, *args, env_root=demo,
                     extra_env={"COLUMNS": str(columns), "ZIZHI_NOW": "2026-12-04T10:00:00"})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [80, 120])
def test_every_table_and_report_fits_the_terminal(demo, lang, columns):
    for who, *command in COMMANDS:
        shown = zizhi(demo, "--as", who, *command, columns=columns, lang=lang)
        assert shown.returncode == 0, (command, shown.stderr)
        assert shown.stdout.strip(), command
        for line in [*shown.stdout.splitlines(), *shown.stderr.splitlines()]:
            assert cell_len(line) <= columns, (command, lang, columns, line)


def test_the_team_stacks_targets_under_figures_and_nothing_is_cut_without_an_ellipsis(demo):
    shown = zizhi(demo, "--as", "liu.yang", "kpi", "team", lang="zh").stdout.splitlines()
    assert any(line.split()[:1] == ["目标"] for line in shown) and any(line.split()[:1] == ["完成率"] for line in shown)
    assert any("█" in line for line in shown)  # the bar chart is still there
    wide = zizhi(demo, "--as", "liu.yang", "kpi", "team", columns=200, lang="zh").stdout
    assert all(value in wide for value in re.findall(r"¥[\d,]+\.\d\d", "\n".join(shown)))  # amounts never cut
    risks = zizhi(demo, "--as", "liu.yang", "risk", "list", lang="zh")
    assert "…" in risks.stdout and "略去" in risks.stderr  # a long description shortened; columns left out named


def test_the_weekly_review_aligns_each_persons_counts_and_sorts_new_inquiries(demo):
    shown = zizhi(demo, "--as", "liu.yang", "report", "weekly", "--json", lang="en")
    import json

    review = json.loads(shown.stdout)
    for person in review["people"]:
        opened = [(row["at"][:10], row["client"]) for row in person["opened"]]
        assert opened == sorted(opened)
    printed = zizhi(demo, "--as", "liu.yang", "report", "weekly", lang="zh").stdout.splitlines()
    start = next(i for i, line in enumerate(printed) if line.startswith("负责人"))
    counts = printed[start + 1:printed.index("", start)]
    assert counts[-1].startswith("合计") and len({cell_len(line) for line in counts}) == 1  # right edges aligned


ERRORS = [
    ("wang.fang", "kpi", "--quarter", "1999Q1"),
    ("wang.fang", "kpi", "drill", "profit"),
    ("liu.yang", "kpi", "target", "set", "--user", "wang.fang", "--quarter", "2026Q4", "--revenue", "-5"),
    ("liu.yang", "report", "channels", "--quarter", "2026Q9"),
    ("liu.yang", "report", "channels", "--from", "someday"),
    ("liu.yang", "report", "market", "--by", "colour"),
    ("liu.yang", "report", "channels", "-o", "/tmp/渠道.pdf"),
    ("wang.fang", "report", "quarterly", "edit", "--section", "mood", "--text", "x"),
    ("liu.yang", "report", "quarterly", "render", "--format", "doc"),
    ("liu.yang", "risk", "add", "--category", "weather", "--description", "x", "--likelihood", "3", "--impact", "3"),
    ("liu.yang", "risk", "add", "--category", "legal", "--description", "x", "--likelihood", "9", "--impact", "3"),
    ("liu.yang", "risk", "list", "--status", "asleep"),
    ("zhou.jing", "notice", "add", "--title", "x", "--summary", "y", "--effective", "someday"),
]
REFUSED = [  # a rule not met: a refusal (1), not bad data
    ("liu.yang", "kpi", "target", "set", "--user", "liu.yang", "--quarter", "2026Q4", "--new-clients", "5"),
]


def test_errors_in_chinese_name_their_field_in_chinese(demo):
    for who, *command in [*ERRORS, *REFUSED]:
        said = zizhi(demo, "--as", who, *command, lang="zh")
        assert said.returncode == (1 if (who, *command) in REFUSED else 65), (command, said.stderr)
        field = said.stderr.removeprefix("zizhi: ").split("：")[0]
        assert said.stderr.count("\n") == 1 and not re.search(r"[A-Za-z]", field.split("（")[0]), said.stderr


def test_one_message_for_a_bad_quarter_says_what_is_accepted(demo):
    for command in (("kpi", "--quarter", "1999Q1"), ("report", "channels", "--quarter", "1999Q1"),
                    ("report", "quarterly", "list", "--quarter", "2026Q7")):
        said = zizhi(demo, "--as", "liu.yang", *command).stderr
        assert "is not a quarter; write a year from 2000 to 2999 and Q1–Q4 (e.g. 2026Q4), or this or last." in said
    target = zizhi(demo, "--as", "liu.yang", "kpi", "target", "set", "--user", "wang.fang", "--quarter", "this",
                   "--revenue", "-5")
    assert target.returncode == 65 and "-5 is negative; a target must be 0 or more." in target.stderr


def test_this_and_last_name_quarters_in_both_languages(demo):
    last = zizhi(demo, "--as", "liu.yang", "kpi", "--user", "wang.fang", "--quarter", "上季度", "--json")
    assert '"quarter": "2026Q3"' in last.stdout
    this = zizhi(demo, "--as", "liu.yang", "report", "channels", "--quarter", "this").stdout
    assert this.startswith("Channels and referrals, 2026-10-01 – 2026-12-31")
    assert '"quarter": "2026Q3"' in zizhi(demo, "--as", "liu.yang", "report", "quarterly", "list", "--quarter",
                                          "last", "--json").stdout


def test_a_pdf_without_o_is_a_usage_error_naming_the_option(demo, tmp_path):
    said = zizhi(demo, "--as", "liu.yang", "report", "quarterly", "render", "--user", "wang.fang", "--format", "pdf")
    assert said.returncode == 2 and "-o/--output" in said.stderr and said.stderr.count("\n") == 1
    folder = zizhi(demo, "--as", "liu.yang", "report", "quarterly", "render", "--user", "wang.fang", "--format", "pdf",
                   "-o", str(tmp_path))
    assert folder.returncode == 65 and "季度总结.pdf" in folder.stderr and "quote" not in folder.stderr
    out = zizhi(demo, "--as", "liu.yang", "report", "channels", "-o", str(tmp_path))
    assert out.returncode == 65 and out.stderr.startswith("zizhi: -o/--output: ") and "channels.xlsx" in out.stderr


def _moved_lines(printed: str) -> list[str]:
    return [line for line in printed.splitlines() if line.startswith("    #") and " → " in line]


def test_the_weekly_review_fits_every_persons_moves_alike_and_writes_steps_with_the_move(demo):
    wide = zizhi(demo, "--as", "liu.yang", "report", "weekly", columns=160)
    moved = _moved_lines(wide.stdout)
    assert moved and all(re.search(r" by [a-z.]+$", line) for line in moved)  # the mover apart, on every line
    assert any(re.search(r"→ \w+ \(\d+ steps\)  ", line) for line in moved)  # the steps with the move
    narrow = zizhi(demo, "--as", "liu.yang", "report", "weekly", columns=80)
    shown = [bool(re.search(r" by [a-z.]+$", line)) for line in _moved_lines(narrow.stdout)]
    assert len(set(shown)) == 1  # every person's section shows the mover, or none does
    if not shown[0]:
        assert "who moved it" in narrow.stderr


@pytest.mark.parametrize(("metric", "head"), [("satisfaction", "score"), ("win_rate", "won 1-0"),
                                              ("success_rate", "approved 1-0"), ("stage_days", "days")])
def test_a_drill_heads_its_figure_column_by_what_a_record_counts_for(demo, metric, head):
    shown = zizhi(demo, "--as", "liu.yang", "kpi", "drill", metric, "--user", "li.qiang", columns=160)
    assert shown.returncode == 0, shown.stderr
    heads = next(line for line in shown.stdout.splitlines() if line.startswith("day "))
    assert heads.endswith(head) and "amount" not in heads
    chinese = zizhi(demo, "--as", "liu.yang", "kpi", "drill", metric, "--user", "li.qiang", columns=160, lang="zh")
    assert "金额" not in chinese.stdout


def test_the_days_per_stage_drill_by_stage_and_each_stage_s_mean_is_the_kpi(demo):
    import json

    kpi = json.loads(zizhi(demo, "--as", "liu.yang", "kpi", "--user", "li.qiang", "--json").stdout)
    stays = (kpi["people"][0] if "people" in kpi else kpi)["stage_days"]
    every = zizhi(demo, "--as", "liu.yang", "kpi", "drill", "stage_days", "--user", "li.qiang", columns=400)
    head = every.stdout.splitlines()[0]
    assert f"proposal: {stays['proposal']['mean']} days" in head and "records," not in head
    one = zizhi(demo, "--as", "liu.yang", "kpi", "drill", "stage_days", "--user", "li.qiang", "--stage", "proposal")
    assert f"{stays['proposal']['count']} stays, mean {stays['proposal']['mean']} days" in one.stdout.splitlines()[0]
    rows = json.loads(zizhi(demo, "--as", "liu.yang", "kpi", "drill", "stage_days", "--user", "li.qiang",
                            "--stage", "方案", "--json").stdout)["rows"]
    assert len(rows) == stays["proposal"]["count"] and {row["stage"] for row in rows} == {"proposal"}
    wrong = zizhi(demo, "--as", "liu.yang", "kpi", "drill", "win_rate", "--user", "li.qiang", "--stage", "proposal")
    assert wrong.returncode == 65 and "--stage" in wrong.stderr and len(wrong.stderr.strip().splitlines()) == 1


def test_every_rate_of_the_channels_reads_to_two_decimals_in_print_and_in_excel(demo):
    printed = zizhi(demo, "--as", "liu.yang", "report", "channels", columns=200).stdout
    rates = re.findall(r"[\d.]+%", printed)
    assert rates and all(re.fullmatch(r"\d+\.\d\d%", rate) for rate in rates), rates
    exported = zizhi(demo, "--as", "liu.yang", "report", "channels", "--csv").stdout
    rates = re.findall(r"[\d.]+%", exported)
    assert rates and all(re.fullmatch(r"\d+\.\d\d%", rate) for rate in rates), rates


@pytest.mark.parametrize("report", ["channels", "market"])
def test_a_period_not_given_is_this_quarter_whole_as_the_app_shows_it(demo, report):
    import json

    found = json.loads(zizhi(demo, "--as", "liu.yang", "report", report, "--json").stdout)
    assert (found["from"], found["to"]) == ("2026-10-01", "2026-12-31")
    begun = json.loads(zizhi(demo, "--as", "liu.yang", "report", report, "--from", "2026-11-01", "--json").stdout)
    assert (begun["from"], begun["to"]) == ("2026-11-01", "2026-12-04")  # --from alone runs to today


def test_columns_left_out_are_listed_with_the_chinese_enumeration_comma(demo):
    shown = zizhi(demo, "--as", "liu.yang", "report", "channels", columns=60, lang="zh")
    said = next(line for line in shown.stderr.splitlines() if "略去了：" in line)
    assert "、" in said and ", " not in said.split("略去了：")[1].split("；")[0]
