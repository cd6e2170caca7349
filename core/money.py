"""Money: whole fen (int) everywhere; Decimal only when parsing input and formatting output.

The one rounding rule of Zizhi is :func:`round_half_up` — half a fen rounds away from zero
(0.005 yuan → 0.01 yuan, −0.005 → −0.01), the way Chinese invoices and receipts round.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from zizhi.core.errors import InputError
from zizhi.core.validation import ascii_digits

FEN_PER_YUAN = 100
# The largest amount anyone may type or configure: one billion yuan. Far above any fee, yet even
# 999 of them at once, times 10,000 basis points, stays inside SQLite's 64-bit integer.
MAX_YUAN = Decimal(1_000_000_000)
MAX_FEN = int(MAX_YUAN) * FEN_PER_YUAN
_AMOUNT = re.compile(r"^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]*)?$|^[+-]?\.[0-9]+$")


def round_half_up(yuan: Decimal) -> int:
    """Yuan as a Decimal → whole fen, half a fen rounding away from zero."""
    return int((yuan * FEN_PER_YUAN).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def share(fen: int, basis_points: int) -> int:
    """``basis_points`` of ``fen`` (600 = 6 %), rounded half a fen away from zero, in whole numbers."""
    return from_basis_points(fen * basis_points)


def from_basis_points(fen_points: int) -> int:
    """Fen × basis points (a sum of such products, too) → whole fen, half a fen away from zero."""
    quotient, remainder = divmod(abs(fen_points), 10_000)
    if 2 * remainder >= 10_000:
        quotient += 1
    return quotient if fen_points >= 0 else -quotient


def parse(text: str, *, field: str = "amount", rounding: bool = False) -> int:
    """Parse '12,345.6', '¥12345.60', '￥1 234', 'CNY 50', '-3.5' or full-width '１２３' into fen.

    More than two decimals is refused unless ``rounding`` is asked for, because silently
    dropping a fraction of a fen hides a typing mistake.
    """
    raw = str(text)
    cleaned = ascii_digits(raw).strip().replace("¥", "").replace("￥", "").replace(" ", "").replace("\u00a0", "")
    cleaned = re.sub(r"^(CNY|RMB)", "", cleaned, flags=re.IGNORECASE).strip()
    cleaned = cleaned.removesuffix("元")
    if not _AMOUNT.match(cleaned):
        raise InputError("money.not_a_number", field=field, value=raw)
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        raise InputError("money.not_a_number", field=field, value=raw) from None
    if abs(value) > MAX_YUAN:
        raise InputError("money.too_large", field=field, value=raw, max=format_fen(MAX_FEN))
    if value.as_tuple().exponent < -2 and not rounding:  # type: ignore[operator]
        if value != value.quantize(Decimal("0.01")):
            raise InputError("money.too_precise", field=field, value=raw)
    return round_half_up(value)


def to_decimal(fen: int) -> Decimal:
    """Fen → yuan as an exact Decimal with two places, for JSON and arithmetic display."""
    return (Decimal(fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def format_fen(fen: int, *, symbol: bool = True) -> str:
    """Fen → '¥12,345.60' (or '-¥3.50'); the display form everywhere."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{'¥' if symbol else ''}{yuan:,}.{cents:02d}"
