"""The CLI's one error boundary and one output function, as a script or a person meets them."""

from __future__ import annotations

import json
import stat

import pytest

from tests.commands.conftest import run_zizhi
from zizhi.core import identity


def test_an_unexpected_error_is_one_line_exit_70_and_its_traceback_goes_to_the_log(cli, env, monkeypatch):
    from zizhi.core.clients import records

    def broken(*args, **kwargs):
        raise RuntimeError("the disk said no")

    monkeypatch.setattr(records, "get_client", broken)
    result = cli("client", "show", "1", code=70)
    log = env / "state" / "errors.log"
    assert result.stdout == ""
    assert result.stderr == f"zizhi: internal error (RuntimeError); details in {log}\n"
    assert "Traceback" in log.read_text() and "the disk said no" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_the_internal_error_line_is_in_the_chosen_language(cli, env, monkeypatch):
    from zizhi.core.clients import records

    monkeypatch.setattr(records, "list_clients", lambda *a, **k: 1 / 0)
    result = cli.runner.invoke(cli_app(), ["--as", "boss", "--lang", "zh", "client", "list"])
    assert result.exit_code == 70
    assert result.stderr == f"zizhi: 内部错误（ZeroDivisionError）；详情见 {env / 'state' / 'errors.log'}\n"


@pytest.mark.parametrize("args", [["client", "show", "²"], ["client", "show", "1²"]])
def test_inputs_that_used_to_crash_give_one_line_not_a_traceback(env, args):
    run_zizhi("--as", "boss", "client", "add", "--name", "华为技术有限公司", env_root=env)
    result = run_zizhi("--as", "boss", *args, env_root=env)
    assert result.returncode in (1, 65, 70)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(("lang", "unknown", "missing"), [
    ("en", "zizhi: no such option: --frobnicate (see zizhi client add --help)\n",
     "zizhi: missing argument CLIENT (see zizhi client show --help)\n"),
    ("zh", "zizhi: 没有这个选项：--frobnicate（见 zizhi client add --help）\n",
     "zizhi: 缺少参数 CLIENT（见 zizhi client show --help）\n"),
])
def test_usage_errors_are_one_line_exit_2_in_the_chosen_language(env, lang, unknown, missing):
    bad_option = run_zizhi("--lang", lang, "client", "add", "--frobnicate", "x", env_root=env)
    assert (bad_option.returncode, bad_option.stdout, bad_option.stderr) == (2, "", unknown)
    no_argument = run_zizhi("--lang", lang, "client", "show", env_root=env)
    assert (no_argument.returncode, no_argument.stdout, no_argument.stderr) == (2, "", missing)


def test_a_usage_error_follows_zizhi_lang_too(env):
    result = run_zizhi("client", "add", "--frobnicate", "x", env_root=env, extra_env={"ZIZHI_LANG": "zh"})
    assert result.returncode == 2
    assert result.stderr.startswith("zizhi: 没有") and result.stderr.count("\n") == 1


def test_a_word_for_a_number_is_bad_data_named_in_zizhi_lang(env):
    result = run_zizhi("client", "list", "--limit", "many", env_root=env, extra_env={"ZIZHI_LANG": "zh"})
    assert (result.returncode, result.stdout) == (65, "")
    assert result.stderr == "zizhi: --limit：'many' 不是不小于 1 的整数（只写数字，最多 18 位）。\n"


def test_an_unknown_command_suggests_the_near_one(env):
    result = run_zizhi("clinet", "list", env_root=env)
    assert (result.returncode, result.stderr) == (
        2, "zizhi: no such command: clinet; did you mean client, init? (see zizhi --help)\n")


def test_json_output_is_the_record_indented_with_chinese_kept(cli):
    result = cli("client", "add", "--name", "华为技术有限公司", "--city", "深圳", "--json")
    created = json.loads(result.stdout)
    assert result.stdout == json.dumps(created, ensure_ascii=False, indent=2) + "\n"
    listed = cli("client", "list", "--json")
    assert json.loads(listed.stdout) == [{k: created[k] for k in json.loads(listed.stdout)[0]}]
    assert '"name": "华为技术有限公司"' in listed.stdout


def test_user_list_as_json_and_as_a_table(cli):
    users = [u for u in cli.json("user", "list") if u["login"] != identity.os_login()]
    assert [(u["login"], u["role"], u["on_duty"]) for u in users] == [
        ("boss", "admin", 0), ("chen", "manager", 0), ("li", "sales", 1), ("zhao", "sales", 0)]
    assert cli("user", "list").stdout.splitlines()[:2] == [
        "login  name    role     on duty  clients",
        "boss   boss    admin    no       0",
    ]


def cli_app():
    from zizhi.commands.main import app

    return app
