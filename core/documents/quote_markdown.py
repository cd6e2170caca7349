"""A quote as Markdown, for email bodies and wikis."""

from __future__ import annotations

from zizhi.core.documents.quote import (
    COLUMNS,
    explanation,
    facts,
    header_lines,
    line_cells,
    qualification_notes,
    title,
    totals,
)


def as_markdown(quote: dict) -> str:
    """The document as Markdown, for email bodies and wikis."""
    company = header_lines(quote)
    out = [f"# {company[0]} · {title(quote)}", "", *[f"{line}  " for line in company[1:]], ""]
    out += [f"- **{label}**：{_md(value)}" for label, value in facts(quote)]
    out += ["", "金额单位：人民币元", "", "| " + " | ".join(COLUMNS) + " |",
            "|" + "|".join(":--" if i < 2 else "--:" for i in range(len(COLUMNS))) + "|"]
    for row in line_cells(quote):
        out.append("| " + " | ".join(_md(cell).replace("\n", "<br>") for cell in row) + " |")
    out.append("")
    out += [f"- {label}：**{amount}**" for label, amount in totals(quote)]
    out += ["", f"**大写：{quote['total_in_words']}**", "", "## 说明", ""]
    out += [f"- {_md(note)}" for note in explanation(quote)]
    out += ["", "## 办理说明"]
    for index, item in enumerate(qualification_notes(quote), start=1):
        out += ["", f"### {index}. {_md(item['title'])}", "", _md(item["permits"]), "", f"- {item['time']}",
                "- 所需材料：", *[f"  - {_md(m)}" for m in item["materials"]],
                "- 办理步骤：", *[f"  {n}. {_md(s)}" for n, s in enumerate(item["steps"], start=1)]]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*")
