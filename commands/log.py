"""`zizhi log …` — the communication log: every call, visit and email, with its next step."""

from typing import Annotated

import typer

from zizhi.commands.common import Json, Opt, desk, fields_of, output, output_read, table_of

app = typer.Typer(help="The communication log: record contact and the agreed next step.", no_args_is_help=True)

ENTRY_FIELDS = ["id", "client", "at", "user", "channel", "summary", "details", "next_step", "next_date"]


@app.command("add")
def add(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client id, credit code or name.")],
    channel: Annotated[str, typer.Option("--channel", help="phone, email, visit, chat, meeting or other.")],
    summary: Annotated[str, typer.Option("--summary", help="What the client asked or cared about.")],
    details: Annotated[Opt, typer.Option("--details", help="Longer notes.")] = None,
    next_step: Annotated[Opt, typer.Option("--next", help="The agreed next step.")] = None,
    next_date: Annotated[Opt, typer.Option("--next-date", help="When the next step is due: 2026-12-01, 12-01, 明天, 下周一, 3天后, +3d, next mon …")] = None,
    at: Annotated[Opt, typer.Option("--at", help="When it happened (default now): a date as for --next-date, 昨天 or 周一 looking back, [HH:MM].")] = None,
    json: Json = False,
) -> None:
    """Log a call, visit, email, chat or meeting with a client.

    Example: zizhi log add 42 --channel phone --summary 询问进出口权办理时间 --next 发送报价 --next-date 下周一
    """
    from zizhi.core.clients.interactions import log_interaction

    entry = log_interaction(desk(ctx), client, channel, summary, details, next_step, next_date, at)
    output(entry, json, fields_of(ENTRY_FIELDS))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: Annotated[Opt, typer.Argument(help="Client id, credit code or name (default: all you can see).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many entries.")] = 50,
    json: Json = False,
) -> None:
    """List log entries, newest first: one client's, or the latest across your clients.

    Example: zizhi log list 42
    """
    from zizhi.core.clients.interactions import list_interactions

    output_read(ctx, "log list", "log", lambda d: list_interactions(d, client, limit), json,
                table_of(["id", "at", "client", "user", "channel", "summary", "next_step", "next_date"]),
                client=client, limit=limit)


@app.command("edit")
def edit(
    ctx: typer.Context,
    entry: Annotated[int, typer.Argument(help="Log entry id (see zizhi log list).")],
    channel: Annotated[Opt, typer.Option("--channel", help="phone, email, visit, chat, meeting or other.")] = None,
    summary: Annotated[Opt, typer.Option("--summary", help="What the client asked or cared about.")] = None,
    details: Annotated[Opt, typer.Option("--details", help="Longer notes.")] = None,
    next_step: Annotated[Opt, typer.Option("--next", help="The agreed next step.")] = None,
    next_date: Annotated[Opt, typer.Option("--next-date", help="When the next step is due.")] = None,
    at: Annotated[Opt, typer.Option("--at", help="When it happened.")] = None,
    json: Json = False,
) -> None:
    """Correct a log entry (its author, a manager or an admin).

    Example: zizhi log edit 7 --next-date 2026-12-05
    """
    from zizhi.core.clients.interactions import edit_interaction

    entry_row = edit_interaction(desk(ctx), entry, channel=channel, summary=summary, details=details,
                                 next_step=next_step, next_date=next_date, at=at)
    output(entry_row, json, fields_of(ENTRY_FIELDS))
