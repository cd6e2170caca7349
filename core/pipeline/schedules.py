"""A contract's instalment schedule and the client's credit limit (rulebook §6.3, §7.2).

The credit policy (:mod:`zizhi.core.credit.policy`) sets the share to be prepaid (the first
instalment, which the payment gate waits for) and how much the client may owe at once; the
instalments, asked for or the default, always add up to the contract total to the fen. Kept apart
from ``contracts`` because these are the rules of money owed, read by the demo and the forms as
well as by drawing up.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import clock, money, validation
from zizhi.core.errors import InputError, UserError
from zizhi.core.money import format_fen, share
from zizhi.core.pipeline.stages import still_open
from zizhi.core.workdays import days as workdays


def parse_instalments(items: list[str]) -> list[tuple[str, str]] | None:
    """'2026-12-01=1,000' items (or one text of them split by ';' or lines) → [(date, amount)].

    None when nothing is given: the credit policy's default schedule applies.
    """
    schedule = []
    for item in (part.strip() for text in items for part in text.replace("\n", ";").split(";")):
        if not item:
            continue
        due, sep, amount = item.partition("=")
        if not sep:
            raise InputError("contract.instalment_option", value=item)
        schedule.append((due.strip(), amount.strip()))
    return schedule or None


def checked_schedule(desk, deal: dict, total: int, credit, instalments) -> list[tuple[str, int]]:
    """The instalments asked for, or the default; the first must cover the share the credit policy
    asks (``credit``: :class:`zizhi.core.credit.policy.Credit`).

    A due date on a holiday or a weekend moves to the next working day when pricing.toml's
    ``[receivables] move_due_dates_to_workdays`` says so (the default): no one pays on a holiday.
    """
    from zizhi.core.credit import policy

    if instalments:
        schedule = _custom_schedule(instalments, total)
    else:
        schedule = default_schedule(total, credit.share, clock.today(), _delivery_date(desk, deal))
    if desk.settings.pricing.receivables.move_due_dates_to_workdays:
        schedule = on_workdays(desk.store, schedule)
    policy.require_first_instalment(credit, total, schedule[0][1])
    return schedule


def default_schedule(total: int, basis_points: int, signing: dt.date, delivery: dt.date) -> list[tuple[str, int]]:
    """The prepayment share due on signing and the rest at delivery (one instalment if either is nil)."""
    first = share(total, basis_points)
    if first >= total:
        return [(signing.isoformat(), total)]
    if first <= 0:
        return [(delivery.isoformat(), total)]
    return [(signing.isoformat(), first), (max(delivery, signing).isoformat(), total - first)]


def on_workdays(store, schedule: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Each instalment due on a non-working day moved to the next working day (order is kept)."""
    return [(workdays.next_workday(store, due).isoformat(), amount) for due, amount in schedule]


def split_evenly(total: int, parts: int) -> list[int]:
    """``total`` fen in ``parts`` amounts differing by at most a fen, the larger ones first."""
    if parts < 1:
        raise InputError("contract.parts_positive", value=parts)
    base, extra = divmod(total, parts)
    return [base + 1] * extra + [base] * (parts - extra)


def check_credit_limit(desk, client: dict, rating: str, terms, total: int, first: int) -> None:
    """What the client would owe beyond the prepayment, with its other unpaid contracts, within the limit."""
    credit = total - first
    if credit <= 0:
        return
    owed = outstanding_of_client(desk, client["id"])
    if owed + credit > terms.credit_limit:
        room = max(terms.credit_limit - owed, 0)
        raise UserError("contract.credit_limit", client=client["name"], rating=rating,
                        limit=format_fen(terms.credit_limit), owed=format_fen(owed), credit=format_fen(credit),
                        first=format_fen(total - room))


def outstanding_of_client(desk, client_id: int) -> int:
    """Fen the client still owes: every open deal's contract, and every signed contract of an ended
    deal (terminated, its balance stays owed until receivables settles it); void drafts owe nothing."""
    return desk.store.scalar(
        f"""SELECT coalesce(sum(i.amount - i.paid), 0) FROM instalments i
           JOIN contracts k ON k.id = i.contract_id JOIN deals d ON d.id = k.deal_id
           WHERE d.client_id = ? AND ({still_open()} OR k.signed_on IS NOT NULL)""",
        [client_id])


def positive_amount(value: str | int, field: str) -> int:
    """Yuan text or whole fen (never a bool, which Python counts as an int), above nothing."""
    if isinstance(value, bool):
        raise InputError("money.not_a_number", field=field, value=value)
    fen = value if isinstance(value, int) else money.parse(value, field=field)
    if fen <= 0:
        raise InputError("contract.amount_positive", field=field, value=format_fen(fen))
    return fen


def _custom_schedule(instalments, total: int) -> list[tuple[str, int]]:
    schedule = []
    for number, item in enumerate(instalments, start=1):
        try:
            due, amount = item
        except (TypeError, ValueError):
            raise InputError("contract.instalment_format", number=number, value=item) from None
        field = f"instalment {number}"
        due_on = validation.date(due, field)
        if not due_on:
            raise InputError("input.required", field=f"{field} date")
        fen = positive_amount(amount, field)
        if schedule and due_on < schedule[-1][0]:
            raise InputError("contract.instalments_out_of_order", number=number, date=due_on,
                             previous=schedule[-1][0])
        schedule.append((due_on, fen))
    scheduled = sum(amount for _, amount in schedule)
    if scheduled != total:
        key = "contract.schedule_short" if scheduled < total else "contract.schedule_over"
        raise InputError(key, scheduled=format_fen(scheduled), total=format_fen(total),
                         difference=format_fen(abs(total - scheduled)))
    return schedule


def _delivery_date(desk, deal: dict) -> dt.date:
    """When processing should be done: the longest standard time, in working days, from today."""
    days = [q.standard_days for q in (desk.settings.catalogue.get(item["code"]) for item in deal["qualifications"])
            if q is not None]
    return workdays.add_workdays(desk.store, clock.today(), max(days, default=0))
