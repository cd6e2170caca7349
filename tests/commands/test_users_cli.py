"""`zizhi user …`: the first user is admin; onboarding exam puts a salesperson on duty."""

from __future__ import annotations


def test_unknown_user_is_told_to_ask_an_admin(cli):
    result = cli("client", "list", user="stranger", code=1)
    assert "zizhi user add stranger" in result.stderr


def test_exam_at_pass_mark_puts_on_duty_below_does_not(cli):
    assert cli.json("user", "show", "zhao")["on_duty"] == 0
    failed = cli.json("user", "exam", "zhao", "79", user="chen")
    assert failed["on_duty"] == 0 and failed["exams"][-1]["passed"] == 0
    passed = cli.json("user", "exam", "zhao", "80", user="chen")
    assert passed["on_duty"] == 1


def test_training_is_recorded(cli):
    shown = cli.json("user", "train", "li", "--topic", "2026年出口许可证新规", "--hours", "2", user="chen")
    assert shown["trainings"][0]["topic"] == "2026年出口许可证新规"


def test_only_admins_add_users_and_roles_are_checked(cli):
    refused = cli("user", "add", "x", "--role", "sales", user="li", code=1)
    assert "admin" in refused.stderr
    bad = cli("user", "add", "x", "--role", "boss", code=65)
    assert "'boss'" in bad.stderr and "sales" in bad.stderr
    bad_score = cli("user", "exam", "zhao", "120", code=65)
    assert "120" in bad_score.stderr


def test_the_language_chosen_is_spoken_at_every_start_until_forgotten(cli, monkeypatch):
    for name in ("ZIZHI_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert cli.json("user", "language", "zh")["language"] == "zh"
    assert "客户：在您可查看的客户中找不到 '999'" in cli("client", "show", "999", code=1).stderr
    assert "client: no client '999'" in cli("--lang", "en", "client", "show", "999", code=1).stderr
    bad = cli("user", "language", "fr", code=65)
    assert "'fr' 不是资质系统支持的语言" in bad.stderr
    assert "已不再指定语言" in cli("user", "language", "default").stdout
    assert "client: no client '999'" in cli("client", "show", "999", code=1).stderr
