"""Moving a deal one stage, for the board and the deal screen: an invisible widget each composes.

Forwards, ``core.deals.move`` checks the gate and its refusal goes up as a
:class:`~zizhi.tui.work.Problem` in the core's words. Backwards, the core asks managers for a
note; the mover tries without one first, so a salesperson hears "only a manager…" before typing
anything, and a manager is then asked for the note. A move that passes goes up as
:class:`StageMover.Moved`. One move at a time: a second ``]`` while the first runs is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from zizhi.core.errors import InputError
from zizhi.core.i18n import t
from zizhi.core.pipeline.deals import move
from zizhi.core.pipeline.stages import next_stage, previous_stage
from zizhi.tui.screens.deal_forms import MoveBackForm
from zizhi.tui.work import Problem, report_failure


class StageMover(Widget):
    """Call :meth:`step`; listen for :class:`Moved` (and ``Problem``)."""

    @dataclass
    class Moved(Message):
        deal: dict

    @dataclass
    class NeedsNote(Message):
        """(To itself, from the worker: ask the manager for the note on the app's thread.)"""

        deal: dict
        stage: str

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.moving = False

    def step(self, deal: dict, step: int) -> None:
        """Move ``deal`` one stage forwards (``step`` 1) or back (-1)."""
        if self.moving:
            return
        target = (next_stage if step > 0 else previous_stage)(deal["stage"])
        if target is None:
            key = "tui.board.no_further" if step > 0 else "tui.board.no_earlier"
            self.post_message(Problem(t(key, id=deal["id"], stage=t(f"stage.{deal['stage']}"))))
            return
        self.moving = True
        self._move(deal, target)

    @work(thread=True, exit_on_error=False, group="move")
    def _move(self, deal: dict, stage: str) -> None:
        try:
            moved = move(self.desk, deal["id"], stage)
        except InputError as error:
            if error.key != "deal.backwards_needs_note":
                raise
            self.post_message(self.NeedsNote(deal, stage))
            return
        self.post_message(self.Moved(moved))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.is_finished:
            self.moving = False
        report_failure(self, event)

    def on_stage_mover_needs_note(self, message: NeedsNote) -> None:
        message.stop()
        self.app.push_screen(MoveBackForm(self.desk, message.deal, message.stage), callback=self._moved_back)

    def _moved_back(self, deal: dict | None) -> None:
        if deal:
            self.post_message(self.Moved(deal))
