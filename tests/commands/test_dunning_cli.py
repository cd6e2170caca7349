"""Dunning from a script: the morning list by person, an action logged with a promise that is then
broken, a refused log that changes nothing, the client's history and the 催款函 in Markdown and PDF."""

from __future__ import annotations

import re

from pypdf import PdfReader

from tests.commands.test_receivables_cli import owing  # noqa: F401  (the fixture)


def test_the_morning_list_a_promise_broken_and_a_refusal(cli, owing):  # noqa: F811
    first = f"{owing['number']}:1"
    said = cli("dunning", "due", "--user", "li", user="li").stdout
    # due today (27 November): the friendly reminder came three working days before
    assert said.splitlines() == ["Dunning due on 2026-11-27 (1 action):", "li:",
                                 f"  friendly reminder · {first} 宁波恒通进出口贸易有限公司 · ¥1,431.00 falls due on 2026-11-27"]
    before = cli.dump()
    refused = cli("dunning", "log", first, "--action", "call", "--outcome", "reached", user="fa", code=1)
    assert "salesperson, finance and managers" in refused.stderr and refused.stderr.count("\n") == 1
    half = cli("dunning", "log", first, "--action", "call", "--promise-on", "12-10", user="li", code=65)
    assert "--promise-amount: a promise to pay needs both" in half.stderr and cli.dump() == before
    logged = cli("dunning", "log", first, "--action", "电话", "--promise-on", "2026-12-10", "--promise-amount", "500",
                 "--note", "财务说下周付一半", user="li").stdout
    assert logged.splitlines() == [
        f"Logged phone call (promised to pay) with 宁波恒通进出口贸易有限公司 on 2026-11-27, about {first}.",
        "Promise: ¥500.00 by 2026-12-10 (pending)."]
    held = cli.json("dunning", "due", "--as-of", "2026-12-10", user="li")["actions"]
    assert [r for r in held if r["instalment"] == first] == []
    broken = [r for r in cli.json("dunning", "due", "--as-of", "2026-12-11", user="cw")["actions"]
              if r["instalment"] == first]
    assert [(r["person"], r["action"], r["since"], r["reason"]) for r in broken] == [
        ("li", "call", "2026-12-11", "broken_promise")]  # the reminder had come by date: one above it
    text = cli("dunning", "due", "--as-of", "2026-12-11", user="li").stdout
    assert "⚠ promise of 2026-12-10 broken" in text
    history = cli("dunning", "history", "恒通", user="li").stdout
    assert "2026-11-27  li  phone call (promised to pay)" in history and "财务说下周付一半" in history


def test_the_letter_in_markdown_and_pdf(cli, owing, env):  # noqa: F811
    none = cli("dunning", "letter", owing["number"], user="li", code=1)
    assert "nothing overdue on 2026-11-27" in none.stderr
    text = cli("dunning", "letter", owing["number"], "--as-of", "2026-12-31", user="li").stdout
    assert "# 催 款 函" in text and "| 1,431.00 | 0.00 | 1,431.00 | 34 天 |" in text and "人民币贰仟捌佰陆拾贰元整" in text
    target = env / "催款函.pdf"
    written = cli("dunning", "letter", "恒通", "--format", "pdf", "-o", str(target), "--as-of", "2026-12-31",
                  user="li").stdout.strip()
    assert written == str(target)
    squeezed = re.sub(r"[\s\x00]", "", "".join(page.extract_text() for page in PdfReader(target).pages))
    assert "催款函" in squeezed and "宁波恒通进出口贸易有限公司" in squeezed and "违约责任" in squeezed
    exports = [e["detail"]["form"] for e in cli.json("audit", "list", "--action", "dunning_letter", user="boss")]
    assert exports == ["file", "document"]  # newest first: each rendering is an export, a refusal none
