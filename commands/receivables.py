"""`zizhi ar …` — money owed: payments received, credit, reversals, refunds, write-offs, aging, the watch
list of likely bad debts, the cash forecast, a client's statement and the month-end reconciliation."""

from typing import Annotated, Optional

import typer

from zizhi.commands.common import (
    Json,
    Opt,
    csv_out,
    desk,
    echo,
    fields,
    money_text,
    one_printed,
    output,
    output_read,
    read_shown,
    table,
)

app = typer.Typer(help="Receivables: payments, credit, reversals, refunds, write-offs, aging, the watch list, "
                       "the cash forecast, statements and the month-end reconciliation.",
                  no_args_is_help=True)

Client = Annotated[str, typer.Argument(help="Client id, credit code or name.")]
Amount = Annotated[str, typer.Argument(help="Amount in yuan, e.g. 10,000 or 8,650.50.")]
Reason = Annotated[str, typer.Option("--reason", help="Why (kept in the ledger and the audit trail).")]
Day = Annotated[Opt, typer.Option("--date", help="The day it happened (default today; 今天, 昨天, 12-05 …).")]
Method = Annotated[Opt, typer.Option("--method", help="bank_transfer (default), cash, cheque, acceptance_bill, online, other.")]
Reference = Annotated[Opt, typer.Option("--reference", help="The bank slip's reference: one slip is recorded once.")]


@app.command("pay")
def pay(ctx: typer.Context, client: Client, amount: Amount, date: Day = None, method: Method = None,
        reference: Reference = None,
        contract: Annotated[Opt, typer.Option("--contract", help="Fill only this contract's instalments.")] = None,
        note: Annotated[Opt, typer.Option("--note", help="Remark.")] = None, json: Json = False) -> None:
    """Record money received from a client (finance): it fills their open instalments oldest first;
    what is left over is credit on their account.

    Example: zizhi ar pay 宁波海天国际贸易有限公司 10,000 --reference ICBC-0042
    """
    from zizhi.core.receivables.ledger import record_payment

    output(record_payment(desk(ctx), client, amount, date, method, reference, note, contract), json, _payment_text)


@app.command("reverse")
def reverse(ctx: typer.Context, payment: Annotated[str, typer.Argument(help="Payment id (see `zizhi ar payments`).")],
            reason: Reason, date: Day = None, json: Json = False) -> None:
    """Reverse a mistaken payment (finance): it stops paying its instalments; the record stays.

    Example: zizhi ar reverse 12 --reason 重复登记
    """
    from zizhi.core.receivables.ledger import reverse_payment

    output(reverse_payment(desk(ctx), payment, reason, date), json, _payment_text)


@app.command("apply-credit")
def apply_credit(ctx: typer.Context, client: Client, date: Day = None,
                 contract: Annotated[Opt, typer.Option("--contract", help="Only this contract's instalments.")] = None,
                 json: Json = False) -> None:
    """Use the client's credit on account for their open instalments, oldest first (finance).

    Example: zizhi ar apply-credit 宁波海天国际贸易有限公司
    """
    from zizhi.core.receivables.ledger import apply_credit as apply

    output(apply(desk(ctx), client, date, contract), json, _balance_text)


@app.command("refund")
def refund(ctx: typer.Context, client: Client, amount: Amount, reason: Reason, date: Day = None,
           method: Method = None, reference: Reference = None, json: Json = False) -> None:
    """Record money returned to a client out of their credit on account (finance).

    Example: zizhi ar refund 宁波海天国际贸易有限公司 500 --reason 多付退回
    """
    from zizhi.core.receivables.ledger import refund as give_back

    output(give_back(desk(ctx), client, amount, reason, date, method, reference), json, _balance_text)


@app.command("write-off")
def write_off(ctx: typer.Context,
              instalment: Annotated[str, typer.Argument(help="CONTRACT:POSITION, e.g. ZZ-2026-0001:2.")],
              reason: Reason,
              amount: Annotated[Opt, typer.Option("--amount", help="Part of what is owed (default all of it).")] = None,
              date: Day = None, json: Json = False) -> None:
    """Write off what an instalment still owes (managers), saying why; aging and reports see it.

    Example: zizhi ar write-off ZZ-2026-0001:2 --reason 客户已注销，无法追偿
    """
    from zizhi.core.receivables.ledger import write_off as give_up

    output(give_up(desk(ctx), instalment, reason, amount, date), json, _instalment_text)


