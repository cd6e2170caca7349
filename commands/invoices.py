"""`zizhi invoice …` — invoices (发票): issued after payment, listed, shown, voided, red-lettered."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, money_text, output, output_read, table

app = typer.Typer(help="Invoices (发票): issued by finance after payment; voided within the month or "
                       "reversed by a red-letter invoice.", no_args_is_help=True)

Invoice = Annotated[str, typer.Argument(help="Invoice number (e.g. FP202600001) or id.")]
Reason = Annotated[str, typer.Option("--reason", help="Why (kept with the invoice and in the audit trail).")]
Day = Annotated[Opt, typer.Option("--date", help="The day it happened (default today; 今天, 昨天, 12-05 …).")]


@app.command("issue")
def issue(ctx: typer.Context, client: Annotated[str, typer.Argument(help="Client id, credit code or name.")],
          payment: Annotated[Optional[list[str]], typer.Option(
              "--payment", help="A payment to cover (repeatable; default: the oldest not yet invoiced).")] = None,
          amount: Annotated[Opt, typer.Option("--amount", help="Amount in yuan (default: all that is paid and not yet invoiced).")] = None,
          kind: Annotated[Opt, typer.Option("--type", help="normal (普通发票, default) or special (专用发票).")] = None,
          on: Annotated[Opt, typer.Option("--on", help="The invoice date (default today).")] = None,
          address_phone: Annotated[Opt, typer.Option("--address-phone", help="The buyer's address and phone (default: as last invoiced, else the client record).")] = None,
          bank: Annotated[Opt, typer.Option("--bank", help="The buyer's bank (开户行); a special invoice needs it, then remembered.")] = None,
          account: Annotated[Opt, typer.Option("--account", help="The buyer's bank account number.")] = None,
          json: Json = False) -> None:
    """Issue an invoice for what a client paid (finance): never more than is paid and not yet invoiced.

    Example: zizhi invoice issue 宁波海天国际贸易有限公司 --type 专票 --bank 工商银行宁波江北支行 --account 3901000009123456789
    """
    from zizhi.core.receivables.invoices import issue_invoice

    output(issue_invoice(desk(ctx), client, payment or (), amount, kind, on, address_phone, bank, account), json,
           _invoice_text)


@app.command("list")
def list_(ctx: typer.Context, client: Annotated[Optional[str], typer.Argument(help="Only this client's.")] = None,
          limit: Annotated[int, typer.Option("--limit", help="How many, newest first.")] = 50,
          json: Json = False) -> None:
    """The latest invoices, newest first, with what became of each (voided, red-lettered).

    Example: zizhi invoice list 宁波海天国际贸易有限公司
    """
    from zizhi.core.receivables.invoices import list_invoices

    output_read(ctx, "invoice list", "invoice", lambda d: list_invoices(d, client, limit), json, _list_text,
                client=client, limit=limit)


@app.command("show")
def show(ctx: typer.Context, invoice: Invoice, json: Json = False) -> None:
    """One invoice: the buyer's tax details, the payments it covers, whether voided or reversed.

    Example: zizhi invoice show FP202600001
    """
    from zizhi.core.receivables.invoices import get_invoice

    output_read(ctx, "invoice show", "invoice", lambda d: get_invoice(d, invoice), json, _invoice_text,
                invoice=invoice)


@app.command("void")
def void(ctx: typer.Context, invoice: Invoice, reason: Reason, date: Day = None, json: Json = False) -> None:
    """Void (作废) an invoice within the month it was issued (finance); the record stays.

    Example: zizhi invoice void FP202600001 --reason 开票信息有误
    """
    from zizhi.core.receivables.invoices import void_invoice

    output(void_invoice(desk(ctx), invoice, reason, date), json, _invoice_text)


@app.command("red")
def red(ctx: typer.Context, invoice: Invoice, reason: Reason, date: Day = None, json: Json = False) -> None:
    """Reverse an invoice by a red-letter invoice (红字发票, finance): a negative invoice naming it.

    Example: zizhi invoice red FP202600001 --reason 服务内容变更
    """
    from zizhi.core.receivables.invoices import red_letter

    output(red_letter(desk(ctx), invoice, reason, date), json, _invoice_text)


def _invoice_text(invoice: dict) -> None:
    from zizhi.core.i18n import t

    fields({**invoice, "invoice_type": t(f"invoice_type.{invoice['type']}"), "amount": money_text(invoice["amount"]),
            "status": t(f"invoice_status.{invoice['status']}"),
            "ahead_of_payment": money_text(invoice["ahead_of_payment"]) if invoice["ahead_of_payment"] else None},
           ["number", "invoice_type", "on_date", "amount", "status", "buyer", "tax_id", "address_phone", "bank",
            "bank_account", "ahead_of_payment"])
    for link in invoice["payments"]:
        echo(t("invoice.covers_line", id=link["payment_id"], paid_on=link["paid_on"], amount=money_text(link["amount"])))
    if invoice["reverses"]:
        echo(t("invoice.red_line", number=invoice["reverses"], reason=invoice["reason"]))
    if invoice["voided"]:
        echo(t("invoice.voided_line", date=invoice["voided"]["on_date"], reason=invoice["voided"]["reason"]))
    if invoice["reversed_by"]:
        red = invoice["reversed_by"]
        echo(t("invoice.reversed_line", number=red["number"], date=red["on_date"], reason=red["reason"]))


def _list_text(rows: list[dict]) -> None:
    from zizhi.core.i18n import t

    table([{**row, "invoice_type": t(f"invoice_type.{row['type']}"), "amount": money_text(row["amount"]),
            "status": t(f"invoice_status.{row['status']}")} for row in rows],
          ["number", "on_date", "client", "invoice_type", "amount", "status", "reverses"])
