"""The scripting contract of the README: help with examples, exit codes, JSON, no Textual."""

from __future__ import annotations

import json
import subprocess
import sys

import typer.main

from tests.commands.conftest import Cli, run_zizhi
from zizhi.commands.main import app


def _leaf_commands(command, path=()):
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        yield path, command
        return
    for name, sub in subcommands.items():
        yield from _leaf_commands(sub, (*path, name))


def test_every_command_has_help_with_an_example():
    leaves = list(_leaf_commands(typer.main.get_command(app)))
    assert len(leaves) >= 20
    missing = [" ".join(path) for path, command in leaves if "Example:" not in (command.help or "")]
    assert missing == []


def test_every_command_help_runs(env):
    cli = Cli(env)
    for path, _ in _leaf_commands(typer.main.get_command(app)):
        result = cli.runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example:" in result.stdout, path


def test_version(env):
    result = Cli(env).runner.invoke(app, ["--version"])
    assert result.stdout.startswith("zizhi 0.")


def test_real_process_exit_codes_and_one_line_errors(env):
    ok = run_zizhi("--as", "boss", "client", "add", "--name", "华为技术有限公司", "--json", env_root=env)
    assert ok.returncode == 0 and json.loads(ok.stdout)["id"] == 1
    bad = run_zizhi("--as", "boss", "client", "add", "--name", "x", "--email", "not-an-email", env_root=env)
    assert bad.returncode == 65 and bad.stderr.count("\n") == 1 and "not-an-email" in bad.stderr
    usage = run_zizhi("client", "add", "--nmae", "x", env_root=env)
    assert usage.returncode == 2
    missing = run_zizhi("--as", "boss", "client", "show", "999", env_root=env)
    assert missing.returncode == 1 and "999" in missing.stderr


def test_broken_configuration_exits_78_naming_file_and_line(env):
    (env / "config").mkdir()
    (env / "config" / "pricing.toml").write_text("[tax]\nservice_vat = \"6%\"\nbogus = 1\n", encoding="utf-8")
    result = run_zizhi("--as", "boss", "client", "list", env_root=env)
    assert result.returncode == 78
    assert "pricing.toml" in result.stderr
    check = run_zizhi("config", "check", env_root=env)
    assert check.returncode == 78 and "pricing.toml:3: tax.bogus: unknown key" in check.stderr


def test_db_option_and_environment_choose_the_file(env, tmp_path):
    other = tmp_path / "other.db"
    assert run_zizhi("--db", str(other), "init", "--admin", "boss", env_root=env).returncode == 0
    run_zizhi("--db", str(other), "--as", "boss", "client", "add", "--name", "甲公司", env_root=env)
    assert [c["name"] for c in json.loads(run_zizhi("--db", str(other), "client", "list", "--json", env_root=env).stdout)] == ["甲公司"]
    listed = run_zizhi("--as", "boss", "client", "list", "--json", env_root=env)
    assert json.loads(listed.stdout) == []


def test_cli_commands_do_not_import_textual(env):
    script = (
        "import sys\n"
        "from zizhi.commands.main import app\n"
        "for args in (['client','list'], ['log','list'], ['user','list'], ['audit','list'], ['config','check']):\n"
        "    try:\n"
        "        app(['--as','boss', *args], standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env=_env(env))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _env(root):
    import os

    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZIZHI_")}
    environment.update(ZIZHI_DB=str(root / "zizhi.db"), ZIZHI_CONFIG=str(root / "config"), ZIZHI_LANG="en")
    return environment


def test_an_empty_list_prints_nothing_on_stdout_for_cron(env):
    result = run_zizhi("--as", "boss", "client", "list", "--due", env_root=env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
