"""Contact details with their middle hidden, for exports taken by roles that do not call clients.

A salesperson calls their own clients, managers and admins oversee them all, and finance chases
their payments: each works with the whole phone number. Legal reviews what a quote promises and
operations processes the qualification — neither needs a client's mobile or email in a file,
so what they export shows enough to recognise it (``138****5678``, ``c***@example.cn``) and no
more. On screen they see the record whole; the mask is for data that leaves.
"""

from __future__ import annotations

from typing import Any

MASKED_ROLES = ("legal", "operations")
CONTACT_FIELDS = ("contact", "phone", "mobile", "email", "address")
NESTED = ("client",)  # a quote carries its client's details under this key; its company header is ours


def needs_mask(user: dict) -> bool:
    return user["role"] in MASKED_ROLES


def masked(data: Any) -> Any:
    """``data`` (a record, a list of them, or a page ``(rows, more)``) with contact details masked."""
    if isinstance(data, list):
        return [masked(item) for item in data]
    if isinstance(data, tuple):
        return (masked(data[0]), *data[1:]) if data else data
    if isinstance(data, dict):
        return {key: _field(key, value) for key, value in data.items()}
    return data


def _field(key: str, value: Any) -> Any:
    if key in NESTED and isinstance(value, dict):
        return masked(value)
    if key not in CONTACT_FIELDS or not isinstance(value, str) or not value:
        return value
    return MASKS.get(key, person)(value)


def phone(value: str) -> str:
    """The first three and last four characters: ``138****5678``, ``057****4321``."""
    return value[:3] + "****" + value[-4:] if len(value) > 7 else value[:1] + "****"


def email(value: str) -> str:
    """The first letter of the mailbox and the whole domain: ``w***@example.cn``."""
    local, at, domain = value.partition("@")
    return f"{local[:1]}***{at}{domain}"


def address(value: str) -> str:
    """Province, city and district (the first six characters); the street is hidden."""
    return value[:6] + "****" if len(value) > 6 else value[:2] + "****"


def person(value: str) -> str:
    """A contact's family name only: ``陈*``."""
    return value[:1] + "*" * min(max(len(value) - 1, 1), 3)


MASKS = {"phone": phone, "mobile": phone, "email": email, "address": address, "contact": person}


_MASKED = {"phone": r".*\*{4}.*", "mobile": r".*\*{4}.*", "email": r"[^@]?\*{3}@.*", "address": r".*\*{4}",
           "contact": r"\S\*{1,3}"}


def looks_masked(field: str, value: str) -> bool:
    """True when ``value`` is what a mask above leaves (``138****5678``, ``陈*``): imported, it would
    put the mask where the real detail was."""
    import re

    pattern = _MASKED.get(field)
    return bool(pattern and re.fullmatch(pattern, value.strip()))
