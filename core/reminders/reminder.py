"""One reminder, as every source gives it: a dict the agenda routes, the outbox claims by its key,
the calendar file and the app show."""

from __future__ import annotations


def item(kind: str, record: str, due_on: str, message: str, params: dict, *, owner: str | None,
         client_id: int | None = None, client: str | None = None, deal_id: int | None = None,
         deal: str | None = None, command: str | None = None, app_key: str | None = None,
         escalated: bool = False, to_admins: bool = False, also: str | None = None) -> dict:
    """One reminder as a source gives it.

    ``record`` names what it is about (``client:42``, ``instalment:ZZ-2026-0001:2``), ``due_on`` the
    day it fell due (since when), ``message`` and ``params`` why, said in each reader's language
    (:func:`why`); ``command`` is the CLI line that deals with it and ``app_key`` the app's key.
    ``to_admins`` routes it to the admins instead of an owner (the holiday calendar); ``also`` is a
    colleague who acts on it beside the owner (the operator handling a late application). The app key
    is pressed on the screen that deals with it: the deal's for a deal's reminder, the clients'
    for a client's.
    """
    return {"key": f"{kind}:{record}:{due_on}", "kind": kind, "record": record, "due_on": due_on,
            "message": message, "params": params, "owner": owner, "client_id": client_id, "client": client,
            "deal_id": deal_id, "deal": deal, "command": command, "app_key": app_key, "escalated": escalated,
            "to_admins": to_admins, "also": also}


def whose(column: str, owner: int | None, *others: str) -> str:
    """SQL narrowing a source to one person's records — a salesperson's own agenda, which holds
    nothing else (:func:`.agenda.agenda`) — or nothing: the whole book, for routing. ``others``
    are further columns naming someone who acts on the record (the operator of a hand-over)."""
    if owner is None:
        return ""
    return " AND (" + " OR ".join(f"{name} = {int(owner)}" for name in (column, *others)) + ")"


def day_after(day: str) -> str:
    """The day after ``day``: a deadline kept through its day falls due the day after."""
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
