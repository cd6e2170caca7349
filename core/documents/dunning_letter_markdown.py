"""The dunning letter's Chinese template, filled in as Markdown (for email, or to print)."""

from __future__ import annotations

from zizhi.core.documents.dunning_letter import COLUMNS, rows

OPENING = ("　　贵司与我司签订的{contracts}项下，下列款项已逾期未付。截至{date}，贵司尚欠我司款项共计"
           "**人民币 {total} 元**（大写：{words}），明细如下：")
REQUEST = ("　　请贵司于收到本函之日起 {grace} 个工作日内付清上述欠款。如贵司已付款，请忽略本函，并将付款凭证"
           "发送我司核对；如对欠款金额有异议，请于上述期限内书面告知。逾期仍未付款的，我司将依照合同约定追究"
           "违约责任，并保留通过法律途径追偿的权利。")


def paragraphs(letter: dict) -> dict[str, str]:
    """The template's sentences with the letter's facts in them (shared with the PDF)."""
    contracts = "、".join(f"《服务合同》（编号 {c['number']}）" for c in letter["contracts"])
    return {"opening": OPENING.format(contracts=contracts, date=letter["date_zh"], total=letter["total_text"][1:],
                                      words=letter["total_in_words"]),
            "request": REQUEST.format(grace=letter["grace_days"])}


def as_markdown(letter: dict) -> str:
    company, text = letter["company"], paragraphs(letter)
    out = ["# 催 款 函", "", f"编号：{letter['number']}", "", f"致：**{_md(letter['client']['name'])}**", "",
           text["opening"], "", "金额单位：人民币元", "", "| " + " | ".join(COLUMNS) + " |",
           "|" + "|".join(":--" if i < 3 else "--:" for i in range(len(COLUMNS))) + "|"]
    out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows(letter)]
    out += [f"| **合计** | | | | | **{letter['total_text'][1:]}** | |", "", "## 违约责任", ""]
    out += [f"- 合同 {c['number']} 约定：{_md(c['penalty'])}" for c in letter["contracts"]]
    out += ["", "## 付款方式", "", _md(letter["payment_instructions"]), "", text["request"], "", "特此函告。", ""]
    out += [f"{_md(company['name'])}  ", f"{letter['date_zh']}  "]
    reach = "　".join(v for v in (company.get("address"), company.get("phone") and f"电话：{company['phone']}",
                                  company.get("email") and f"邮箱：{company['email']}") if v)
    if reach:
        out.append(f"{_md(reach)}  ")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*")
