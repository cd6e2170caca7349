"""`zizhi remind` as a salesperson and cron meet it: a deal left at inquiry shows up on the morning
it is stuck and not before, with the command that deals with it; moving the deal clears it; a
snoozed reminder stays away until its day; the same morning in Chinese, and as cron runs it."""

from __future__ import annotations

import pytest

from tests.commands.conftest import Cli, run_zizhi

# 2027's holidays on record: no admin's reminder to import them (tests/commands/conftest.py)
pytestmark = pytest.mark.usefixtures("next_years_holidays")


@pytest.fixture
def inquiry(cli: Cli) -> Cli:
    """Li's client 宁波恒通 with a deal opened at inquiry on 27 November (stuck after 3 days)."""
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li", "--channel", "trade-show")
    cli("deal", "new", "--client", "恒通", "--qualification", "TRADE-RIGHTS", user="li")
    return cli


def at(monkeypatch, day: str) -> None:
    monkeypatch.setenv("ZIZHI_NOW", f"{day}T09:00:00")


def test_a_stuck_deal_shows_on_its_morning_with_its_command_and_goes_when_moved(inquiry, monkeypatch):
    cli = inquiry
    assert cli("remind", "--user", "li", "--as-of", "2026-11-30", user="li").stdout == ""  # silent: cron mails nothing
    said = cli("remind", "--user", "li", "--as-of", "2026-12-01", user="li").stdout.splitlines()
    assert said[0] == "李娜 (li) — 1 due by 2026-12-01:"
    assert said[1].startswith("  • 宁波恒通进出口贸易有限公司: deal 1 in inquiry since 2026-11-27, stuck after 3 days (")
    assert said[1].endswith(") — move it on or log a contact")
    assert said[2] == "      zizhi deal move 1 assessment"
    at(monkeypatch, "2026-12-02")  # a missed morning: still due the next day, from the day it fell due
    [person] = cli.json("remind", "--user", "li", user="li")["people"]
    [reminder] = person["reminders"]
    assert (reminder["key"], reminder["kind"], reminder["due_on"], reminder["days"], reminder["deal_id"],
            reminder["client"], reminder["app_key"]) == (
        "stale_deal:deal:1:2026-12-01", "stale_deal", "2026-12-01", 1, 1, "宁波恒通进出口贸易有限公司", "]")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权", user="li")
    cli("deal", "move", "1", "assessment", user="li")
    assert cli("remind", "--user", "li", user="li").stdout == ""


def test_a_snoozed_reminder_stays_away_until_its_day(inquiry, monkeypatch):
    cli = inquiry
    at(monkeypatch, "2026-12-01")
    snoozed = cli.json("remind", "snooze", "stale_deal:deal:1:2026-12-01", "2026-12-04", user="li")
    assert (snoozed["state"], snoozed["until"]) == ("snoozed", "2026-12-04")
    assert cli("remind", "--user", "li", "--as-of", "2026-12-03", user="li").stdout == ""
    back = cli.json("remind", "--user", "li", "--as-of", "2026-12-04", user="li")["people"][0]["reminders"]
    assert [r["key"] for r in back] == ["stale_deal:deal:1:2026-12-01"]


def test_the_morning_in_chinese_and_as_cron_runs_it(inquiry, env):
    said = inquiry("--lang", "zh", "remind", "--user", "li", "--as-of", "2026-12-01", "--dry-run", user="li").stdout
    assert "李娜（li）— 截至 2026-12-01 共 1 项待办：" in said
    assert "宁波恒通进出口贸易有限公司：商机 1 自 2026-11-27 起停留在「咨询接待」，超过 3 天即为停滞" in said
    cron = run_zizhi("--as", "boss", "remind", "--as-of", "2026-12-01", env_root=env,
                     extra_env={"LANG": "C", "LC_ALL": "C"})
    assert cron.returncode == 0, cron.stderr
    assert "李娜 (li) — 1 due by 2026-12-01:" in cron.stdout and "zizhi deal move 1 assessment" in cron.stdout


def test_a_mistyped_person_is_one_line_not_a_quiet_empty_morning(inquiry, env):
    """A typo in a crontab's --user must say so (cron mails it), not send or publish nothing for ever."""
    before = inquiry.dump()
    for extra in ((), ("--dry-run",), ("--json",), ("--ics", str(env / "wang.fnag.ics"))):
        result = inquiry("remind", "--user", "wang.fnag", *extra, code=1)
        assert result.stderr.strip() == "zizhi: user: no user with login wang.fnag. See `zizhi user list`."
    assert not (env / "wang.fnag.ics").exists() and inquiry.dump() == before


def test_snoozing_to_no_day_is_one_line_and_changes_nothing(inquiry):
    before = inquiry.dump()
    result = inquiry("remind", "snooze", "stale_deal:deal:1:2026-12-01", " ", user="li", code=65)
    assert result.stderr.count("\n") == 1 and "until" in result.stderr and "Traceback" not in result.stderr
    assert inquiry.dump() == before
