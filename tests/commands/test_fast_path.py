"""A command on an up-to-date database loads only what it needs (README: Performance)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.commands.conftest import run_zizhi

LIST_AND_REPORT = """
import sys
from zizhi.commands.main import app
try:
    app(["--as", "boss", "client", "list", "--json"])
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
loaded = [m for m in ("sqlite_utils", "sqlite_utils.migrations", "zizhi.core.schema", "zizhi.commands.deals",
                      "zizhi.commands.quotes", "pypinyin", "rich", "textual") if m in sys.modules]
print(loaded)
"""


def test_client_list_on_an_up_to_date_database_skips_migrations_and_other_commands(env):
    assert run_zizhi("--as", "boss", "client", "add", "--name", "华为技术有限公司", env_root=env).returncode == 0
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZIZHI_")}
    environment.update(ZIZHI_DB=str(env / "zizhi.db"), ZIZHI_CONFIG=str(env / "config"),
                       ZIZHI_STATE=str(env / "state"), ZIZHI_LANG="en")
    result = subprocess.run([sys.executable, "-c", LIST_AND_REPORT], capture_output=True, text=True,
                            timeout=60, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
