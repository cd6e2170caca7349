"""One line of text fitted to its width when drawn, so a resize never cuts it without "…".

Textual's ``text-overflow: ellipsis`` is Rich's, which leaves a space before the "…" when a
Chinese character straddles the edge (``出口许 …``); :func:`tui.cells.fit` does not.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from zizhi.tui.cells import fit


class FittedLabel(Widget):
    """Call :meth:`show` with the text; it is cut to the label's width each time it is drawn."""

    DEFAULT_CSS = "FittedLabel { height: 1; }"

    def __init__(self, text: str | Text = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = Text(text) if isinstance(text, str) else text

    def show(self, text: str | Text) -> None:
        self.text = Text(text) if isinstance(text, str) else text
        self.refresh()

    def render(self) -> Text:
        return fit(self.text, self.content_size.width)
