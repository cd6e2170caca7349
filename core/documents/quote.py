"""What the client receives: a quote as terminal text, Markdown or PDF, in Chinese.

Transparent, as the rulebook asks (§6.2 报价要清晰、透明，详细说明各项费用的构成和计算方式): each
line shows the government fee (passed through at cost, untaxed) apart from the service fee, then
its discount, expedited surcharge and VAT with their rates; the totals are the sums of the lines;
the total is written in figures and in capital numerals; the validity date is given; and for each
qualification the materials the client supplies, the processing steps and the standard time.
Every layout takes the dict ``pipeline.quotes.get_quote`` returns, whose snapshot holds the client
and company header as they were when the quote was made or sent.

This module says what the document contains; ``quote_text``, ``quote_markdown`` and ``quote_pdf``
lay it out for a terminal, for email and wikis, and for print.
"""

from __future__ import annotations

from zizhi.core import percent
from zizhi.core.money import format_fen

VALIDITY_UNITS = {"year": "年", "years": "年", "month": "个月", "months": "个月"}
COLUMNS = ("序号", "资质项目", "数量", "政府规费", "服务费", "折扣", "加急费", "增值税", "小计")
STATUS_MARKS = {"draft": "草稿（未发送）", "rejected": "已拒绝", "expired": "已过期", "accepted": "已接受"}


# ---------------------------------------------------------------- what the document says

def yuan(fen: int) -> str:
    return format_fen(fen, symbol=False)


def rate(basis_points: int) -> str:
    return percent.text(basis_points)


def _date(quote: dict) -> str:
    return (quote["sent_at"] or quote["created_at"])[:10]


def _validity(text: str | None) -> str:
    """'permanent' → 长期有效, '6 months' → 6 个月, '3 years' → 3 年."""
    if not text or text == "permanent":
        return "长期有效"
    number, unit = text.split()
    return f"{number} {VALIDITY_UNITS.get(unit, unit)}"


def header_lines(document: dict) -> list[str]:
    """The company header, as settings.toml [company] said when the document (a quote, a statement)
    was made."""
    company = document["company"]
    contact = "  ".join(v for v in (company.get("address"), company.get("phone") and f"电话 {company['phone']}",
                                     company.get("email") and f"邮箱 {company['email']}") if v)
    return [line for line in (company["name"], company.get("name_en"), contact) if line]


def reach(client: dict) -> str:
    """How the client is reached: the contact, their phone and email, as the documents show it."""
    return "  ".join(v for v in (client.get("contact"), client.get("phone"), client.get("email")) if v) or "—"


def facts(quote: dict) -> list[tuple[str, str]]:
    """Who the quote is for, its number, date and validity."""
    client = quote["client"]
    rows = [("客户", client["name"]), ("联系人", reach(client)), ("报价单号", quote["number"]),
            ("报价日期", _date(quote)), ("有效期至", quote["valid_until"]),
            ("办理方式", f"加急（加收折后服务费的 {rate(quote['pricing']['expedited'])}）" if quote["expedited"]
             else "常规")]
    if client.get("address"):
        rows.insert(2, ("地址", client["address"]))
    return rows


def line_cells(quote: dict) -> list[list[str]]:
    """One row of strings per line, each figure with the rate or unit price behind it."""
    pricing, rows = quote["pricing"], []
    for index, line in enumerate(quote["lines"], start=1):
        quantity = line["quantity"]
        discount = f"{rate(line['discount'])}\n−{yuan(line['discount_amount'])}" if line["discount"] else "—"
        surcharge = (f"{rate(pricing['expedited'])}\n+{yuan(line['surcharge_amount'])}" if quote["expedited"]
                     else "—")
        service = f"{yuan(line['service_fee'])} × {quantity}\n{yuan(line['service_amount'])}"
        if line["service_fee"] != line["list_service_fee"]:
            service += f"\n目录价 {yuan(line['list_service_fee'])}"
        rows.append([str(index), f"{line['name']}\n{line['code']}", str(quantity),
                     f"{yuan(line['government_fee'])} × {quantity}\n{yuan(line['government_amount'])}",
                     service, discount, surcharge,
                     f"{rate(pricing['service_vat'])}\n+{yuan(line['tax_amount'])}", yuan(line["total"])])
    rows.append(["", "合计", "", yuan(quote["government_total"]), yuan(quote["service_total"]),
                 f"−{yuan(quote['discount_total'])}", f"+{yuan(quote['surcharge_total'])}",
                 f"+{yuan(quote['tax_total'])}", yuan(quote["total"])])
    return rows


def totals(quote: dict) -> list[tuple[str, str]]:
    """The summary under the table: each total with how it is made."""
    pricing = quote["pricing"]
    rows = [("政府规费（按实代收代付，不计税）", format_fen(quote["government_total"])),
            ("服务费", format_fen(quote["service_total"]))]
    if quote["discount_total"]:
        rows.append(("减：折扣", f"−{format_fen(quote['discount_total'])}"))
    if quote["expedited"]:
        rows.append((f"加：加急费（折后服务费 × {rate(pricing['expedited'])}）", format_fen(quote["surcharge_total"])))
    rows.append((f"加：增值税（服务费 − 折扣 + 加急费）× {rate(pricing['service_vat'])}",
                 format_fen(quote["tax_total"])))
    rows.append(("报价总额", format_fen(quote["total"])))
    return rows


def explanation(quote: dict) -> list[str]:
    """How every figure is worked out, in the words a client reads."""
    pricing = quote["pricing"]
    notes = ["政府规费按政府部门实际收费代收代付，不收取服务费，也不计增值税。",
             "服务费 = 服务单价 × 数量；折扣按服务费计算。",
             f"增值税 = （服务费 − 折扣 + 加急费）× {rate(pricing['service_vat'])}，只对服务部分计征。",
             "每一项金额按四舍五入保留到分，合计为各项之和。"]
    if quote["expedited"]:
        notes.insert(2, f"加急费 = （服务费 − 折扣）× {rate(pricing['expedited'])}。")
    notes.append(f"本报价有效期至 {quote['valid_until']}，逾期请重新询价；以双方签订的合同为准。")
    return notes


def qualification_notes(quote: dict) -> list[dict]:
    """For each qualification: what it permits, the materials, the steps and the time it takes."""
    return [{"title": f"{line['name']}（{line['code']}）", "permits": line.get("permits") or "",
             "time": f"标准办理时间约 {line['standard_days']} 天；证书有效期：{_validity(line.get('validity'))}",
             "materials": line.get("materials") or [], "steps": line.get("steps") or []}
            for line in quote["lines"]]


def title(quote: dict) -> str:
    mark = STATUS_MARKS.get(quote["status"])
    return f"报价单{f'  【{mark}】' if mark else ''}"
