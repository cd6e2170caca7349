"""Export the clients the clients screen shows — its search and its due filter — as a file.

The export is the CLI's (:func:`core.exchange.export.export`, as ``zizhi export clients --search
TEXT --due``): the same visibility and masking for this person, the same audit row with the
filter and the row count, the same refusals (a folder, a missing folder, one this account may not
write in, a name saying another format than the one chosen) — said here, in the dialog. It runs
in a thread worker; the dialog says it is working, and closes with what was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from zizhi.core import clock
from zizhi.core.i18n import t
from zizhi.tui import keymap
from zizhi.tui.work import DeskWork

FORMATS = ("csv", "xlsx", "json")


def default_name(fmt: str = "csv") -> str:
    """客户-2026-12-03.csv (clients-… in English), in the folder the app was started from."""
    return f"{t('tui.export.file_word')}-{clock.today().isoformat()}.{fmt}"


class ExportScreen(DeskWork, ModalScreen[dict | None]):
    CSS_PATH = "../styles/export.tcss"
    BINDINGS = keymap.bindings(keymap.EXPORT)

    @dataclass
    class Done(Message):
        written: dict

    def __init__(self, desk, search: str = "", due: bool = False) -> None:
        super().__init__()
        self.desk, self.search, self.due = desk, search, due

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(t("tui.export.title"), id="export-title")
            yield Static(self._what(), id="export-what")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(t(f"tui.export.format.{fmt}"), value=fmt == "csv", id=f"export-{fmt}")
            yield Input(value=default_name(), placeholder=t("tui.export.path"), id="export-path")
            yield Static("", id="export-problem")
            with Horizontal(id="export-buttons"):
                yield Button(t("tui.export.run"), id="export-run", variant="primary")
                yield Button(t("tui.form.cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-problem").display = False
        self.query_one("#export-path", Input).focus()

    def _what(self) -> str:
        """Which clients: the screen's search and due filter, in words."""
        if self.search and self.due:
            return t("tui.export.what_search_due", query=self.search)
        if self.search:
            return t("tui.export.what_search", query=self.search)
        return t("tui.export.what_due" if self.due else "tui.export.what_all")

    @property
    def format(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return str(pressed.id).removeprefix("export-") if pressed is not None else "csv"

    @on(RadioSet.Changed, "#export-format")
    def _format_chosen(self) -> None:
        """The file's name follows the format chosen (客户-….csv → 客户-….xlsx)."""
        path = self.query_one("#export-path", Input)
        current = Path(path.value.strip())
        if current.suffix.lower().lstrip(".") in FORMATS:
            path.value = str(current.with_suffix(f".{self.format}"))
        self._say(None)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-run")
    def action_run(self) -> None:
        if self.query_one("#export-run", Button).disabled:
            return
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self._say(t("tui.export.no_path"))
            return
        self._say(None)
        self.query_one("#export-run", Button).disabled = True
        self.query_one("#export-what", Static).update(t("tui.export.working"))
        self._export(str(Path(value).expanduser()), self.format)  # said as typed; relative to where the app started

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, path: str, fmt: str) -> None:
        from zizhi.core.exchange.export import export

        written = export(self.desk, "clients", fmt, path, search=self.search or None, due=self.due,
                         command="app: export clients")
        self.post_message(self.Done(written))

    def on_export_screen_done(self, message: Done) -> None:
        self.dismiss(message.written)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """A path that will not do, a format the name contradicts: said in the dialog, which stays."""
        self._say(message)
        self.query_one("#export-what", Static).update(self._what())
        self.query_one("#export-run", Button).disabled = False

    def _say(self, text: str | None) -> None:
        problem = self.query_one("#export-problem", Static)
        problem.update(text or "")
        problem.display = bool(text)
