"""What a client's statement (对账单) says, in Chinese, and its Markdown layout.

Every layout takes the dict :func:`zizhi.core.receivables.statement.statement` returns. Each line
is dated and says what moved: the owed balance rises when a contract is signed (its whole
schedule), falls when money pays an instalment or a debt is written off, rises again when a
payment is reversed; the credit column follows the money received that pays nothing yet. An
instalment falling due changes neither and is listed so the client sees what became payable.
"""

from __future__ import annotations

from zizhi.core.documents.quote import header_lines, reach
from zizhi.core.money import format_fen

COLUMNS = ("日期", "摘要", "应收增加", "应收减少", "应收余额", "预收款余额")
METHODS = {"bank_transfer": "银行转账", "cash": "现金", "cheque": "支票", "acceptance_bill": "承兑汇票",
           "online": "在线支付", "other": "其他"}


def yuan(fen: int) -> str:
    return format_fen(fen, symbol=False)


def facts(found: dict) -> list[tuple[str, str]]:
    """Whose statement, for which period, and the balances it opens and closes with."""
    client = found["client"]
    rows = [("客户", client["name"]), ("联系人", reach(client)), ("对账期间", f"{found['from']} 至 {found['to']}")]
    if client.get("credit_code"):
        rows.insert(1, ("统一社会信用代码", client["credit_code"]))
    return rows


def describe(line: dict) -> str:
    """The 摘要 of one line: what happened and to which contract, instalment or payment."""
    kind = line["kind"]
    if kind == "signed":
        return f"签订合同 {line['ref']}（共 {line['instalments']} 期，合计 {yuan(line['amount'])}）"
    if kind == "amended":
        return (f"合同 {line['ref']} 变更（第 {line['revision']} 次修订），合计 {yuan(line['old_total'])} → "
                f"{yuan(line['new_total'])}：{line['reason']}")
    if kind == "due":
        left = f"期末尚欠 {yuan(line['outstanding'])}" if line["outstanding"] > 0 else "已结清"
        return f"{line['ref']} 到期 {yuan(line['amount'])}（{left}）"
    if kind == "payment":
        text = f"收到付款 #{line['ref']} {yuan(line['amount'])}，{METHODS.get(line['method'], line['method'])}"
        if line.get("reference"):
            text += f"，回单号 {line['reference']}"
        return text + _paid(line, "转入预收款")
    if kind == "credit_applied":
        return f"预收款冲抵（付款 #{line['ref']}）{yuan(line['amount'])}" + _paid(line, None)
    if kind == "reversal":
        return f"冲销付款 #{line['ref']} {yuan(line['amount'])}：{line['reason']}"
    if kind == "refund":
        return f"退还预收款 {yuan(line['amount'])}：{line['reason']}"
    return f"核销 {line['ref']} {yuan(line['amount'])}：{line['reason']}"


def _paid(line: dict, rest: str | None) -> str:
    parts = [f"{label} {yuan(amount)}" for label, amount in line["instalments"]]
    text = f"；冲抵 {'、'.join(parts)}" if parts else ""
    left = line["credit"] if line["kind"] == "payment" else 0
    if rest and left > 0:
        text += f"；{yuan(left)} {rest}"
    return text


def rows(found: dict) -> list[list[str]]:
    """One row of strings per line, between the opening and the closing rows."""
    opening = found["opening"]
    out = [[found["from"], "期初余额", "", "", yuan(opening["owed"]), yuan(opening["credit"])]]
    for line in found["lines"]:
        change = line["owed"]
        out.append([line["date"], describe(line), yuan(change) if change > 0 else "",
                    yuan(-change) if change < 0 else "", yuan(line["owed_balance"]), yuan(line["credit_balance"])])
    closing = found["closing"]
    out.append([found["to"], "期末余额", "", "", yuan(closing["owed"]), yuan(closing["credit"])])
    return out


def summary(found: dict) -> list[tuple[str, str]]:
    """The closing position in words: owed, of it due and not yet due, the credit, the net."""
    closing = found["closing"]
    out = [("期末应收余额", format_fen(closing["owed"])), ("其中已到期", format_fen(closing["due"])),
           ("其中未到期", format_fen(closing["not_due"])), ("预收款余额", format_fen(closing["credit"]))]
    net = closing["owed"] - closing["credit"]
    out.append(("应付净额" if net >= 0 else "多付净额", format_fen(abs(net))))
    return out


def open_rows(found: dict) -> list[list[str]]:
    """The instalments still owed at the end of the period."""
    return [[f"{item['contract']}:{item['position']}", item["due_on"], yuan(item["amount"]),
             yuan(item["paid"] + item["written_off"]), yuan(item["owed"])] for item in found["open_instalments"]]


OPEN_COLUMNS = ("合同:期次", "到期日", "应收", "已收/核销", "尚欠")

NOTES = ("合同签订之日，其全部分期计入应收余额；分期到期不另计增加，仅列示以便核对。",
         "付款超出所冲抵分期的部分计入预收款，可冲抵以后各期或退还。",
         "如对本对账单有异议，请于收到后 7 日内与我司联系；逾期未回复视为确认。")


def as_markdown(found: dict) -> str:
    """The statement as Markdown, for an email body."""
    company = header_lines(found)
    out = [f"# {company[0]} · 对账单", "", *[f"{line}  " for line in company[1:]], ""]
    out += [f"- **{label}**：{_md(value)}" for label, value in facts(found)]
    out += ["", "金额单位：人民币元", "", _row(COLUMNS), "|:--|:--|--:|--:|--:|--:|"]
    out += [_row(row) for row in rows(found)]
    out += ["", *[f"- {label}：**{amount}**" for label, amount in summary(found)]]
    if found["open_instalments"]:
        out += ["", "## 期末未结分期", "", _row(OPEN_COLUMNS), "|:--|:--|--:|--:|--:|"]
        out += [_row(row) for row in open_rows(found)]
    out += ["", "## 说明", "", *[f"- {note}" for note in NOTES]]
    return "\n".join(out) + "\n"


def _row(cells) -> str:
    return "| " + " | ".join(_md(cell) for cell in cells) + " |"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*").replace("\n", " ")
