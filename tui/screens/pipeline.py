"""The pipeline board: a column per stage, the open deals as cards, moved through the gates by key.

Counts and weighted values come from ``core.pipeline.pipeline`` (every open deal); the cards from
``core.deals.list_deals``, a page per stage, so a large team's board still opens at once. A
move runs ``core.deals.move`` in a worker: a refused gate is said on the message line, in the
core's words, like everything else the board says; a move that passes reloads the board with the
selection following the card into its new column. (The move itself is
:class:`~zizhi.tui.widgets.stage_mover.StageMover`'s, shared with the deal screen.)
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.worker import get_current_worker

from zizhi.core import access
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.core.pipeline.board import pipeline
from zizhi.core.pipeline.deals import list_deals
from zizhi.core.pipeline.stages import STAGES
from zizhi.tui import keymap, places
from zizhi.tui.places import Places
from zizhi.tui.roles import RoleKeys, guarded
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.deal_forms import AssessForm, DealForm, EndDealForm, OwnerForm, contract_note
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.stage_column import DealList, StageColumn
from zizhi.tui.widgets.stage_mover import StageMover
from zizhi.tui.work import DeskWork

CARDS_PER_STAGE = 60


class PipelineScreen(Places, RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    CSS_PATH = "../styles/pipeline.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.PIPELINE)
    PALETTE = (("open_deal", "open_deal"), ("forward", "move_forward"), ("backward", "move_backward"),
               ("new_deal", "new_deal"), ("assess", "assess"), ("lose", "lose_deal"), ("cancel_deal", "cancel_deal"),
               ("mine", "toggle_mine"), ("owner", "choose_owner"), ("clients", "show_clients"),
               ("receivables", "show_receivables"), ("refresh_board", "refresh"), ("help", "help"))
    PALETTE = PALETTE + places.PALETTE

    @dataclass
    class BoardLoaded(Message):
        owner: str | None
        summary: dict
        cards: dict[str, list[dict]]

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.owner: str | None = None
        self._selected: int | None = None
        self._wanted: int | None = None  # a deal just opened, to select once the board is read again
        self.deals: dict[int, dict] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="board-status")
        with Horizontal(id="board"):
            for stage in STAGES:
                yield StageColumn(stage)
        yield StageMover(self.desk)
        yield FittedFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        """Back from a deal or from the clients: what changed there shows here."""
        if self.is_mounted:
            self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self.owner)

    @work(thread=True, exclusive=True, exit_on_error=False, group="board")
    def _load(self, owner: str | None) -> None:
        summary = pipeline(self.desk, owner=owner)
        cards = {stage: list_deals(self.desk, stage=stage, owner=owner, limit=CARDS_PER_STAGE) for stage in STAGES}
        if not get_current_worker().is_cancelled:
            self.post_message(self.BoardLoaded(owner, summary, cards))

    def on_pipeline_screen_board_loaded(self, message: BoardLoaded) -> None:
        if message.owner != self.owner:
            return
        stuck = {deal["id"]: deal["idle_days"] for deal in message.summary["stuck"]}
        self.deals = {deal["id"]: deal for deals in message.cards.values() for deal in deals}
        for row in message.summary["stages"]:
            self._column(row["stage"]).show(row, message.cards[row["stage"]], stuck)
        self.query_one("#board-status", Static).update(self._status(message.summary))
        self._restore_selection()

    def _status(self, summary: dict) -> Text:
        totals = summary["totals"]
        text = Text(t("tui.board.totals", count=totals["count"], value=format_fen(totals["value"]),
                      weighted=format_fen(totals["weighted"])))
        if summary["stuck"]:
            text.append("  ")
            text.append(t("tui.board.stuck", count=len(summary["stuck"])), style="bold")
        text.append("  ")
        whose = (t("tui.board.owner", owner=self.owner) if self.owner
                 else t("tui.board.all_owners") if access.sees_all(self.desk.user) else t("tui.board.own"))
        text.append(whose, style="italic")
        if not totals["count"]:
            text.append("  " + t("tui.board.empty"))
        return text

    def _restore_selection(self) -> None:
        """Focus the selected deal wherever it now is, else the first card on the board.

        A deal just opened wins over whatever card the closing form handed the focus back to."""
        if self._wanted is not None:
            self.selected, self._wanted = self._wanted, None
        if self.selected in self.deals:
            column = self._column(self.deals[self.selected]["stage"])
            column.deals.select_deal(self.selected)
            column.deals.focus()
            return
        for stage in STAGES:
            deals = self._column(stage).deals
            if deals.deal_count:
                deals.highlight_row(0)
                deals.focus()
                self.selected = deals.deal_id
                return
        self.selected = None

    def _column(self, stage: str) -> StageColumn:
        return self.query_one(f"#stage-{stage}", StageColumn)

    # -- selection -------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option_list, DealList) and event.option_list.has_focus:
            self.selected = event.option_list.deal_id

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, DealList):
            self.selected = event.option_list.deal_id
            self.action_open_deal()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, DealList) and event.widget.deal_id is not None:
            self.selected = event.widget.deal_id

    def action_column(self, step: int) -> None:
        """The nearest column in that direction that has deals, at about the same row."""
        focused = self.focused
        here = STAGES.index(focused.id.removeprefix("deals-")) if isinstance(focused, DealList) else -1
        row = focused.row if isinstance(focused, DealList) else 0
        index = here + step
        while 0 <= index < len(STAGES):
            deals = self._column(STAGES[index]).deals
            if deals.deal_count:
                deals.highlight_row(row)
                deals.focus()
                self.selected = deals.deal_id
                return
            index += step

    @property
    def selected(self) -> int | None:
        return self._selected

    @selected.setter
    def selected(self, deal_id: int | None) -> None:
        """The card the keys act on; the footer offers what the acting user may do to it."""
        self._selected = deal_id
        self.refresh_bindings()

    def role_subject(self) -> dict | None:
        deal = self.deals.get(self.selected or -1)
        if deal is None:
            return None
        mine = deal["owner"] == self.desk.user["login"]
        return {**deal, "owner_id": self.desk.user["id"] if mine else None}

    def _selected_deal(self) -> dict | None:
        deal = self.deals.get(self.selected or -1)
        if deal is None:
            self.notify(t("tui.note.no_deal"), severity="warning", markup=False)
        return deal

    # -- moving ----------------------------------------------------------------------------

    @guarded("pipeline.forward")
    def action_move_forward(self) -> None:
        deal = self._selected_deal()
        if deal:
            self.query_one(StageMover).step(deal, 1)

    @guarded("pipeline.backward")
    def action_move_backward(self) -> None:
        deal = self._selected_deal()
        if deal:
            self.query_one(StageMover).step(deal, -1)

    def on_stage_mover_moved(self, message: StageMover.Moved) -> None:
        deal = message.deal
        self.done(t("tui.note.moved", id=deal["id"], stage=t(f"stage.{deal['stage']}")))
        self.selected = deal["id"]
        self.reload()

    def done(self, message: str) -> None:
        self.notify(message, markup=False)

    # -- forms -----------------------------------------------------------------------------

    def action_open_deal(self) -> None:
        deal = self._selected_deal()
        if deal:
            self.app.push_screen(DealScreen(self.desk, deal["id"]))

    def open_deal(self, deal_id: int, tab: str = "overview", back_to: str | None = None) -> None:
        """Open a deal by number (the palette's "Open deal #12"), on ``tab``; escape returns to
        ``back_to`` when another screen asked."""
        self.selected = deal_id
        self.app.push_screen(DealScreen(self.desk, deal_id, tab, back_to))

    @guarded("pipeline.new")
    def action_new_deal(self) -> None:
        self.new_deal()

    def new_deal(self, client: dict | None = None) -> None:
        """The new-deal form, for ``client`` when one is given (from the clients screen)."""
        self.app.push_screen(DealForm(self.desk, client), callback=self._opened)

    @guarded("pipeline.assess")
    def action_assess(self) -> None:
        deal = self._selected_deal()
        if deal:
            self.app.push_screen(AssessForm(self.desk, deal), callback=self._assessed)

    def _assessed(self, deal: dict | None) -> None:
        if deal:
            self.done(t("tui.note.assessed", id=deal["id"]))
            self.reload()

    @guarded("pipeline.lose")
    def action_lose_deal(self) -> None:
        self._end("lost")

    @guarded("pipeline.cancel")
    def action_cancel_deal(self) -> None:
        self._end("cancelled")

    def _end(self, ending: str) -> None:
        deal = self._selected_deal()
        if deal:
            self.app.push_screen(EndDealForm(self.desk, deal, ending), callback=self._ended)

    def _opened(self, deal: dict | None) -> None:
        if deal:
            self.done(t("tui.note.deal_opened", id=deal["id"], title=deal["title"]))
            self._wanted = deal["id"]
            self.reload()

    def _ended(self, deal: dict | None) -> None:
        if deal:
            self.done(t("tui.note.deal_ended", id=deal["id"], stage=t(f"stage.{deal['stage']}"),
                        reason=deal["end_reason"] or "") + contract_note(deal))
            self.selected = None
            self.reload()

    @guarded("pipeline.mine")
    def action_toggle_mine(self) -> None:
        mine = self.desk.user["login"]
        self._filter(None if self.owner == mine else mine)

    def action_choose_owner(self) -> None:
        self.app.push_screen(OwnerForm(self.desk, self.owner), callback=self._owner_chosen)

    def _owner_chosen(self, owner: str | None) -> None:
        if owner is not None:
            self._filter(owner or None)

    def _filter(self, owner: str | None) -> None:
        self.owner = owner
        self.set_class(owner is not None, "-filtered")
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def action_show_clients(self) -> None:
        self.app.switch_mode("clients")

    @guarded("pipeline.receivables")
    def action_show_receivables(self) -> None:
        self.app.switch_mode("receivables")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.CARDS, keymap.PIPELINE, keymap.APP,
                                                     keep=self.may)))

    async def relabel(self) -> None:
        await self.recompose()
        self.reload()
