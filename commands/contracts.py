"""`zizhi contract …` — the contract from the accepted quote: schedule, signing, filing, payment,
amendments and termination."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, money_text, output, output_read, table

app = typer.Typer(help="Contracts: from the accepted quote, signed, filed, paid, amended, terminated.", no_args_is_help=True)

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


@app.command("amend")
def amend(
    ctx: typer.Context,
    contract: Contract,
    instalment: Annotated[list[str], typer.Option(
        "--instalment", help="DATE=AMOUNT of the new schedule, every instalment in date order; instalment N keeps "
                             "what was paid on instalment N.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. the supplementary agreement signed with the client.")],
    total: Annotated[Opt, typer.Option("--total", help="The new contract total, when the scope changed (yuan).")] = None,
    revision: Annotated[Optional[int], typer.Option(
        "--revision", min=0, help="The revision you read (contract show); refused if amended since.")] = None,
    json: Json = False,
) -> None:
    """Amend the contract's schedule (and total), recorded as a revision with the old schedule.

    The new schedule adds up to the total and meets the credit policy; no instalment becomes smaller
    than what is paid or written off on it (owner, legal, managers).
    Example: zizhi contract amend ZZ-2026-0001 --instalment 2026-11-27=1,431 --instalment 2027-01-15=1,431 --reason 补充协议：尾款延期
    """
    from zizhi.core.pipeline.amendments import amend as amend_contract
    from zizhi.core.pipeline.schedules import parse_instalments

    output(amend_contract(desk(ctx), contract, parse_instalments(instalment), reason, total, revision), json,
           _contract_text)


@app.command("terminate")
def terminate(
    ctx: typer.Context,
    contract: Contract,
    reason: Annotated[str, typer.Option("--reason", help="Why the contract ends.")],
    write_off: Annotated[bool, typer.Option("--write-off", help="Also write off everything still owed on it.")] = False,
    json: Json = False,
) -> None:
    """Terminate a signed contract and cancel its deal (managers): the one way such a deal ends.

    What is owed stays owed — it ages, and finance records payments on it — unless --write-off gives it up.
    Example: zizhi contract terminate ZZ-2026-0001 --reason 客户业务调整，双方协商解除
    """
    from zizhi.core.pipeline.terminations import terminate as terminate_contract

    output(terminate_contract(desk(ctx), contract, reason, write_off), json, _terminated_text)


def _terminated_text(contract: dict) -> None:
    from zizhi.core.pipeline.terminations import terminated_note

    _contract_text(contract)
    echo(terminated_note(contract))


def _contract_text(contract: dict) -> None:
    money = {k: money_text(contract.get(k)) for k in ("total", "paid", "outstanding", "required_payment")}
    fields({**contract, **money}, ["number", "client_party", "company_party", "total", "credit_rating",
                                   "required_payment", "paid", "outstanding", "signed_on", "filed_finance_on",
                                   "filed_legal_on", "guarantee", "penalty"])
    echo("")
    table([{**i, "amount": money_text(i["amount"]), "paid": money_text(i["paid"])} for i in contract["instalments"]],
          ["position", "due_on", "amount", "paid", "paid_on"])
    from zizhi.core.i18n import t
    from zizhi.core.pipeline.contracts import moved_note
    from zizhi.core.pipeline.endings import state_lines

    revisions = [t("contract.revision_line", **{**r, "old_total": money_text(r["old_total"]),
                                                "new_total": money_text(r["new_total"])})
                 for r in contract.get("revisions", [])]
    for line in [*revisions, *state_lines(contract), moved_note(contract)]:
        if line:
            echo(line)
