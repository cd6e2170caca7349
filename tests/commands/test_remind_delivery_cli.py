"""`zizhi remind` delivers each reminder once: to the terminal (what cron mails), by mail through a
real SMTP server on loopback, and again only when asked — whatever fails or is killed on the way."""

from __future__ import annotations

import fcntl
import os
import signal
import sqlite3
import subprocess
import time

import pytest

from tests.commands.conftest import run_zizhi
from tests.commands.reminder_mail import MailServer, free_port, start_zizhi, wait_for, write_mail_settings
from tests.core.test_reminder_chat import robot  # noqa: F401,F811 - a fixture

# 2027's holidays on record: no admin's reminder to import them (tests/commands/conftest.py)
pytestmark = pytest.mark.usefixtures("next_years_holidays")

HEAD = "李娜 (li) — 1 due by 2026-11-27:"


@pytest.fixture
def due(cli):
    """li owns a client whose follow-up fell due on 2026-11-25; li has an email address."""
    cli("user", "edit", "li", "--email", "li@example.cn")
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli("log", "add", "恒通", "--channel", "phone", "--summary", "询问报价", "--next", "发送报价",
        "--next-date", "2026-11-25", "--at", "2026-11-20", user="li")
    return cli


@pytest.fixture
def smtp(env):
    server = MailServer(free_port()).start()
    write_mail_settings(env / "config", server.port)
    yield server
    server.stop()


def outbox(env) -> list[tuple]:
    with sqlite3.connect(env / "zizhi.db") as conn:
        return conn.execute("SELECT key, channel, state, attempts, message_id FROM reminder_outbox ORDER BY id").fetchall()


def killed_after_claim(env) -> None:
    """A mail run killed (SIGKILL) after it claimed its one reminder and before it sent it."""
    killed = start_zizhi("--as", "boss", "remind", "--mail", env_root=env,
                         extra_env={"ZIZHI_REMIND_TEST_PAUSE_AFTER_CLAIM": "60"})
    wait_for(lambda: len(outbox(env)) == 1)
    killed.send_signal(signal.SIGKILL)
    killed.wait(10)


def test_the_terminal_gets_each_reminder_once_and_a_second_run_is_silent(due):
    first = due("remind")
    assert first.stdout.splitlines()[0] == HEAD
    assert "follow up with 宁波恒通进出口贸易有限公司: 发送报价 (due 2026-11-25)" in first.stdout
    assert due("remind").stdout == ""
    due("client", "add", "--name", "杭州海纳贸易有限公司", "--owner", "li")
    due("log", "add", "海纳", "--channel", "phone", "--summary", "初次联系", "--next", "寄送材料清单",
        "--next-date", "2026-11-26", "--at", "2026-11-20", user="li")
    again = due("remind").stdout
    assert "海纳" in again and "恒通" not in again


def test_a_dry_run_shows_the_plan_and_claims_nothing(due, env):
    plan = due("remind", "--dry-run").stdout
    assert plan.splitlines()[0].startswith("would send by terminal to 李娜 (li): 1 reminder, <")
    assert HEAD in plan
    assert outbox(env) == []
    assert HEAD in due("remind").stdout


def test_json_is_the_whole_agenda_and_claims_nothing(due, env):
    assert due.json("remind")["people"][0]["login"] == "li"
    assert outbox(env) == []
    assert due("remind", "--json", "--mail", code=2).stderr


def test_again_repeats_on_purpose(due):
    due("remind")
    assert HEAD in due("remind", "--again").stdout


def test_nothing_is_sent_on_a_holiday_unless_asked_and_the_next_working_day_carries_it(due, env, monkeypatch):
    monkeypatch.setenv("ZIZHI_NOW", "2026-11-28T08:00:00")  # a Saturday
    assert due("remind").stdout == "" and outbox(env) == []
    assert "2026-11-28 is not a working day" in due("remind", "--dry-run").stderr
    monkeypatch.setenv("ZIZHI_NOW", "2026-11-30T08:00:00")  # Monday
    assert "李娜 (li) — 1 due by 2026-11-30:" in due("remind").stdout
    monkeypatch.setenv("ZIZHI_NOW", "2026-11-29T08:00:00")
    assert due("remind", "--holidays", "--again").stdout.startswith("李娜 (li) — 1 due by 2026-11-29:")


def test_a_salesperson_runs_only_their_own(due, monkeypatch):
    assert due("remind", user="li", code=1).stderr.startswith("zizhi: Only managers and admins")
    monkeypatch.setenv("ZIZHI_NOW", "2026-11-28T08:00:00")  # a Saturday: refused all the same
    assert due("remind", "--mail", user="li", code=1).stderr.startswith("zizhi: Only managers and admins")
    monkeypatch.setenv("ZIZHI_NOW", "2026-11-27T08:00:00")
    assert HEAD in due("remind", "--user", "li", user="li").stdout


