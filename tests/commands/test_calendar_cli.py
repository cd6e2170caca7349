"""`zizhi calendar …`: the year's holidays shown, next year's schedule imported by an admin as cron
would run it, and the warning from 1 November while next year is missing."""

from __future__ import annotations

import json

from tests.commands.conftest import Cli, run_zizhi

SCHEDULE_2027 = {"year": 2027, "papers": ["https://www.gov.cn/"], "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
    {"name": "春节", "date": "2027-02-06", "isOffDay": False},
    {"name": "春节", "date": "2027-02-08", "isOffDay": True},
    {"name": "国庆节", "date": "2027-10-01", "isOffDay": True},
    {"name": "国庆节", "date": "2027-10-09", "isOffDay": False},
]}


def test_show_lists_a_years_holidays_and_make_up_workdays(env):
    cli = Cli(env)
    shown = cli("calendar", "show", "2026").stdout
    assert "2026-10-10  Sat  make-up workday  国庆节" in shown and "2026-10-07  Wed  day off          国庆节" in shown
    assert "2026-10-03" not in shown  # a weekend day off follows the weekly rule: not an exception
    zh = cli("--lang", "zh", "calendar", "show", "2026").stdout
    assert "2026-09-20  周日  调休上班  国庆节" in zh
    assert cli.json("calendar", "show", "2027") == {
        "year": 2027, "covered": False, "provisional": True, "source": None, "origin": None, "imported_at": None,
        "imported_by": None, "days": []}
    assert "2027 is not covered" in cli("calendar", "show", "2027").stdout


def test_check_warns_from_november_until_next_year_is_imported(env, tmp_path):
    missing = run_zizhi("calendar", "check", env_root=env)
    assert missing.returncode == 1 and "Years covered: 2004–2026 (23 years)." in missing.stdout
    assert missing.stderr.strip() == ("warning: the 2027 holiday calendar is not on record; deadlines in 2027 are "
                                      "provisional until an admin imports the State Council's schedule "
                                      "(`zizhi calendar import FILE`).")
    october = run_zizhi("calendar", "check", env_root=env, extra_env={"ZIZHI_NOW": "2026-10-31T18:00:00"})
    assert october.returncode == 0 and october.stderr == ""
    config = run_zizhi("config", "check", env_root=env)
    assert config.returncode == 0 and "warning: the 2027 holiday calendar is not on record" in config.stderr

    schedule = tmp_path / "2027.json"
    schedule.write_text(json.dumps(SCHEDULE_2027, ensure_ascii=False), encoding="utf-8")
    imported = run_zizhi("calendar", "import", str(schedule), env_root=env)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == ("2027 imported from 2027.json: days off on weekdays 3, make-up workdays on "
                                       "weekends 2 (5 days listed).")
    again = run_zizhi("--lang", "zh", "calendar", "import", str(schedule), env_root=env)
    assert again.stdout.splitlines()[-1] == "已替换 2027 年原有的安排（来自 2027.json，导入）。"
    covered = run_zizhi("calendar", "check", env_root=env)
    assert covered.returncode == 0 and "Years covered: 2004–2027 (24 years)." in covered.stdout
    assert "2027: from 2027.json (imported," in covered.stdout and covered.stderr == ""
    assert "warning" not in run_zizhi("config", "check", env_root=env).stderr
    shown = json.loads(run_zizhi("calendar", "show", "2027", "--json", env_root=env).stdout)
    assert [(d["date"], d["kind"], d["source"]) for d in shown["days"]] == [
        ("2027-01-01", "holiday", "import"), ("2027-02-06", "workday", "import"), ("2027-02-08", "holiday", "import"),
        ("2027-10-01", "holiday", "import"), ("2027-10-09", "workday", "import")]


def test_a_non_admin_is_refused_and_nothing_changes(env, tmp_path):
    cli = Cli(env)
    cli("user", "add", "chen", "--name", "陈经理", "--role", "manager")
    schedule = tmp_path / "2027.json"
    schedule.write_text(json.dumps(SCHEDULE_2027, ensure_ascii=False), encoding="utf-8")
    before = cli.dump()
    refused = run_zizhi("--as", "chen", "calendar", "import", str(schedule), env_root=env)
    assert refused.returncode == 1
    assert refused.stderr.strip() == "zizhi: Only an admin can import the holiday calendar (your role is manager)."
    assert cli.dump() == before


def test_a_bad_file_lists_every_problem_and_imports_nothing(env, tmp_path):
    cli = Cli(env)
    bad = dict(SCHEDULE_2027, days=[*SCHEDULE_2027["days"], {"name": "劳动节", "date": "2027-05-32", "isOffDay": True},
                                    {"name": "劳动节", "date": "2027-05-03"}])
    schedule = tmp_path / "2027.json"
    schedule.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    before = cli.dump()
    result = cli("calendar", "import", str(schedule), code=65)
    assert result.stderr.splitlines() == [
        f"zizhi: {schedule}: 2 problems, nothing imported:",
        f"{schedule}: entry 6: date '2027-05-32' is no day of the calendar; write it like 2027-01-01.",
        f"{schedule}: entry 7: isOffDay must be true or false (got null).",
    ]
    assert cli.dump() == before


def test_processing_shows_a_date_past_the_calendar_as_provisional(env, capsys):
    from zizhi.commands.processing import _progress_text

    progress = {"deal_id": 1, "client": "宁波恒通", "title": "进出口权", "stage": "processing", "steps": [],
                "delays": [], "expected_on": "2027-01-06", "expected_provisional": True}
    _progress_text(progress)
    assert "2027-01-06 (provisional: 2027 calendar not on record)" in capsys.readouterr().out
    _progress_text({**progress, "expected_on": "2026-12-08", "expected_provisional": False})
    shown = capsys.readouterr().out
    assert "2026-12-08" in shown and "provisional" not in shown
