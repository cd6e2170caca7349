"""Fitting what the CLI prints into the terminal's width, measured in cells (a Chinese character
takes two): the one way every table and report of `zizhi` keeps within the screen.

A table too wide first loses its least important columns (the caller names them, least important
first, and the person is told on stderr which were left out and how to see them); if it is still too
wide, its text columns — names, descriptions — are shortened, each ending in "…". Figures are never
cut: a cut amount is believed. A pipe or cron mail counts as 80 columns unless COLUMNS says otherwise.
"""

import re
import shutil
from dataclasses import dataclass
from typing import Optional

from rich.cells import cell_len

NARROWEST = 6  # a text column is not shortened below this many cells
ROOMY = 20  # a name or description keeps this many cells before other columns are left out


def columns() -> int:
    """The room to print in: COLUMNS when set, else the terminal's width, else (a pipe) 80."""
    return shutil.get_terminal_size((80, 24)).columns


def cut(text: str, room: int) -> str:
    """``text`` in at most ``room`` cells, ending in "…" when it had to be shortened."""
    if cell_len(text) <= room:
        return text
    used, kept = 0, []
    for char in text:
        used += cell_len(char)
        if used > room - 1:
            break
        kept.append(char)
    return "".join(kept) + "…" if room > 0 else ""


def left(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def right(text: str, width: int) -> str:
    return " " * (width - cell_len(text)) + text


def wrapped(text: str, room: Optional[int] = None, indent: str = "") -> list[str]:
    """A sentence (a report's heading, a paragraph of help) broken into lines of at most ``room``
    cells: at spaces between words, and between any two Chinese characters — as Chinese is set,
    never leaving a long run of it for the next line after one word — but not before a closing
    mark (，。）), which keeps the character it follows; a line break in ``text`` is kept. Later
    lines start with ``indent``."""
    width = max((room or columns()) - cell_len(indent), 10)
    lines = [line for paragraph in text.split("\n") for line in _broken(paragraph, width)]
    return [(indent if i else "") + line for i, line in enumerate(lines)]


def _broken(text: str, room: int) -> list[str]:
    lines: list[list[str]] = [[]]
    for token in _TOKENS.findall(text):
        line = lines[-1]
        if token.isspace():
            if line:
                line.append(token)
        elif cell_len("".join(line) + token) <= room:
            line.append(token)
        else:
            carried = [line.pop()] if token in _CLOSING and line and _CJK.fullmatch(line[-1]) else []
            while line and line[-1].isspace():
                line.pop()
            if not line:
                lines.pop()
            pieces = _folded("".join(carried) + token, room)
            lines.extend([piece] for piece in pieces)
    return ["".join(line).rstrip() for line in lines]


def _folded(word: str, room: int) -> list[str]:
    """A word wider than a whole line (a long path) cut by cells over as many lines as it takes."""
    pieces, piece = [], ""
    for char in word:
        if piece and cell_len(piece + char) > room:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


_CJK_CHARS = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
_TOKENS = re.compile(f"\\s+|[{_CJK_CHARS}]|[^\\s{_CJK_CHARS}]+")
_CJK = re.compile(f"[{_CJK_CHARS}]")
_CLOSING = "，。、；：？！）》」』】"


def say(text: str, err: bool = False, indent: str = "") -> None:
    """A line of prose — a report's heading, a note under a table, a definition — broken where it
    would run past the terminal's edge (later lines after ``indent``)."""
    import typer

    for line in wrapped(text, indent=indent):
        typer.echo(line, err=err)


@dataclass
class Grid:
    """A table fitted into a width: the lines to print and the heads of the columns left out."""

    lines: list[str]
    left_out: list[str]


def grid(heads: list[str], rows: list[list[str]], right_aligned: tuple[int, ...] = (), drop: tuple[int, ...] = (),
         flexible: tuple[int, ...] = (), room: Optional[int] = None, indent: str = "", gap: int = 2) -> Grid:
    """``rows`` under ``heads`` aligned by cells and fitted into ``room``.

    A head may hold a line break: it is printed on two lines. While the table is too wide even with
    its ``flexible`` text columns (names, descriptions) narrowed to :data:`ROOMY` cells, the columns
    in ``drop`` are left out, least important first; then the flexible columns are shortened (the
    first named first), and only if that is not enough any other text column (never one in
    ``right_aligned``: figures).
    """
    room = room or columns()
    head_lines = [h.split("\n") for h in heads]
    widths = {i: max([cell_len(p) for p in head_lines[i]] + [cell_len(r[i]) for r in rows]) for i in range(len(heads))}

    def total(narrowed: dict[int, int]) -> int:
        return cell_len(indent) + sum(narrowed.values()) + gap * (len(narrowed) - 1)

    for index in drop:
        if total({i: min(w, ROOMY) if i in flexible else w for i, w in widths.items()}) <= room:
            break
        if index in widths and len(widths) > 1:
            del widths[index]
    text = [i for i in widths if i not in right_aligned]
    for candidates, narrowest in (*(((i,), ROOMY) for i in flexible), (flexible, NARROWEST), (text, NARROWEST)):
        _narrow(widths, [i for i in candidates if i in widths], narrowest, lambda: total(widths) > room)
    kept = sorted(widths)
    return Grid(_printed(head_lines, rows, kept, widths, right_aligned, indent, gap),
                [_one_line(heads[i]) for i in range(len(heads)) if i not in widths])


def _one_line(head: str) -> str:
    """A head printed on two lines, said on one: "con-|verted" → "converted", "成交天数|平均" → "成交天数平均"."""
    first, _, rest = head.partition("\n")
    if not rest:
        return head
    if first.endswith("-"):
        return first[:-1] + rest
    return first + ("" if cell_len(first[-1]) == 2 or cell_len(rest[0]) == 2 else " ") + rest


def _narrow(widths: dict[int, int], candidates: list[int], narrowest: int, too_wide) -> None:
    """Take a cell at a time from the widest of ``candidates`` until it fits or none is wider than ``narrowest``."""
    while too_wide():
        widest = max(candidates, key=lambda i: widths[i], default=None)
        if widest is None or widths[widest] <= narrowest:
            return
        widths[widest] -= 1


def _printed(head_lines: list[list[str]], rows: list[list[str]], kept: list[int], widths: dict[int, int],
             right_aligned: tuple[int, ...], indent: str, gap: int) -> list[str]:
    depth = max(len(head_lines[i]) for i in kept)
    heads = [[""] * (depth - len(head_lines[i])) + head_lines[i] for i in range(len(head_lines))]
    printed = []
    shown_heads = [[h[level] for h in heads] for level in range(depth)]
    for line in [*(level for level in shown_heads if any(level[i] for i in kept)), *rows]:
        cells = [(right if i in right_aligned else left)(cut(line[i], widths[i]), widths[i]) for i in kept]
        printed.append((indent + (" " * gap).join(cells)).rstrip())
    return printed


def show(found: "Grid", room: Optional[int] = None) -> None:
    """Print a fitted table; say on stderr which columns it left out, and how to see them."""
    import typer

    from zizhi.core.i18n import listed, t

    for line in found.lines:
        typer.echo(line)
    if any(found.left_out):
        said = t("list.left_out", width=room or columns(), columns=listed([h for h in found.left_out if h]))
        for line in wrapped(said, room):
            typer.echo(line, err=True)
