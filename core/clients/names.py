"""A company name as an import matches it: the same company, however it was typed."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str) -> str:
    """Full-width letters and brackets half-width, no spaces, lower case, 有限责任公司 as 有限公司
    (kept on the client's row and indexed: ``clients.name_key``)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).lower()
    return text.replace("有限责任公司", "有限公司")
