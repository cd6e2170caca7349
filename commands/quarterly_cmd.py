"""`zizhi report quarterly …` — the quarterly personal report (rulebook §4.3): read it, write it in
$EDITOR (or by section, from a script), file it, review it (managers), see who has filed, render it
as Markdown or a Chinese PDF."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from zizhi.commands.common import Json, Opt, desk, echo, output, output_read, read_shown
from zizhi.core.errors import ZizhiError

app = typer.Typer()  # its help is the callback's: `zizhi report quarterly` is itself the command

Quarter = Annotated[Opt, typer.Option("--quarter", help="A quarter: 2026Q4, this or last (本季度, 上季度); default: this one.")]
User = Annotated[Opt, typer.Option("--user", help="Whose (a login; managers and admins may name anyone).")]
FALLBACK_EDITORS = ("editor", "nano", "vi")  # at a terminal with neither $EDITOR nor $VISUAL


class NoEditor(ZizhiError):
    """No editor to open and no terminal to open one in: a usage matter, like the app without one."""

    exit_code = 2


@app.callback(invoke_without_command=True)
def quarterly(ctx: typer.Context, quarter: Quarter = None, user: User = None, json: Json = False) -> None:
    """Your quarterly report (季度个人工作总结): the quarter's KPIs — frozen when filed, with today's
    figure beside any that changed since — and your results, problems met, solutions and plans.
    Managers read anyone's with --user.

    Example: zizhi report quarterly --quarter 2026Q3
    """
    if ctx.invoked_subcommand is not None:
        return
    from zizhi.core.quarterly.reports import report

    found = read_shown(ctx, "report quarterly", "quarterly_report", lambda d: report(d, user, quarter), json,
                       quarter=quarter, user=user)
    output(found, json, report_text)


@app.command("edit")
def edit(ctx: typer.Context, quarter: Quarter = None,
         section: Annotated[Opt, typer.Option("--section", help="One section to set: results, problems, "
                                                                "solutions or plans (with --text).")] = None,
         text: Annotated[Opt, typer.Option("--text", help="The section's new text ('' empties it).")] = None,
         from_file: Annotated[Opt, typer.Option("--from-file", help="A Markdown file with the sections' headings "
                                                                    "(as the editor shows them); - for stdin.")] = None,
         json: Json = False) -> None:
    """Write your report: opens its sections in $EDITOR as Markdown, one heading per section (a
    section deleted or left empty is saved empty). For a script: --section S --text T, or --from-file.

    Example: zizhi report quarterly edit --section problems --text "两家客户回款慢，已按催收流程跟进"
    """
    from zizhi.core.i18n import current_language, t
    from zizhi.core.quarterly import reports, sections

    if text is not None and section is None:
        raise NoEditor("quarterly.text_needs_section")
    if section is not None and text is None:
        raise NoEditor("quarterly.section_needs_text")
    if section is not None and from_file is not None:
        raise NoEditor("quarterly.one_source")
    d = desk(ctx)
    if section is not None:
        given = {section.strip().lower(): text}
    elif from_file is not None:
        given = sections.parsed(_read_file(from_file))
    else:
        given = _edited(reports.require_editable(d, quarter))
    saved = reports.write_sections(d, given, quarter)

    def said(found: dict) -> None:
        if found["unchanged"]:
            echo(t("quarterly.unchanged", quarter=found["quarter"]))
            return
        names = "、" if current_language() == "zh" else ", "
        echo(t("quarterly.saved", quarter=found["quarter"],
               sections=names.join(t(f"quarterly.section.{name}") for name in found["written"])))

    output(saved, json, said)


@app.command("file")
def file_(ctx: typer.Context, quarter: Quarter = None, json: Json = False) -> None:
    """File your report: its figures are frozen as they stand and it can no longer be changed. Open
    in the quarter's last days (pricing.toml [reminders] quarterly_report_days, 10) and after.

    Example: zizhi report quarterly file --quarter 2026Q4
    """
    from zizhi.core.i18n import t
    from zizhi.core.quarterly.reports import file_report

    output(file_report(desk(ctx), quarter), json,
           lambda found: echo(t("quarterly.filed", quarter=found["quarter"], filed_at=found["filed_at"])))


@app.command("review")
def review(ctx: typer.Context,
           user: Annotated[str, typer.Option("--user", help="Whose report (a login).")],
           quarter: Annotated[str, typer.Option("--quarter", help="The quarter: 2026Q4, this or last (本季度, 上季度).")],
           comment: Annotated[str, typer.Option("--comment", help="Your comment (several lines allowed).")],
           json: Json = False) -> None:
    """Mark a filed report reviewed, with your comment (managers, admins); again replaces the
    comment. Audited.

    Example: zizhi report quarterly review --user wang.fang --quarter 2026Q3 --comment "回款跟进到位，下季度加强新客户开发"
    """
    from zizhi.core.i18n import t
    from zizhi.core.quarterly.reports import review as mark_reviewed

    output(mark_reviewed(desk(ctx), user, quarter, comment), json,
           lambda found: echo(t("quarterly.reviewed", login=found["login"], quarter=found["quarter"])))


@app.command("list")
def list_(ctx: typer.Context, quarter: Quarter = None, json: Json = False) -> None:
    """Who has filed their report for a quarter and who has not, reviewed or not (managers, admins).

    Example: zizhi report quarterly list --quarter 2026Q3
    """
    from zizhi.core.quarterly.reports import roster

    output_read(ctx, "report quarterly list", "quarterly_report", lambda d: roster(d, quarter), json, roster_text,
                quarter=quarter)


@app.command("render")
def render(ctx: typer.Context, quarter: Quarter = None, user: User = None,
           format: Annotated[Opt, typer.Option("--format", help="md or pdf (default: what -o's name ends in, "
                                                                "else md).")] = None,
           output_file: Annotated[Opt, typer.Option("--output", "-o", help="File to write (required for pdf).")] = None) -> None:
    """Render the report as Markdown or a Chinese PDF (every rendering is an audited export).

    Example: zizhi report quarterly render --quarter 2026Q3 --format pdf -o 季度总结-2026Q3.pdf
    """
    from zizhi.core.quarterly.render import render_report

    echo(render_report(desk(ctx), user, quarter, format, output_file).rstrip("\n"))


def _read_file(name: str) -> str:
    """The sections' Markdown from a file (or stdin), as UTF-8 (a BOM allowed)."""
    from zizhi.core import identity
    from zizhi.core.errors import InputError

    if name == "-":
        return sys.stdin.read()
    identity.require_local("--from-file")
    path = Path(name).expanduser()
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("quarterly.not_utf8", path=str(path)) from None
    except OSError as exc:
        raise InputError("quarterly.cannot_read", path=str(path), reason=exc.strerror or str(exc)) from None


