"""`zizhi remind` — what is due, for whom: the morning's reminders cron sends (SPEC §9)."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields_of, output, output_read, warn

app = typer.Typer()  # its help is the callback's: `zizhi remind` is itself the command


# A run in which some delivery failed or a claim is stuck (EX_UNAVAILABLE): each is one line on stderr.
UNDELIVERED = 69


@app.callback(invoke_without_command=True)
def remind(ctx: typer.Context,
           as_of: Annotated[Opt, typer.Option("--as-of", help="What is due by the end of this day (default today).")] = None,
           user: Annotated[Optional[str], typer.Option("--user", help="Only this person's reminders (a login).")] = None,
           ics: Annotated[Optional[Path], typer.Option(
               "--ics", help="Write the agenda as an iCalendar file to subscribe to, instead of printing it.")] = None,
           mail: Annotated[bool, typer.Option("--mail", help="Mail each person their new reminders (settings.toml [mail]).")] = False,
           chat: Annotated[bool, typer.Option("--chat", help="Post each person's new reminders to the team group's robot ([chat]).")] = False,
           dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be sent; claim and send nothing.")] = False,
           again: Annotated[bool, typer.Option("--again", help="Send everything due again, including what was sent.")] = False,
           retry_stuck: Annotated[bool, typer.Option("--retry-stuck", help="Resend what a run that stopped left on its way, as the same message.")] = False,
           dismiss_stuck: Annotated[bool, typer.Option("--dismiss-stuck", help="Set down what a run that stopped left on its way as delivered (you checked it arrived).")] = False,
           holidays: Annotated[bool, typer.Option("--holidays", help="Send even on a day the calendar says is not worked.")] = False,
           json: Annotated[bool, typer.Option("--json", help="Print the whole agenda as JSON and send nothing (with --dry-run: the plan).")] = False) -> None:
    """Everything due today, by person, most urgent first — each reminder once: a second run the
    same day prints (or mails) only what is new. Follow-ups, dunning steps, stuck deals, late
    processing, expiring certificates and quotes, visits, credit re-checks.

    Example: 0 8 * * 1-5 zizhi remind --mail
    """
    if ctx.invoked_subcommand is not None:
        return
    if ics is not None:
        return _calendar_file(ctx, ics, as_of, user, json)
    if json and not dry_run:
        if mail or chat or again or retry_stuck or dismiss_stuck:
            from zizhi.core.i18n import t

            desk(ctx)  # the person's language
            raise typer.BadParameter(t("remind.json_sends_nothing"), param_hint="--json")
        from zizhi.core.reminders.agenda import agenda

        output_read(ctx, "remind", "reminder", lambda d: agenda(d, as_of, user), json, None, as_of=as_of, user=user)
        return
    from zizhi.core.reminders.run import run

    channels = [name for name, wanted in (("mail", mail), ("chat", chat)) if wanted] or ["text"]
    report = run(desk(ctx), channels, as_of=as_of, person=user, dry_run=dry_run, again=again,
                 retry_stuck=retry_stuck, holidays=holidays, dismiss_stuck=dismiss_stuck, write_text=_blocks())
    if json:
        output(_plan_json(report), True, None)
        return
    _say(report, user)


def _calendar_file(ctx: typer.Context, path: Path, as_of: Opt, user: Optional[str], json: bool) -> None:
    """Silent on standard output (cron mails only when there is output); told on a terminal."""
    from zizhi.core.reminders.calendar_file import write

    written = write(desk(ctx), path, as_of, user)
    if json:
        output(written, json, echo)
    elif sys.stderr.isatty():
        from zizhi.core.i18n import t

        warn(t("remind.ics_written", **written))


def _blocks():
    """The text channel: each person's block on standard output, a blank line between them."""
    started = []

    def write(text: str) -> None:
        echo(("\n" if started else "") + text)
        started.append(True)
    return write


def _say(report: dict, user: str | None) -> None:
    """A dry run's plan on stdout; failures and stuck claims one line each on stderr (exit 69)."""
    from zizhi.core.i18n import t

    if report["skipped"]:
        if report["dry_run"] or sys.stderr.isatty():
            warn(t("remind.holiday", as_of=report["as_of"]))
        return
    if report["dry_run"]:
        _show_plan(report)
    for message in report["messages"]:
        if message["state"] == "failed":
            warn(t("remind.failed", **_who(message), count=len(message["keys"]), error=message["error"]))
        elif message["state"] == "sent" and message["retried"]:
            warn(t("remind.retried", **_who(message), count=len(message["retried"])))
    for claim in report["stuck"]:
        if claim["dismissed"]:
            warn(t("remind.dismissed", **_who(claim), count=len(claim["keys"]), message_id=claim["message_id"]))
            continue
        command = "zizhi remind" + ("" if claim["channel"] == "text" else f" --{claim['channel']}") + \
            (f" --user {user}" if user else "")
        warn(t("remind.stuck", **_who(claim), count=len(claim["keys"]), since=claim["since"], state=claim["state"],
               command=command, message_id=claim["message_id"]))
    if any(not claim["dismissed"] for claim in report["stuck"]) or any(m["state"] == "failed" for m in report["messages"]):
        raise typer.Exit(UNDELIVERED)


def _show_plan(report: dict) -> None:
    from zizhi.core.i18n import t

    if not report["messages"]:
        echo(t("remind.nothing_new", as_of=report["as_of"]))
    for n, message in enumerate(report["messages"]):
        to = f" <{message['to']}>" if message["to"] else ""
        echo(("\n" if n else "") + t("remind.would_send", **_who(message), to=to, count=len(message["keys"]),
                                     message_id=message["message_id"]))
        if message["channel"] == "mail":
            echo(t("remind.would_subject", subject=message["subject"]))
            if not message["to"]:  # what the real run would report, said before it runs
                echo(t("remind.would_fail", reason=t("remind.no_email", login=message["login"])))
        echo(message["body"])


def _who(entry: dict) -> dict:
    from zizhi.core.i18n import t

    return {"channel": t(f"remind.channel.{entry['channel']}"), "name": entry["name"], "login": entry["login"]}


def _plan_json(report: dict) -> dict:
    """The plan for a script: everything but the person's whole record."""
    return {**report, "messages": [{k: v for k, v in m.items() if k != "person"} for m in report["messages"]]}


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
