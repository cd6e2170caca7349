"""The three places every main screen reaches in one key: the reports (``k``), the risk register
(``R``) and the policy notices (``N``). Each is a mode of its own; Esc there returns to the mode
the person came from (:meth:`ZizhiApp.open_place`)."""

from __future__ import annotations

# (palette command under ``tui.cmd.``, action) of every main screen, after its own commands.
PALETTE = (("reports", "show_reports"), ("risks", "show_risks"), ("notices", "show_notices"))


class Places:
    """Mix into a screen whose keymap group binds ``show_reports``, ``show_risks``, ``show_notices``."""

    def action_show_reports(self) -> None:
        self.app.open_place("reports")  # type: ignore[attr-defined]

    def action_show_risks(self) -> None:
        self.app.open_place("risks")  # type: ignore[attr-defined]

    def action_show_notices(self) -> None:
        self.app.open_place("notices")  # type: ignore[attr-defined]
