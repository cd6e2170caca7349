"""`zizhi deal …` — open a deal, assess it, move it through the gates, or end it."""

from typing import Annotated

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, money_text, output, output_read, table
from zizhi.core import percent

app = typer.Typer(help="Deals through the eight stages and their gates.", no_args_is_help=True)

DEAL_FIELDS = ["id", "title", "client", "owner", "stage", "value", "probability_used", "expected_close",
               "channel", "blocked", "end_reason", "competitor", "stage_since", "created_at"]
Deal = Annotated[str, typer.Argument(help="Deal number.")]


@app.command("new")
def new(
    ctx: typer.Context,
    client: Annotated[str, typer.Option("--client", help="Client id, credit code or name.")],
    qualification: Annotated[list[str], typer.Option("--qualification", "-q",
                                                     help="Catalogue code (repeat; CODE*2 for two).")],
    title: Annotated[Opt, typer.Option("--title", help="Short title (default: the qualifications' names).")] = None,
    value: Annotated[Opt, typer.Option("--value", help="Estimated value in yuan, e.g. 30,000.")] = None,
    expected_close: Annotated[Opt, typer.Option("--expected-close", help="Expected close date.")] = None,
    owner: Annotated[Opt, typer.Option("--owner", help="Owning salesperson (default: you, or the client's owner).")] = None,
    channel: Annotated[Opt, typer.Option("--channel", help="Source channel (default: the client's).")] = None,
    probability: Annotated[Opt, typer.Option("--probability", help="Win probability, e.g. 40% (default: the stage's).")] = None,
    json: Json = False,
) -> None:
    """Open a deal at inquiry for a client and the qualifications it needs.

    Example: zizhi deal new --client 宁波恒通 --qualification TRADE-RIGHTS --qualification CUSTOMS-REG --value 30,000
    """
    from zizhi.core.pipeline.deals import open_deal

    deal = open_deal(desk(ctx), client, qualification, title, value, expected_close, owner, channel, probability)
    output(deal, json, _deal_text)


@app.command("edit")
def edit(
    ctx: typer.Context,
    deal: Deal,
    title: Annotated[Opt, typer.Option("--title", help="Short title.")] = None,
    value: Annotated[Opt, typer.Option("--value", help="Estimated value in yuan.")] = None,
    expected_close: Annotated[Opt, typer.Option("--expected-close", help="Expected close date.")] = None,
    channel: Annotated[Opt, typer.Option("--channel", help="Source channel.")] = None,
    probability: Annotated[Opt, typer.Option("--probability", help="Win probability, e.g. 40%.")] = None,
    json: Json = False,
) -> None:
    """Correct a deal's title, value, expected close date, source channel or probability.

    Example: zizhi deal edit 12 --channel referral --expected-close 2026-12-31
    """
    from zizhi.core.pipeline.deals import edit_deal

    output(edit_deal(desk(ctx), deal, title, value, expected_close, channel, probability), json, _deal_text)


@app.command("show")
def show(ctx: typer.Context, deal: Deal, json: Json = False) -> None:
    """Show a deal with its qualifications, stage history and assessments.

    Example: zizhi deal show 12
    """
    output_read(ctx, "deal show", "deal", lambda d: _with_notices(d, deal), json, _deal_text, deal=deal)


def _with_notices(d, deal: str) -> dict:
    """The deal with the policy notices touching its qualifications (``notices``)."""
    from zizhi.core.compliance.notices import with_notices
    from zizhi.core.pipeline.deals import get_deal

    found = get_deal(d, deal)
    return with_notices(d, found, [q["code"] for q in found["qualifications"]])