def _edited(found: dict) -> dict:
    """The sections as the author leaves them in their editor; a file that does not read back is
    kept, and named, so no writing is lost."""
    import tempfile

    from zizhi.core.errors import InputError, UserError
    from zizhi.core.i18n import t
    from zizhi.core.quarterly import sections

    editor = _editor()
    folder = Path(tempfile.mkdtemp(prefix="zizhi-report-"))  # 0700: a person's appraisal
    path = folder / f"{found['quarter']}-{found['login']}.md"
    path.write_text(sections.editable(found), encoding="utf-8")
    try:
        ran = subprocess.run([*shlex.split(editor), str(path)])
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise UserError("quarterly.editor_failed", editor=editor, code=exc.strerror or str(exc)) from None
    if ran.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise UserError("quarterly.editor_failed", editor=editor, code=ran.returncode)
    try:
        given = sections.parsed(path.read_bytes().decode("utf-8-sig"))
    except (InputError, UnicodeDecodeError) as exc:
        reason = exc.message() if isinstance(exc, InputError) else t("quarterly.not_utf8", path=str(path))
        raise InputError("quarterly.editor_kept", reason=reason, path=str(path)) from None
    shutil.rmtree(folder, ignore_errors=True)
    return given


def _editor() -> str:
    """$EDITOR (or $VISUAL); at a terminal without either, the system's editor; else refused.

    Never over an SSH key: an editor runs as the service account and can start a shell (vi's ``:!sh``),
    which would reach every file and database on the server."""
    from zizhi.core import identity

    identity.require_local("$EDITOR", "identity.remote_editor")
    chosen = os.environ.get("EDITOR", "").strip() or os.environ.get("VISUAL", "").strip()
    if chosen:
        return chosen
    if sys.stdin.isatty() and sys.stdout.isatty():
        for name in FALLBACK_EDITORS:
            if shutil.which(name):
                return name
    raise NoEditor("quarterly.editor_missing")


