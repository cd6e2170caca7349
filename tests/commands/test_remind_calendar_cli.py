"""`zizhi remind --ics FILE` and `zizhi user edit --chat-id`, as cron and an admin use them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import icalendar
import pytest
import vobject

from tests.commands.conftest import run_zizhi

# 2027's holidays on record: no admin's reminder to import them (tests/commands/conftest.py)
pytestmark = pytest.mark.usefixtures("next_years_holidays")


def follow_up(cli) -> None:
    """李娜's client with a follow-up due two days ago."""
    cli("client", "add", "--name", "宁波恒通进出口有限公司", user="li")
    cli("log", "add", "1", "--channel", "phone", "--summary", "询价", "--next", "回访报价", "--next-date", "2026-11-25",
        "--at", "2026-11-10 10:00", user="li")


def test_the_calendar_file_is_written_silently_for_cron(cli, env):
    follow_up(cli)
    path = env / "zizhi.ics"

    result = cli("remind", "--ics", str(path))

    assert result.stdout == ""  # cron mails only when there is output
    [event] = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(event["uid"]) == "follow_up:client:1:2026-11-25/li@zizhi"
    assert cli.json("remind", "--ics", str(path)) == {"file": str(path), "as_of": "2026-11-27", "events": 1,
                                                      "changed": 0}


def test_a_salesperson_subscribes_to_her_own(cli, env):
    follow_up(cli)
    path = env / "li.ics"

    assert cli.json("remind", "--ics", str(path), "--user", "li", user="li")["events"] == 1
    refused = cli("remind", "--ics", str(env / "all.ics"), user="li", code=None)
    assert refused.exit_code != 0 and "zizhi remind --user li" in refused.stderr
    assert not (env / "all.ics").exists()


def test_a_file_in_a_missing_folder_is_one_line_exit_65_and_changes_nothing(cli, env):
    follow_up(cli)
    before = cli.dump()

    result = cli("remind", "--ics", str(env / "www" / "zizhi.ics"), code=65)

    assert result.stderr.strip().splitlines() == [
        f"zizhi: ics: {env}/www/zizhi.ics — its folder {env}/www does not exist; create it or name another file."]
    assert cli.dump() == before


def test_under_crons_bare_environment_the_chinese_survives(cli, env):
    follow_up(cli)
    path = env / "zizhi.ics"
    bare = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "", "PATH": "/usr/bin:/bin"}

    done = run_zizhi("--as", "boss", "remind", "--ics", str(path), env_root=env, extra_env=bare)

    assert done.returncode == 0 and done.stdout == "", done.stderr
    event = vobject.readOne(path.read_text(encoding="utf-8")).vevent
    assert "宁波恒通进出口有限公司" in event.summary.value and "回访报价" in event.summary.value


CHECK_IMPORTS = """
import sys
from zizhi.commands.main import app

try:
    app(sys.argv[1:])
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
print("icalendar" in sys.modules)
"""


def test_only_ics_loads_the_calendar_library(cli, env):
    follow_up(cli)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZIZHI_")}
    environment.update(ZIZHI_DB=str(env / "zizhi.db"), ZIZHI_CONFIG=str(env / "config"),
                       ZIZHI_STATE=str(env / "state"), ZIZHI_LANG="en", ZIZHI_NOW="2026-11-27T09:00:00")

    def loads(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", CHECK_IMPORTS, "--as", "boss", "remind", *args],
                              capture_output=True, text=True, timeout=60, env=environment)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]

    assert loads("--json") == "False"
    assert loads("--ics", str(env / "zizhi.ics")) == "True"


# ---------------------------------------------------------------- the id the robot mentions

def test_an_admin_sets_the_chat_id_and_user_show_shows_it(cli):
    cli("user", "edit", "li", "--chat-id", "LiNa")

    assert "\nchat id  LiNa\n" in cli("user", "show", "li").stdout
    assert cli.json("user", "show", "li")["chat_id"] == "LiNa"
    assert cli.json("remind", "--user", "li")["people"] == []  # nothing due yet; the field rides along when there is


def test_a_bad_chat_id_is_one_line_exit_65_and_changes_nothing(cli):
    cli("user", "edit", "li", "--chat-id", "LiNa")
    before = cli.dump()

    result = cli("user", "edit", "li", "--chat-id", "李 娜", code=65)

    assert result.stderr.strip().splitlines() == [
        "zizhi: chat-id: 李 娜 is not a chat id (letters, digits, '.', '_', '@' or '-', at most 64, "
        "as the group's platform shows it)."]
    assert cli.dump() == before
    assert json.loads(cli("user", "show", "li", "--json").stdout)["chat_id"] == "LiNa"


def test_on_a_server_kept_in_utc_each_event_is_stamped_with_the_real_moment(cli, env):
    """The stored moment is the company's wall clock and is read back as such: DTSTAMP is now, in UTC."""
    import datetime as dt

    follow_up(cli)
    path = env / "zizhi.ics"
    done = run_zizhi("--as", "boss", "remind", "--ics", str(path), env_root=env,
                     extra_env={"TZ": "UTC", "ZIZHI_NOW": ""})  # the real clock, on a UTC server
    assert done.returncode == 0, done.stderr
    stamp = vobject.readOne(path.read_text(encoding="utf-8")).vevent.dtstamp.value
    assert abs((stamp - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 120, stamp
