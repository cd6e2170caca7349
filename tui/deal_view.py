"""Everything the deal screen shows, read in one worker call from whichever core modules exist.

The pipeline's later modules (quotes, reviews, contracts, processing, delivery) are imported here,
lazily: a section whose module is not installed yet is ``None`` and the screen shows "—".
Nothing here imports Textual; it runs in a worker thread.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from core.deals import get_deal

SECTIONS = ("quotes", "quote", "contract", "progress", "certificates", "visits")


def optional(module: str, name: str) -> Callable | None:
    """``core.<module>.<name>``, or None while that module (or function) does not exist yet."""
    try:
        found = importlib.import_module(f"core.{module}")
    except ModuleNotFoundError as error:
        if error.name != f"core.{module}":
            raise
        return None
    return getattr(found, name, None)


def gather(desk, deal_id: int, quote_id: int | None = None) -> dict:
    """The deal with its history and assessments, and each later section (None when unavailable).

    ``quote`` is the version ``quote_id`` when the deal has it, else the newest version.
    """
    deal = get_deal(desk, deal_id)
    view: dict = {"deal": deal, **dict.fromkeys(SECTIONS)}
    view["available"] = {name for name in ("quotes", "contracts", "processing", "delivery")
                         if optional(name, "__name__")}
    list_quotes, get_quote = optional("quotes", "list_quotes"), optional("quotes", "get_quote")
    if list_quotes and get_quote:
        view["quotes"] = list_quotes(desk, deal["id"])
        ids = [quote["id"] for quote in view["quotes"]]
        chosen = quote_id if quote_id in ids else (ids[0] if ids else None)
        view["quote"] = get_quote(desk, chosen) if chosen else None
    contract_for_deal = optional("contracts", "contract_for_deal")
    if contract_for_deal:
        view["contract"] = contract_for_deal(desk, deal["id"])
    progress = optional("processing", "progress")
    if progress:
        view["progress"] = progress(desk, deal["id"])
    certificates = optional("delivery", "client_certificates")
    if certificates:
        view["certificates"] = [c for c in certificates(desk, str(deal["client_id"])) if c["deal_id"] == deal["id"]]
    visits = optional("delivery", "list_visits")
    if visits:
        view["visits"] = [v for v in visits(desk, client=str(deal["client_id"])) if v["deal_id"] == deal["id"]]
    return view


def quote_action(name: str) -> Callable:
    """A ``core.quotes`` operation the editor calls (set_line, send_quote…); it exists by the time
    the screen offers it, because the quote section only shows when the module does."""
    function = optional("quotes", name)
    if function is None:
        raise LookupError(f"core.quotes.{name} is not available")
    return function