@app.command("balance")
def balance(ctx: typer.Context, client: Client,
            as_of: Annotated[Opt, typer.Option("--as-of", help="The books as they stood at the end of this day.")] = None,
            json: Json = False) -> None:
    """What a client owes (overdue and not yet due), instalment by instalment, and their credit.

    Example: zizhi ar balance 宁波海天国际贸易有限公司 --as-of 2026-10-31
    """
    from zizhi.core.receivables.ledger import balance as position

    output_read(ctx, "ar balance", "receivable", lambda d: position(d, client, as_of), json, _balance_text,
                client=client, as_of=as_of)


@app.command("payments")
def payments(ctx: typer.Context, client: Annotated[Optional[str], typer.Argument(help="Only this client's.")] = None,
             limit: Annotated[int, typer.Option("--limit", help="How many, newest first.")] = 50,
             json: Json = False) -> None:
    """The latest payments received, newest first.

    Example: zizhi ar payments 宁波海天国际贸易有限公司
    """
    from zizhi.core.receivables.ledger import list_payments

    output_read(ctx, "ar payments", "payment", lambda d: list_payments(d, client, limit), json, _payments_text,
                client=client, limit=limit)


@app.command("aging")
def aging(ctx: typer.Context,
          as_of: Annotated[Opt, typer.Option("--as-of", help="Age the books as they stood at the end of this day.")] = None,
          by: Annotated[str, typer.Option("--by", help="client or owner.")] = "client",
          csv: Annotated[bool, typer.Option("--csv", help="CSV (UTF-8 with BOM, for Excel).")] = False,
          json: Json = False) -> None:
    """The aging report: what is owed, in buckets of days overdue; the buckets add up to the total.

    Example: zizhi ar aging --as-of 2026-10-31 --by owner
    """
    from zizhi.core.receivables.aging import aging as report

    one_printed(ctx, json, csv)
    found = read_shown(ctx, "ar aging", "receivable", lambda d: report(d, as_of, by), json or csv, as_of=as_of, by=by)
    if csv and not json:
        _aging_csv(found)
    else:
        output(found, json, _aging_text)


AsOf = Annotated[Opt, typer.Option("--as-of", help="The books as they stood at the end of this day (default today).")]


@app.command("watch")
def watch(ctx: typer.Context, as_of: AsOf = None,
          limit: Annotated[int, typer.Option("--limit", help="How many clients, riskiest first.")] = 20,
          json: Json = False) -> None:
    """The early warning of bad debts: clients scored 0-100 from days overdue, amount, credit rating,
    broken promises and dunning step (weights in pricing.toml [watch]), riskiest first, each score
    explained; their instalments scored beneath.

    Example: zizhi ar watch --limit 10
    """
    from zizhi.commands.common import warn
    from zizhi.commands.watch_view import watch_text
    from zizhi.core.i18n import t
    from zizhi.core.receivables.watch import watch_list

    found = read_shown(ctx, "ar watch", "receivable", lambda d: watch_list(d, as_of, limit), json,
                       as_of=as_of, limit=limit)
    output(found, json, watch_text)
    if len(found["clients"]) < found["count"]:
        warn(t("watch.more", shown=len(found["clients"]), count=found["count"]))


@app.command("forecast")
def forecast(ctx: typer.Context, as_of: AsOf = None,
             weeks: Annotated[int, typer.Option("--weeks", help="How many ISO weeks (1-52).")] = 13,
             csv: Annotated[bool, typer.Option("--csv", help="CSV (UTF-8 with BOM, for Excel).")] = False,
             json: Json = False) -> None:
    """The cash forecast: per ISO week, what falls due and what is expected in, each instalment
    discounted by its client's risk score (overdue ones in the first week), with a bar chart.

    Example: zizhi ar forecast --weeks 13
    """
    from zizhi.commands import watch_view
    from zizhi.core.receivables.forecast import forecast as expected

    one_printed(ctx, json, csv)
    found = read_shown(ctx, "ar forecast", "receivable", lambda d: expected(d, as_of, weeks), json or csv,
                       as_of=as_of, weeks=weeks)
    if csv and not json:
        watch_view.forecast_csv(found)
    else:
        output(found, json, watch_view.forecast_text)


