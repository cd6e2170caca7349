"""Runs nobody watches (cron, a script) fail loudly with one line instead of hanging or guessing."""

from __future__ import annotations

import subprocess

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
