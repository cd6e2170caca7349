"""What a person chose for themselves: today, the language the app and the commands speak to them.

Kept in the ``users`` table, not in ``settings.toml``: on a team server everyone shares one
operating-system account, so a file of that account would be everyone's choice at once.
Who is choosing is the person at the keyboard — the admin, when an admin acts as someone else.
"""

from __future__ import annotations

from zizhi.core.errors import InputError
from zizhi.core.i18n import LANGUAGES, normalise


def keyboard_user_id(user: dict) -> int:
    """The person at the keyboard: the admin acting as ``user``, else ``user`` themselves."""
    return user.get("acting_admin_id") or user["id"]


def saved_language(store, user: dict) -> str | None:
    """The language the person at the keyboard last chose, or None (then settings.toml decides)."""
    if not user.get("acting_admin_id"):
        return user.get("language")
    return store.scalar("SELECT language FROM users WHERE id = ?", [user["acting_admin_id"]])


def set_language(desk, language: str | None) -> str | None:
    """Save the language the person at the keyboard chose (None forgets it), so the next start uses it.

    One transaction, and not audited: it is a preference, changing no record the rulebook keeps
    and nothing a colleague sees; a row in the audit chain for every switch would bury the
    changes the trail is for. Anyone may set their own, whatever their role.
    """
    chosen = normalise(language) if language else None
    if language and chosen is None:
        raise InputError("people.language_unknown", value=language, allowed=", ".join(LANGUAGES))
    with desk.store.unit_of_work() as db:
        db.execute("UPDATE users SET language = ? WHERE id = ?", [chosen, keyboard_user_id(desk.user)])
    desk.own_language = chosen
    return chosen
