"""The desk a user sits at: the open database, the configuration, and who is acting.

Built once per CLI command or app run and passed to every core operation, so the rules always
know who is asking.
"""

from __future__ import annotations

from pathlib import Path

from zizhi.core import settings as configuration
from zizhi.core.i18n import choose_language
from zizhi.core.settings import Settings
from zizhi.core.store import Store


class Desk:
    """``settings`` are loaded (and validated) when first used, unless already loaded to open the desk."""

    def __init__(self, store: Store, user: dict, settings: Settings | None = None,
                 own_language: str | None = None) -> None:
        self.store = store
        self.user = user
        self._settings = None
        if settings is not None:
            self.settings = settings
        # The language the person at the keyboard saved (core/people/preferences.py), or None.
        self.own_language = own_language
        store.on_begin = self._still_on_duty

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self.settings = configuration.load()
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        """The settings, and with them the company's time zone: the clock every stamp and day of
        this desk is read on (:func:`core.clock.use_zone`)."""
        from zizhi.core import clock

        self._settings = value
        clock.use_zone(value.general.reminders.timezone)

    @property
    def keys(self) -> dict[str, str]:
        """The app's keys as settings.toml rebinds them."""
        return self.settings.general.keys

    def _still_on_duty(self, db) -> None:
        """Re-read who is acting as each operation begins, inside its transaction.

        An app session lasts all day: a colleague deactivated or demoted meanwhile (or an admin
        acting as someone, who is no longer an admin) must not keep the rights of the morning.
        """
        from zizhi.core.people.users import still_acting

        still_acting(db, self.user)

    @property
    def role(self) -> str:
        return self.user["role"]

    def close(self) -> None:
        self.store.close()


def open_desk(db: str | Path | None = None, as_user: str | None = None,
              lang: str | None = None, create: bool = False) -> Desk:
    """Open the database as the real identity, or as whom an admin names (see :mod:`core.identity`).

    ``create`` makes a missing database with the operating-system account as its admin — for the
    app on its default path; anything else must find the file there (``zizhi init`` makes it).

    The language: ``lang`` (``--lang``), else ``ZIZHI_LANG``, else the one the person last chose
    (saved with them in the database), else settings.toml, else the locale. Until the person is
    known — a refusal to open — settings.toml stands in for their choice.
    """
    from zizhi.core import identity, paths
    from zizhi.core.people import preferences
    from zizhi.core.people import users as people

    settings = configuration.load()
    choose_language(lang, settings.general.language)
    path = paths.database_path(db)
    if create and not path.exists():
        init_database(path)
    store = Store(path)
    try:
        user = people.acting_user(store, identity.real_login(), identity.claimed_login(as_user))
        saved = preferences.saved_language(store, user)
    except BaseException:
        store.close()
        raise
    if saved:  # the person's own choice, over the shared settings.toml (core/people/preferences.py)
        choose_language(lang, saved)
    return Desk(store=store, user=user, settings=settings, own_language=saved)


def init_database(db: str | Path | None = None, admin: str | None = None) -> list[str]:
    """Create a new database whose admins are the account creating it and, if named, ``admin``.

    The creating account holds the file and could change it with any SQLite tool, so it is an
    admin in name too (cron runs under it); ``admin`` names the person who will run the team.
    """
    from zizhi.core import identity, paths, validation
    from zizhi.core.errors import UserError
    from zizhi.core.people import users as people

    path = paths.database_path(db)
    if path.exists() and path.stat().st_size:
        raise UserError("db.exists", path=str(path))
    named = [validation.login(admin, "admin")] if admin is not None else []
    admins = list(dict.fromkeys([identity.real_login(), *named]))
    store = Store(path, create=True)
    try:
        people.register_first_admins(store, admins)
    finally:
        store.close()
    return admins
