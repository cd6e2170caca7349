"""A command on an up-to-date database loads only what it needs (README: Performance)."""

from __future__ import annotations

import json
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
                      "zizhi.commands.quotes", "zizhi.config.schema", "pypinyin", "rich", "textual")
          if m in sys.modules]
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


def test_a_broken_configuration_is_still_refused_by_a_quick_command(env):
    """The schema is skipped only for files that passed as they are; a mended file passes again."""
    assert run_zizhi("--as", "boss", "client", "list", env_root=env).returncode == 0
    config = env / "config"
    config.mkdir(exist_ok=True)
    (config / "pricing.toml").write_text("[tax]\nservice_vat = 6\n", encoding="utf-8")
    broken = run_zizhi("--as", "boss", "client", "list", env_root=env)
    assert broken.returncode == 78 and "pricing.toml" in broken.stderr
    assert run_zizhi("--as", "boss", "client", "list", env_root=env).returncode == 78
    (config / "pricing.toml").unlink()
    assert run_zizhi("--as", "boss", "client", "list", env_root=env).returncode == 0


def test_command_modules_keep_their_annotations_evaluated():
    """Typer reads every option's annotation when a command group starts; as strings (``from
    __future__ import annotations``) each must be compiled and evaluated, ~100 ms per command."""
    from pathlib import Path

    commands = Path(__file__).resolve().parents[2] / "commands"
    lazy = [p.name for p in commands.glob("*.py") if "\nfrom __future__ import annotations" in p.read_text()]
    assert lazy == []


def test_a_garbled_note_of_the_last_check_only_means_checking_again(env):
    assert run_zizhi("--as", "boss", "client", "list", env_root=env).returncode == 0
    (env / "state" / "config-checked").write_bytes(b"\xff\xfe not a digest")
    assert run_zizhi("--as", "boss", "client", "list", env_root=env).returncode == 0


REMIND_AND_REPORT = """
import sys
from zizhi.commands.main import app
try:
    app(["--as", "boss", "remind", "--json"])
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
print([m for m in ("zizhi.config.schema", "sqlite_utils", "rich", "textual") if m in sys.modules])
"""


def test_cron_s_run_reads_the_checked_settings_without_building_the_schema(env):
    """The morning run needs every setting; once the files passed, their checked values are read back."""
    assert run_zizhi("--as", "boss", "client", "list", env_root=env).returncode == 0
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZIZHI_")}
    environment.update(ZIZHI_DB=str(env / "zizhi.db"), ZIZHI_CONFIG=str(env / "config"),
                       ZIZHI_STATE=str(env / "state"), ZIZHI_LANG="en")
    result = subprocess.run([sys.executable, "-c", REMIND_AND_REPORT], capture_output=True, text=True,
                            timeout=60, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_setting_changed_after_its_check_takes_effect_at_the_next_command(env):
    from zizhi.core.paths import SHIPPED_CONFIG

    added = run_zizhi("--as", "boss", "catalogue", "show", "TRADE-RIGHTS", "--json", env_root=env)
    assert added.returncode == 0, added.stderr
    config = env / "config"
    config.mkdir(exist_ok=True)
    shipped = (SHIPPED_CONFIG / "catalogue.toml").read_text(encoding="utf-8")
    (config / "catalogue.toml").write_text(shipped.replace("standard_days = ", "standard_days = 1", 1), encoding="utf-8")
    changed = run_zizhi("--as", "boss", "catalogue", "list", "--json", env_root=env)
    assert changed.returncode == 0, changed.stderr
    shown = [json.loads(added.stdout)["standard_days"], json.loads(changed.stdout)[0]["standard_days"]]
    assert shown == [7, 17]  # TRADE-RIGHTS, the catalogue's first entry: 7 days as shipped, 17 as edited
