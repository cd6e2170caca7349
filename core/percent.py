"""Percentages: typed as '5%', '12.5 %', '５％' or 5, stored as whole basis points (600 = 6 %).

Discounts, VAT, prepayment shares and deal probabilities all pass through here, so '6%' is read
and written the same way in the catalogue, the CLI, the app and a quote document.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from zizhi.core.errors import InputError

WHOLE = 10_000  # basis points in 100 %
_CENT = Decimal("0.01")


def parse(value: str | int, field: str = "discount", *, sign_required: bool = False) -> int:
    """'5%' → 500, '12.5 %' → 1250, 5 → 500: 0–100 % with two decimals at most.

    ``sign_required`` is for configuration, where a bare number is more likely a mistake.
    """
    from zizhi.core.validation import ascii_digits

    text = ascii_digits(str(value).strip())
    if isinstance(value, bool) or not text.isascii() or (sign_required and not text.endswith("%")):
        raise InputError("percent.format", field=field, value=value)
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        raise InputError("percent.format", field=field, value=value) from None
    if not number.is_finite() or not 0 <= number <= 100 or number != number.quantize(_CENT):
        raise InputError("percent.format", field=field, value=value)
    return int(number * 100)


def text(basis_points: int | None, missing: str = "—") -> str:
    """600 → '6%', 1250 → '12.5%', None → ``missing``: a rate someone typed, as they would type it."""
    if basis_points is None:
        return missing
    whole, part = divmod(basis_points, 100)
    return f"{whole}%" if not part else f"{whole}.{part:02d}".rstrip("0") + "%"


def two_decimals(basis_points: int | None, missing: str = "—") -> str:
    """1590 → '15.90%', 10000 → '100.00%', -250 → '-2.50%', None → ``missing``: a measured rate (a
    KPI's attainment, a win rate), always to two decimals, so a column of them lines up and 15.90%
    is not read as less exact than 24.49%."""
    if basis_points is None:
        return missing
    whole, part = divmod(abs(basis_points), 100)
    return f"{'-' if basis_points < 0 else ''}{whole}.{part:02d}%"
