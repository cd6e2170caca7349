"""Which keys the acting user may use, asked of the core's own checks — never decided here.

Each binding id of :mod:`tui.keymap` that changes something names the ``require_*`` check its
operation runs (``core/access.py`` and the area modules); the operation keeps running it too. A
screen mixes in :class:`RoleKeys`: the footer, the help screen and the palette leave out what the
role may not do, and a key pressed anyway (or a palette command) is refused at once with the
core's reason — before any form opens — instead of after the person filled it in.
"""

from __future__ import annotations

from dataclasses import replace
from functools import wraps
from typing import Callable

from textual.binding import ActiveBinding

from zizhi.core import access
from zizhi.core.compliance.risks import require_reviewer
from zizhi.core.errors import UserError
from zizhi.core.pipeline import contracts, deals, delivery, processing, quotes, reviews, terminations
from zizhi.core.quarterly import reports as quarterly
from zizhi.core.receivables import dunning, ledger
from zizhi.tui.work import problem_text


def _of_user(rule: Callable[[dict], None]) -> Callable[[dict, dict], None]:
    """A rule about the role alone, asked the way the rules about a record are."""
    return lambda user, subject: rule(user)


_QUOTING = ("deal.quote", "deal.edit_line", "deal.send", "deal.accept", "deal.reject", "deal.expedite")
_CHANGING = ("pipeline.forward", "pipeline.assess", "deal.forward", "deal.assess", "deal.edit")
_ENDING = ("pipeline.lose", "pipeline.cancel", "deal.lose", "deal.cancel")


def _moving_back(user: dict, deal: dict) -> None:
    """Back a stage: the move's own checks in its order — may change the deal, then may move it back."""
    deals.require_change(user, deal)
    deals.require_mover_back(user, deal)

_RECORDING = ("deal.step", "deal.delay", "deal.outcome")

RULES: dict[str, Callable[[dict, dict], None]] = {
    "clients.add": _of_user(access.require_add),
    "clients.edit": access.require_edit,
    "clients.credit": access.require_credit_check,
    "clients.deal": _of_user(access.require_open_deal),
    "pipeline.new": _of_user(access.require_open_deal),
    **{key: deals.require_change for key in _CHANGING},
    **{key: deals.require_endable for key in _ENDING},
    "pipeline.backward": _moving_back,
    "deal.backward": _moving_back,
    "pipeline.mine": _of_user(access.require_own_deals),
    "deal.resolve": _of_user(deals.require_resolver),
    **{key: quotes.require_quoting for key in _QUOTING},
    "deal.review": _of_user(reviews.require_reviewer),
    "deal.approve_pricing": _of_user(quotes.require_pricing_approver),
    "deal.contract": contracts.require_drafter,
    "deal.sign": contracts.require_drafter,
    "deal.file": contracts.require_filer,
    "deal.amend": contracts.require_drafter,
    "deal.terminate": _of_user(terminations.require_terminator),
    "deal.pay": _of_user(ledger.require_cashier),
    "clients.receivables": _of_user(access.require_receivables),
    "pipeline.receivables": _of_user(access.require_receivables),
    "today.receivables": _of_user(access.require_receivables),
    "ar.pay": _of_user(ledger.require_cashier),
    "ar.reverse": _of_user(ledger.require_cashier),
    "ar.invoice": _of_user(ledger.require_cashier),
    "ar.dunning": dunning.require_dunning,
    "deal.handover": processing.require_hand_over,
    **{key: processing.require_recorder for key in _RECORDING},
    "deal.deliver": delivery.require_deliverer,
    "deal.visit": delivery.require_visitor,
    "risks.review": require_reviewer,
    "risk.review": require_reviewer,
    "reports.quarterly": _of_user(quarterly.require_reader),
    "quarterly.write": _of_user(quarterly.require_author),
    "quarterly.file": _of_user(quarterly.require_author),
    "quarterly.review": _of_user(quarterly.require_reviewer),
}


# Keys kept out of the footer to make room, shown to the role whose daily work they are.
ROLE_KEYS = {"legal": ("deal.review",)}


def own_record(user: dict) -> dict:
    """With nothing chosen yet, a key is offered when the role may use it on a record of its own
    (a salesperson's client or deal; other roles own none)."""
    owner = user["id"] if user["role"] == "sales" else None
    return {"id": 0, "owner_id": owner, "name": "", "stage": "inquiry", "blocked": 0}


def refusal(binding_id: str | None, user: dict, subject: dict | None = None) -> UserError | None:
    """The core's refusal of this key for ``user`` on ``subject`` (a deal or a client), else None."""
    rule = RULES.get(binding_id or "")
    if rule is None:
        return None
    try:
        rule(user, subject or own_record(user))
    except UserError as refused:  # not the role's to do, or not this record's (a signed contract's deal)
        return refused
    return None


class RoleKeys:
    """Mix into a screen with a ``desk``; override :meth:`role_subject` when a record is chosen."""

    def role_subject(self) -> dict | None:
        """The record the keys act on now (the deal shown, the card selected), None for none."""
        return None

    def may(self, binding_id: str | None) -> bool:
        return refusal(binding_id, self.desk.user, self.role_subject()) is None  # type: ignore[attr-defined]

    def refused(self, binding_id: str) -> bool:
        """Say the core's reason and return True when the acting user may not use this key."""
        found = refusal(binding_id, self.desk.user, self.role_subject())  # type: ignore[attr-defined]
        if found is not None:
            self.show_problem(problem_text(found), found)  # type: ignore[attr-defined]
        return found is not None

    def allowed_action(self, action: str) -> bool:
        """For the palette: whether the key bound to ``action`` on this screen may be used."""
        ids = [b.id for b in getattr(self, "BINDINGS", ()) if getattr(b, "action", None) == action]
        return all(self.may(found) for found in ids)

    def offered(self, found: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
        """``found`` with the keys the role may not use left out of the footer (they still answer),
        and the role's own work (legal's review) brought in."""
        own = ROLE_KEYS.get(self.desk.user["role"], ())  # type: ignore[attr-defined]
        return {key: active._replace(binding=replace(active.binding, show=self._shows(active.binding, own)))
                for key, active in found.items()}

    def _shows(self, binding, own: tuple[str, ...]) -> bool:
        return self.may(binding.id) and (binding.show or binding.id in own)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return self.offered(super().active_bindings)  # type: ignore[misc]


def guarded(binding_id: str):
    """An action that first asks whether the acting user may use ``binding_id`` at all."""
    def wrap(action):
        @wraps(action)
        def run(screen, *args, **kwargs):
            if not screen.refused(binding_id):
                return action(screen, *args, **kwargs)
        return run
    return wrap
