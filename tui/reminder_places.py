"""Where a reminder is dealt with in the app: the screen Enter opens from Today.

Decided by what the reminder is about, so a kind the core adds later opens somewhere sensible
with no change here: a debt (``record`` ``instalment:…``) → the money-owed screen's dunning tab
on it; a deal → the deal, on the tab where its kind is dealt with (:data:`DEAL_TABS`, else the
overview); a client → the client on the clients screen, ready to log a contact (``l``); a policy
notice to acknowledge (``notice:…``) → that notice on the notices screen; a risk review due
(``risk:…``) → that risk, shown, on the risks screen; a quarterly report to write and file
(``quarter:…``) → the person's report for that quarter; nothing
to open (the holiday calendar) → the command that deals with it, said on the message line.
Only where to go is decided here; what is due, and for whom, is the core's.
"""

from __future__ import annotations

from zizhi.core.i18n import t

# The deal's tab on which each kind of deal-level reminder is dealt with.
DEAL_TABS = {"processing_late": "processing", "quote_expiring": "quote", "quote_expired": "quote",
             "visit": "delivery", "certificate_expiring": "delivery", "stale_deal": "overview"}


def place(reminder: dict) -> tuple[str, object]:
    """(``"debt"``, instalment) | (``"deal"``, (deal id, tab)) | (``"client"``, (id, name)) |
    (``"notice"``, id) | (``"risk"``, id) | (``"quarterly"``, quarter) | (``"nowhere"``, command)."""
    parts = reminder["record"].split(":")
    if parts[0] == "instalment" and len(parts) >= 3:
        return "debt", f"{parts[1]}:{parts[2]}"
    if parts[0] in ("notice", "risk") and len(parts) == 2 and parts[1].isdigit():
        return parts[0], int(parts[1])
    if parts[0] == "quarter" and len(parts) == 2:
        return "quarterly", parts[1]
    if reminder.get("deal_id"):
        return "deal", (reminder["deal_id"], DEAL_TABS.get(reminder["kind"], "overview"))
    if reminder.get("client_id"):
        return "client", (reminder["client_id"], reminder.get("client") or "")
    return "nowhere", reminder.get("command") or ""


def open_reminder(app, reminder: dict, back_to: str) -> None:
    """Open the reminder's screen; Esc there returns to the mode ``back_to``."""
    where, what = place(reminder)
    if where == "debt":
        app.open_debt(what, back_to=back_to)
    elif where == "deal":
        deal_id, tab = what
        app.open_deal(deal_id, tab, back_to=back_to)
    elif where == "notice":
        app.open_notice(what, back_to=back_to)
    elif where == "risk":
        app.open_risk(what, back_to=back_to)
    elif where == "quarterly":
        app.open_quarterly(what, back_to=back_to)
    elif where == "client":
        client_id, name = what
        app.open_client(client_id, name, back_to=back_to)
    else:
        app.notify(t("tui.today.nowhere", command=what), severity="warning", timeout=10, markup=False)
