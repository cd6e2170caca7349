"""Quote pricing, pure arithmetic in whole fen: no database, no settings, no clock.

Every figure is worked out per line and rounded once per line (half a fen away from zero):

    government_amount = government fee × quantity        passed through at cost, never taxed
    service_amount    = service fee × quantity           the list price or a negotiated one
    discount_amount   = service_amount × discount
    surcharge_amount  = (service − discount) × expedited surcharge      expedited quotes only
    tax_amount        = (service − discount + surcharge) × VAT
    total             = government + service − discount + surcharge + tax

A quote's totals are the sums of its lines, so they always add up. The quote operations store
these figures; the app's quote editor calls the same functions to preview a change as it is typed.
"""

from __future__ import annotations

from zizhi.core import money, percent
from zizhi.core.errors import InputError
from zizhi.core.i18n import t
from zizhi.core.money import share
from zizhi.core.validation import whole_number

MAX_QUANTITY = 999
FIGURES = ("government_amount", "service_amount", "discount_amount", "surcharge_amount", "tax_amount", "total")


def price_line(government_fee: int, service_fee: int, quantity: int, discount: int,
               expedited: int, vat: int) -> dict:
    """One line's figures; ``discount``, ``expedited`` and ``vat`` are basis points."""
    government = government_fee * quantity
    service = service_fee * quantity
    discount_amount = share(service, discount)
    surcharge = share(service - discount_amount, expedited)
    tax = share(service - discount_amount + surcharge, vat)
    return {"government_amount": government, "service_amount": service, "discount_amount": discount_amount,
            "surcharge_amount": surcharge, "tax_amount": tax,
            "total": government + service - discount_amount + surcharge + tax}


def price_lines(lines: list[dict], expedited: bool, pricing: dict) -> tuple[list[dict], dict]:
    """Every line with its figures, and the totals: what a quote shows for these lines and terms.

    ``pricing`` is the quote snapshot's (``service_vat``, ``expedited`` in basis points).
    """
    totals = dict.fromkeys(FIGURES, 0)
    priced = []
    for line in lines:
        figures = price_line(line["government_fee"], line["service_fee"], line["quantity"], line["discount"],
                             pricing["expedited"] if expedited else 0, pricing["service_vat"])
        priced.append({**line, **figures})
        for key, value in figures.items():
            totals[key] += value
    return priced, totals


def read_terms(line: dict, quantity: int | str | None = None, discount: str | int | None = None,
                service_fee: str | None = None) -> dict:
    """The terms typed for ``line`` (None: not given), read as the quote stores them.

    The quote operations store what this returns, and the app's editor previews it as the
    salesperson types, so a value is accepted or refused the same way in both.
    """
    values = {}
    if quantity is not None:
        values["quantity"] = read_quantity(quantity)
    if discount is not None:
        values["discount"] = percent.parse(discount)
    if service_fee is not None:
        values["service_fee"] = read_service_fee(service_fee, line["list_service_fee"])
    return values


def read_quantity(value: int | str) -> int:
    """1 to MAX_QUANTITY, in ASCII digits."""
    quantity = whole_number(value)
    if quantity is None or not 1 <= quantity <= MAX_QUANTITY:
        raise InputError("quote.quantity_range", value=value, max=MAX_QUANTITY)
    return quantity


def read_service_fee(value: str, list_fee: int) -> int:
    """A negotiated unit service fee ('1,200.00'), or the list price again ('list', '标准价')."""
    if str(value).strip().lower() in ("list", "标准价"):
        return list_fee
    fen = money.parse(str(value), field="service fee")
    if fen < 0:
        raise InputError("quote.fee_negative", value=value)
    return fen


def approval_reasons(lines: list[dict], role: str, limit: int, floor: int) -> list[dict]:
    """Why a manager must approve: discounts over ``role``'s ``limit``, net unit prices under ``floor``."""
    reasons = []
    for line in lines:
        if line["discount"] > limit:
            reasons.append({"code": line["code"], "rule": "discount", "discount": line["discount"],
                            "role": role, "limit": limit})
        if line["service_fee"] * (percent.WHOLE - line["discount"]) < line["list_service_fee"] * floor:
            reasons.append({"code": line["code"], "rule": "floor",
                            "price": share(line["service_fee"], percent.WHOLE - line["discount"]),
                            "floor": share(line["list_service_fee"], floor)})
    return reasons


def reasons_text(reasons: list[dict]) -> str:
    """Approval reasons as one line in the current language."""
    parts = []
    for reason in reasons:
        if reason["rule"] == "discount":
            parts.append(t("quote.reason.discount", code=reason["code"], discount=percent.text(reason["discount"]),
                           role=reason["role"], limit=percent.text(reason["limit"])))
        else:
            parts.append(t("quote.reason.floor", code=reason["code"], price=money.format_fen(reason["price"]),
                           floor=money.format_fen(reason["floor"])))
    return "; ".join(parts)