Period = Annotated[Opt, typer.Option("--period", help="A month, YYYY-MM (e.g. 2026-11).")]


@app.command("statement")
def statement(ctx: typer.Context, client: Client,
              start: Annotated[Opt, typer.Option("--from", help="First day (default the first of --to's month).")] = None,
              end: Annotated[Opt, typer.Option("--to", help="Last day (default today).")] = None,
              period: Period = None,
              format: Annotated[Opt, typer.Option("--format", help="md, pdf or json (default: what -o's name "
                                                                   "ends in, else md).")] = None,
              to_file: Annotated[Opt, typer.Option("--output", "-o", help="File to write (required for pdf).")] = None,
              ) -> None:
    """A client's statement (对账单) for a month or between two days: opening balance, every dated
    movement, closing balance — in Chinese, as Markdown or a PDF for the client.

    Example: zizhi ar statement 宁波海天国际贸易有限公司 --period 2026-11 --format pdf -o 对账单-2026-11.pdf
    """
    from zizhi.core.receivables.statement import render_statement

    found = render_statement(desk(ctx), client, start, end, period, format, to_file)
    if isinstance(found, dict):  # --format json: the data, for a script
        output(found, True, echo)
    else:  # the Markdown, or the path of the file written
        echo(found.rstrip("\n"))


@app.command("reconcile")
def reconcile(ctx: typer.Context, period: Period = None,
              mark: Annotated[bool, typer.Option("--mark", help="Mark the month reconciled (finance).")] = False,
              csv: Annotated[bool, typer.Option("--csv", help="CSV (UTF-8 with BOM, for Excel).")] = False,
              json: Json = False) -> None:
    """The month-end reconciliation: per client and in total, opening + new − received + reversed +
    refunded − written off = closing; finance marks the month reconciled, and a later change
    reaching back into it is flagged. The month defaults to the last one over.

    Example: zizhi ar reconcile --period 2026-11 --mark
    """
    from zizhi.core.receivables import periods, reconciliation

    month = period or periods.previous()
    if mark:
        found = reconciliation.mark_reconciled(desk(ctx), month)
    else:
        found = read_shown(ctx, "ar reconcile", "receivable", lambda d: reconciliation.reconcile(d, month),
                           json or csv, period=month)
    if csv and not json:
        _reconcile_csv(found)
    else:
        output(found, json, _reconcile_text)


TEXT_FIGURES = ("opening", "new", "received", "reversed", "refunded", "written_off", "closing")


def _reconcile_rows(report: dict, figures: tuple[str, ...]) -> tuple[list[str], list[list[str]]]:
    from zizhi.core.i18n import t

    heads = [t("col.client"), *(t(f"ar.fig.{f}") for f in figures)]
    lines = [[row["name"], *(money_text(row[f]) for f in figures)] for row in report["rows"]]
    lines.append([t("ar.total_row"), *(money_text(report["totals"][f]) for f in figures)])
    return heads, lines


def _reconcile_text(report: dict) -> None:
    from rich.cells import cell_len

    from zizhi.core.i18n import t

    echo(t("ar.recon_head", period=report["period"], start=report["from"], end=report["to"],
           count=len(report["rows"])))
    echo(t("ar.recon_rule"))
    heads, lines = _reconcile_rows(report, TEXT_FIGURES)
    widths = [max(cell_len(line[i]) for line in [heads, *lines]) for i in range(len(heads))]
    for line in [heads, *lines]:
        cells = [line[0] + " " * (widths[0] - cell_len(line[0]))]
        cells += [" " * (w - cell_len(v)) + v for v, w in zip(line[1:], widths[1:])]
        echo("  ".join(cells).rstrip())
    totals = report["totals"]
    echo(f"{t('ar.fig.closing')} = {t('ar.fig.closing_owed')} {money_text(totals['closing_owed'])} − "
         f"{t('ar.fig.closing_credit')} {money_text(totals['closing_credit'])}; "
         f"{t('ar.fig.due')} {money_text(totals['due'])}")
    if not report["all_clients"]:
        echo(t("ar.recon_mine"))
    _mark_text(report)


