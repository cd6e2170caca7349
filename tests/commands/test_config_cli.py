"""`zizhi config …`: a user copy to edit, checked with file, line and key."""

from __future__ import annotations

import stat

from tests.commands.conftest import Cli


def test_init_writes_private_copies_and_keeps_edits(env):
    cli = Cli(env)
    result = cli("config", "init")
    folder = env / "config"
    assert {p.name for p in folder.iterdir()} == {"catalogue.toml", "pricing.toml", "settings.toml"}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    assert "catalogue.toml" in result.stdout
    (folder / "pricing.toml").write_text((folder / "pricing.toml").read_text().replace("pass_mark = 80", "pass_mark = 75"))
    cli("config", "init")
    assert "pass_mark = 75" in (folder / "pricing.toml").read_text()


def test_check_lists_every_problem(env):
    cli = Cli(env)
    cli("config", "init")
    catalogue = env / "config" / "catalogue.toml"
    text = catalogue.read_text().replace('service_fee = "1,500.00"', "service_fee = 1500.5", 1)
    catalogue.write_text(text.replace("standard_days = 7", "standard_days = -1", 1))
    result = cli("config", "check", code=78)
    assert "qualification.0.service_fee" in result.stderr and "qualification.0.standard_days" in result.stderr
    assert "catalogue.toml:" in result.stderr


def test_show_prints_effective_values_and_their_source(env):
    result = Cli(env)("config", "show")
    assert "# pricing.toml" in result.stdout and "TRADE-RIGHTS" in result.stdout
