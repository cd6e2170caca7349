"""`zizhi remind` — what is due, for whom: the morning's reminders cron sends (SPEC §9)."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields_of, output, output_read, warn

app = typer.Typer()  # its help is the callback's: `zizhi remind` is itself the command


@app.callback(invoke_without_command=True)
def remind(ctx: typer.Context,
           as_of: Annotated[Opt, typer.Option("--as-of", help="What is due by the end of this day (default today).")] = None,
           user: Annotated[Optional[str], typer.Option("--user", help="Only this person's reminders (a login).")] = None,
           ics: Annotated[Optional[Path], typer.Option(
               "--ics", help="Write the agenda as an iCalendar file to subscribe to, instead of printing it.")] = None,
           json: Json = False) -> None:
    """Everything due today, by person, most urgent first: follow-ups, dunning steps, stuck deals,
    late processing, expiring certificates and quotes, visits, credit re-checks.

    Example: 0 8 * * 1-5 zizhi remind --mail
    """
    if ctx.invoked_subcommand is not None:
        return
    if ics is not None:
        return _calendar_file(ctx, ics, as_of, user, json)
    from zizhi.core.reminders.agenda import agenda

    output_read(ctx, "remind", "reminder", lambda d: agenda(d, as_of, user), json, _text, as_of=as_of, user=user)


def _calendar_file(ctx: typer.Context, path: Path, as_of: Opt, user: Optional[str], json: bool) -> None:
    """Silent on standard output (cron mails only when there is output); told on a terminal."""
    from zizhi.core.reminders.calendar_file import write

    written = write(desk(ctx), path, as_of, user)
    if json:
        output(written, json, echo)
    elif sys.stderr.isatty():
        from zizhi.core.i18n import t

        warn(t("remind.ics_written", **written))


def _text(found: dict) -> None:
    """Grouped by person; nothing at all when nothing is due (cron mails only when there is output)."""
    from zizhi.core.i18n import t
    from zizhi.core.reminders.agenda import why

    blocks = []
    for person in found["people"]:
        lines = [t("remind.person_head", name=person["name"], login=person["login"],
                   count=len(person["reminders"]), as_of=found["as_of"])]
        for reminder in person["reminders"]:
            mark = "‼ " if reminder["escalated"] else "• "
            lines.append(f"  {mark}{why(reminder)}")
            if reminder["command"]:
                lines.append(f"      {reminder['command']}")
        blocks.append("\n".join(lines))
    if blocks:
        echo("\n\n".join(blocks))


@app.command("done")
def done(ctx: typer.Context,
         key: Annotated[str, typer.Argument(help="The reminder's key (zizhi remind --user YOU --json shows them).")],
         json: Json = False) -> None:
    """Mark one of your reminders done: it leaves your agenda and is not sent again.

    Example: zizhi remind done follow_up:client:42:2026-12-01
    """
    from zizhi.core.reminders.marks import mark_done

    output(mark_done(desk(ctx), key), json, fields_of(["key", "person", "state"]))


@app.command("snooze")
def snooze(ctx: typer.Context,
           key: Annotated[str, typer.Argument(help="The reminder's key (zizhi remind --user YOU --json shows them).")],
           until: Annotated[str, typer.Argument(help="The day it comes back: 2026-12-10, 12-10, 下周一, +3d …")],
           json: Json = False) -> None:
    """Snooze one of your reminders to a later day: neither shown nor sent until then.

    Example: zizhi remind snooze follow_up:client:42:2026-12-01 下周一
    """
    from zizhi.core.reminders.marks import snooze as later

    output(later(desk(ctx), key, until), json, fields_of(["key", "person", "state", "until"]))
