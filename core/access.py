"""Who sees and changes which clients and deals — the visibility rules, enforced here only.

Client information is a company asset (rulebook §5.2.3): a salesperson sees and changes only
the clients they own; managers and admins see and change all; finance, legal and operations
see all (their work needs it) and may log contact, but do not edit client records. A deal is
seen by whoever sees its client, and by its own owner; it is changed by its owner, managers and
admins, and by the roles whose step it is (legal drafts contracts, operations processes).
"""

from __future__ import annotations

from zizhi.core.errors import Refused

SEE_ALL = ("manager", "admin", "finance", "legal", "operations")
EDIT_ALL = ("manager", "admin")
LOG_ANY = ("manager", "admin", "finance", "legal", "operations")
ASSIGNERS = ("manager", "admin")
MANAGERS = ("manager", "admin")


def sees_all(user: dict) -> bool:
    """Whether ``user`` sees every client (else only their own), so a view can say whose it shows."""
    return user["role"] in SEE_ALL


def visible(user: dict, alias: str = "c") -> tuple[str, list]:
    """A SQL condition (and its parameters) limiting a query to the clients ``user`` may see."""
    if sees_all(user):
        return "1=1", []
    return f"{alias}.owner_id = ?", [user["id"]]


def visible_named(user: dict, alias: str = "c") -> tuple[str, dict]:
    """:func:`visible` for a query with named parameters (``:viewer_id``)."""
    if sees_all(user):
        return "1=1", {}
    return f"{alias}.owner_id = :viewer_id", {"viewer_id": user["id"]}


def visible_deals(user: dict, deal: str = "d", client: str = "c") -> tuple[str, list]:
    """A SQL condition (and its parameters) limiting a query of deals to those ``user`` may see.

    The query must join the deal's client as ``client``.
    """
    cond, params = visible(user, client)
    return f"({cond} OR {deal}.owner_id = ?)", [*params, user["id"]]


def is_manager(user: dict) -> bool:
    """Managers and admins: they see and change everything, and alone may do what needs oversight."""
    return user["role"] in MANAGERS


def require_deal_role(user: dict, deal: dict, roles: tuple[str, ...], key: str) -> None:
    """The deal's owner, managers and admins, and the extra ``roles`` named, may do this to it."""
    if is_manager(user) or user["role"] in roles or deal["owner_id"] == user["id"]:
        return
    raise Refused(key, deal=deal["id"], role=user["role"])


def can_see(user: dict, client: dict) -> bool:
    return user["role"] in SEE_ALL or client["owner_id"] == user["id"]


def client_as_seen(user: dict, owner_id: int | None, client: dict) -> dict:
    """What a deal shows about its client (a quote's contact, mobile, email, address): all of it
    to whoever sees the client, only its name to a deal owner who does not."""
    if can_see(user, {"owner_id": owner_id}):
        return client
    return {"name": client.get("name")}


def require_edit(user: dict, client: dict) -> None:
    if user["role"] in EDIT_ALL or (user["role"] == "sales" and client["owner_id"] == user["id"]):
        return
    raise Refused("access.cannot_edit", client=client["name"], role=user["role"])


def require_log(user: dict, client: dict) -> None:
    if user["role"] in LOG_ANY or client["owner_id"] == user["id"]:
        return
    raise Refused("access.cannot_log", client=client["name"])


def require_add(user: dict) -> None:
    """Clients are added by the sales side: salespeople, managers and admins."""
    if user["role"] not in ("sales", *EDIT_ALL):
        raise Refused("access.cannot_add", role=user["role"])


def require_open_deal(user: dict) -> None:
    """Deals are opened by the sales side too: legal, finance and operations take them on later."""
    if user["role"] not in ("sales", *EDIT_ALL):
        raise Refused("access.cannot_open_deal", role=user["role"])


def require_own_deals(user: dict) -> None:
    """The sales side holds deals of its own; legal, finance and operations work on others' deals,
    so "my deals" means nothing to them (they choose whose deals to see instead)."""
    if user["role"] not in ("sales", *EDIT_ALL):
        raise Refused("access.no_own_deals", role=user["role"])


CREDIT_CHECKERS = ("finance",)  # besides the client's owner, managers and admins


def require_credit_check(user: dict, client: dict) -> None:
    """A credit check is recorded by the client's salesperson, who assesses before contracting,
    by finance, who sees the payments, or by managers and admins; legal and operations do not rate."""
    if is_manager(user) or user["role"] in CREDIT_CHECKERS or (user["role"] == "sales"
                                                               and client["owner_id"] == user["id"]):
        return
    raise Refused("access.cannot_check_credit", client=client["name"], role=user["role"])


def require_assign(user: dict) -> None:
    if user["role"] not in ASSIGNERS:
        raise Refused("access.cannot_assign", role=user["role"])


RECEIVABLES = ("sales", "manager", "admin", "finance")


def require_receivables(user: dict) -> None:
    """Money owed is read by the sales side (their own clients' — see :func:`visible`) and finance;
    legal and operations work on deals, not on debts."""
    if user["role"] not in RECEIVABLES:
        raise Refused("access.no_receivables", role=user["role"])
