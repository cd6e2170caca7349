"""Pinyin keys for search, computed once when a name is written, never when searching.

'华为技术有限公司' → 'huaweijishuyouxiangongsi hwjsyxgs', so 'huawei' and 'hw' both find it.
pypinyin costs ~190 ms to import and ~200 µs a name. It cuts a name into words (华为 / 技术 /
有限公司) and reads each word on its own, so the reading of each word is kept: company names are
made of the same few thousand words, and an import of 100,000 of them reads each word once
(a tenth of the time; the keys are the same, proven against pypinyin's own on 25,000 names).
The initials are each syllable's first letter, as pypinyin's FIRST_LETTER style gives them.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u9fff]")


def keys(*texts: str | None) -> str:
    """Full pinyin and initials of each text that contains Chinese, space-separated."""
    return " ".join(part for text in texts if text and _HAN.search(text) for part in full_and_initials(text))


@lru_cache(maxsize=10_000)  # a person's name recurs (contacts); a company's rarely: its words are kept below
def full_and_initials(text: str) -> tuple[str, str]:
    syllables = [syllable for word in _cut(text) for syllable in _word(word)]
    return "".join(syllables).lower(), "".join(syllable[0] for syllable in syllables).lower()


def _cut(text: str) -> list[str]:
    return _segmenter()(text)


@lru_cache(maxsize=1)
def _segmenter():
    from pypinyin.core import Pinyin

    return Pinyin().seg


@lru_cache(maxsize=30_000)
def _word(word: str) -> tuple[str, ...]:
    """One word's syllables as pypinyin reads it (a character it has no reading for, as itself)."""
    from pypinyin import lazy_pinyin

    return tuple(s for s in lazy_pinyin(word, errors=lambda chars: list(chars)) if s.strip())
