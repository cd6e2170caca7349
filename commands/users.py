"""`zizhi user …` — colleagues, roles, the onboarding exam and continuing training."""

from typing import Annotated, Optional

import typer

from zizhi.commands import keys
from zizhi.commands.common import (
    Json,
    Opt,
    desk,
    echo,
    fields,
    output,
    output_read,
    table,
    table_of,
)

app = typer.Typer(help="People: roles, onboarding exams, training, SSH keys.", no_args_is_help=True)
app.add_typer(keys.app, name="key")

USER_FIELDS = ["id", "login", "name", "role", "on_duty", "email", "phone", "chat_id", "clients", "created_at"]


@app.command("add")
def add(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Login, one word, e.g. wang.fang.")],
    role: Annotated[str, typer.Option("--role", help="sales, manager, finance, legal, operations or admin.")],
    name: Annotated[Opt, typer.Option("--name", help="Full name, e.g. 王芳.")] = None,
    email: Annotated[Opt, typer.Option("--email", help="Email address.")] = None,
    phone: Annotated[Opt, typer.Option("--phone", help="Phone.")] = None,
    json: Json = False,
) -> None:
    """Add a colleague (admins). A salesperson starts off duty until they pass the exam.

    Example: zizhi user add wang.fang --name 王芳 --role sales
    """
    from zizhi.core.people.users import add_user

    output(add_user(desk(ctx), login, name, role, email, phone), json, _user_text)


@app.command("edit")
def edit(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Login.")],
    name: Annotated[Opt, typer.Option("--name", help="Full name.")] = None,
    role: Annotated[Opt, typer.Option("--role", help="sales, manager, finance, legal, operations or admin.")] = None,
    email: Annotated[Opt, typer.Option("--email", help="Email address.")] = None,
    phone: Annotated[Opt, typer.Option("--phone", help="Phone.")] = None,
    active: Annotated[Optional[bool], typer.Option("--active/--inactive", help="Reactivate or deactivate.")] = None,
    chat_id: Annotated[Opt, typer.Option(
        "--chat-id", help="Their id in the team group (企业微信/钉钉/飞书) the reminder robot @-mentions; '' forgets it.")
    ] = None,
    language: Annotated[Opt, typer.Option(
        "--language", help="zh or en: the language their reminder mail and the app use; 'default' forgets it.")] = None,
    json: Json = False,
) -> None:
    """Correct a colleague's name, role or contact, or deactivate them (admins).

    Example: zizhi user edit zhao.lei --role manager   (or: zizhi user edit zhao.lei --inactive)
    """
    from zizhi.core.people.users import edit_user

    output(edit_user(desk(ctx), login, name, role, email, phone, active, chat_id, language), json, _user_text)


@app.command("list")
def list_(
    ctx: typer.Context,
    role: Annotated[Opt, typer.Option("--role", help="Only this role.")] = None,
    json: Json = False,
) -> None:
    """List colleagues with their role, duty status and number of clients.

    Example: zizhi user list --role sales
    """
    from zizhi.core.people.users import list_users

    output_read(ctx, "user list", "user", lambda d: list_users(d, role), json,
                table_of(["login", "name", "role", "on_duty", "clients"]), role=role)


@app.command("show")
def show(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Login.")],
    json: Json = False,
) -> None:
    """Show a colleague with their exams and training record.

    Example: zizhi user show wang.fang
    """
    from zizhi.core.people.users import show_user

    output_read(ctx, "user show", "user", lambda d: show_user(d, login), json, _user_text, login=login)


@app.command("exam")
def exam(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Login of the person examined.")],
    score: Annotated[int, typer.Argument(help="Score from 0 to 100.")],
    date: Annotated[Opt, typer.Option("--date", help="Date of the exam (default today).")] = None,
    notes: Annotated[Opt, typer.Option("--notes", help="Remarks.")] = None,
    json: Json = False,
) -> None:
    """Record an onboarding exam; at or above the pass mark a salesperson goes on duty.

    Example: zizhi user exam wang.fang 86
    """
    from zizhi.core.people.users import record_exam

    output(record_exam(desk(ctx), login, score, date, notes), json, _user_text)


@app.command("train")
def train(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Login of the person trained.")],
    topic: Annotated[str, typer.Option("--topic", help="What the session covered.")],
    date: Annotated[Opt, typer.Option("--date", help="Date held (default today).")] = None,
    hours: Annotated[Opt, typer.Option("--hours", help="Length in hours.")] = None,
    trainer: Annotated[Opt, typer.Option("--trainer", help="Who taught it.")] = None,
    notes: Annotated[Opt, typer.Option("--notes", help="Remarks.")] = None,
    json: Json = False,
) -> None:
    """Record a continuing-training session a colleague attended.

    Example: zizhi user train wang.fang --topic 2026年出口许可证新规 --hours 2 --trainer 法务部
    """
    from zizhi.core.people.users import record_training

    output(record_training(desk(ctx), login, topic, date, hours, trainer, notes), json, _user_text)


@app.command("language")
def language(
    ctx: typer.Context,
    lang: Annotated[str, typer.Argument(help="zh or en; 'default' forgets your choice.")],
    json: Json = False,
) -> None:
    """Choose the language Zizhi speaks to you at every start (the app's language switch saves it too).

    --lang still chooses for one command; 'default' leaves it to settings.toml, then the locale.
    Example: zizhi user language zh
    """
    from zizhi.core.i18n import t
    from zizhi.core.people.preferences import set_language

    d = desk(ctx)
    chosen = set_language(d, None if lang == "default" else lang)
    login = d.user.get("acting_admin") or d.user["login"]
    said = (t("people.language_saved", lang=chosen, login=login, language=t(f"language.{chosen}", lang=chosen))
            if chosen else t("people.language_forgotten", login=login))
    output({"login": login, "language": chosen}, json, lambda _: echo(said))


def _user_text(user: dict) -> None:
    from zizhi.core.i18n import t

    fields(user, USER_FIELDS)
    if user.get("exams"):
        echo("")
        echo(t("user.exams"))
        table(user["exams"], ["taken_on", "score", "pass_mark", "passed"])
    if user.get("trainings"):
        echo("")
        echo(t("user.trainings"))
        table(user["trainings"], ["held_on", "topic", "hours", "trainer"])