def test_mail_arrives_once_in_the_persons_language_with_the_count_and_a_message_id(due, env, smtp):
    due("user", "edit", "li", "--language", "zh")  # the admin sets it for li, who reads only the mail
    sent = run_zizhi("--as", "boss", "remind", "--mail", env_root=env)
    assert (sent.returncode, sent.stdout, sent.stderr) == (0, "", "")
    [mail] = smtp.inbox.mails
    assert mail["Subject"] == "截至 2026-11-27 共 1 项待办提醒"
    assert mail["To"].addresses[0].display_name == "李娜" and mail["To"].addresses[0].addr_spec == "li@example.cn"
    assert mail["From"] == "zizhi@huaxin-zizhi.cn" and mail["Auto-Submitted"] == "auto-generated"
    assert mail["Message-ID"].endswith(".remind@huaxin-zizhi.cn>")
    body = mail.get_content()
    assert body.startswith("李娜（li）— 截至 2026-11-27 共 1 项待办：") and "跟进 宁波恒通进出口贸易有限公司：发送报价" in body
    assert [row[1:4] for row in outbox(env)] == [("mail", "sent", 1)]
    assert outbox(env)[0][4] == mail["Message-ID"]
    assert run_zizhi("--as", "boss", "remind", "--mail", env_root=env).returncode == 0
    assert len(smtp.inbox.mails) == 1


def test_with_the_mail_server_down_nothing_is_lost_and_the_next_run_delivers(due, env):
    server = MailServer(free_port())
    write_mail_settings(env / "config", server.port)
    down = run_zizhi("--as", "boss", "remind", "--mail", env_root=env)
    assert down.returncode == 69
    assert down.stderr.count("\n") == 1
    assert down.stderr.startswith("mail to 李娜 (li): 1 reminder not delivered — 127.0.0.1:")
    assert [row[1:4] for row in outbox(env)] == [("mail", "failed", 1)]
    server.start()
    try:
        up = run_zizhi("--as", "boss", "remind", "--mail", env_root=env)
        assert up.returncode == 0, up.stderr
        assert up.stderr == "mail to 李娜 (li): 1 that failed before delivered now.\n"
        assert len(server.inbox.mails) == 1 and [row[1:4] for row in outbox(env)] == [("mail", "sent", 2)]
    finally:
        server.stop()


def test_a_person_without_an_address_is_reported_not_lost(cli, env, smtp):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli("log", "add", "恒通", "--channel", "phone", "--summary", "询问报价", "--next", "发送报价",
        "--next-date", "2026-11-25", "--at", "2026-11-20", user="li")
    missing = cli("remind", "--mail", code=69)
    assert "li has no email address (zizhi user edit li --email …); the next zizhi remind tries again" in missing.stderr
    cli("user", "edit", "li", "--email", "li@example.cn")
    cli("remind", "--mail")
    assert len(smtp.inbox.mails) == 1


def test_a_password_named_but_not_set_stops_the_run_before_it_claims(due, env, smtp):
    write_mail_settings(env / "config", smtp.port, 'user = "zizhi"\npassword_env = "ZIZHI_TEST_SMTP_SECRET"\n')
    result = run_zizhi("--as", "boss", "remind", "--mail", env_root=env)
    assert result.returncode == 78 and "ZIZHI_TEST_SMTP_SECRET" in result.stderr
    assert outbox(env) == [] and smtp.inbox.mails == []


def test_mail_without_settings_is_a_configuration_error(due, env):
    assert "no [mail] section" in due("remind", "--mail", code=78).stderr
    assert outbox(env) == []


def test_a_run_killed_between_claim_and_delivery_is_reported_not_resent_until_asked(due, env, smtp):
    killed_after_claim(env)
    [(_, _, state, _, claimed_id)] = outbox(env)
    assert state == "claimed"
    after = run_zizhi("--as", "boss", "remind", "--mail", env_root=env)
    assert after.returncode == 69 and smtp.inbox.mails == []
    assert after.stderr.startswith("mail to 李娜 (li): 1 reminder claimed at 2026-11-27 09:00:00 by a run that stopped")
    assert f"zizhi remind --mail --retry-stuck resends it as the same message {claimed_id}" in after.stderr
    resent = run_zizhi("--as", "boss", "remind", "--mail", "--retry-stuck", env_root=env)
    assert resent.returncode == 0, resent.stderr
    [mail] = smtp.inbox.mails
    assert mail["Message-ID"] == claimed_id
    assert run_zizhi("--as", "boss", "remind", "--mail", env_root=env).returncode == 0 and len(smtp.inbox.mails) == 1


