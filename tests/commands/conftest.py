"""A real database file and the CLI, driven through Typer's CliRunner or as a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zizhi.commands.main import app

GOOD_CODE = "91110000600037341L"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A clean environment: own database and config folder, fixed clock, English."""
    monkeypatch.setenv("ZIZHI_DB", str(tmp_path / "zizhi.db"))
    monkeypatch.setenv("ZIZHI_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("ZIZHI_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("ZIZHI_NOW", "2026-11-27T09:00:00")
    monkeypatch.setenv("ZIZHI_LANG", "en")
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal, as the runner's: tables print whole (80: test_report_widths)
    monkeypatch.delenv("ZIZHI_USER", raising=False)
    from zizhi.core import i18n
    from zizhi.core.desk import init_database

    i18n.choose_language("en")
    init_database(tmp_path / "zizhi.db", admin="boss")
    return tmp_path


class Cli:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.runner = CliRunner()

    def __call__(self, *args: str, user: str = "boss", code: int | None = 0):
        result = self.runner.invoke(app, ["--as", user, *args], terminal_width=200)
        if code is not None:
            assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
        return result

    def json(self, *args: str, user: str = "boss"):
        return json.loads(self(*args, "--json", user=user).stdout)

    def dump(self) -> list[str]:
        """Every row of the database, to prove a refused command changed nothing."""
        with sqlite3.connect(self.root / "zizhi.db") as conn:
            return list(conn.iterdump())


@pytest.fixture
def cli(env):
    runner = Cli(env)
    runner("user", "add", "li", "--name", "李娜", "--role", "sales")
    runner("user", "exam", "li", "90")
    runner("user", "add", "zhao", "--name", "赵强", "--role", "sales")
    runner("user", "add", "chen", "--name", "陈经理", "--role", "manager")
    return runner


def run_zizhi(*args: str, env_root: Path, extra_env: dict | None = None, stdin=None) -> subprocess.CompletedProcess:
    """Run the installed console script as cron or a user's script would."""
    command, environment = console_script(env_root, extra_env)
    return subprocess.run([*command, *args], capture_output=True, text=True, env=environment, timeout=60,
                          stdin=stdin)


def console_script(env_root: Path, extra_env: dict | None = None) -> tuple[list[str], dict[str, str]]:
    """The installed `zizhi` and the environment it runs in: this test's files, its day (2026-11-27)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZIZHI_")}
    environment.update(ZIZHI_DB=str(env_root / "zizhi.db"), ZIZHI_CONFIG=str(env_root / "config"),
                       ZIZHI_STATE=str(env_root / "state"), ZIZHI_NOW="2026-11-27T09:00:00", ZIZHI_LANG="en")
    environment.update(extra_env or {})
    exe = Path(sys.executable).with_name("zizhi")
    command = [str(exe)] if exe.exists() else [sys.executable, "-c", "from zizhi.commands.main import run; run()"]
    return command, environment


@pytest.fixture
def next_years_holidays(cli, env):
    """2027's holidays on record, so the admins have no reminder to import them (due from 1 November:
    the tests' day is 2026-11-27) and a reminders test hears only about what it set up."""
    import json

    from tests.core.test_workdays import YEAR_2027

    path = env / "2027.json"
    path.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    cli("calendar", "import", str(path))
