"""`zizhi quote …` and `zizhi review …` — quotes from the catalogue, and legal's compliance review."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, money_text, output, output_read, table

app = typer.Typer(help="Quotes: versions built from the catalogue, sent, accepted or rejected.", no_args_is_help=True)
review_app = typer.Typer(help="Compliance review of a quote by legal (before it can be sent).", no_args_is_help=True)

Quote = Annotated[str, typer.Argument(help="Quote id (see zizhi quote list DEAL).")]


@app.command("new")
def new(
    ctx: typer.Context,
    deal: Annotated[str, typer.Argument(help="Deal number.")],
    expedited: Annotated[bool, typer.Option("--expedited", help="Add the expedited surcharge.")] = False,
    valid_days: Annotated[Optional[int], typer.Option("--valid-days", min=1, help="Days the quote stays valid.")] = None,
    json: Json = False,
) -> None:
    """Draft the next quote version for a deal, one line per qualification at list prices.

    Example: zizhi quote new 12 --expedited
    """
    from zizhi.core.pipeline.quotes import new_quote

    output(new_quote(desk(ctx), deal, expedited, valid_days), json, _quote_text)


@app.command("line")
def line(
    ctx: typer.Context,
    quote: Quote,
    code: Annotated[str, typer.Argument(help="Qualification code of the line.")],
    quantity: Annotated[Opt, typer.Option("--quantity", help="How many.")] = None,
    discount: Annotated[Opt, typer.Option("--discount", help="Discount on the service fee, e.g. 5%.")] = None,
    service_fee: Annotated[Opt, typer.Option("--service-fee", help="Negotiated unit service fee ('list' resets).")] = None,
    add: Annotated[bool, typer.Option("--add", help="Add this qualification as a new line.")] = False,
    remove: Annotated[bool, typer.Option("--remove", help="Remove this line.")] = False,
    json: Json = False,
) -> None:
    """Change, add or remove a line of a draft quote; totals are recomputed.

    Example: zizhi quote line 7 TRADE-RIGHTS --discount 5%
    """
    from zizhi.core.pipeline import quotes

    d = desk(ctx)
    if remove:
        result = quotes.remove_line(d, quote, code)
    elif add:
        result = quotes.add_line(d, quote, code, quantity or 1, discount, service_fee)
    else:
        result = quotes.set_line(d, quote, code, quantity, discount, service_fee)
    output(result, json, _quote_text)


@app.command("show")
def show(ctx: typer.Context, quote: Quote, json: Json = False) -> None:
    """Show a quote as the client will read it: every fee explained, totals, validity.

    Example: zizhi quote show 7
    """
    from zizhi.core.pipeline.quotes import get_quote

    output_read(ctx, "quote show", "quote", lambda d: _with_notices(d, get_quote(d, quote)), json, _quote_text,
                quote=quote)


@app.command("list")
def list_(ctx: typer.Context, deal: Annotated[str, typer.Argument(help="Deal number.")], json: Json = False) -> None:
    """List a deal's quote versions, newest first.

    Example: zizhi quote list 12
    """
    from zizhi.core.pipeline.quotes import list_quotes

    output_read(ctx, "quote list", "quote", lambda d: list_quotes(d, deal), json, _quotes_table, deal=deal)


@app.command("expire")
def expire(ctx: typer.Context, json: Json = False) -> None:
    """Record as expired every sent quote past its validity (cron, each morning); lists them.

    A lapsed quote already shows as expired and cannot be accepted; this writes it down, with an
    audit record, so reports and reminders count it. Example: zizhi quote expire
    """
    from zizhi.core.pipeline.quotes import expire_overdue

    output(expire_overdue(desk(ctx)), json, _expired_table)


@app.command("render")
def render(
    ctx: typer.Context,
    quote: Quote,
    format: Annotated[Opt, typer.Option("--format", help="text, markdown or pdf (default: what -o's name ends "
                                                         "in — .txt, .md, .pdf — else text).")] = None,
    output: Annotated[Opt, typer.Option("--output", "-o", help="File to write (required for pdf).")] = None,
) -> None:
    """Render the quote document for the client: terminal text, Markdown or a Chinese PDF.

    Example: zizhi quote render 7 --format pdf -o 报价单-7.pdf
    """
    from zizhi.core.documents.render import render_quote

    echo(render_quote(desk(ctx), quote, format, output))


@app.command("send")
def send(ctx: typer.Context, quote: Quote, json: Json = False) -> None:
    """Mark a draft quote sent to the client (needs legal's approval, and a manager's for deep discounts).

    Example: zizhi quote send 7
    """
    from zizhi.core.pipeline.quotes import send_quote

    output(send_quote(desk(ctx), quote), json, _quote_text)


@app.command("accept")
def accept(ctx: typer.Context, quote: Quote,
           note: Annotated[Opt, typer.Option("--note", help="How the client accepted.")] = None,
           json: Json = False) -> None:
    """Record that the client accepted a sent, unexpired quote (the basis of the contract).

    Example: zizhi quote accept 7 --note 客户邮件确认
    """
    from zizhi.core.pipeline.quotes import accept_quote

    output(accept_quote(desk(ctx), quote, note), json, _quote_text)


@app.command("reject")
def reject(ctx: typer.Context, quote: Quote,
           reason: Annotated[str, typer.Option("--reason", help="Why the client declined.")],
           json: Json = False) -> None:
    """Record that the client rejected a quote, with the reason.

    Example: zizhi quote reject 7 --reason 价格超出预算
    """
    from zizhi.core.pipeline.quotes import reject_quote

    output(reject_quote(desk(ctx), quote, reason), json, _quote_text)


@app.command("approve")
def approve(ctx: typer.Context, quote: Quote,
            note: Annotated[str, typer.Option("--note", help="Why the discount or price is acceptable.")],
            json: Json = False) -> None:
    """Approve a discount beyond the role's limit or a price under the floor (managers).

    Example: zizhi quote approve 7 --note 老客户续约，同意15%折扣
    """
    from zizhi.core.pipeline.quotes import approve_pricing

    output(approve_pricing(desk(ctx), quote, note), json, _quote_text)


@review_app.command("approve")
def review_approve(ctx: typer.Context, quote: Quote,
                   note: Annotated[Opt, typer.Option("--note", help="Remarks of the review.")] = None,
                   json: Json = False) -> None:
    """Approve the compliance review of what a quote promises (legal).

    Approving a revision already approved records nothing and says who approved it and when.
    Example: zizhi review approve 7 --note 服务内容合规
    """
    from zizhi.core.pipeline.reviews import approve as approve_review

    output(approve_review(desk(ctx), quote, note), json, _review_text)


@review_app.command("reject")
def review_reject(ctx: typer.Context, quote: Quote,
                  reason: Annotated[str, typer.Option("--reason", help="What is not compliant.")],
                  json: Json = False) -> None:
    """Reject the compliance review of a quote, with the reason (legal).

    Example: zizhi review reject 7 --reason 承诺办理时限不符合规定
    """
    from zizhi.core.pipeline.reviews import reject as reject_review

    output(reject_review(desk(ctx), quote, reason), json, _review_text)


def _quotes_table(rows: list[dict]) -> None:
    table([{**r, "total": money_text(r["total"])} for r in rows],
          ["id", "version", "status", "total", "valid_until", "sent_at"])


def _expired_table(rows: list[dict]) -> None:
    table(rows, ["number", "client", "valid_until"])


def _quote_text(quote: dict) -> None:
    """A quote as JSON, or as the document the client will read."""
    from zizhi.core.documents.quote_text import as_text

    echo(as_text(quote))
    if quote.get("notices"):
        from zizhi.commands.notices import affecting_text

        affecting_text(quote["notices"])


def _with_notices(d, quote: dict) -> dict:
    """The quote with the policy notices touching its qualifications (``notices``)."""
    from zizhi.core.compliance.notices import with_notices

    return with_notices(d, quote, [line["code"] for line in quote["lines"]])


REVIEW_FIELDS = ["quote", "revision", "status", "reviewer", "at", "reason"]


def _review_text(status: dict) -> None:
    """The review's decision; a repeated verdict first says it was already decided."""
    if status.get("note"):
        echo(status["note"])
    fields(status, REVIEW_FIELDS)
