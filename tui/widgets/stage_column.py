"""One stage of the pipeline board: its name, count and weighted value on top, its deals below.

A column's deals are the options of one ``OptionList`` (rendered line by line), not a widget per
deal, so a column of a hundred deals scrolls as lightly as one of three. The screen fills a column
with :meth:`StageColumn.show`; the list posts the usual ``OptionList`` messages up.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui import card_text, keymap

MORE = "more"


class DealList(OptionList):
    """The cards of one stage, keyed by deal id; stuck deals are marked ⚠ and styled by class."""

    BINDINGS = keymap.bindings(keymap.CARDS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {"deal-list--stuck", "deal-list--client", "deal-list--title"}

    shown: tuple[list[dict], dict[int, int], int] = ([], {}, 0)

    def on_resize(self) -> None:
        """A new width may write the amounts another way: draw the cards again."""
        if self.shown[0]:
            self.show(*self.shown)

    def show(self, deals: list[dict], stuck: dict[int, int], more: int) -> None:
        """Replace the cards, keeping the highlight on the same deal when it is still here."""
        self.shown = (deals, stuck, more)
        keep = self.deal_id
        options: list[Option | None] = []
        for deal in deals:
            options.append(Option(self._card(deal, stuck.get(deal["id"])), id=str(deal["id"])))
            options.append(None)
        if more:
            options.append(Option(Text(t("tui.board.more", count=more)), id=MORE, disabled=True))
        elif options:
            options.pop()
        self.set_options(options)
        self.can_focus = bool(deals)
        if keep is None or not self.select_deal(keep):
            self.highlighted = 0 if deals else None

    def _card(self, deal: dict, idle_days: int | None) -> Text:
        # the scrollbar's room is kept whether or not it shows (scrollbar-gutter: stable)
        room = (self.size.width - self.styles.scrollbar_size_vertical
                - self.get_component_styles("option-list--option").padding.width)
        styles = {name: self.get_component_rich_style(f"deal-list--{name}", partial=True)
                  for name in ("stuck", "title", "client")}
        return card_text.card(deal, idle_days, room, styles)

    @property
    def deal_id(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id not in (None, MORE) else None

    def select_deal(self, deal_id: int) -> bool:
        try:
            self.highlighted = self.get_option_index(str(deal_id))
        except OptionDoesNotExist:
            return False
        return True

    @property
    def deal_count(self) -> int:
        return sum(1 for option in self.options if option.id not in (None, MORE))

    def highlight_row(self, row: int) -> None:
        """Highlight the ``row``-th card (counting cards, not dividers), clamped to the column."""
        cards = [i for i, option in enumerate(self.options) if option.id not in (None, MORE)]
        if cards:
            self.highlighted = cards[max(0, min(row, len(cards) - 1))]

    @property
    def row(self) -> int:
        """The highlighted card's position among the cards (0 when none)."""
        ids = [option.id for option in self.options if option.id not in (None, MORE)]
        option = self.highlighted_option
        return ids.index(option.id) if option is not None and option.id in ids else 0


class StageColumn(Vertical):
    """A stage's head (name, count, weighted value) over its :class:`DealList`."""

    def __init__(self, stage: str) -> None:
        super().__init__(id=f"stage-{stage}", classes="stage")
        self.stage = stage

    def compose(self) -> ComposeResult:
        yield Static(Text(t(f"stage.{self.stage}")), classes="stage-head")
        yield DealList(id=f"deals-{self.stage}", compact=True)

    @property
    def deals(self) -> DealList:
        return self.query_one(DealList)

    summary: dict | None = None

    def on_resize(self) -> None:
        if self.summary is not None:
            self._head(self.summary)

    def show(self, summary: dict, deals: list[dict], stuck: dict[int, int]) -> None:
        self.summary = summary
        self._head(summary)
        self.set_class(bool(summary["stuck"]), "-stuck")
        self.set_class(not deals, "-empty")
        self.deals.show(deals, stuck, max(0, summary["count"] - len(deals)))

    def _head(self, summary: dict) -> None:
        """The head is written for the column's own width (its padding and border taken off), which
        is already the new one when the column hears of a resize — the head's may not be yet."""
        head = self.query_one(".stage-head", Static)
        room = self.content_region.width - head.styles.padding.width
        head.update(card_text.head(self.stage, summary, room))
        head.tooltip = t("tui.board.head_tip", value=format_fen(summary["value"]),
                         weighted=format_fen(summary["weighted"]))