def test_a_stuck_claim_checked_by_hand_is_dismissed_not_resent(due, env, smtp):
    killed_after_claim(env)
    dismissed = run_zizhi("--as", "boss", "remind", "--mail", "--dismiss-stuck", env_root=env)
    assert dismissed.returncode == 0, dismissed.stderr
    assert dismissed.stderr.startswith("mail to 李娜 (li): 1 reminder left on its way by a run that stopped set down as")
    assert [row[2] for row in outbox(env)] == ["sent"] and smtp.inbox.mails == []
    again = run_zizhi("--as", "boss", "remind", "--mail", env_root=env)
    assert (again.returncode, again.stderr, smtp.inbox.mails) == (0, "", [])


def test_a_dry_run_by_mail_shows_the_subject_and_foresees_a_missing_address(cli, env):
    write_mail_settings(env / "config", 2525)
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli("log", "add", "恒通", "--channel", "phone", "--summary", "询问报价", "--next", "发送报价",
        "--next-date", "2026-11-25", "--at", "2026-11-20", user="li")
    plan = cli("remind", "--mail", "--dry-run").stdout
    assert "Subject: " in plan and "would fail: li has no email address (zizhi user edit li --email …)" in plan
    assert outbox(env) == []


def test_ten_runs_at_once_deliver_once(due, env):
    runs = [start_zizhi("--as", "boss", "remind", env_root=env) for _ in range(10)]
    finished = [(run.wait(60), *run.communicate()) for run in runs]
    assert {code for code, _, _ in finished} <= {0, 75}, finished
    printed = [out for _, out, _ in finished if out]
    assert len(printed) == 1 and printed[0].startswith(HEAD)
    for code, _, err in finished:
        if code == 75:
            assert err.startswith("zizhi: another zizhi remind is running") and err.count("\n") == 1
    assert [row[1:3] for row in outbox(env)] == [("text", "sent")]


def test_a_second_run_finds_the_lock_and_stops_at_once(due, env):
    fd = os.open(str(env / "zizhi.db") + ".remind.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        started = time.monotonic()
        blocked = run_zizhi("--as", "boss", "remind", env_root=env)
        assert time.monotonic() - started < 10
        assert blocked.returncode == 75 and blocked.stdout == "" and "zizhi.db.remind.lock" in blocked.stderr
    finally:
        os.close(fd)
    assert outbox(env) == []
    assert HEAD in run_zizhi("--as", "boss", "remind", env_root=env).stdout


def test_cron_s_bare_environment_keeps_the_chinese_intact(due, env):
    import sys
    from pathlib import Path

    exe = Path(sys.executable).with_name("zizhi")
    result = subprocess.run(
        ["env", "-i", f"HOME={env}", "PATH=/usr/bin:/bin", f"ZIZHI_DB={env / 'zizhi.db'}",
         f"ZIZHI_CONFIG={env / 'config'}", f"ZIZHI_STATE={env / 'state'}", "ZIZHI_NOW=2026-11-27T08:00:00",
         str(exe), "--lang", "zh", "remind"], capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    assert text.startswith("李娜（li）— 截至 2026-11-27 共 1 项待办：") and "宁波恒通进出口贸易有限公司" in text


def test_chat_goes_through_the_same_outbox(due, env, robot):  # noqa: F811 - the fixture imported above
    """A real group robot on loopback: refused once (the claim kept, exit 69), then posted once."""
    from zizhi.core.paths import SHIPPED_CONFIG

    (env / "config").mkdir(exist_ok=True)
    (env / "config" / "settings.toml").write_text(
        (SHIPPED_CONFIG / "settings.toml").read_text(encoding="utf-8")
        + f'\n[chat]\nplatform = "dingtalk"\nwebhook = "{robot.url}/robot/send?access_token=t0k"\n'
        + 'secret_env = "ZIZHI_CHAT_SECRET"\n', encoding="utf-8")
    robot.reply = {"errcode": 310000, "errmsg": "sign not match"}
    assert "group robot to 李娜 (li): 1 reminder not delivered — " in due("remind", "--chat", code=69).stderr
    robot.reply = {"errcode": 0, "errmsg": "ok"}
    due("remind", "--chat")
    due("remind", "--chat")
    assert len(robot.posts) == 2 and robot.posts[1]["body"]["text"]["content"].startswith(HEAD)


def test_cron_s_run_loads_no_part_of_the_app(due, env):
    probe = ("import sys\nfrom zizhi.commands.main import app\ntry:\n    app(['--as', 'boss', 'remind'])\n"
             "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
             "print('textual' in sys.modules, 'zizhi.tui' in sys.modules, file=sys.stderr)")
    import sys

    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZIZHI_")}
    environment.update(ZIZHI_DB=str(env / "zizhi.db"), ZIZHI_CONFIG=str(env / "config"),
                       ZIZHI_STATE=str(env / "state"), ZIZHI_LANG="en", ZIZHI_NOW="2026-11-27T08:00:00")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=environment)
    assert result.stdout.startswith(HEAD) and result.stderr.split() == ["False", "False"], result.stderr
