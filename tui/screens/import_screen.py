"""Import a file of clients from the app: name the file, see what would happen, then import it.

The check is the import's own dry run (:func:`core.clients.importing.import_clients`), so what the
person sees — how many rows would be created, which are already on file, every bad row with its
line, column and reason — is exactly what the import does. With bad rows the import brings in the
others (the CLI's ``--skip-invalid``); the bad rows stay listed to mend in the file. Both run in a
thread worker; a large file shows its progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Static

from zizhi.core.i18n import t
from zizhi.tui import keymap
from zizhi.tui.cells import fit
from zizhi.tui.work import DeskWork

SHOWN_ERRORS = 500  # bad rows listed; the count says how many there are
REASON_CELLS = 72  # the dialog's width less the line and column: the whole reason is in the CLI's and the errors file


class ImportScreen(DeskWork, ModalScreen[dict | None]):
    CSS_PATH = "../styles/import.tcss"
    BINDINGS = keymap.bindings(keymap.IMPORT)

    @dataclass
    class Checked(Message):
        report: dict

    @dataclass
    class Done(Message):
        report: dict

    @dataclass
    class Progressed(Message):
        rows: int
        total: int | None

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk
        self.checked: dict | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Label(t("tui.import.title"), id="import-title")
            yield Input(placeholder=t("tui.import.path"), id="import-path")
            yield Static(t("tui.import.hint"), id="import-summary")
            yield DataTable(id="import-errors", cursor_type="row", zebra_stripes=True)
            yield ProgressBar(id="import-progress", show_eta=True)
            with Horizontal(id="import-buttons"):
                yield Button(t("tui.import.check"), id="import-check", variant="primary")
                yield Button(t("tui.import.run"), id="import-run", variant="success", disabled=True)
                yield Button(t("tui.form.cancel"), id="import-cancel")

    def on_mount(self) -> None:
        errors = self.query_one("#import-errors", DataTable)
        errors.add_columns(t("tui.import.col.line"), t("tui.import.col.column"), t("tui.import.col.reason"))
        errors.display = False
        self.query_one("#import-progress").display = False
        self.query_one("#import-path", Input).focus()

    # -- check, then import ------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-check")
    def action_check(self) -> None:
        path = self.query_one("#import-path", Input).value.strip()
        if path:
            self.query_one("#import-run", Button).disabled = True
            self.query_one("#import-summary", Static).update(t("tui.import.checking"))
            self._check(str(Path(path).expanduser()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _check(self, path: str) -> None:
        self.post_message(self.Checked(_import(self.desk, path, dry_run=True)))

    def on_import_screen_checked(self, message: Checked) -> None:
        report = self.checked = message.report
        self.query_one("#import-summary", Static).update(t("tui.import.would", **_counts(report)))
        errors = self.query_one("#import-errors", DataTable)
        errors.clear()
        errors.add_rows((e["line"], fit(e["column"] or "—", 20), fit(e["reason"], REASON_CELLS))
                        for e in report["errors"][:SHOWN_ERRORS])
        errors.display = bool(report["errors"])
        run = self.query_one("#import-run", Button)
        run.disabled = not (report["created"] or report["updated"])
        run.label = t("tui.import.run_good" if report["rejected"] else "tui.import.run")
        run.refresh(layout=True)  # the longer label takes its width

    @on(Button.Pressed, "#import-run")
    def action_run(self) -> None:
        if self.checked is None or self.query_one("#import-run", Button).disabled:
            return
        self.query_one("#import-run", Button).disabled = True
        self.query_one("#import-check", Button).disabled = True
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        bar.update(total=self.checked["rows"], progress=0)
        self._run(self.checked["path"], bool(self.checked["rejected"]))

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _run(self, path: str, skip_invalid: bool) -> None:
        report = _import(self.desk, path, skip_invalid=skip_invalid,
                         progress=lambda rows: self.post_message(self.Progressed(rows, None)))
        self.post_message(self.Done(report))

    def on_import_screen_progressed(self, message: Progressed) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=message.rows)

    def on_import_screen_done(self, message: Done) -> None:
        self.dismiss(message.report)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """A file that cannot be read (no such file, not UTF-8 or GBK, unknown columns) says so here."""
        self.query_one("#import-summary", Static).update(message)
        self.query_one("#import-check", Button).disabled = False


def _import(desk, path: str, **options) -> dict:
    """The import (or its check); importing the good rows writes the refused ones to their errors
    file, as --skip-invalid does, and the report names it."""
    from zizhi.core.clients.importing import import_clients
    from zizhi.core.exchange import rejects
    from zizhi.core.exchange.source import open_table

    with open_table(path) as table:
        report = rejects.keeping(table, bool(options.get("skip_invalid")), None,
                                 lambda: import_clients(desk, table, **options))
        return {**report, "path": path}


def _counts(report: dict) -> dict:
    return {key: report[key] for key in ("file", "rows", "created", "updated", "unchanged", "rejected")}
