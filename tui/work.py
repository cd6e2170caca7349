"""One place where a failed worker becomes something a person can read.

Every core call runs in a thread worker started with ``exit_on_error=False``; its failure comes
back as a ``Worker.StateChanged`` to the node that started it. A ``ZizhiError`` is a mistake the
user can fix and is shown as its one-line message — inline by forms (and the quote's line editor),
on the message line everywhere else. Anything else is a bug: its traceback goes to the Textual log, the person
sees one line, and the app keeps running.

A screen says the problem itself (:class:`DeskWork`, or its own ``show_problem``); a widget that
runs workers of its own posts it up as :class:`Problem` (:func:`report_failure`), so the screen
stays the one place that decides where a problem shows.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from textual import log
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState

from zizhi.core.errors import ZizhiError
from zizhi.core.i18n import t


def problem_text(error: BaseException | None) -> str:
    """What the person reads: a core message names the app's key where the CLI names a command."""
    if isinstance(error, ZizhiError):
        return error.message(surface="tui")
    return t("tui.note.unexpected", detail=f"{type(error).__name__}: {error}")


@dataclass
class Problem(Message, namespace="desk"):
    """Something the person must be told went wrong, posted up to the screen that shows it.

    ``error`` is the core's exception when there is one (an ``InputError`` may show inline).
    """

    text: str
    error: BaseException | None = None


def failure(event: Worker.StateChanged) -> Problem | None:
    """The problem of a worker that failed, else None; a bug's traceback goes to the log."""
    if event.state != WorkerState.ERROR:
        return None
    error = event.worker.error
    if error is not None and not isinstance(error, ZizhiError):
        log.error("".join(traceback.format_exception(error)))
    return Problem(problem_text(error), error)


def report_failure(node: MessagePump, event: Worker.StateChanged) -> None:
    """For a widget's own workers: a failure goes up to its screen as :class:`Problem`."""
    problem = failure(event)
    if problem is not None:
        node.post_message(problem)


class DeskWork:
    """Mix into a screen whose workers call the core (the board, the clients, the forms)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        problem = failure(event)
        if problem is not None:
            self.show_problem(problem.text, problem.error)

    def on_desk_problem(self, message: Problem) -> None:
        message.stop()
        self.show_problem(message.text, message.error)

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """Tell the person what went wrong; forms override this to say it inline."""
        self.notify(message, severity="error", timeout=8, markup=False)  # type: ignore[attr-defined]
