"""The quarterly personal report (季度个人工作总结, ``zizhi report quarterly``) in the app.

:class:`QuarterlyScreen` shows one person's report for a quarter: where it stands, the KPI figures
(frozen when filed, today's beside any that changed), the four sections and the manager's review;
``[`` and ``]`` step a quarter. Its author writes the sections with ``e`` (:class:`SectionsForm`,
ctrl+s saves) and files it with ``f`` after a confirm step (:class:`ConfirmFiling`); a manager or
admin reviews a filed report with ``v`` (:class:`ReviewForm`). :class:`RosterScreen` is the
managers' list of who has filed for a quarter (``report quarterly list``); Enter reads a person's.

Every rule — who may read, write, file or review, from which day, what filing freezes — is the
core's (:mod:`core.quarterly.reports`); its refusals are said on the message line. Reached with
``Q`` from the reports, from the palette, and by Enter on Today's ``quarterly_report`` reminder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import DataTable, Header, Static, TextArea

from zizhi.core.errors import UserError
from zizhi.core.i18n import t
from zizhi.core.kpi import quarters
from zizhi.core.quarterly import reports
from zizhi.core.quarterly.schema import SECTIONS
from zizhi.tui import keymap, quarterly_text
from zizhi.tui.roles import RoleKeys, guarded
from zizhi.tui.screens.form import FormScreen
from zizhi.tui.screens.help import HelpScreen
from zizhi.tui.widgets.footer import FittedFooter
from zizhi.tui.widgets.rows_table import Col, RowsTable
from zizhi.tui.work import DeskWork, problem_text


class Quarters:
    """A screen that shows one quarter (``self.quarter``) of what it ``reload``s into ``found``:
    ``[`` and ``]`` step it, another screen or Today's reminder names it, and coming back to the
    screen or switching the language reads it again."""

    def on_screen_resume(self) -> None:
        if self.found is not None:  # type: ignore[attr-defined]
            self.reload()  # type: ignore[attr-defined]

    async def relabel(self) -> None:
        await self.recompose()  # type: ignore[attr-defined]
        self.on_mount()  # type: ignore[attr-defined]

    def show_quarter(self, quarter: str) -> None:
        """Show ``quarter`` (Today's Enter on the reminder to file it)."""
        self.quarter = quarters.chosen(self.desk, quarter)  # type: ignore[attr-defined]
        if self.is_mounted:  # type: ignore[attr-defined]
            self.reload()  # type: ignore[attr-defined]

    def action_quarter(self, step: int) -> None:
        self.quarter = self.quarter.following() if step > 0 else self.quarter.preceding()  # type: ignore[has-type]
        self.reload()  # type: ignore[attr-defined]

    def action_quarter_back(self) -> None:
        self.action_quarter(-1)

    def action_quarter_on(self) -> None:
        self.action_quarter(1)


class QuarterlyScreen(Quarters, RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    """One person's report (``login`` None: your own) for a quarter (None: this one)."""

    CSS_PATH = "../styles/quarterly.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.QUARTERLY)
    PALETTE = (("write_report", "write_report"), ("file_report", "file_report"), ("review_report", "review_report"),
               ("quarter_earlier", "quarter_back"), ("quarter_later", "quarter_on"), ("back", "back"), ("help", "help"))

    @dataclass
    class Loaded(Message):
        found: dict

    @dataclass
    class Editable(Message):
        found: dict

    @dataclass
    class Filed(Message):
        found: dict

    def __init__(self, desk, login: str | None = None, quarter: str | None = None, leave=None) -> None:
        """``leave``: what Esc does (the mode's own screen leaves the mode; one opened from the
        managers' list goes back to it)."""
        super().__init__()
        self.desk, self.login = desk, login
        self.quarter = quarters.chosen(desk, quarter)
        self.found: dict | None = None
        self.leave = leave

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="quarterly-head")
        with VerticalScroll(id="quarterly-pane"):
            yield Static("", id="quarterly-page")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#quarterly-pane").focus()
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self.quarter)

    @work(thread=True, exclusive=True, exit_on_error=False, group="quarterly")
    def _load(self, quarter) -> None:
        self.post_message(self.Loaded(reports.report(self.desk, self.login, quarter)))

    def on_quarterly_screen_loaded(self, message: Loaded) -> None:
        self.show(message.found)

    def show(self, found: dict) -> None:
        self.found = found
        own = found["login"] == self.desk.user["login"]
        self.query_one("#quarterly-head", Static).update(quarterly_text.head(found, own))
        self._page()
        self.refresh_bindings()

    def _page(self) -> None:
        if self.found is not None:
            page = self.query_one("#quarterly-page", Static)
            page.update(quarterly_text.page(self.found, page.content_region.width or self.size.width,
                                            self.app.size.width))

    def on_resize(self) -> None:
        self.call_after_refresh(self._page)

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        """On the message line; a report that could not be read says why where it would be."""
        super().show_problem(message, error)
        if self.found is None:
            self.query_one("#quarterly-head", Static).update(Text(message, style="yellow"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A filed report is read-only: ``e`` and ``f`` leave with the draft; ``v`` comes once it is
        filed. Who may use each key at all is the core's (:mod:`tui.roles`)."""
        if action in ("write_report", "file_report"):
            return self.found is not None and self.found["status"] == "draft"
        if action == "review_report":
            return self.found is not None and self.found["status"] in ("filed", "reviewed")
        return True

    # -- keys ------------------------------------------------------------------------------

    @guarded("quarterly.write")
    def action_write_report(self) -> None:
        self._editable(self.quarter)

    @work(thread=True, exclusive=True, exit_on_error=False, group="quarterly-edit")
    def _editable(self, quarter) -> None:
        """Asked before the form opens, so nobody writes a page to be refused at the end."""
        self.post_message(self.Editable(reports.require_editable(self.desk, quarter)))

    def on_quarterly_screen_editable(self, message: Editable) -> None:
        def saved(found: dict | None) -> None:
            if found is None:
                return
            if found["unchanged"]:
                self.notify(t("quarterly.unchanged", quarter=found["quarter"]), markup=False)
            else:
                names = t("tui.form.list_joint").join(t(f"quarterly.section.{name}") for name in found["written"])
                self.notify(t("quarterly.saved", quarter=found["quarter"], sections=names), markup=False)
            self.show(found)

        self.app.push_screen(SectionsForm(self.desk, message.found), callback=saved)

    @guarded("quarterly.file")
    def action_file_report(self) -> None:
        """f: the core says first whether the report may be filed today (from which day, if not);
        only then the confirm step."""
        quarter = self.quarter
        try:
            reports.require_filable(self.desk, quarter)
        except UserError as refused:
            self.show_problem(problem_text(refused), refused)
            return
        self.app.push_screen(ConfirmFiling(quarter.name),
                             callback=lambda yes: self._file(quarter) if yes else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="quarterly-file")
    def _file(self, quarter) -> None:
        self.post_message(self.Filed(reports.file_report(self.desk, quarter)))

    def on_quarterly_screen_filed(self, message: Filed) -> None:
        found = message.found
        self.notify(t("quarterly.filed", quarter=found["quarter"], filed_at=found["filed_at"]), markup=False)
        self.show(found)

    @guarded("quarterly.review")
    def action_review_report(self) -> None:
        if self.found is None:
            return

        def reviewed(found: dict | None) -> None:
            if found:
                self.notify(t("quarterly.reviewed", login=found["login"], quarter=found["quarter"]), markup=False)
                self.show(found)

        self.app.push_screen(ReviewForm(self.desk, self.found), callback=reviewed)

    def action_refresh(self) -> None:
        self.reload()

    def action_back(self) -> None:
        if self.leave is not None:
            self.leave()
        else:
            self.dismiss()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(keymap.shown(keymap.DESK, keymap.QUARTERLY, keymap.APP, keep=self.may)))


# -- the managers' list --------------------------------------------------------------------

def _status_cell(row: dict) -> Text:
    style = {"none": "bold yellow", "draft": "yellow", "filed": "bold", "reviewed": "green"}[row["status"]]
    return Text(t(f"quarterly.status.{row['status']}"), style=style)


_ROSTER_COLUMNS = [
    Col("person", lambda: t("kpi.col.person"), words=True, comfortable=20),
    Col("status", lambda: t("col.status")),
    Col("filed_at", lambda: t("quarterly.col.filed_at"), drop=2),
    Col("reviewed_at", lambda: t("quarterly.col.reviewed_at"), drop=1),
    Col("reviewed_by", lambda: t("quarterly.col.reviewed_by"), drop=0),
]


def _roster_cells(row: dict) -> dict[str, Text]:
    return {"person": Text(f"{row['name']} ({row['login']})"), "status": _status_cell(row),
            "filed_at": Text(row["filed_at"] or ""), "reviewed_at": Text(row["reviewed_at"] or ""),
            "reviewed_by": Text(row["reviewed_by"] or "")}


class RosterTable(RowsTable):
    """The list, its Enter named in the footer (the table's own choice of a row, as Today's)."""

    BINDINGS = keymap.bindings(keymap.ROSTER_TABLE)


class RosterScreen(Quarters, RoleKeys, keymap.TranslatedBindings, DeskWork, Screen):
    """Who has filed their report for a quarter, reviewed or not (managers and admins)."""

    CSS_PATH = "../styles/quarterly.tcss"
    BINDINGS = keymap.bindings(keymap.DESK, keymap.QUARTERLY_ROSTER)
    PALETTE = (("open_report", "open_report"), ("quarter_earlier", "quarter_back"), ("quarter_later", "quarter_on"),
               ("back", "back"), ("help", "help"))

    @dataclass
    class Listed(Message):
        found: dict

    def __init__(self, desk, leave=None) -> None:
        super().__init__()
        self.desk = desk
        self.quarter = quarters.chosen(desk, None)
        self.found: dict | None = None
        self.leave = leave

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("tui.status.loading"), id="roster-head")
        yield RosterTable(_ROSTER_COLUMNS, _roster_cells, id="roster")
        yield Static("", id="roster-left-out")
        yield FittedFooter()

    def on_fitted_table_laid(self, message: RowsTable.Laid) -> None:
        """Under the list, a dim line names the columns it gave way at this width."""
        from zizhi.tui.screens.report_tables import left_out_text

        table, note = message.table, self.query_one("#roster-left-out", Static)
        note.update(left_out_text([table.title(key) for key in table.left_out], self.app.size.width))
        note.display = bool(table.left_out)

    def on_mount(self) -> None:
        self.query_one("#roster").focus()
        self.reload()

    def reload(self) -> None:
        self._list(self.quarter)

    @work(thread=True, exclusive=True, exit_on_error=False, group="roster")
    def _list(self, quarter) -> None:
        self.post_message(self.Listed(reports.roster(self.desk, quarter)))

    def on_roster_screen_listed(self, message: Listed) -> None:
        self.found = found = message.found
        table = self.query_one("#roster", RowsTable)
        keep = table.row["login"] if table.row else None
        table.show(found["people"])
        at = [n for n, row in enumerate(found["people"]) if row["login"] == keep]
        if at:
            table.move_cursor(row=at[0])
        self.query_one("#roster-head", Static).update(quarterly_text.roster_head(found))

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        super().show_problem(message, error)
        if self.found is None:
            self.query_one("#roster-head", Static).update(Text(message, style="yellow"))

    @on(DataTable.RowSelected, "#roster")
    def action_open_report(self) -> None:
        row = self.query_one("#roster", RowsTable).row
        if row is None:
            self.notify(t("tui.note.no_selection"), severity="warning", markup=False)
            return
        self.app.push_screen(QuarterlyScreen(self.desk, row["login"], self.quarter.name))

    def action_refresh(self) -> None:
        self.reload()

    def action_back(self) -> None:
        if self.leave is not None:
            self.leave()

    def action_help(self) -> None:
        keys = keymap.shown(keymap.DESK, keymap.ROSTER_TABLE, keymap.QUARTERLY_ROSTER, keymap.APP, keep=self.may)
        self.app.push_screen(HelpScreen(keys))


