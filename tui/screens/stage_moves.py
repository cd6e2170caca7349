"""Moving a deal one stage, shared by the board and the deal screen.

Forwards, ``core.deals.move`` checks the gate and its refusal reaches the screen's
``show_problem`` in the core's words. Backwards, the core asks managers for a note; the screen
tries without one first, so a salesperson hears "only a manager…" before typing anything, and a
manager is then asked for the note.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.worker import Worker

from zizhi.core.pipeline.stages import STAGES
from zizhi.core.pipeline.deals import move
from zizhi.core.errors import InputError
from zizhi.core.i18n import t
from zizhi.tui.screens.deal_forms import MoveBackForm


class StageMoves:
    """Mix into a screen (before ``DeskWork``) that implements :meth:`deal_moved` and ``show_problem``."""

    @dataclass
    class Moved(Message):
        deal: dict

    @dataclass
    class NeedsNote(Message):
        deal: dict
        stage: str

    moving = False

    def step_deal(self, deal: dict, step: int) -> None:
        """Move ``deal`` one stage forwards (``step`` 1) or back (-1)."""
        if self.moving:
            return
        index = STAGES.index(deal["stage"]) + step if deal["stage"] in STAGES else -1
        if not 0 <= index < len(STAGES):
            key = "tui.board.no_further" if step > 0 else "tui.board.no_earlier"
            self.show_problem(t(key, id=deal["id"], stage=t(f"stage.{deal['stage']}")))  # type: ignore[attr-defined]
            return
        self.moving = True
        self._move_deal(deal, STAGES[index])

    @work(thread=True, exit_on_error=False, group="move")
    def _move_deal(self, deal: dict, stage: str) -> None:
        try:
            moved = move(self.desk, deal["id"], stage)  # type: ignore[attr-defined]
        except InputError as error:
            if error.key != "deal.backwards_needs_note":
                raise
            self.post_message(self.NeedsNote(deal, stage))  # type: ignore[attr-defined]
            return
        self.post_message(self.Moved(moved))  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """(Textual calls this and ``DeskWork``'s handler both: one per class of the screen.)"""
        if event.worker.group == "move" and event.worker.is_finished:
            self.moving = False

    def on_stage_moves_moved(self, message: Moved) -> None:
        self.deal_moved(message.deal)

    def on_stage_moves_needs_note(self, message: NeedsNote) -> None:
        self.app.push_screen(MoveBackForm(self.desk, message.deal, message.stage),  # type: ignore[attr-defined]
                             callback=self._moved_back)

    def _moved_back(self, deal: dict | None) -> None:
        if deal:
            self.deal_moved(deal)

    def deal_moved(self, deal: dict) -> None:
        raise NotImplementedError
