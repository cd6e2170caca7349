"""The desk a user sits at: the open database, the configuration, and who is acting.

Built once per CLI command or app run and passed to every core operation, so the rules always
know who is asking.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from zizhi.core import settings as configuration
from zizhi.core.i18n import choose_language
from zizhi.core.settings import Settings
from zizhi.core.store import Store


class Desk:
    """``settings`` are loaded (and validated) when first used, unless already loaded to open the desk."""

    def __init__(self, store: Store, user: dict, settings: Settings | None = None) -> None:
        self.store = store
        self.user = user
        self._settings = settings

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = configuration.load()
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    @property
    def role(self) -> str:
        return self.user["role"]

    def close(self) -> None:
        self.store.close()


def acting_login(option: str | None = None) -> str:
    """``--as``, then ``ZIZHI_USER``, then the operating-system login."""
    if option:
        return option.strip()
    if os.environ.get("ZIZHI_USER"):
        return os.environ["ZIZHI_USER"].strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "admin"


def open_desk(db: str | Path | None = None, as_user: str | None = None,
              lang: str | None = None) -> Desk:
    """Open the database and identify the acting user (the first ever user becomes admin)."""
    from zizhi.core import paths
    from zizhi.core.people import users as people

    settings = None
    if configuration.unchanged_since_checked():
        choose_language(lang, configuration.configured_language())
    else:
        settings = configuration.load()
        configuration.remember_checked()
        choose_language(lang, settings.general.language)
    store = Store(paths.database_path(db))
    try:
        user = people.acting_user(store, acting_login(as_user))
    except BaseException:
        store.close()
        raise
    return Desk(store=store, user=user, settings=settings)