# -- writing, filing, reviewing ------------------------------------------------------------

class Writing(TextArea):
    """A TextArea read as a form field: its ``value`` is its text (:meth:`FormScreen.values`)."""

    @property
    def value(self) -> str:
        return self.text


WRITING_ROWS, COMMENT_ROWS = 8, 10  # a section's box, a comment's: a few lines in sight, the rest scroll


def _above(form: FormScreen, rows: int) -> None:
    """Each title above its text, which takes the form's width: room to write."""
    fields = form.query_one("#fields")
    fields.styles.grid_columns = "1fr"
    fields.styles.grid_rows = f"auto {rows}"


def writing(name: str, text: str | None) -> Writing:
    return Writing(text or "", id=f"f-{name}", soft_wrap=True, show_line_numbers=False, classes="writing")


class SectionsForm(FormScreen):
    """The four sections of one's own draft, each in a TextArea (Tab moves on); ctrl+s saves."""

    def __init__(self, desk, found: dict) -> None:
        super().__init__(desk, t("tui.form.write_report", quarter=found["quarter"], name=found["name"]))
        self.found = found
        self.add_class("-writing")

    def fields(self) -> Iterable[tuple[str, Widget]]:
        for name in SECTIONS:
            yield t(f"tui.quarterly.section.{name}"), writing(name, self.found["sections"][name])

    def on_mount(self) -> None:
        _above(self, WRITING_ROWS)
        self.query_one(f"#f-{SECTIONS[0]}").focus()

    def save(self, values: dict[str, str]) -> dict:
        return reports.write_sections(self.desk, values, self.found["quarter"])


