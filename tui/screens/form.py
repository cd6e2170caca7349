"""The modal form every data entry uses: fields, one inline error line, Save and Cancel.

Saving runs the subclass's core call in a thread worker. Success dismisses the form with the
result; a ``ZizhiError`` (bad credit code, missing next date…) is shown inline, the field it is
about gets the focus, and the form keeps everything the person typed, so they fix one field
instead of starting over. A form whose core checks each field on its own (:meth:`FormScreen.problems`)
reports every bad field at once, not one per save.

A refused save is always in sight: the fields scroll while the error lines and the buttons stay put,
the first bad field is scrolled to and focused, and the message line says what was refused.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from zizhi.core.errors import ZizhiError
from zizhi.core.i18n import t
from zizhi.tui import keymap
from zizhi.tui.cells import fit, width
from zizhi.tui.widgets.date_field import DateField
from zizhi.tui.work import DeskWork, problem_text

LABEL_CELLS = 18  # the widest label column; a longer label wraps onto a second line

# Core errors that name their field only in the message text.
FIELD_OF_ERROR = {
    "client.credit_code_check_digit": "credit_code", "client.credit_code_format": "credit_code",
    "client.duplicate_code": "credit_code", "client.duplicate_code_archived": "credit_code",
    "client.phone_format": "phone", "client.email_format": "email",
    "people.unknown_owner": "owner", "people.owner_not_sales": "owner", "people.owner_off_duty": "owner",
    "log.next_needs_date": "next_date", "log.date_needs_next": "next_step",
    "log.next_before_contact": "next_date",
    "client.not_found": "client", "client.ambiguous": "client",
    "deal.no_qualification": "codes", "deal.unknown_qualification": "codes",
    "deal.reason_required": "reason", "deal.backwards_needs_note": "note",
    "deal.explanation_required": "explanation",
    "contract.instalment_option": "instalments", "contract.instalment_format": "instalments",
    "contract.instalments_out_of_order": "instalments", "contract.schedule_short": "instalments",
    "contract.schedule_over": "instalments", "contract.prepayment_short": "instalments",
    "contract.credit_limit": "instalments", "contract.guarantee_required": "guarantee",
    "contract.overpayment": "amount",
    "process.operator_unknown": "operator", "process.operator_not_operations": "operator",
    "process.reason_required": "reason", "process.skip_reason_required": "reason",
    "process.reason_only_for_skip": "reason", "deliver.usage_notes_required": "usage_notes",
    "deliver.duplicate_number": "number", "deliver.expiry_before_issue": "expires_on",
    "deliver.already_delivered": "code", "visit.satisfaction_range": "satisfaction",
}


class FormScreen(keymap.TranslatedBindings, DeskWork, ModalScreen):
    """Subclasses set ``COLUMNS`` (field pairs per row) and implement :meth:`fields` and :meth:`save`."""

    # Below this width the two-column forms fold into one column, so 80×24 terminals see every field.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (108, "-wide")]

    CSS_PATH = "../styles/form.tcss"
    BINDINGS = keymap.bindings(keymap.FORM)
    COLUMNS = 1

    @dataclass
    class Saved(Message):
        result: Any

    @dataclass
    class Refused(Message):
        """The fields' own checks found mistakes; nothing was saved."""
        problems: list[ZizhiError]

    def __init__(self, desk, title: str) -> None:
        super().__init__()
        self.desk = desk
        self.title_text = title
        self.saving = False
        self.labels: dict[str, str] = {}  # field name → its label, to name it in the message line
        self.marked: set[str] = set()  # the fields the last refusal marked wrong

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """(label, input widget with id ``f-<core field name>``) pairs, in tab order."""
        raise NotImplementedError

    def save(self, values: dict[str, str]) -> Any:
        """The core call; runs in a worker thread, so it must not touch widgets."""
        raise NotImplementedError

    def problems(self, values: dict[str, str]) -> list[ZizhiError]:
        """Each field's mistake by the core's own per-field checks, before :meth:`save` (worker thread);
        a form whose core refuses at the first bad field overrides this to report them all."""
        return []

    def compose(self) -> ComposeResult:
        pairs = list(self.fields())
        self.labels = {(widget.id or "")[2:]: label for label, widget in pairs}
        with FormBox(id="form", classes=f"-columns-{self.COLUMNS}") as form:
            form.border_title = Text(self.title_text)
            # The fields scroll in a pane of their own above the foot, never beneath it: a widget
            # drawn over another's edge loses a Chinese character that straddles it (Textual #6357).
            with VerticalScroll(id="fields-pane", can_focus=False), Grid(id="fields") as grid:
                # as wide as the longest label, up to LABEL_CELLS; a longer one wraps
                cells = min(max((width(label) for label, _ in pairs), default=1), LABEL_CELLS)
                grid.styles.grid_columns = " ".join([f"{cells} 1fr"] * self.COLUMNS)
                for label, widget in pairs:
                    yield Label(label, classes="field-label")
                    yield widget
                    if _typed_in(widget) is not None and _typed_in(widget).placeholder and self.COLUMNS == 1:
                        yield Label("", classes="field-hint")
                        yield Static(_typed_in(widget).placeholder, classes="field-hint")
            with FormFoot(id="form-foot"):
                yield Static("", id="form-error")
                with Horizontal(id="form-buttons"):
                    yield Static(t("tui.form.hint"), id="form-hint")
                    yield Button(t("tui.form.save"), variant="primary", id="save")
                    yield Button(t("tui.form.cancel"), id="cancel")

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_hints)
        self.call_after_refresh(self.fit_fields)

    def fit_fields(self) -> None:
        """The fields pane takes what the screen leaves beside the form's frame and its foot (called
        again by the foot whenever an error line shown or gone changes its height)."""
        form, foot = self.query_one("#form"), self.query_one("#form-foot")
        docked = sum(child.outer_size.height for child in self.children
                     if child.styles.dock != "none" and child.display)  # the message line
        room = self.size.height - docked - form.styles.gutter.height - foot.outer_size.height
        self.query_one("#fields-pane").styles.max_height = max(room, 3)

    def fit_hints(self) -> None:
        """A hint too long for its field's placeholder shows whole on a line of its own below it;
        in a form of two columns (no row of its own to take) it is cut with "…" instead."""
        if self.COLUMNS > 1:
            for widget in self.inputs().values():
                typed = _typed_in(widget)
                if typed is not None and typed.placeholder and typed.content_region.width > 0:
                    whole = getattr(typed, "whole_placeholder", typed.placeholder)
                    typed.whole_placeholder = whole
                    typed.placeholder = fit(whole, typed.content_region.width).plain
            return
        cells = list(self.query("#fields > *"))
        for widget, gap, hint in zip(cells, cells[1:], cells[2:]):
            typed = _typed_in(widget)
            if typed is None or not hint.has_class("field-hint") or not isinstance(hint, Static):
                continue
            text = str(hint.content)
            below = width(text) > typed.content_region.width > 0
            typed.placeholder = "" if below else text
            gap.display = hint.display = below

    def inputs(self) -> dict[str, Widget]:
        return {w.id[2:]: w for w in self.query("#fields > *") if (w.id or "").startswith("f-")}

    def values(self) -> dict[str, str]:
        """Every field as text; an empty Select is ''."""
        return {name: "" if w.value is Select.NULL or w.value is None else str(w.value)
                for name, w in self.inputs().items()}

    def action_save(self) -> None:
        if self.saving:
            return
        self.saving = True
        self.query_one("#form-error").remove_class("shown")
        self.marked = set()
        for widget in self.inputs().values():
            widget.remove_class("-invalid")
        self._run_save(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-save")
    def _run_save(self, values: dict[str, str]) -> None:
        problems = self.problems(values)
        if problems:
            self.post_message(self.Refused(problems))
            return
        self.post_message(self.Saved(self.save(values)))

    def on_form_screen_saved(self, message: Saved) -> None:
        self.saving = False
        self.dismiss(message.result)

    def on_form_screen_refused(self, message: Refused) -> None:
        self.show_problems([(problem_text(error), error) for error in message.problems])

    def show_problem(self, message: str, error: BaseException | None = None) -> None:
        self.show_problems([(message, error)])

    def show_problems(self, problems: list[tuple[str, BaseException | None]]) -> None:
        """Every problem inline, every bad field marked; the first bad field is focused and in view,
        and the message line says what was refused, so nothing is hidden below the fold."""
        self.saving = False
        problems = [(self._in_form_words(text, error), error) for text, error in problems]
        box = self.query_one("#form-error", Static)
        box.update(Text("\n".join(text for text, _ in problems)))
        box.add_class("shown")
        bad = [widget for _, error in problems if (widget := self.inputs().get(_field_of(error, self.labels))) is not None]
        self.marked = {name for name, widget in self.inputs().items() if widget in bad}
        for widget in bad:
            widget.add_class("-invalid")
        if bad:
            bad[0].focus(scroll_visible=False)
            self.call_after_refresh(self.query_one("#fields-pane").scroll_to_center, bad[0], animate=False)
        self.notify(self._refusal_line(problems), severity="error", timeout=8, markup=False)

    def _in_form_words(self, text: str, error: BaseException | None) -> str:
        """A core message names its field as the command line spells it (``next-date``); the form
        names it by the label the person sees beside it."""
        label = self.labels.get(_field_of(error, self.labels))
        if not label or not isinstance(error, ZizhiError) or not isinstance(error.params.get("field"), str):
            return text
        relabelled = copy.copy(error)
        relabelled.params = {**error.params, "field": label}
        return problem_text(relabelled)

    def _refusal_line(self, problems: list[tuple[str, BaseException | None]]) -> str:
        """One problem says itself; several are counted and their fields named."""
        if len(problems) == 1:
            return problems[0][0]
        named = [self.labels.get(_field_of(error, self.labels)) or text for text, error in problems]
        return t("tui.form.fields_to_fix", count=len(problems), fields=t("tui.form.list_joint").join(named))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter_saves(self) -> None:
        self.action_save()

    @on(Input.Changed)
    @on(Select.Changed)
    def _fixed(self, event: Input.Changed | Select.Changed) -> None:
        """A field marked wrong that the person changes is no longer marked; when none is left, the
        error lines about them go too (a refusal not about a field stays until the next save)."""
        name = (event.control.id or "")[2:]
        if name not in self.marked:
            return
        self.marked.discard(name)
        self.inputs()[name].remove_class("-invalid")
        if not self.marked:
            self.query_one("#form-error").remove_class("shown")


class FormFoot(Vertical):
    """The error lines and the buttons; when they change height the fields pane is fitted again."""

    def on_resize(self) -> None:
        self.screen.call_after_refresh(self.screen.fit_fields)


class FormBox(FormFoot):
    """The form's frame: the message line appearing below it changes its height too."""


def _typed_in(widget: Widget) -> Input | None:
    """The input a field is typed in, if it has one."""
    if isinstance(widget, Input):
        return widget
    return widget.typed_input if isinstance(widget, DateField) else None


def _field_of(error: BaseException | None, fields=()) -> str:
    """The form field an error is about: the field it names, when the form has one by that name,
    else the form's own name for it (:data:`FIELD_OF_ERROR`)."""
    if not isinstance(error, ZizhiError):
        return ""
    named = error.params.get("field")
    named = named.replace("-", "_") if isinstance(named, str) else ""
    if named in fields or error.key not in FIELD_OF_ERROR:
        return named
    return FIELD_OF_ERROR[error.key]


def text_field(name: str, value: str | None = None, placeholder: str = "") -> Input:
    return Input(value or "", placeholder=placeholder, id=f"f-{name}", compact=True)


def date_field(name: str, value: str | None = None, placeholder: str = "", *, past: bool = False) -> DateField:
    """A date field that shows the day it means beside what is typed (``past``: what has happened)."""
    return DateField(name, value or "", placeholder=placeholder or t("tui.form.date_hint"), past=past)


def choice_field(name: str, options: list[tuple[str, str]], value: str | None = None,
                 prompt: str = "", allow_blank: bool = True) -> Select:
    return Select(options, value=value if value else Select.NULL, prompt=prompt or t("tui.form.choose"),
                  allow_blank=allow_blank, id=f"f-{name}", compact=True)