@app.command("list")
def list_(
    ctx: typer.Context,
    stage: Annotated[Opt, typer.Option("--stage", help="Only this stage (or lost, cancelled).")] = None,
    owner: Annotated[Opt, typer.Option("--owner", help="Only this salesperson's deals.")] = None,
    client: Annotated[Opt, typer.Option("--client", help="Only this client's deals.")] = None,
    closed: Annotated[bool, typer.Option("--closed", help="Include lost and cancelled deals.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 100,
    json: Json = False,
) -> None:
    """List the deals you can see, in stage order.

    Example: zizhi deal list --stage proposal
    """
    from zizhi.core.pipeline.deals import list_deals

    output_read(ctx, "deal list", "deal", lambda d: list_deals(d, stage, owner, client, closed, limit), json,
                _deals_table, stage=stage, owner=owner, client=client, closed=closed, limit=limit)


@app.command("move")
def move(
    ctx: typer.Context,
    deal: Deal,
    stage: Annotated[str, typer.Argument(help="inquiry, assessment, proposal, contract, payment, processing, delivered, aftersales — or the rulebook's name: 咨询接待, 需求评估, 方案与报价, 合同签订, 款项支付, 资质办理, 资质交付, 售后服务.")],
    note: Annotated[Opt, typer.Option("--note", help="Why (required when a manager moves a deal back).")] = None,
    json: Json = False,
) -> None:
    """Move a deal to a stage; every gate on the way must be met (the refusal says what is missing).

    Example: zizhi deal move 12 proposal
    """
    from zizhi.core.pipeline.deals import move as move_deal

    output(move_deal(desk(ctx), deal, stage, note), json, _deal_text)


@app.command("lose")
def lose(ctx: typer.Context, deal: Deal,
         reason: Annotated[str, typer.Option("--reason", help="Why the deal was lost.")],
         competitor: Annotated[Opt, typer.Option("--competitor", help="The competitor it went to, if any.")] = None,
         json: Json = False) -> None:
    """End a deal as lost, with the reason; a deal with a signed contract only by a manager.

    Its contract ends with it: terminated (the balance stays on record) or, never signed, void.
    Example: zizhi deal lose 12 --reason 客户选择了其他代理 --competitor 华信代理
    """
    from zizhi.core.pipeline.deals import lose as lose_deal

    output(lose_deal(desk(ctx), deal, reason, competitor), json, _deal_text)


@app.command("cancel")
def cancel(ctx: typer.Context, deal: Deal,
           reason: Annotated[str, typer.Option("--reason", help="Why the deal was cancelled.")],
           json: Json = False) -> None:
    """End a deal as cancelled, with the reason; a deal with a signed contract only by a manager.

    Its contract ends with it: terminated (the balance stays on record) or, never signed, void.
    Example: zizhi deal cancel 12 --reason 客户业务调整，暂停办理
    """
    from zizhi.core.pipeline.deals import cancel as cancel_deal

    output(cancel_deal(desk(ctx), deal, reason), json, _deal_text)


@app.command("assess")
def assess(
    ctx: typer.Context,
    deal: Deal,
    findings: Annotated[str, typer.Option("--findings", help="What the client needs and why.")],
    verdict: Annotated[str, typer.Option("--verdict", help="reasonable, unreasonable or unlawful.")] = "reasonable",
    explanation: Annotated[Opt, typer.Option("--explanation", help="What the client was told (required unless reasonable).")] = None,
    json: Json = False,
) -> None:
    """Record the needs assessment; an unreasonable or unlawful need stops the deal.

    Example: zizhi deal assess 12 --findings 需要进出口经营权，经营范围已含进出口
    """
    from zizhi.core.pipeline.deals import assess as assess_deal

    output(assess_deal(desk(ctx), deal, findings, verdict, explanation), json, _deal_text)


@app.command("resolve")
def resolve(
    ctx: typer.Context,
    deal: Deal,
    resolution: Annotated[str, typer.Option("--resolution", help="How the need was settled.")],
    json: Json = False,
) -> None:
    """Lift the stop of an unreasonable or unlawful need (managers).

    Example: zizhi deal resolve 12 --resolution 客户已变更经营范围
    """
    from zizhi.core.pipeline.deals import resolve_block

    output(resolve_block(desk(ctx), deal, resolution), json, _deal_text)


def _deals_table(rows: list[dict]) -> None:
    table([{**r, "value": money_text(r["value"])} for r in rows],
          ["id", "title", "client", "owner", "stage", "value", "expected_close"])


def _deal_text(deal: dict) -> None:
    from zizhi.core.i18n import t

    fields({**deal, "value": money_text(deal["value"]), "blocked": deal["blocked"] or None,
            "probability_used": percent.text(deal["probability_used"])},
           DEAL_FIELDS)
    echo(t("deal.qualifications", codes=", ".join(f"{q['code']}×{q['quantity']}" for q in deal["qualifications"])))
    if deal.get("contract_ended"):
        from zizhi.core.pipeline.endings import describe

        echo(describe(deal["contract_ended"]))
    if deal.get("assessments"):
        echo("")
        table(deal["assessments"], ["at", "user", "verdict", "findings", "explanation", "resolution"])
    if deal.get("history"):
        echo("")
        table(deal["history"], ["at", "from_stage", "to_stage", "user", "note"])
    if deal.get("notices"):
        from zizhi.commands.notices import affecting_text

        affecting_text(deal["notices"])
