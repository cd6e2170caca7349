"""`zizhi training …` — continuing-training sessions, and who is overdue for one."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, output, output_read, table

app = typer.Typer(help="Continuing training: sessions and their attendees; who is overdue.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    topic: Annotated[str, typer.Option("--topic", help="What the session taught.")],
    attendee: Annotated[Optional[list[str]], typer.Option(
        "--attendee", "-a", help="Login of someone who attended (repeat, or a,b,c).")] = None,
    date: Annotated[Opt, typer.Option("--date", help="When it was held (default today).")] = None,
    hours: Annotated[Opt, typer.Option("--hours", help="Its length in hours, e.g. 2 or 1.5.")] = None,
    trainer: Annotated[Opt, typer.Option("--trainer", help="Who taught it.")] = None,
    notes: Annotated[Opt, typer.Option("--notes", help="Anything worth keeping.")] = None,
    json: Json = False,
) -> None:
    """Record a training session and everyone who attended (managers, admins).

    Example: zizhi training add --topic 2027年出口管制新规解读 --date 2026-11-20 --hours 2 --trainer 周静 -a wang.fang,li.qiang
    """
    from zizhi.core.compliance.training import add_session

    output(add_session(desk(ctx), topic, attendee or [], date, hours, trainer, notes), json,
           lambda s: fields({**s, "attendees": ", ".join(s["attendees"])},
                            ["id", "held_on", "topic", "hours", "trainer", "attendees", "notes"]))


@app.command("list")
def list_(
    ctx: typer.Context,
    user: Annotated[Opt, typer.Option("--user", help="Only the sessions this person attended.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many sessions.")] = 100,
    json: Json = False,
) -> None:
    """Training on record, newest first (managers and admins: everyone's; others: their own).

    Example: zizhi training list --user wang.fang
    """
    from zizhi.core.compliance.training import list_training

    def shown(rows: list[dict]) -> None:
        if rows:
            table(rows, ["session", "held_on", "topic", "hours", "trainer", "attendees"])
        else:
            _none_listed(desk(ctx).user, user)

    output_read(ctx, "training list", "training", lambda d: list_training(d, user, limit), json, shown, user=user)


def _none_listed(me: dict, user: Opt) -> None:
    """An empty list says whose training it looked for, and for someone who sees only their own,
    that the team's is the managers' to see."""
    from zizhi.commands.widths import say
    from zizhi.core import access
    from zizhi.core.i18n import t

    if not access.is_manager(me):
        say(t("training.none_yours", login=me["login"], role=t(f"role.{me['role']}")))
    else:
        say(t("training.none_of", login=user) if user else t("training.none_yet"))


@app.command("overdue")
def overdue(
    ctx: typer.Context,
    as_of: Annotated[Opt, typer.Option("--as-of", help="The day to judge on (default today).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="List those still in time too.")] = False,
    json: Json = False,
) -> None:
    """Who is overdue for continuing training (interval: pricing.toml [onboarding]), per person and team.

    Example: zizhi training overdue --all
    """
    from zizhi.core.compliance.training import overdue as find

    output_read(ctx, "training overdue", "training", lambda d: find(d, as_of, all_), json, _overdue_text,
                as_of=as_of, all=all_)


def _overdue_text(found: dict) -> None:
    from zizhi.commands.widths import say
    from zizhi.core.i18n import listed, t

    if not found["total"]:  # nobody this reader may see must train: say who must, not "0 of 0"
        roles = listed([t(f"role.{role}") for role in found["roles"]])
        say(t("training.nobody_due", roles=roles, days=found["interval_days"], as_of=found["as_of"]))
        return
    if not found["overdue"] and not found["people"]:
        say(t("training.none_overdue", total=found["total"], days=found["interval_days"], as_of=found["as_of"]))
        return
    table([{**p, "last_trained_on": p["last_trained_on"] or t("training.never")} for p in found["people"]],
          ["login", "name", "role", "last_trained_on", "last_topic", "due_on", "days_overdue"])
    echo(t("training.team", overdue=found["overdue"], total=found["total"], days=found["interval_days"],
           as_of=found["as_of"]))
