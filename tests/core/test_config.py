"""The TOML configuration an administrator edits: shipped defaults, user copies, clear errors.

The broken files live in tests/fixtures/config/<case>/ as real files; each case folder holds
only the file that is wrong, so the other two come from the shipped defaults.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from zizhi.core import settings
from zizhi.core.errors import ConfigError
from zizhi.core.paths import SHIPPED_CONFIG
from zizhi.core.people import users as people

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "config"
FILES = ("catalogue.toml", "pricing.toml", "settings.toml")


def use_case(monkeypatch, case: str) -> Path:
    folder = CASES / case
    monkeypatch.setenv("ZIZHI_CONFIG", str(folder))
    return folder


def line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` that contains ``text`` (found independently of the code)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def load_error(monkeypatch, case: str) -> tuple[ConfigError, str]:
    use_case(monkeypatch, case)
    with pytest.raises(ConfigError) as caught:
        settings.load()
    assert caught.value.exit_code == 78
    return caught.value, caught.value.message("en")


def test_shipped_defaults_load_as_exact_numbers():
    loaded = settings.load()
    codes = [q.code for q in loaded.catalogue.qualification]
    assert codes[:2] == ["TRADE-RIGHTS", "CUSTOMS-REG"]
    trade = loaded.catalogue.get("trade-rights")
    assert trade.service_fee == 150_000 and type(trade.service_fee) is int
    assert trade.validity_months is None
    assert loaded.catalogue.get("EXPORT-LICENCE").validity_months == 6
    assert loaded.pricing.tax.service_vat == 600
    assert loaded.pricing.credit_policy["A"].credit_limit == 50_000_000
    assert loaded.pricing.onboarding.pass_mark == 80
    assert [s.action for s in loaded.pricing.dunning.steps][0] == "friendly_reminder"
    assert all(path.parent == SHIPPED_CONFIG for path in loaded.sources.values())
    assert settings.problems() == []


def test_a_user_copy_takes_precedence_over_the_shipped_file(isolated):
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace("pass_mark = 80", "pass_mark = 60"), encoding="utf-8")
    loaded = settings.load()
    assert loaded.pricing.onboarding.pass_mark == 60
    assert loaded.sources["pricing.toml"] == isolated / "pricing.toml"
    assert loaded.sources["catalogue.toml"] == SHIPPED_CONFIG / "catalogue.toml"


def test_the_configured_pass_mark_decides_who_goes_on_duty(isolated, desk_as):
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace("pass_mark = 80", "pass_mark = 60"), encoding="utf-8")
    boss = desk_as("boss")
    people.add_user(boss, "li", "李娜", "sales")
    assert people.record_exam(boss, "li", 65)["on_duty"] == 1


def _keys_file(config: Path, keys: str) -> None:
    shipped = (SHIPPED_CONFIG / "settings.toml").read_text(encoding="utf-8")
    (config / "settings.toml").write_text(shipped + "\n[keys]\n" + keys, encoding="utf-8")


def test_the_app_keys_come_from_settings_toml_once_it_passed(isolated, desk_as, monkeypatch, tmp_path):
    monkeypatch.setenv("ZIZHI_STATE", str(tmp_path / "state"))
    _keys_file(isolated, '"clients.add" = "n"\n')
    desk_as("boss")  # opening a desk checks the files and remembers they passed
    desk = desk_as("boss")
    assert desk.keys == {"clients.add": "n"}


def test_app_keys_edited_wrong_after_the_check_are_refused_like_any_broken_file(isolated, desk_as, monkeypatch,
                                                                                tmp_path):
    monkeypatch.setenv("ZIZHI_STATE", str(tmp_path / "state"))
    _keys_file(isolated, '"clients.add" = "n"\n')
    desk_as("boss")  # the files pass, and their checked values are kept
    _keys_file(isolated, '"clients.add" = 7\n')
    with pytest.raises(ConfigError) as caught:
        desk_as("boss")
    assert "settings.toml" in caught.value.message("en")


def test_a_toml_syntax_error_names_the_file_and_line(monkeypatch):
    error, message = load_error(monkeypatch, "syntax_error")
    path = CASES / "syntax_error" / "pricing.toml"
    assert f"{path}:{line_of(path, 'validity_days 30')}" in message
    assert "not valid TOML" in message


def test_an_unknown_key_names_file_key_and_line(monkeypatch):
    error, message = load_error(monkeypatch, "unknown_key")
    path = CASES / "unknown_key" / "settings.toml"
    assert f"{path}:{line_of(path, 'langauge')}: langauge: unknown key" in message


def test_a_float_amount_is_refused_with_its_key_and_line(monkeypatch):
    error, message = load_error(monkeypatch, "float_fee")
    path = CASES / "float_fee" / "catalogue.toml"
    assert f"{path}:{line_of(path, '1500.5')}: qualification.1.service_fee:" in message
    assert "1500.5" in message
    assert "string" in message  # tells the admin how to write it


def test_a_percentage_out_of_range_is_refused(monkeypatch):
    error, message = load_error(monkeypatch, "percent_out_of_range")
    path = CASES / "percent_out_of_range" / "pricing.toml"
    assert f"{path}:{line_of(path, '160%')}: tax.service_vat:" in message
    assert "0% to 100%" in message


def test_a_missing_stage_is_named(monkeypatch):
    error, message = load_error(monkeypatch, "missing_stage")
    assert str(CASES / "missing_stage" / "pricing.toml") in message
    assert "stages" in message
    assert "stage delivered is missing" in message


def test_problems_lists_every_problem_in_every_file(monkeypatch):
    folder = use_case(monkeypatch, "many_problems")
    found = settings.problems()
    assert len(found) == 3
    catalogue, pricing, general = (folder / name for name in FILES)
    assert any(f"{catalogue}:{line_of(catalogue, '1500.5')}: qualification.1.service_fee" in p for p in found)
    assert any(f"{pricing}:{line_of(pricing, 'sue')}: dunning.steps.2.action" in p for p in found)
    assert any(f"{general}:{line_of(general, 'fax')}: company.fax: unknown key" in p for p in found)


def test_problems_reports_a_syntax_error_too(monkeypatch):
    use_case(monkeypatch, "syntax_error")
    found = settings.problems()
    assert len(found) == 1
    path = CASES / "syntax_error" / "pricing.toml"
    assert f"{path}:{line_of(path, 'validity_days 30')}" in found[0]


def test_a_broken_config_stops_the_desk_from_opening(monkeypatch, tmp_path):
    from zizhi.core.desk import open_desk

    use_case(monkeypatch, "float_fee")
    with pytest.raises(ConfigError):
        open_desk(db=tmp_path / "zizhi.db", as_user="boss", lang="en")


def test_init_writes_private_copies_in_a_private_folder(monkeypatch, tmp_path):
    folder = tmp_path / "home" / "zizhi"
    monkeypatch.setenv("ZIZHI_CONFIG", str(folder))
    written = settings.init()
    assert sorted(p.name for p in written) == sorted(FILES)
    for path in (folder, folder.parent):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for name in FILES:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
        assert (folder / name).read_text(encoding="utf-8") == (SHIPPED_CONFIG / name).read_text(encoding="utf-8")
    assert settings.load().sources["pricing.toml"] == folder / "pricing.toml"


def test_init_keeps_existing_edits_unless_forced(monkeypatch, tmp_path):
    folder = tmp_path / "zizhi"
    monkeypatch.setenv("ZIZHI_CONFIG", str(folder))
    settings.init()
    edited = (folder / "pricing.toml").read_text(encoding="utf-8").replace("pass_mark = 80", "pass_mark = 75")
    (folder / "pricing.toml").write_text(edited, encoding="utf-8")

    assert settings.init() == []
    assert settings.load().pricing.onboarding.pass_mark == 75

    assert len(settings.init(force=True)) == 3
    assert settings.load().pricing.onboarding.pass_mark == 80


def test_init_fills_in_only_the_missing_files(monkeypatch, tmp_path):
    folder = tmp_path / "zizhi"
    folder.mkdir()
    shutil.copy(CASES / "unknown_key" / "settings.toml", folder / "settings.toml")
    monkeypatch.setenv("ZIZHI_CONFIG", str(folder))
    written = settings.init()
    assert sorted(p.name for p in written) == ["catalogue.toml", "pricing.toml"]
    assert "langauge" in (folder / "settings.toml").read_text(encoding="utf-8")


def test_effective_toml_shows_each_file_and_its_source():
    text = settings.effective_toml(settings.load())
    assert f"# pricing.toml — {SHIPPED_CONFIG / 'pricing.toml'}" in text
    assert 'service_vat = "6%"' in text


def test_a_ladder_written_before_dunning_was_a_table_still_loads_in_calendar_days(isolated):
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    text = text[:text.index("[dunning]")] + "".join(
        f'[[dunning]]\ndays_overdue = {d}\naction = "{a}"\n\n' for d, a in ((1, "reminder"), (7, "call")))
    (isolated / "pricing.toml").write_text(text, encoding="utf-8")
    ladder = settings.load().pricing.dunning
    assert ladder.working_days is False and [(s.days, s.action) for s in ladder.steps] == [(1, "reminder"), (7, "call")]


def test_the_kept_settings_read_back_as_the_checked_ones(isolated, monkeypatch, tmp_path):
    """What a command reads back without the schema holds every value the check gave, and the
    models' rules (a certificate's months, a code looked up in any case)."""
    from zizhi.core import checked_settings

    monkeypatch.setenv("ZIZHI_STATE", str(tmp_path / "state"))
    checked = settings.check()
    catalogue, pricing, general = checked_settings.loads(
        checked_settings.dumps(checked.catalogue, checked.pricing, checked.general))
    assert [catalogue.model_dump(), pricing.model_dump(), general.model_dump()] == [
        checked.catalogue.model_dump(), checked.pricing.model_dump(), checked.general.model_dump()]
    first = checked.catalogue.qualification[0]
    assert catalogue.get(first.code.lower()).validity_months == first.validity_months
    with pytest.raises(AttributeError):
        pricing.quotes.validity_days = 1
    settings.load()  # checks and keeps
    assert settings.load().pricing.model_dump() == checked.pricing.model_dump()
