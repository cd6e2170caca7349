"""The command palette (ctrl+p): every action of the screen by name, and any client by search.

Typing a client's name, pinyin or phone offers "Open client …" hits from the same search as the
search box, each followed by the client's open deals, run in a thread so the palette stays
responsive; a deal number ("#12") offers "Open deal #12". Both work from every screen (the app
switches to the clients or the board). A screen's commands are those the acting user may use.
"""

from __future__ import annotations

import asyncio
import re
from functools import partial
from typing import Callable

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from zizhi.core.errors import ZizhiError
from zizhi.core.i18n import t
from zizhi.tui.roles import refusal

OPEN_LIMIT = 5
OPEN_SCORE = 0.5
DEALS_PER_CLIENT = 3
DEAL_NUMBER = re.compile(r"^\s*#?\s*(\d{1,9})\s*$")

class DeskCommands(Provider):
    """Each screen lists its commands in ``PALETTE``: (message key under ``tui.cmd.``, its action)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen, app = self.screen, self.app
        allowed = getattr(screen, "allowed_action", lambda action: True)
        found = [(t(f"tui.cmd.{name}"), t(f"tui.cmd.{name}.help"), getattr(screen, f"action_{action}"))
                 for name, action in getattr(screen, "PALETTE", ()) if allowed(action)]
        if refusal("reports.quarterly", app.desk.user) is None:  # from every screen, to whom may read one
            found.append((t("tui.cmd.quarterly"), t("tui.cmd.quarterly.help"), app.action_show_quarterly))
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
        if deal:
            label = t("tui.cmd.open_deal_number", id=deal.group(1))
            yield Hit(1.0, Content(label), partial(self.app.open_deal, int(deal.group(1))), text=label)

    async def _clients(self, query: str) -> Hits:
        """Clients found as the search box finds them, each followed by its open deals — from any screen."""
        if len(query.strip()) < 2:
            return
        try:
            rows = await asyncio.to_thread(_found, self.app.desk, query)
        except ZizhiError:  # e.g. the database is busy: the palette just offers fewer hits
            return
        for row, its_deals in rows:
            label = t("tui.cmd.open", name=row["name"])
            help_text = t("tui.cmd.open.help", contact=row["contact"] or "", city=row["city"] or "")
            yield Hit(OPEN_SCORE, Content(label), partial(self.app.open_client, row["id"], row["name"]),
                      text=label, help=help_text)
            for found in its_deals:
                label = t("tui.cmd.open_found_deal", id=found["id"], title=found["title"])
                help_text = t("tui.cmd.open_found_deal.help", client=found["client"],
                              stage=t(f"stage.{found['stage']}"))
                yield Hit(OPEN_SCORE * 0.9, Content(label), partial(self.app.open_deal, found["id"]), text=label,
                          help=help_text)


def _found(desk, query: str) -> list[tuple[dict, list[dict]]]:
    """The clients a query finds and each one's open deals (a few), read in one worker thread.

    Imported here, at the first search, not when the app starts: the deals' rules are not
    needed before."""
    from zizhi.core.clients.search import search_clients
    from zizhi.core.pipeline.deals import list_deals

    return [(row, list_deals(desk, client=str(row["id"]), limit=DEALS_PER_CLIENT))
            for row in search_clients(desk, query, OPEN_LIMIT)]


# Textual's own palette commands, by their English title and help: said in the person's language.
SYSTEM_TITLES = {"Theme": "tui.sys.theme", "Quit": "tui.sys.quit", "Keys": "tui.sys.keys",
                 "Maximize": "tui.sys.maximize", "Minimize": "tui.sys.minimize"}
SYSTEM_HELP = {"Change the current theme": "tui.sys.theme.help",
               "Quit the application as soon as possible": "tui.sys.quit.help",
               "Show help for the focused widget and a summary of available keys": "tui.sys.keys.help",
               "Hide the keys and widget help panel": "tui.sys.keys.hide",
               "Maximize the focused widget": "tui.sys.maximize.help",
               "Minimize the widget and restore to normal size": "tui.sys.minimize.help"}


def translated_system(commands):
    """Textual's system commands with title and help in the current language: a Chinese desk
    otherwise reads "Quit the application as soon as possible" among its own commands. A command
    a later Textual adds keeps its English words until it is listed here."""
    for command in commands:
        title, help_text = SYSTEM_TITLES.get(command.title), SYSTEM_HELP.get(command.help)
        yield command._replace(title=t(title) if title else command.title,
                               help=t(help_text) if help_text else command.help)


class Palette(CommandPalette):
    """Textual's palette, its "No matches found" in the person's language. Textual writes that line
    inline in a private method, so the method is restated here with the translated words; a test
    (tests/tui/test_palette.py) fails if a later Textual renames it."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # with nothing typed the palette is discovering: no "no matches" there
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("tui.sys.no_matches"), style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
