"""Text that wraps Chinese the way it is read: at any character, but never inside a number or a
latin word, and never with closing punctuation starting a line.

Rich wraps at spaces only, so a line of Chinese with no space is cut wherever the edge falls:
``科技路48`` / ``4号12幢``, ``tongkaigroup.c`` / ``om.cn``, a lone ``。`` opening a line. Here a
run of latin letters, digits and the marks inside addresses and emails moves whole to the next
line when it fits there (a token wider than a line is still folded), and ``，。；：！？）`` stay
with the character before them. Nothing here knows Textual.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.containers import Lines
from rich.text import Text

CLOSING = "、。，；：！？）」』》〉】,.;:!?)%"
TOKEN = re.compile(rf"[A-Za-z0-9@._\-/+#&'’]+[{re.escape(CLOSING)}]*|\s+|.[{re.escape(CLOSING)}]*", re.S)


def breaks(plain: str, width: int) -> list[int]:
    """Offsets where lines of at most ``width`` cells begin (the first, 0, left out)."""
    found, used = [], 0
    for token in TOKEN.finditer(plain):
        size = cell_len(token.group())
        if token.group().isspace():
            used += size
            continue
        if used + size > width and used > 0:
            found.append(token.start())
            used = 0
        if size > width:  # wider than a whole line: folded at the cell where it must be
            for offset, char in enumerate(token.group(), token.start()):
                if used + cell_len(char) > width and used > 0:
                    found.append(offset)
                    used = 0
                used += cell_len(char)
        else:
            used += size
    return found


class Wrapped(Text):
    """A ``Text`` whose lines break between tokens (see the module); otherwise Rich's own."""

    def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                no_wrap=no_wrap)
        lines = Lines()
        for line in self.split(allow_blank=True):
            for part in line.divide(breaks(line.plain, width)):
                part.rstrip()
                part.truncate(width, overflow=overflow or self.overflow or "fold")
                lines.append(part)
        if justify or self.justify:
            lines.justify(console, width, justify=justify or self.justify, overflow=overflow or "fold")
        return lines
