"""A line edit priced before it is saved: what the quote would say if the typed values were stored.

Typing into the quote editor must not write: every ``quotes.set_line`` is a transaction, an
audit row and a new revision that cancels the pricing approval and legal's review. So each
keystroke is read the way ``set_line`` will read it and priced with the same pure functions
(``core.pipeline.pricing``); only the submit calls the core. Nothing here imports Textual.
"""

from __future__ import annotations

from zizhi.core.numerals import capital_amount
from zizhi.core.pipeline.pricing import price_lines, read_terms

EDITED = ("quantity", "service_fee", "discount")
_TOTALS = {"government_total": "government_amount", "service_total": "service_amount",
           "discount_total": "discount_amount", "surcharge_total": "surcharge_amount",
           "tax_total": "tax_amount", "total": "total"}


def read_line(line: dict, typed: dict[str, str]) -> dict[str, int]:
    """The typed values that differ from ``line``'s, as ``quotes.set_line`` reads them.

    A blank field keeps the line's value; a bad one raises the core's own ``InputError``.
    """
    given = {name: text for name in EDITED if (text := typed.get(name, "").strip())}
    return {name: value for name, value in read_terms(line, **given).items() if value != line[name]}


def preview(quote: dict, code: str, changed: dict[str, int]) -> dict:
    """``quote`` with line ``code`` changed and every figure and total worked out again."""
    lines = [dict(line, **changed) if line["code"] == code else line for line in quote["lines"]]
    priced, sums = price_lines(lines, bool(quote["expedited"]), quote["pricing"])
    figures = {name: sums[key] for name, key in _TOTALS.items()}
    return {**quote, "lines": priced, **figures, "total_in_words": capital_amount(sums["total"])}
