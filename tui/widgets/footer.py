"""The footer of every screen: the keys that fit the width, each with its word.

Textual's footer lets a row of keys run off the edge, so at 80 columns the last one showed as a
bare letter — a key without its meaning. This one keeps the keys in the order the screen binds
them (its most used first) and leaves out those that do not fit whole — the keys everyone
knows (quit, Escape for back) first, then from the end; help (``?``) and the command palette
list them all.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Actions whose keys go first when the footer is short of room: every screen has them, and
# every person knows them.
SPARE = ("app.quit", "back")


class FittedFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the keys, first to last, while each fits whole beside the palette's key."""
        keys = list(self.query_children(FooterKey))
        if not keys or not self.size.width:
            return
        palette = [key for key in keys if key.has_class("-command-palette")]
        keys = [key for key in keys if key not in palette]
        room = self.size.width - sum(map(_cells, palette))
        spare = [key for key in keys if key.action in SPARE]
        needed = [key for key in keys if key not in spare]
        shown = set()
        for key in needed + spare:
            if _cells(key) <= room:
                room -= _cells(key)
                shown.add(key)
            elif key in needed:
                room = 0  # nothing after a key left out, so the order still reads as the screen's
        for key in keys:
            key.display = key in shown


def _cells(key: FooterKey) -> int:
    return key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
