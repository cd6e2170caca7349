"""`zizhi credit …` — a client's credit checks, and where its credit stands."""

from typing import Annotated

import typer

from zizhi.commands.common import Json, Opt, desk, echo, money_text, output, output_read, table

app = typer.Typer(help="Credit: record a client's credit check; see its rating, policy and history.",
                  no_args_is_help=True)

Client = Annotated[str, typer.Argument(help="Client id, credit code or name.")]


@app.command("check")
def check(
    ctx: typer.Context,
    client: Client,
    rating: Annotated[str, typer.Option("--rating", help="The rating the check gave: a grade of the credit policy (A–D).")],
    method: Annotated[str, typer.Option("--method", help="registry (public credit registry), third_party or payment_history.")],
    on: Annotated[Opt, typer.Option("--on", help="Date of the check (default today).")] = None,
    note: Annotated[Opt, typer.Option("--note", help="What the check found.")] = None,
    guarantor: Annotated[Opt, typer.Option("--guarantor", help="Who guarantees the client's debts.")] = None,
    guarantee_amount: Annotated[Opt, typer.Option("--guarantee-amount", help="The guarantee in yuan, e.g. 50,000.")] = None,
    guarantee_document: Annotated[Opt, typer.Option("--guarantee-document", help="The guarantee's document, e.g. 担保函 2026-11-20.")] = None,
    json: Json = False,
) -> None:
    """Record a credit check; its rating becomes the client's (the client's salesperson, finance, managers).

    Example: zizhi credit check 12 --rating B --method registry --note 公示系统无异常
    """
    from zizhi.core.credit.checks import record_check

    output(record_check(desk(ctx), client, rating, method, on, note, guarantor, guarantee_amount, guarantee_document),
           json, _standing_text)


@app.command("show")
def show(ctx: typer.Context, client: Client, json: Json = False) -> None:
    """Show the client's rating, its age against the re-check, the guarantee, the policy, the checks
    and what the payment history suggests.

    Example: zizhi credit show 12
    """
    from zizhi.core.credit.checks import standing

    output_read(ctx, "credit show", "client", lambda d: standing(d, client), json, _standing_text, client=client)


def _standing_text(credit: dict) -> None:
    from zizhi.core.credit.policy import guarantee_text
    from zizhi.core.i18n import t

    _lines({"client": f"{credit['client_id']} {credit['client']}", "rating": credit["rating"] or t("credit.show.unrated"),
            "checked": _checked_line(credit), "guarantee": guarantee_text(credit["guarantee"]),
            "policy": _policy_line(credit["policy"]), "outstanding": money_text(credit["outstanding"]),
            "suggestion": credit["suggestion"]["reason"]})
    if credit["history"]:
        echo("")
        echo(t("credit.show.history"))
        table([{**row, "method": t(f"credit.method.{row['method']}"),
                "guarantee_amount": money_text(row["guarantee_amount"])} for row in credit["history"]],
              ["checked_on", "rating", "method", "user", "guarantor", "guarantee_amount", "notes"])


def _lines(values: dict) -> None:
    """'label  value' lines, labels aligned in cells; a value is never cut (a reason is a sentence)."""
    from rich.cells import cell_len

    from zizhi.commands.common import label

    heads = {name: label(name) for name in values}
    width = max(cell_len(head) for head in heads.values())
    for name, value in values.items():
        if value:
            echo(f"{heads[name]}{' ' * (width - cell_len(heads[name]))}  {value}")


def _checked_line(credit: dict) -> str:
    from zizhi.core.i18n import t

    if not credit["rating"]:
        return ""
    if not credit["checked"]:
        return t("credit.show.unchecked")
    line = t("credit.show.age", checked_on=credit["checked_on"], method=t(f"credit.method.{credit['method']}"),
             count=credit["age_days"], limit=credit["recheck_days"], by=credit["recheck_by"])
    return f"{line} — {t('credit.show.recheck_due')}" if credit["recheck_due"] else line


def _policy_line(policy: dict | None) -> str:
    from zizhi.core.i18n import t

    if policy is None:
        return ""
    guarantee = ""
    if policy["guarantee_or_prepayment"]:
        guarantee = t("credit.show.guarantee_or", share=policy["guarantee_or_prepayment"])
    elif policy["guarantee_required"]:
        guarantee = t("credit.show.guarantee_required")
    return t("credit.show.policy", prepayment=policy["prepayment"], guarantee=guarantee,
             limit=money_text(policy["credit_limit"]), days=policy["recheck_days"])
