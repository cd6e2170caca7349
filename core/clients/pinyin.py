"""Pinyin keys for search, computed once when a name is written, never when searching.

'华为技术有限公司' → 'huaweijishuyouxiangongsi hwjsyxgs', so 'huawei' and 'hw' both find it.
pypinyin costs ~190 ms to import and ~200 µs a name; a cache per text piece makes bulk
loads (the demo, imports) reuse the work for repeated words.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u9fff]")


def keys(*texts: str | None) -> str:
    """Full pinyin and initials of each text that contains Chinese, space-separated."""
    return " ".join(part for text in texts if text and _HAN.search(text) for part in full_and_initials(text))


@lru_cache(maxsize=200_000)
def full_and_initials(text: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(text, errors=lambda chars: list(chars)) if s.strip()]
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda chars: list(chars))
    full = "".join(syllables).lower()
    short = "".join(s for s in initials if s.strip()).lower()
    return full, short
