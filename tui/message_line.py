"""The message line: where the app says what it did or refused, one line or three above the footer.

Textual's toasts float over the screen, and where one overlaps a widget's border a Chinese
character under the border is lost (``Logged contact with 宁波    小家电有限公司.`` — Textual issue
#6357). The message line is docked to the bottom of the screen in front instead: the screen's own
widgets make room for it, so nothing is drawn over it and it is drawn over nothing.

Everything that calls ``notify()`` — the screens, the forms, Textual itself — lands here
(``ZizhiApp.notify``). What is said stays until the next action says something else, or until a
few seconds after the person moves on (a key or a click), so it is read before it goes: someone
who looks away from the screen finds it still there.

What is said shows once, on the screen in front when it was said. A help panel or a form opened
over that screen leaves it there (seen behind the modal, not copied into the modal's bottom row);
switching to the other mode (clients ⇄ board) leaves it behind, and it is there again on coming
back. Only when its screen closes (a form saved or cancelled) does it move to the screen now in
front of the same mode, so it is not lost unread. An action that switches mode and then speaks
(a new deal from the clients screen) speaks on the screen it switched to, which is what it is about.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.errors import MarkupError
from rich.text import Text
from textual.app import App, ScreenStackError
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer

MAX_LINES = 3  # a long refusal wraps onto up to three lines; past them it ends in "…"
MAX_NOTES = 3  # what one action said (a save and its warning) is shown together
MARKS = {"error": "✖ ", "warning": "! ", "information": "✓ "}


@dataclass(frozen=True)
class Note:
    """One thing said: its text, how serious it is, and how long it stays once the person moves on."""

    text: str
    severity: str = "information"
    timeout: float = 5
    title: str = ""
    markup: bool = False  # Textual's own notes use markup; the app's never do (names may hold "[")

    def as_text(self) -> Text:
        body = Text(self.text)
        if self.markup:
            try:
                body = Text.from_markup(self.text)
            except MarkupError:  # not markup after all: every character as typed
                pass
        head = Text(MARKS.get(self.severity, ""))
        if self.title:
            head.append(f"{self.title}: ")
        return head + body


class MessageLine(Widget):
    """The notes said last, wrapped to the width of the screen, at most :data:`MAX_LINES` lines."""

    COMPONENT_CLASSES = {"message-line--error", "message-line--warning", "message-line--information"}
    DEFAULT_CSS = """
    MessageLine {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $panel;
        display: none;
    }
    MessageLine.-shown { display: block; }
    MessageLine.-above-footer { margin-bottom: 1; }
    MessageLine > .message-line--error { color: $text-error; text-style: bold; }
    MessageLine > .message-line--warning { color: $text-warning; }
    MessageLine > .message-line--information { color: $foreground; }
    """

    def __init__(self) -> None:
        super().__init__(id="message-line")
        self.notes: tuple[Note, ...] = ()

    def show(self, notes: tuple[Note, ...]) -> None:
        self.notes = notes
        self.set_class(bool(notes), "-shown")
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """What the line says, as plain text (what a test reads)."""
        return "\n".join(line.plain for line in self.lines(self.content_size.width))

    def lines(self, width: int) -> list[Text]:
        """Each note wrapped at ``width`` cells; past :data:`MAX_LINES` the last line ends in "…"."""
        if width <= 0:
            return []
        lines: list[Text] = []
        for note in self.notes:
            styled = note.as_text()
            styled.stylize(self.get_component_rich_style(f"message-line--{note.severity}", partial=True))
            lines.extend(styled.wrap(self.app.console, width, overflow="fold"))
        if len(lines) > MAX_LINES:
            rest = Text(" ").join(lines[MAX_LINES - 1:])
            rest.truncate(width, overflow="ellipsis")
            lines = lines[:MAX_LINES - 1] + [rest]
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_size.width))


class Messages:
    """What the app has said and not yet taken back, and the screen it was said on."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.notes: tuple[Note, ...] = ()
        self.home: Screen | None = None  # the screen in front when the notes were said
        self.mode: str | None = None  # the mode (screen stack) that screen belongs to
        self._moved_on = False  # has the person acted since the notes were said?
        self._fading: Timer | None = None
        self._showing: MessageLine | None = None

    def say(self, note: Note, screen: Screen | None = None, mode: str | None = None) -> None:
        """Add ``note`` to what the last action said on ``screen``, or start afresh if the person
        has acted since or it is said on another screen."""
        if self._moved_on or screen is not self.home:
            self.notes = ()
        self.home, self.mode = screen, mode
        self._moved_on = False
        self._stop_fading()
        self.notes = (*self.notes, note)[-MAX_NOTES:]
        self.place()

    def moved_on(self) -> None:
        """The person pressed a key or clicked: the notes go a few seconds later, unless replaced."""
        if self.notes and not self._moved_on:
            self._moved_on = True
            self._fading = self.app.set_timer(max(note.timeout for note in self.notes), self.clear)

    def clear(self) -> None:
        self._stop_fading()
        self.notes = ()
        self.place()

    def _stop_fading(self) -> None:
        if self._fading is not None:
            self._fading.stop()
            self._fading = None

    def place(self) -> None:
        """Show the notes on their screen's line (giving it one the first time) and on no other."""
        screen = self._home()
        if screen is None:  # nothing said yet, or the app is starting or closing
            return
        if not screen.is_mounted:
            screen.call_later(self.place)
            return
        line = _line_of(screen)
        if line is None and self.notes:
            line = MessageLine()
            line.set_class(bool(screen.query(Footer)), "-above-footer")
            screen.mount(line)
        if self._showing is not None and self._showing is not line and self._showing.is_attached:
            self._showing.show(())
        if line is not None:
            line.show(self.notes)
        self._showing = line

    def _home(self) -> Screen | None:
        """The screen the notes were said on while it is open; once it has closed, the screen now
        in front of its mode (what a form said is read on the screen it returns to)."""
        try:
            stack = self.app.get_screen_stack(self.mode)
        except (KeyError, ScreenStackError):
            return None
        if self.home not in stack:
            self.home = stack[-1] if stack else None
        return self.home


def _line_of(screen: Screen) -> MessageLine | None:
    try:
        return screen.query_one(MessageLine)
    except NoMatches:
        return None
