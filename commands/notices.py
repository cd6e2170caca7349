"""`zizhi notice …` — policy notices: legal records a change, everyone acknowledges reading it."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, output, output_read, table

app = typer.Typer(help="Policy notices: record a policy change (legal); read and acknowledge it (everyone).",
                  no_args_is_help=True)

Notice = Annotated[str, typer.Argument(help="Notice number (see zizhi notice list).")]
NOTICE_FIELDS = ["id", "title", "effective_on", "codes", "source", "created_by", "created_at", "acknowledged_at"]


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Option("--title", help="What changed, in one line.")],
    summary: Annotated[str, typer.Option("--summary", help="What it means for the team (several lines allowed).")],
    effective: Annotated[str, typer.Option("--effective", help="The day it takes effect, e.g. 2027-01-01.")],
    code: Annotated[Optional[list[str]], typer.Option(
        "--code", "-q", help="Catalogue code it touches (repeat, or A,B).")] = None,
    source: Annotated[Opt, typer.Option("--source", help="Where it was published: document number or address.")] = None,
    json: Json = False,
) -> None:
    """Record a policy or regulation change (legal, admins); everyone must acknowledge it.

    Example: zizhi notice add --title 出口许可证申领材料调整 --summary "自2027年起须附最终用户证明" --effective 2027-01-01 -q EXPORT-LICENCE --source 商务部公告2026年第45号
    """
    from zizhi.core.compliance.notices import add_notice

    output(add_notice(desk(ctx), title, summary, effective, code, source), json, _notice_text)


@app.command("list")
def list_(
    ctx: typer.Context,
    pending: Annotated[bool, typer.Option("--pending", help="Only those you have not acknowledged.")] = False,
    json: Json = False,
) -> None:
    """Every notice, yours to acknowledge first; legal and managers see how many have read each.

    Example: zizhi notice list --pending
    """
    from zizhi.core.compliance.notices import list_notices

    output_read(ctx, "notice list", "notice", lambda d: list_notices(d, pending), json, _notices_table,
                pending=pending)


@app.command("show")
def show(ctx: typer.Context, notice: Notice, json: Json = False) -> None:
    """One notice; for legal, managers and admins also who has and has not acknowledged it.

    Example: zizhi notice show 3
    """
    from zizhi.core.compliance.notices import get_notice

    output_read(ctx, "notice show", "notice", lambda d: get_notice(d, notice), json, _notice_text, notice=notice)


@app.command("ack")
def ack(ctx: typer.Context, notice: Notice, json: Json = False) -> None:
    """Acknowledge that you have read a notice (it leaves your agenda).

    Example: zizhi notice ack 3
    """
    from zizhi.core.compliance.notices import acknowledge
    from zizhi.core.i18n import t

    done = acknowledge(desk(ctx), notice)
    output(done, json, lambda n: echo(t("notice.already" if n["already"] else "notice.acknowledged",
                                        id=n["id"], title=n["title"], at=n["acknowledged_at"])))


def _notices_table(rows: list[dict]) -> None:
    from zizhi.core.i18n import t

    columns = ["id", "title", "effective_on", "codes", "acknowledged_at"]
    if rows and "expected" in rows[0]:
        columns.append("acknowledged")
        rows = [{**r, "acknowledged": t("notice.acked_count", acknowledged=r["acknowledged"], expected=r["expected"])}
                for r in rows]
    table(rows, columns, drop=("acknowledged_at", "codes"))


def _notice_text(notice: dict) -> None:
    from zizhi.core.i18n import t

    fields(notice, NOTICE_FIELDS)
    echo("")
    for line in notice["summary"].splitlines():
        echo(f"  {line}")
    if not notice.get("acknowledged_at"):
        echo("")
        echo(t("notice.yours_pending", id=notice["id"]))
    if "acknowledged" in notice:
        echo("")
        echo(t("notice.roster_acked", count=len(notice["acknowledged"])))
        table(notice["acknowledged"], ["login", "name", "role", "at"])
        echo("")
        echo(t("notice.roster_pending", count=len(notice["pending"])))
        table(notice["pending"], ["login", "name", "role"])


def affecting_text(notices: list[dict]) -> None:
    """The notices touching a deal's or a quote's qualifications, after its own text."""
    from zizhi.core.i18n import t

    if not notices:
        return
    echo("")
    echo(t("notice.affecting_head"))
    for n in notices:
        unread = "" if n["acknowledged_at"] else t("notice.unread_mark", id=n["id"])
        echo(t("notice.affecting_line", id=n["id"], effective_on=n["effective_on"], title=n["title"],
               codes=", ".join(n["codes"]), unread=unread))
