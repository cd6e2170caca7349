"""`zizhi dunning …` — today's dunning actions, logging one, a client's dunning history, the 催款函."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, money_text, output, output_read

app = typer.Typer(help="Dunning (催款): today's actions by person, the log with promises to pay, the formal letter.",
                  no_args_is_help=True)

AsOf = Annotated[Opt, typer.Option("--as-of", help="The ladder as it stood at the end of this day (default today).")]


@app.command("due")
def due(ctx: typer.Context, as_of: AsOf = None,
        user: Annotated[Optional[str], typer.Option("--user", help="Only this person's actions (a login).")] = None,
        json: Json = False) -> None:
    """Today's dunning actions, by person: each debt whose step on the ladder has come and is not yet
    answered (escalations go to the managers too).

    Example: zizhi dunning due --user wang.fang
    """
    from zizhi.core.receivables.dunning import due as today

    output_read(ctx, "dunning due", "receivable", lambda d: today(d, as_of, user), json, _due_text,
                as_of=as_of, user=user)


@app.command("log")
def log(ctx: typer.Context,
        instalment: Annotated[str, typer.Argument(help="CONTRACT:POSITION (e.g. ZZ-2026-0001:2), or a client for all they owe.")],
        action: Annotated[str, typer.Option("--action", help="friendly_reminder, reminder, call, letter, visit or escalation.")],
        outcome: Annotated[Opt, typer.Option("--outcome", help="reached, no_answer, promised, disputed, refused or paid (promised when a promise is given).")] = None,
        promise_on: Annotated[Opt, typer.Option("--promise-on", help="The day the client promised to pay by.")] = None,
        promise_amount: Annotated[Opt, typer.Option("--promise-amount", help="The amount promised, in yuan.")] = None,
        note: Annotated[Opt, typer.Option("--note", help="What was said.")] = None,
        date: Annotated[Opt, typer.Option("--date", help="The day it was done (default today).")] = None,
        json: Json = False) -> None:
    """Log a dunning action and what came of it, with any promise to pay (the client's salesperson,
    finance, managers).

    Example: zizhi dunning log ZZ-2026-0001:2 --action call --promise-on 12-10 --promise-amount 5,000
    """
    from zizhi.core.receivables.dunning import log_action

    output(log_action(desk(ctx), instalment, action, outcome, promise_on, promise_amount, note, date), json,
           _action_text)


@app.command("history")
def history(ctx: typer.Context, client: Annotated[str, typer.Argument(help="Client id, credit code or name.")],
            json: Json = False) -> None:
    """A client's dunning log, newest first, and where each of their debts stands on the ladder today.

    Example: zizhi dunning history 宁波海天国际贸易有限公司
    """
    from zizhi.core.receivables.dunning import history as log_of

    output_read(ctx, "dunning history", "receivable", lambda d: log_of(d, client), json, _history_text,
                client=client)


@app.command("letter")
def letter(ctx: typer.Context,
           ref: Annotated[str, typer.Argument(help="A contract number (all its overdue instalments) or a client (all of theirs).")],
           format: Annotated[Opt, typer.Option("--format", help="md or pdf (default: what -o's name ends in, "
                                                                "else md).")] = None,
           output_file: Annotated[Opt, typer.Option("--output", "-o", help="File to write (required for pdf).")] = None,
           as_of: AsOf = None) -> None:
    """Render the formal dunning letter (催款函) in Chinese: overdue instalments, days late, total,
    the contract's penalty clause and how to pay.

    Example: zizhi dunning letter ZZ-2026-0001 --format pdf -o 催款函.pdf
    """
    from zizhi.core.documents.dunning_render import render_letter

    echo(render_letter(desk(ctx), ref, format, output_file, as_of))


def _word(kind: str, value: str | None) -> str:
    from zizhi.core.i18n import t

    return t(f"{kind}.{value}") if value else ""


def _due_text(found: dict) -> None:
    from zizhi.core.i18n import t

    rows = found["actions"]
    if not rows:
        return
    echo(t("dunning.due_head", as_of=found["as_of"], count=len(rows)))
    person = None
    for row in rows:
        if row["person"] != person:
            person = row["person"]
            echo(t("dunning.person", person=person or t("dunning.nobody")))
        echo("  " + _due_line(row))


def _due_line(row: dict) -> str:
    from zizhi.core.i18n import t

    action = _word("dunning_action", row["action"])
    if row["days_overdue"] <= 0:
        line = t("dunning.line_early", action=action, instalment=row["instalment"], client=row["client"],
                 owed=money_text(row["owed"]), due_on=row["due_on"])
    else:
        line = t("dunning.line", action=action, instalment=row["instalment"], client=row["client"],
                 owed=money_text(row["owed"]), count=row["days_overdue"], since=row["since"])
    marks = []
    if row["reason"] == "broken_promise":
        marks.append(t("dunning.broken_mark", date=row["promise"]["on"]))
    if row["flagged"]:
        marks.append(t("dunning.bad_debt_mark"))
    return line + "".join(f" · ⚠ {mark}" for mark in marks)


def _action_text(action: dict) -> None:
    from zizhi.core.i18n import t

    echo(t("dunning.logged", action=_word("dunning_action", action["action"]),
           outcome=_word("dunning_outcome", action["outcome"]), client=action["client"], on=action["on_date"],
           instalments=", ".join(c["instalment"] for c in action["covers"])))
    if action["promise_on"]:
        echo(t("dunning.promise_line", amount=money_text(action["promise_amount"]), date=action["promise_on"],
               state=_word("dunning_promise", action["promise_state"])))


def _history_text(found: dict) -> None:
    from zizhi.core.i18n import t

    echo(t("dunning.history_head", client=found["client"], as_of=found["as_of"]))
    for debt in found["debts"]:
        state = t("dunning.debt_held") if debt["held"] else t("dunning.debt_due") if debt["due"] else ""
        step = _word("dunning_action", debt["rung"]["action"]) if debt["rung"] else t("dunning.no_step")
        echo("  " + t("dunning.debt_line", instalment=debt["instalment"], owed=money_text(debt["owed"]),
                      due_on=debt["due_on"], step=step, state=state))
    if found["actions"]:
        echo("")
    for action in found["actions"]:
        echo("  " + t("dunning.action_line", on=action["on_date"], user=action["user"],
                      action=_word("dunning_action", action["action"]),
                      outcome=_word("dunning_outcome", action["outcome"]),
                      instalments=", ".join(c["instalment"] for c in action["covers"])))
        if action["promise_on"]:
            echo("    " + t("dunning.promise_line", amount=money_text(action["promise_amount"]),
                            date=action["promise_on"], state=_word("dunning_promise", action["promise_state"])))
        if action["note"]:
            echo(f"    {action['note']}")
