"""One place where a failed worker becomes something a person can read.

Every core call runs in a thread worker started with ``exit_on_error=False``; its failure comes
back here as a ``Worker.StateChanged``. A ``ZizhiError`` is a mistake the user can fix and is
shown as its one-line message — inline by forms, as a notification elsewhere. Anything else is a
bug: its traceback goes to the Textual log, the person sees one line, and the app keeps running.
"""

from __future__ import annotations

import traceback

from textual.worker import Worker, WorkerState

from zizhi.core.errors import ZizhiError
from zizhi.core.i18n import t


def problem_text(error: BaseException | None) -> str:
    if isinstance(error, ZizhiError):
        return str(error)
    return t("tui.note.unexpected", detail=f"{type(error).__name__}: {error}")


class DeskWork:
    """Mix into a screen whose workers call the core."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if not isinstance(error, ZizhiError) and error is not None:
            self.log.error("".join(traceback.format_exception(error)))  # type: ignore[attr-defined]
        self.show_problem(problem_text(error), error)

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """Tell the person what went wrong; forms override this to say it inline."""
        self.notify(message, severity="error", timeout=8)  # type: ignore[attr-defined]