def report_text(found: dict) -> None:
    """The report as a person reads it at the terminal."""
    from zizhi.commands.kpi_view import figure_text, percent_text, target_text
    from zizhi.commands.widths import grid, say, show
    from zizhi.core.i18n import t

    say(t("quarterly.head", name=found["name"], login=found["login"], quarter=found["quarter"],
              start=found["from"], end=found["to"], status=t(f"quarterly.status.{found['status']}")))
    if found["filed_at"]:
        echo(t("quarterly.filed_line", filed_at=found["filed_at"]))
    elif found.get("filable"):
        say(t("quarterly.filable_line", quarter=found["quarter"]))
    else:
        say(t("quarterly.opens_line", opens=found["opens"]))
    echo("")
    shown, live, changed = found["figures"], found["live"], found["changed"]
    heads = ["", t("kpi.col.figure"), t("kpi.col.target"), t("kpi.col.attainment")]
    heads += [t("quarterly.col.now")] if changed else []
    lines = []
    for metric in ("revenue", "contract_value", "new_clients", "satisfaction", "success_rate", "win_rate"):
        goal = shown["targets"].get(metric)
        line = [t(f"kpi.metric.{metric}") + (" *" if metric in changed else ""), figure_text(shown, metric),
                target_text(shown, metric), "" if goal is None else percent_text(shown["attainment"][metric])]
        if changed:
            line.append(figure_text(live, metric) if metric in changed else "")
        lines.append(line)
    show(grid(heads, lines, right_aligned=tuple(range(1, len(heads))), flexible=(0,)))
    if changed:
        echo(t("quarterly.changed_line"))
    for name, text in found["sections"].items():
        echo("")
        echo(f"## {t(f'quarterly.section.{name}')}")
        for line in (text or t("quarterly.empty_section")).splitlines():  # a long paragraph breaks at the edge
            say(line) if line.strip() else echo("")
    if found["reviewed_at"]:
        echo("")
        say(t("quarterly.reviewed_line", reviewer=found["reviewer"], login=found["reviewed_by"],
              at=found["reviewed_at"], comment=found["review_comment"]))


def roster_text(found: dict) -> None:
    from zizhi.commands.widths import grid, say, show
    from zizhi.core.i18n import t

    counts = found["counts"]
    say(t("quarterly.roster_head", quarter=found["quarter"], start=found["from"], end=found["to"],
           opens=found["opens"], total=len(found["people"]), filed=counts["filed"] + counts["reviewed"],
           reviewed=counts["reviewed"], draft=counts["draft"], none=counts["none"]))
    heads = [t("kpi.col.person"), t("col.status"), t("quarterly.col.filed_at"), t("quarterly.col.reviewed_at"),
             t("quarterly.col.reviewed_by")]
    show(grid(heads, [[f"{p['name']} ({p['login']})", t(f"quarterly.status.{p['status']}"), p["filed_at"] or "",
                       p["reviewed_at"] or "", p["reviewed_by"] or ""] for p in found["people"]],
              flexible=(0,), drop=(4, 3)))
    if found.get("not_on_duty"):
        from zizhi.commands.kpi_view import named

        say(t("quarterly.not_on_duty", quarter=found["quarter"], people=named(found["not_on_duty"])))


