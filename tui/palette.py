"""The command palette (ctrl+p): every action of the screen by name, and any client by search.

Typing a client's name, pinyin or phone offers "Open client …" hits from the same search as the
search box, run in a thread so the palette stays responsive. On the board, a deal number
("#12") offers "Open deal #12".
"""

from __future__ import annotations

import asyncio
import re
from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from zizhi.core.clients.search import search_clients
from zizhi.core.errors import ZizhiError
from zizhi.core.i18n import t

OPEN_LIMIT = 5
OPEN_SCORE = 0.5
DEAL_NUMBER = re.compile(r"^\s*#?\s*(\d{1,9})\s*$")

class DeskCommands(Provider):
    """Each screen lists its commands in ``PALETTE``: (message key under ``tui.cmd.``, its action)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen, app = self.screen, self.app
        found = [(t(f"tui.cmd.{name}"), t(f"tui.cmd.{name}.help"), getattr(screen, f"action_{action}"))
                 for name, action in getattr(screen, "PALETTE", ())]
        found.append((t("tui.cmd.language"), t("tui.cmd.language.help"), app.action_switch_language))
        return found

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
        async for hit in self._clients(query):
            yield hit
        deal = DEAL_NUMBER.match(query)
        open_deal = getattr(self.screen, "open_deal", None)
        if deal and open_deal is not None:
            label = t("tui.cmd.open_deal_number", id=deal.group(1))
            yield Hit(1.0, Content(label), partial(open_deal, int(deal.group(1))), text=label)

    async def _clients(self, query: str) -> Hits:
        desk = getattr(self.screen, "desk", None)
        open_client = getattr(self.screen, "open_client", None)
        if desk is None or open_client is None or len(query.strip()) < 2:
            return
        try:
            rows = await asyncio.to_thread(search_clients, desk, query, OPEN_LIMIT)
        except ZizhiError:  # e.g. the database is busy: the palette just offers fewer hits
            return
        for row in rows:
            label = t("tui.cmd.open", name=row["name"])
            help_text = t("tui.cmd.open.help", contact=row["contact"] or "", city=row["city"] or "")
            yield Hit(OPEN_SCORE, Content(label), partial(open_client, row["id"], row["name"]),
                      text=label, help=help_text)
