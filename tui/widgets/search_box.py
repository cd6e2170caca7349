"""The clients' search box: its hint in full when the box is wide enough, else a short one.

A placeholder cut at the box's edge read as a sentence stopped mid-word (at 80 columns the list
pane is half the screen); the short hint names the same things, fewer of them.
"""

from __future__ import annotations

from textual.widgets import Input

from zizhi.core.i18n import t
from zizhi.tui.cells import first_fitting


class SearchBox(Input):
    def on_resize(self) -> None:
        self.placeholder = first_fitting(self.content_region.width, t("tui.search.placeholder"),
                                         t("tui.search.placeholder_short"))
