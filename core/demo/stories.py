"""The demo deals' stories: the phases a deal goes through, how many days each takes, and the
thirty-odd endings (``STORIES``) that together put something in every stage of the pipeline and
spread won and lost deals over the past five quarters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Phase: (days after the previous phase, lowest and highest; whether the deal changes stage).
PHASES = {
    "open": (0, 0, True), "assess": (0, 3, True), "assessed": (0, 2, False), "propose": (0, 2, True),
    "quote": (0, 1, False), "review": (0, 1, False), "send": (0, 1, False), "reject": (2, 6, False),
    "quote2": (0, 1, False), "review2": (0, 1, False), "send2": (0, 1, False), "accept": (1, 6, False),
    "contract": (0, 2, True), "sign": (1, 4, False), "file": (0, 3, False), "to_payment": (0, 1, True),
    "pay": (1, 6, False), "handover": (0, 3, True), "outcome": (0, 0, False), "deliver": (1, 4, True),
    "visit1": (30, 35, True), "visit2": (58, 64, False), "lose": (1, 10, True), "cancel": (1, 10, True),
    "refuse": (0, 0, False),
}
_ASSESS = ("open", "assess", "assessed")
_PROPOSE = (*_ASSESS, "propose", "quote", "review", "send")
_ACCEPT = (*_PROPOSE, "accept", "contract")
_PAYMENT = (*_ACCEPT, "sign", "file", "to_payment")
_PROCESSING = (*_PAYMENT, "pay", "handover")
_DELIVERED = (*_PROCESSING, "outcome", "deliver")


@dataclass(frozen=True)
class Story:
    """Where a deal ends up: its phases, days since the last one, whether it must be stuck
    (True), must not be (False) or may be (None), and what is special about it."""

    name: str
    phases: tuple[str, ...]
    tail: tuple[int, int] | str
    stuck: bool | None
    flags: frozenset = field(default_factory=frozenset)
    due: int | None = None  # working days from today the contract's last instalment falls due (debts)


def _story(name, phases, tail, stuck, *flags) -> Story:
    return Story(name, tuple(phases), tail, stuck, frozenset(flags))


STORIES = (
    _story("inquiry", ["open"], (1, 2), False),
    _story("blocked", _ASSESS, (1, 4), None, "unlawful"),
    _story("draft", _PROPOSE[:-2], (1, 3), False),
    _story("sent", _PROPOSE, (1, 4), False),
    _story("contract_drawn_up", _ACCEPT, (1, 4), False),
    _story("partly_paid", (*_PAYMENT, "pay"), (12, 25), True, "partial"),
    _story("processing", _PROCESSING, "within", False, "steps"),
    _story("delayed", _PROCESSING, "late", None, "steps", "delayed", "skip"),
    _story("visit_due", _DELIVERED, (32, 55), True, "skip"),
    _story("expiring", (*_DELIVERED, "visit1", "visit2"), (35, 60), None, "expiring", "balance"),
    _story("lost", ("open", "assess", "lose"), (1, 60), None),
    _story("expired", _PROPOSE, (31, 45), True, "expired"),
    _story("inquiry_stuck", ["open"], (5, 20), True),
    _story("assessment", _ASSESS, (1, 3), False),
    _story("pricing_approved", _PROPOSE[:-1], (1, 3), False, "discount"),
    _story("second_version", (*_PROPOSE, "reject", "quote2", "review2", "send2"), (1, 3), False),
    _story("contract_signed", (*_ACCEPT, "sign", "file"), (1, 3), False, "finance_only"),
    _story("payment_due", _PAYMENT, (1, 8), False),
    _story("overdue", _PROCESSING, (31, 45), True, "steps", "short"),
    _story("approved", (*_PROCESSING, "outcome"), (1, 3), False),
    _story("delivered", _DELIVERED, (1, 5), False, "skip"),
    _story("aftersales", (*_DELIVERED, "visit1"), (62, 85), False, "balance"),
    _story("lost_on_price", (*_PROPOSE, "reject", "lose"), (1, 40), None),
    _story("cancelled", (*_ASSESS, "cancel"), (1, 60), None),
    _story("sent_with_discount", _PROPOSE, (1, 4), False, "small_discount"),
    _story("expiring_again", (*_DELIVERED, "visit1", "visit2"), (35, 60), None, "expiring", "balance"),
    _story("quote_expiring", _PROPOSE, (27, 28), None),  # quoted 27–30 days ago: valid 0–3 days more
    # the past five quarters, for the reports (KPIs, channels, the lost to whom): won, paid in full and
    # visited; lost after an assessment or on price
    _story("won_last_year", (*_DELIVERED, "visit1", "visit2"), (90, 450), None, "balance"),
    _story("won_earlier", (*_DELIVERED, "visit1", "visit2"), (90, 450), None, "balance"),
    _story("lost_last_year", ("open", "assess", "lose"), (60, 450), None),
    _story("lost_on_price_last_year", (*_PROPOSE, "reject", "lose"), (60, 450), None),
)
# Each salesperson's last five quarters (:mod:`.track`): a deal won (contract, payments, processing,
# delivery and both visits), one refused by the authority, lost after an assessment or on price,
# and one whose balance the client paid but finance entered late (``paid_late``: no balance paid
# with the delivery).
TRACK = {
    "won": _story("won_in_quarter", (*_DELIVERED, "visit1", "visit2"), (1, 1), None, "balance"),
    "refused": _story("refused", (*_PROCESSING, "refuse"), (1, 1), None),
    "lost": _story("lost_in_quarter", ("open", "assess", "lose"), (1, 1), None),
    "lost_on_price": _story("lost_on_price_in_quarter", (*_PROPOSE, "reject", "lose"), (1, 1), None),
    "paid_late": _story("paid_late", (*_DELIVERED, "visit1", "visit2"), (1, 1), None),
}
# The stage a deal is in after the phase that moves it.
STAGE_AFTER = {"open": "inquiry", "assess": "assessment", "propose": "proposal", "contract": "contract",
               "to_payment": "payment", "handover": "processing", "deliver": "delivered", "visit1": "aftersales",
               "lose": "lost", "cancel": "cancelled"}
