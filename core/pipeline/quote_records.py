"""Finding a quote: by id or by the number the client sees ('7-v2'), as its deal's visibility allows,
with its lines as stored and its status as of today.

Shared by the quote operations and legal's review, which both start from a quote someone named.
"""

from __future__ import annotations

import json
import re

from zizhi.core import clock, validation
from zizhi.core.errors import InputError, NotFound
from zizhi.core.pipeline.pricing import FIGURES

_REF = re.compile(r"^(?:Q-?)?(\d+)\s*[-/]\s*v?(\d+)$|^(?:Q-?)?(\d+)\s*v(\d+)$", re.IGNORECASE)


def resolve_quote(desk, ref: int | str) -> dict:
    """The quote row for an id ('12') or deal and version ('7-v2'), if its deal is visible."""
    text = str(ref).strip().lstrip("#")
    match = _REF.match(text)
    if validation.whole_number(text) is not None:
        row = desk.store.one("SELECT * FROM quotes WHERE id = ?", [validation.whole_number(text)])
    elif match:
        deal, version = (int(g) for g in match.groups() if g)
        row = desk.store.one("SELECT * FROM quotes WHERE deal_id = ? AND version = ?", [deal, version])
    else:
        raise InputError("quote.ref_format", value=ref)
    if not row:
        raise NotFound("quote.not_found", ref=text)
    from zizhi.core.pipeline import deals  # not at import: the morning's reminders use only the rules below

    try:
        row["deal"] = deals.resolve_deal(desk, row["deal_id"])
    except NotFound:
        raise NotFound("quote.not_found", ref=text) from None
    return row


def stored_quote(desk, ref: int | str) -> dict:
    """The quote with its lines as stored now (inside a unit of work: as this transaction sees it)."""
    quote = resolve_quote(desk, ref)
    quote["status"] = status_today(quote)
    quote["snapshot"] = json.loads(quote["snapshot"])
    quote["number"] = number(quote)
    quote["deal_title"], quote["stage"] = quote["deal"]["title"], quote["deal"]["stage"]
    people = {r["id"]: r["login"] for r in desk.store.rows(
        "SELECT id, login FROM users WHERE id IN (?, ?)", [quote["created_by"], quote["approved_by"]])}
    quote["created_by_login"] = people.get(quote["created_by"])
    quote["approved_by_login"] = people.get(quote["approved_by"])
    quote["lines"] = desk.store.rows(
        f"""SELECT id, position, code, name, quantity, government_fee, service_fee, list_service_fee, discount,
                   {', '.join(FIGURES)} FROM quote_lines WHERE quote_id = ? ORDER BY position""", [quote["id"]])
    return quote


def number(quote: dict) -> str:
    """The quote number the client sees: its deal and version, '7-v2'."""
    return f"{quote['deal_id']}-v{quote['version']}"


def status_today(quote: dict) -> str:
    """A sent quote past its validity is expired, whether or not the expiry has been recorded yet."""
    return "expired" if quote["status"] == "sent" and lapsed(quote) else quote["status"]


def lapsed(quote: dict) -> bool:
    """Valid through its ``valid_until`` day, lapsed from the day after."""
    return quote["valid_until"] < clock.today().isoformat()


def lapsed_condition(alias: str = "q", day: str | None = None) -> tuple[str, list]:
    """:func:`lapsed` as a SQL condition and its parameter, as of ``day`` (default today)."""
    return f"{alias}.valid_until < ?", [day or clock.today().isoformat()]