class ReviewForm(FormScreen):
    """A manager's comment on a filed report, which marks it reviewed (again: replaces the comment)."""

    def __init__(self, desk, found: dict) -> None:
        super().__init__(desk, t("tui.form.review_report", name=found["name"], login=found["login"],
                                 quarter=found["quarter"]))
        self.found = found
        self.add_class("-writing")

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield t("tui.quarterly.comment"), writing("comment", self.found["review_comment"])

    def on_mount(self) -> None:
        _above(self, COMMENT_ROWS)
        self.query_one("#f-comment").focus()

    def save(self, values: dict[str, str]) -> dict:
        return reports.review(self.desk, self.found["login"], self.found["quarter"], values["comment"])


class ConfirmFiling(ModalScreen):
    """Filing is once: the person says so (y or Enter) or lets it be (Esc, n)."""

    CSS_PATH = "../styles/quarterly.tcss"
    BINDINGS = keymap.bindings(keymap.CONFIRM)

    def __init__(self, quarter: str) -> None:
        super().__init__()
        self.quarter = quarter

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm") as box:
            box.border_title = Text(t("tui.quarterly.confirm_title", quarter=self.quarter))
            yield Static(t("tui.quarterly.confirm_body"))
            yield Static(Text(t("tui.quarterly.confirm_keys"), style="bold"), id="confirm-keys")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
