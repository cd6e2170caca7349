"""The report's sections as a Markdown file to write in an editor, and read back.

One ``##`` heading per section, in Chinese and English (``## 工作成果 · Results``); the text under a
heading, up to the next, is that section's. Lines before the first heading (the title and the
hints, in ``<!-- -->``) are not part of any section. A heading that names no section is refused
with its line, rather than its text being quietly added to the section above; a section whose
heading was deleted, or left with nothing under it, is kept empty.

Text lines that would read as a heading or a hint (starting with ``#`` or ``<!--``) are written
with one backslash before them and read back without it — Markdown's own escape — so any text
makes the round trip unchanged.
"""

from __future__ import annotations

import re

from zizhi.core.errors import InputError
from zizhi.core.quarterly.schema import SECTIONS

# Each section's heading: Chinese (the rulebook's words), English.
TITLES = {"results": ("工作成果", "Results"), "problems": ("遇到的问题", "Problems met"),
          "solutions": ("解决方案", "Solutions"), "plans": ("下季度计划", "Plans for next quarter")}
_ESCAPED = re.compile(r"^(\\*)(#|<!--)")
_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")


def heading(name: str) -> str:
    chinese, english = TITLES[name]
    return f"{chinese} · {english}"


def editable(found: dict) -> str:
    """The report's sections as the Markdown file the author edits."""
    lines = [f"# {found['quarter']} 季度个人工作总结 · Quarterly report — {found['name']} ({found['login']})", "",
             "<!-- 在每个标题下填写；标题请保留。删除标题或留空，该部分即为空。",
             "     Write under each heading and keep the headings; a section left empty or deleted is saved empty. -->"]
    for name in SECTIONS:
        lines += ["", f"## {heading(name)}", ""]
        text = found["sections"][name]
        if text:
            lines += [_ESCAPED.sub(r"\\\1\2", line) for line in text.split("\n")]
    return "\n".join(lines) + "\n"


def parsed(text: str) -> dict[str, str]:
    """Every section's text from the edited file (a missing one as ''), refusing an unknown or a
    repeated heading with its line number."""
    found: dict[str, list[str]] = {}
    seen: dict[str, int] = {}
    current: list[str] | None = None
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        match = _HEADING.match(line)
        if match:
            name = section_named(match.group(1))
            if name is None:
                raise InputError("quarterly.unknown_heading", line=number, value=line.strip()[:60],
                                 allowed=" / ".join(f"## {heading(n)}" for n in SECTIONS))
            if name in seen:
                raise InputError("quarterly.repeated_heading", line=number, first=seen[name], value=line.strip()[:60])
            seen[name] = number
            current = found[name] = []
        elif current is not None and not line.startswith("<!--"):  # before the first heading: title, hints
            current.append(re.sub(r"^\\(\\*(?:#|<!--))", r"\1", line))
    return {name: "\n".join(line.rstrip() for line in found.get(name, [])).strip("\n") for name in SECTIONS}


def section_named(text: str) -> str | None:
    """Which section a heading names: its Chinese or English title, or its key ('results')."""
    words = text.strip().lower()
    for name, (chinese, english) in TITLES.items():
        if chinese in text or english.lower() in words or re.search(rf"\b{name}\b", words):
            return name
    return None
