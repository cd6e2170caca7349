"""A quote as terminal text: aligned for Chinese characters being two columns wide."""

from __future__ import annotations

import unicodedata

from zizhi.core.documents.quote import (
    explanation,
    facts,
    header_lines,
    qualification_notes,
    rate,
    title,
    totals,
    yuan,
)
from zizhi.core.money import format_fen


def as_text(quote: dict) -> str:
    """The document for a terminal: aligned for Chinese characters being two columns wide."""
    out = [*header_lines(quote), "", title(quote), ""]
    out += [f"{_ljust(label, 8)}  {value}" for label, value in facts(quote)]
    out.append("")
    pricing = quote["pricing"]
    for index, line in enumerate(quote["lines"], start=1):
        quantity = line["quantity"]
        out.append(f"{index}. {line['name']}  {line['code']}  × {quantity}")
        rows = [(f"政府规费 {yuan(line['government_fee'])} × {quantity}（代收代付，不计税）", line["government_amount"], ""),
                (f"服务费 {yuan(line['service_fee'])} × {quantity}"
                 + (f"（目录价 {yuan(line['list_service_fee'])}）" if line["service_fee"] != line["list_service_fee"]
                    else ""), line["service_amount"], "")]
        if line["discount"]:
            rows.append((f"折扣 {rate(line['discount'])}", line["discount_amount"], "−"))
        if quote["expedited"]:
            rows.append((f"加急费 {rate(pricing['expedited'])}", line["surcharge_amount"], "+"))
        rows += [(f"增值税 {rate(pricing['service_vat'])}", line["tax_amount"], "+"), ("小计", line["total"], "")]
        out += [f"   {_ljust(label, 52)} {sign:1}{_rjust(format_fen(fen), 14)}" for label, fen, sign in rows]
        out.append("")
    out += [f"{_ljust(label, 56)}{_rjust(amount, 15)}" for label, amount in totals(quote)]
    out += [f"大写：{quote['total_in_words']}", "", "说明："]
    out += [f"  · {note}" for note in explanation(quote)]
    out += ["", "办理说明："]
    for index, item in enumerate(qualification_notes(quote), start=1):
        out += [f"{index}. {item['title']}", f"   {item['permits']}", f"   {item['time']}", "   所需材料："]
        out += [f"     {n}) {material}" for n, material in enumerate(item["materials"], start=1)]
        out.append("   办理步骤：")
        out += [f"     {n}. {step}" for n, step in enumerate(item["steps"], start=1)]
    return "\n".join(out) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _rjust(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text
