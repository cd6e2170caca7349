"""`zizhi process …`, `zizhi deliver` and `zizhi visit …` — processing, delivery and after-sales."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, fields_of, output, output_read, table, table_of

app = typer.Typer(help="Processing: hand-over to operations, steps, delays, the authority's outcome.",
                  no_args_is_help=True)
visit_app = typer.Typer(help="After-sales visits: due, done, satisfaction.", no_args_is_help=True)

Deal = Annotated[str, typer.Argument(help="Deal number.")]


@app.command("handover")
def handover(ctx: typer.Context, deal: Deal,
             to: Annotated[str, typer.Option("--to", help="Login of the operations colleague.")],
             note: Annotated[Opt, typer.Option("--note", help="Remarks for operations.")] = None,
             json: Json = False) -> None:
    """Hand a paid deal to operations; it moves to processing through the same gate as any move.

    Completion is expected the longest standard time later, counted in working days (holidays
    skipped, 调休 weekends worked); past the years on record the date is marked provisional.

    Example: zizhi process handover 12 --to wu.hao
    """
    from zizhi.core.pipeline.processing import handover as hand_over

    output(hand_over(desk(ctx), deal, to, note), json, _progress_text)


@app.command("show")
def show(ctx: typer.Context, deal: Deal, json: Json = False) -> None:
    """Show processing progress: steps, delays, expected date, outcome.

    Example: zizhi process show 12
    """
    from zizhi.core.pipeline.processing import progress

    output_read(ctx, "process show", "deal", lambda d: progress(d, deal), json, _progress_text, deal=deal)


@app.command("step")
def step(ctx: typer.Context, deal: Deal,
         code: Annotated[str, typer.Argument(help="Qualification code.")],
         position: Annotated[int, typer.Argument(help="Step number (see zizhi process show).")],
         status: Annotated[str, typer.Option("--status", help="pending, in_progress, done or skipped.")] = "done",
         skip: Annotated[bool, typer.Option("--skip", help="Skip the step (same as --status skipped); needs --reason.")] = False,
         reason: Annotated[Opt, typer.Option("--reason", help="Why this client does not need the step (with --skip).")] = None,
         date: Annotated[Opt, typer.Option("--date", help="When (default today).")] = None,
         json: Json = False) -> None:
    """Mark a processing step pending, in progress, done, or skipped with the reason.

    The authority's approval and the delivery wait until every step is done or skipped.
    Example: zizhi process step 12 TRADE-RIGHTS 4 --skip --reason 电子备案，无需纸质登记表
    """
    from zizhi.core.pipeline.processing import step as mark_step

    output(mark_step(desk(ctx), deal, code, position, "skipped" if skip else status, date, reason), json,
           _progress_text)


@app.command("delay")
def delay(ctx: typer.Context, deal: Deal,
          cause: Annotated[str, typer.Option("--cause", help="Why it is late.")],
          days: Annotated[int, typer.Option("--days", min=0, help="How many working days it pushes the expected date.")],
          told: Annotated[bool, typer.Option("--told/--not-told", help="Whether the client was told.")] = False,
          json: Json = False) -> None:
    """Record a delay with its cause and whether the client was told.

    The expected date moves on by --days working days.

    Example: zizhi process delay 12 --cause 商务局系统升级暂停受理 --days 5 --told
    """
    from zizhi.core.pipeline.processing import delay as record_delay

    output(record_delay(desk(ctx), deal, cause, days, told), json, _progress_text)


@app.command("outcome")
def outcome(ctx: typer.Context, deal: Deal,
            result: Annotated[str, typer.Argument(help="approved or rejected.")],
            reason: Annotated[Opt, typer.Option("--reason", help="Why it was rejected.")] = None,
            date: Annotated[Opt, typer.Option("--date", help="Decision date (default today).")] = None,
            json: Json = False) -> None:
    """Record the authority's decision on the application.

    Example: zizhi process outcome 12 approved
    """
    from zizhi.core.pipeline.processing import outcome as record_outcome

    output(record_outcome(desk(ctx), deal, result, reason, date), json, _progress_text)


def deliver(ctx: typer.Context, deal: Deal,
            code: Annotated[str, typer.Option("--code", help="Qualification code of the certificate.")],
            number: Annotated[str, typer.Option("--number", help="Certificate number.")],
            notes: Annotated[str, typer.Option("--notes", help="Usage notes told to the client.")],
            issued: Annotated[Opt, typer.Option("--issued", help="Issue date (default today).")] = None,
            expires: Annotated[Opt, typer.Option("--expires", help="Expiry (default: from the catalogue's validity).")] = None,
            json: Json = False) -> None:
    """Record a certificate handed to the client; with the last one the deal is delivered and visits scheduled.

    Example: zizhi deliver 12 --code TRADE-RIGHTS --number 03245678 --issued 2026-12-10 --notes 备案表长期有效，变更需重新备案
    """
    from zizhi.core import clock
    from zizhi.core.pipeline.delivery import deliver as record

    issued = issued or clock.today().isoformat()
    output(record(desk(ctx), deal, code, number, issued, notes, expires), json, _certificate_text)


@visit_app.command("list")
def visit_list(ctx: typer.Context,
               due: Annotated[bool, typer.Option("--due", help="Only visits due by today and not done.")] = False,
               owner: Annotated[Opt, typer.Option("--owner", help="Only this salesperson's clients.")] = None,
               client: Annotated[Opt, typer.Option("--client", help="Only this client.")] = None,
               json: Json = False) -> None:
    """List after-sales visits by due date.

    Example: zizhi visit list --due
    """
    from zizhi.core.pipeline.delivery import list_visits

    output_read(ctx, "visit list", "visit", lambda d: list_visits(d, due=due, owner=owner, client=client), json,
                table_of(["id", "due_on", "client", "owner", "done_on", "satisfaction", "remarks"]),
                due=due, owner=owner, client=client)


@visit_app.command("done")
def visit_done(ctx: typer.Context,
               visit: Annotated[str, typer.Argument(help="Visit id (see zizhi visit list).")],
               satisfaction: Annotated[int, typer.Option("--satisfaction", help="1 (poor) to 5 (excellent).")],
               remarks: Annotated[Opt, typer.Option("--remarks", help="What the client said.")] = None,
               needs: Annotated[Opt, typer.Option("--needs", help="New needs raised.")] = None,
               new_deal: Annotated[Optional[list[str]], typer.Option(
                   "--new-deal", help="Open a new deal for these qualification codes (repeat).")] = None,
               date: Annotated[Opt, typer.Option("--date", help="When (default today).")] = None,
               json: Json = False) -> None:
    """Record a follow-up visit: satisfaction, remarks, new needs; optionally open a new deal.

    Example: zizhi visit done 3 --satisfaction 5 --remarks 使用顺利 --new-deal EXPORT-LICENCE
    """
    from zizhi.core.pipeline.delivery import visit_done as record

    output(record(desk(ctx), visit, satisfaction, remarks, needs, new_deal, date), json,
           fields_of(["id", "client", "due_on", "done_on", "satisfaction", "remarks", "new_needs", "new_deal_id"]))


def _certificate_text(result: dict) -> None:
    fields(result, ["client", "code", "name", "number", "issued_on", "expires_on", "usage_notes"])
    if result.get("visits"):
        echo("")
        table([{"due_on": due} for due in result["visits"]], ["due_on"])


def _progress_text(progress: dict) -> None:
    if progress.get("expected_provisional"):
        from zizhi.core.i18n import t

        expected = progress["expected_on"]
        progress = {**progress, "expected_on": t("workdays.provisional", date=expected, year=expected[:4])}
    fields(progress, ["deal_id", "client", "title", "stage", "operator", "handed_over_at", "expected_on",
                      "days_overdue", "outcome", "outcome_reason"])
    if progress["steps"]:
        echo("")
        table(progress["steps"], ["code", "position", "step", "status", "on_date", "reason"])
    if progress["delays"]:
        echo("")
        table(progress["delays"], ["at", "cause", "days", "client_told"])

