"""A person's own language: saved with them in the database, it opens their next start, between
``--lang``/``ZIZHI_LANG`` and the shared settings.toml."""

from __future__ import annotations

import pytest

from zizhi.core import audit, i18n, identity
from zizhi.core.clients import records as clients
from zizhi.core.desk import open_desk
from zizhi.core.errors import InputError, UserError
from zizhi.core.paths import SHIPPED_CONFIG
from zizhi.core.people import preferences


@pytest.fixture
def no_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "ZIZHI_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    return monkeypatch


@pytest.fixture
def person(monkeypatch, db_path, add_sales):
    """``person(login)`` opens the desk as that person over their SSH key, as on the team server:
    themselves, not the test's admin account acting as them (closed at the end of the test)."""
    add_sales("li", "李娜")
    add_sales("wang", "王强")
    opened = []

    def open_as(login: str, lang: str | None = None):
        monkeypatch.setattr(identity, "_binding", identity.Binding(login, None))
        desk = open_desk(db=db_path, lang=lang)
        opened.append(desk)
        return desk

    yield open_as
    for desk in opened:
        desk.close()


def settings_say(config, language: str) -> None:
    text = (SHIPPED_CONFIG / "settings.toml").read_text(encoding="utf-8")
    (config / "settings.toml").write_text(text.replace('# language = "zh"', f'language = "{language}"'),
                                          encoding="utf-8")


def test_the_saved_language_opens_the_next_start_and_its_errors(no_locale, person):
    assert preferences.set_language(person("li"), "zh_CN") == "zh"
    i18n.choose_language("en")
    desk = person("li")
    assert i18n.current_language() == "zh" and desk.own_language == "zh"
    with pytest.raises(UserError) as caught:
        clients.resolve(desk, "999")
    assert str(caught.value) == "客户：在您可查看的客户中找不到 '999'。"


def test_the_option_and_the_environment_beat_the_saved_language(no_locale, person):
    preferences.set_language(person("li"), "zh")
    person("li", lang="en")
    assert i18n.current_language() == "en"
    no_locale.setenv("ZIZHI_LANG", "en")
    person("li")
    assert i18n.current_language() == "en"


def test_the_saved_language_beats_the_shared_settings_and_forgetting_it_gives_them_back(
        no_locale, isolated, person):
    settings_say(isolated, "zh")
    preferences.set_language(person("li"), "en")
    person("li")
    assert i18n.current_language() == "en"
    preferences.set_language(person("li"), None)
    person("li")
    assert i18n.current_language() == "zh"


def test_each_person_has_their_own(no_locale, person):
    preferences.set_language(person("li"), "zh")
    person("wang")
    assert i18n.current_language() == "en"
    person("li")
    assert i18n.current_language() == "zh"


def test_an_admin_acting_as_someone_saves_their_own_not_that_persons(no_locale, desk_as, person, db_path):
    preferences.set_language(desk_as("li"), "zh")  # the test's account is an admin, acting as li
    open_desk(db=db_path, as_user="wang").close()  # the same admin, acting as someone else
    assert i18n.current_language() == "zh"
    person("li")
    assert i18n.current_language() == "en"


def test_a_language_zizhi_does_not_speak_is_refused_and_nothing_changes(person):
    li = person("li")
    preferences.set_language(li, "zh")
    with pytest.raises(InputError) as caught:
        preferences.set_language(li, "fr")
    assert "'fr' is not a language Zizhi speaks (en, zh)" in caught.value.message("en")
    assert li.store.scalar("SELECT language FROM users WHERE login = 'li'") == "zh"


def test_a_preference_is_not_an_audited_change(person, desk):
    before = len(audit.list_entries(desk))
    preferences.set_language(person("li"), "zh")
    assert len(audit.list_entries(desk)) == before
