"""The deal's head: who, what, where it stands and what it is worth, label beside value.

Laid out for the width it has, in terminal cells: three pairs a line when they fit, else two,
else one. Labels are never cut; figures (the value, the probability, dates, qualification
codes) are whole — codes wrap onto a second line rather than lose a letter; only names and
words (the client, the owner, the state) end in "…" when short of room, and the deal's other
tabs and the client's record have them whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui import labels
from zizhi.tui.cells import fit, width
from zizhi.tui.widgets.deal.text import MISSING, stage

GAPS = (2, 1)  # cells between one pair and the next: two, or one before a line of pairs is lost


@dataclass
class Field:
    label: str
    value: Text
    least: int  # the value's cells it never goes below: all of a figure, a little of a name
    short: Text | None = None  # what it says when short of room (the stage without its date)

    @property
    def need(self) -> int:
        return width(self.value)


def fields(deal: dict) -> list[Field]:
    """The head's pairs in reading order."""
    named = Text(stage(deal["stage"]), style="bold")
    where = named + Text("  ") + Text(t("tui.deal.since", date=(deal["stage_since"] or "")[:10]), style="dim")
    codes = [q["code"] + (f"×{q['quantity']}" if q["quantity"] > 1 else "") for q in deal.get("qualifications", [])]
    state = Text(MISSING)
    if deal["blocked"]:
        state = Text(t("tui.deal.blocked"), style="bold red")
    elif deal.get("end_reason"):
        state = Text(deal["end_reason"], style="red")
    value = Text(format_fen(deal["value"]))
    probability = Text(percent.text(deal.get("probability_used"), MISSING))
    close = Text(deal["expected_close"] or MISSING)
    return [
        Field(labels.column("client"), Text(deal["client"]), 6),
        Field(labels.column("owner"), Text(deal["owner"] or ""), min(width(deal["owner"] or ""), 10)),
        Field(labels.column("stage"), where, width(named), named),
        Field(labels.column("value"), value, width(value)),
        Field(labels.column("probability_used"), probability, width(probability)),
        Field(labels.column("expected_close"), close, width(close)),
        Field(t("tui.field.qualifications"), Text(", ".join(codes)), max(map(width, codes), default=0) + 1),
        Field(labels.column("channel"), Text(labels.word("channel", deal["channel"]) or MISSING), 2),
        Field(t("tui.deal.state"), state, 4),
    ]


def head(deal: dict, room: int) -> Text:
    """The head in ``room`` cells: the most pairs a line that keep every figure whole."""
    found = fields(deal)
    for columns in (3, 2, 1):
        for gap in GAPS:
            widths = _widths(found, columns, room, gap)
            if widths is not None:
                return _draw(found, columns, widths, gap)
    return _draw(found, 1, [(max(width(f.label) for f in found), max(room, 1))], 1)


def _widths(found: list[Field], columns: int, room: int, gap: int) -> list[tuple[int, int]] | None:
    """(label, value) cells per column, or None when a figure would not fit whole."""
    cols = [found[c::columns] for c in range(columns)]
    label = [max(width(f.label) for f in col) for col in cols]
    value = [max(f.least for f in col) for col in cols]
    spare = room - sum(label) - columns - gap * (columns - 1) - sum(value)
    if spare < 0:
        return None
    wants = [max(f.need for f in col) for col in cols]
    while spare > 0 and any(v < w for v, w in zip(value, wants)):
        short = max(range(columns), key=lambda c: wants[c] - value[c])
        value[short] += 1
        spare -= 1
    return list(zip(label, value))


def _draw(found: list[Field], columns: int, widths: list[tuple[int, int]], gap: int) -> Text:
    lines: list[Text] = []
    for start in range(0, len(found), columns):
        row = found[start:start + columns]
        cells = [_cell(f, *widths[c]) for c, f in enumerate(row)]
        for n in range(max(len(cell) for cell in cells)):
            line = Text()
            for c, cell in enumerate(cells):
                label_width, value_width = widths[c]
                line.append_text(cell[n] if n < len(cell) else Text(" " * (label_width + 1 + value_width)))
                if c < len(cells) - 1:
                    line.append(" " * gap)
            line.rstrip()
            lines.append(line)
    return Text("\n").join(lines)


def _cell(field: Field, label_width: int, value_width: int) -> list[Text]:
    """The pair's lines: a name ends in "…", a list of codes wraps between codes."""
    label = Text(field.label, style="dim")
    label.pad_right(label_width - width(label))
    parts = field.value.plain.split(", ") if field.least < field.need and ", " in field.value.plain else None
    if parts is None or field.need <= value_width:
        value = field.short if field.short is not None and field.need > value_width else field.value
        return [label + Text(" ") + fit(value, value_width, pad=True)]
    lines, line = [], ""
    for part in parts:
        joined = f"{line}, {part}" if line else part
        if line and width(joined + ",") > value_width:
            lines.append(line + ",")
            line = part
        else:
            line = joined
    lines.append(line)
    blank = Text(" " * label_width)
    return [(label if n == 0 else blank) + Text(" ") + fit(text, value_width, pad=True)
            for n, text in enumerate(lines)]


class DealHead(Static):
    """The head box: drawn again for its new width when the terminal is resized."""

    deal: dict | None = None

    def show(self, deal: dict) -> None:
        self.deal = deal
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.deal is not None and self.content_region.width:
            self.update(head(self.deal, self.content_region.width))
