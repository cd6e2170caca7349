"""Runs nobody watches (cron, a script) fail loudly with one line instead of hanging or guessing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commands.conftest import run_zizhi


def test_a_bare_zizhi_without_a_terminal_says_so_instead_of_waiting_forever(env):
    result = run_zizhi(env_root=env, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("lang, code", [("xx", 2), ("fr", 2), ("zh_CN", 0), ("en-US", 0)])
def test_only_the_languages_zizhi_speaks_are_accepted(env, lang, code):
    result = run_zizhi("--lang", lang, "client", "list", env_root=env)
    assert result.returncode == code, result.stderr
    if code:
        assert result.stderr.count("\n") == 1 and f"'{lang}'" in result.stderr


def test_a_reader_that_stops_early_is_not_an_error(env):
    """`zizhi client list | head -1` in a script with pipefail: the closed pipe is no failure."""
    assert run_zizhi("--as", "boss", "demo", "--clients", "1500", env_root=env).returncode == 0
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZIZHI_")}
    environment.update(ZIZHI_DB=str(env / "zizhi.db"), ZIZHI_CONFIG=str(env / "config"),
                       ZIZHI_STATE=str(env / "state"), ZIZHI_LANG="en")
    exe = Path(sys.executable).with_name("zizhi")
    command = [str(exe)] if exe.exists() else [sys.executable, "-c", "from zizhi.commands.main import run; run()"]
    lister = subprocess.Popen([*command, "client", "list", "--limit", "1500"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=environment)
    assert lister.stdout.readline()
    lister.stdout.close()
    assert lister.wait(timeout=60) == 0
    assert lister.stderr.read() == b""
