"""`zizhi contract …` — the contract from the accepted quote: schedule, signing, filing, payment."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, money_text, output, output_read, table

app = typer.Typer(help="Contracts: from the accepted quote, signed, filed, paid.", no_args_is_help=True)

Contract = Annotated[str, typer.Argument(help="Contract id or number.")]


@app.command("new")
def new(
    ctx: typer.Context,
    deal: Annotated[str, typer.Argument(help="Deal number (its accepted quote is the basis).")],
    instalment: Annotated[Optional[list[str]], typer.Option(
        "--instalment", help="DATE=AMOUNT, repeat in date order; they must add up to the total.")] = None,
    penalty: Annotated[Opt, typer.Option("--penalty", help="Penalty clause (default from pricing.toml).")] = None,
    guarantee: Annotated[Opt, typer.Option("--guarantee", help="The guarantee, when the credit policy requires one.")] = None,
    json: Json = False,
) -> None:
    """Draw up the contract from the deal's accepted quote, with its instalment schedule.

    Without --instalment the first instalment is the client's credit-policy prepayment share, due now.
    Example: zizhi contract new 12 --instalment 2026-12-01=10,000 --instalment 2027-01-15=8,100
    """
    from zizhi.core.pipeline.contracts import new_contract
    from zizhi.core.pipeline.schedules import parse_instalments

    schedule = parse_instalments(instalment or [])
    output(new_contract(desk(ctx), deal, schedule, penalty, guarantee), json, _contract_text)


@app.command("show")
def show(ctx: typer.Context, contract: Contract, json: Json = False) -> None:
    """Show a contract: parties, services, total, schedule and what has been paid.

    Example: zizhi contract show ZZ-2026-0001
    """
    from zizhi.core.pipeline.contracts import get_contract

    output_read(ctx, "contract show", "contract", lambda d: get_contract(d, contract), json, _contract_text,
                contract=contract)


@app.command("sign")
def sign(ctx: typer.Context, contract: Contract,
         date: Annotated[Opt, typer.Option("--date", help="Signing date (default today).")] = None,
         json: Json = False) -> None:
    """Record that the contract was signed (not before it was drawn up).

    Instalments due before the signing date move to it, and the command says which.
    Example: zizhi contract sign ZZ-2026-0001 --date 2026-11-27
    """
    from zizhi.core.pipeline.contracts import sign as sign_contract

    output(sign_contract(desk(ctx), contract, date), json, _contract_text)


@app.command("file")
def file(ctx: typer.Context, contract: Contract,
         with_: Annotated[str, typer.Option("--with", help="finance or legal.")],
         date: Annotated[Opt, typer.Option("--date", help="Filing date (default today).")] = None,
         json: Json = False) -> None:
    """Mark a copy of the signed contract filed with finance or with legal.

    Example: zizhi contract file ZZ-2026-0001 --with finance
    """
    from zizhi.core.pipeline.contracts import file_copy

    output(file_copy(desk(ctx), contract, with_, date), json, _contract_text)


@app.command("pay")
def pay(ctx: typer.Context, contract: Contract,
        amount: Annotated[str, typer.Argument(help="Amount received in yuan, e.g. 10,000.")],
        date: Annotated[Opt, typer.Option("--date", help="Date received (default today).")] = None,
        note: Annotated[Opt, typer.Option("--note", help="Bank reference or remark.")] = None,
        json: Json = False) -> None:
    """Record a payment received against the contract's earliest unpaid instalments (finance).

    Not dated before the signing; not on the contract of a lost or cancelled deal unless a manager
    ran `contract allow-payments`.
    Example: zizhi contract pay ZZ-2026-0001 10,000 --note 工行回单 0042
    """
    from zizhi.core.pipeline.contracts import record_payment

    output(record_payment(desk(ctx), contract, amount, date, note), json, _contract_text)


@app.command("allow-payments")
def allow_payments(ctx: typer.Context, contract: Contract,
                   reason: Annotated[str, typer.Option("--reason", help="Why, e.g. the settlement agreed with the client.")],
                   json: Json = False) -> None:
    """Allow finance to record payments on the terminated contract of a lost or cancelled deal (managers).

    Example: zizhi contract allow-payments ZZ-2026-0001 --reason 客户同意按已办事项结算
    """
    from zizhi.core.pipeline.contracts import allow_payments as allow

    output(allow(desk(ctx), contract, reason), json, _contract_text)


def _contract_text(contract: dict) -> None:
    money = {k: money_text(contract.get(k)) for k in ("total", "paid", "outstanding", "required_payment")}
    fields({**contract, **money}, ["number", "client_party", "company_party", "total", "credit_rating",
                                   "required_payment", "paid", "outstanding", "signed_on", "filed_finance_on",
                                   "filed_legal_on", "guarantee", "penalty"])
    echo("")
    table([{**i, "amount": money_text(i["amount"]), "paid": money_text(i["paid"])} for i in contract["instalments"]],
          ["position", "due_on", "amount", "paid", "paid_on"])
    from zizhi.core.pipeline.contracts import moved_note
    from zizhi.core.pipeline.endings import state_lines

    for line in [*state_lines(contract), moved_note(contract)]:
        if line:
            echo(line)
