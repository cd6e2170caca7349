"""Date options take dates the way people say them (core/dates.py); today is Friday 2026-11-27."""

from __future__ import annotations

from tests.commands.conftest import run_zizhi


def test_log_add_with_next_date_tomorrow_stores_tomorrow(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    entry = cli.json("log", "add", "恒通", "--channel", "phone", "--summary", "询问进出口权办理时间",
                     "--next", "发送报价", "--next-date", "明天", "--at", "昨天 15:30", user="li")
    assert entry["next_date"] == "2026-11-28"
    shown = cli.json("client", "show", "1", user="li")
    assert (shown["next_date"], shown["last_contact_at"]) == ("2026-11-28", "2026-11-26 15:30:00")


def test_next_monday_and_a_month_day_land_on_the_days_meant(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli("log", "add", "1", "--channel", "phone", "--summary", "首次沟通", "--next", "回电", "--next-date", "下周一",
        "--at", "周三", user="li")
    assert cli.json("log", "list", "1", user="li")[0]["at"] == "2026-11-25 00:00:00"
    assert cli.json("client", "show", "1", user="li")["next_date"] == "2026-11-30"
    deal = cli.json("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", "--expected-close", "01-15", user="li")
    assert deal["expected_close"] == "2027-01-15"
    edited = cli.json("deal", "edit", str(deal["id"]), "--expected-close", "+3d", user="li")
    assert edited["expected_close"] == "2026-11-30"


def test_a_date_that_is_none_is_one_line_exit_65_and_nothing_written(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    before = cli.dump()
    result = cli("log", "add", "1", "--channel", "phone", "--summary", "x", "--next", "回电",
                 "--next-date", "下下周", user="li", code=65)
    assert result.stderr.strip().splitlines() == [
        "zizhi: next-date: '下下周' is not a date; write it like 2026-12-05, 12-05, today, tomorrow, mon, next mon or +3d."]
    assert cli.dump() == before


def test_the_refusal_speaks_chinese_to_a_chinese_desk(env):
    assert run_zizhi("--as", "boss", "client", "add", "--name", "华为技术有限公司", env_root=env).returncode == 0
    result = run_zizhi("--as", "boss", "log", "add", "1", "--channel", "phone", "--summary", "x", "--next", "回电",
                       "--next-date", "2026-02-30", env_root=env, extra_env={"ZIZHI_LANG": "zh"})
    assert result.returncode == 65
    assert result.stderr.strip() == "zizhi: next-date：'2026-02-30' 不是日历上存在的日子，请核对月份和日期。"