def _mark_text(report: dict) -> None:
    from zizhi.core.i18n import t

    mark = report["reconciled"]
    if mark is None:
        echo(t("ar.recon_not_marked", period=report["period"]))
        return
    if not mark["changed"]:
        echo(t("ar.recon_marked", at=mark["at"], by=mark["by"]))
        return
    echo(t("ar.recon_changed", at=mark["at"], by=mark["by"]))
    for figure, (then, now) in mark["differences"].items():
        echo(t("ar.recon_difference", figure=t(f"ar.fig.{figure}"), then=money_text(then), now=money_text(now)))
    for change in mark["changes"]:
        echo(t("ar.recon_change", at=change["at"], kind=t(f"ar.kind.{change['kind']}"), ref=change["ref"],
               client=change["client"], date=change["date"], amount=money_text(change["amount"])))


def _reconcile_csv(report: dict) -> None:
    from zizhi.core.receivables.reconciliation import FIGURES

    csv_out(*_reconcile_rows(report, FIGURES))


def _payment_text(payment: dict) -> None:
    from zizhi.core.i18n import t

    fields({**payment, "amount": money_text(payment["amount"]), "method": t(f"payment_method.{payment['method']}")},
           ["id", "client", "amount", "paid_on", "method", "reference"])
    for item in payment["allocations"]:
        echo(f"  → {item['contract']}:{item['position']}  {money_text(item['amount'])}  {item['on_date']}")
    if payment["reversal"]:
        echo(t("ar.reversed_line", date=payment["reversal"]["on_date"], reason=payment["reversal"]["reason"]))
    elif payment["unused"]:
        echo(t("ar.credit_line", amount=money_text(payment["unused"])))


def _instalment_text(item: dict) -> None:
    money = ("amount", "paid", "written_off")
    fields({**item, "instalment": item["label"], **{k: money_text(item[k]) for k in money}},
           ["instalment", "due_on", *money])


def _payments_text(rows: list[dict]) -> None:
    from zizhi.core.i18n import t

    table([{**row, "amount": money_text(row["amount"]), "method": t(f"payment_method.{row['method']}")} for row in rows],
          ["id", "paid_on", "client", "amount", "method", "reference", "contract", "reversed_on"])


def _balance_text(position: dict) -> None:
    money = ("owed", "overdue", "credit")
    fields({**position, **{k: money_text(position[k]) for k in money}}, ["client", "as_of", *money])
    table([{"instalment": f"{item['contract']}:{item['position']}", "due_on": item["due_on"],
            **{k: money_text(item[k]) for k in ("amount", "paid", "written_off", "owed")}}
           for item in position["instalments"]], ["instalment", "due_on", "amount", "paid", "written_off", "owed"])


def _aging_rows(report: dict) -> tuple[list[str], list[list[str]]]:
    from zizhi.core.i18n import t

    heads = [t("col.client" if report["by"] == "client" else "col.owner"), *map(_bucket_label, report["buckets"]),
             t("col.total")]
    lines = [[row["name"], *(money_text(row["buckets"][b]) for b in report["buckets"]), money_text(row["total"])]
             for row in report["rows"]]
    lines.append([t("ar.total_row"), *(money_text(report["totals"][b]) for b in report["buckets"]),
                  money_text(report["total"])])
    return heads, lines


def _aging_text(report: dict) -> None:
    from rich.cells import cell_len

    from zizhi.core.i18n import t

    echo(t("ar.aging_head", as_of=report["as_of"], count=len(report["rows"])))
    heads, lines = _aging_rows(report)
    widths = [max(cell_len(line[i]) for line in [heads, *lines]) for i in range(len(heads))]
    for line in [heads, *lines]:
        cells = [line[0] + " " * (widths[0] - cell_len(line[0]))]
        cells += [" " * (w - cell_len(v)) + v for v, w in zip(line[1:], widths[1:])]
        echo("  ".join(cells).rstrip())


def _aging_csv(report: dict) -> None:
    csv_out(*_aging_rows(report))


def _bucket_label(name: str) -> str:
    from zizhi.core.receivables.aging import bucket_label

    return bucket_label(name)
