"""`zizhi import clients|interactions|deals|payments FILE` — a file from Excel or a script, all of it or none (issue 11)."""

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Callable, Iterator, Optional

import typer

from zizhi.commands.common import Json, Opt, desk, echo, output, warn

app = typer.Typer(help="Import records from a file: CSV/TSV (UTF-8 or GBK, as Excel saves it), an Excel workbook, JSON or JSONL.",
                  no_args_is_help=True)

# Rows were refused (EX_DATAERR): each is a line on stderr; without --skip-invalid nothing was written.
REJECTED = 65


File = Annotated[str, typer.Argument(metavar="FILE", help="The file (CSV, TSV, XLSX, JSON, JSONL), or - for standard input.")]
Format = Annotated[Opt, typer.Option("--format", help="csv, tsv, xlsx, json or jsonl (default: from the name).")]
Encoding = Annotated[Opt, typer.Option(
    "--encoding", help="The file's encoding (default: UTF-8, else GBK/GB18030, checked).")]
Given = Annotated[Optional[list[str]], typer.Option(
    "--map", help="HEADER=FIELD for a column Zizhi does not know; HEADER=- leaves it out.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Check everything and say what would happen; write nothing.")]
SkipInvalid = Annotated[bool, typer.Option(
    "--skip-invalid", help="Import the good rows; write the refused ones, with why, to an errors file.")]
Errors = Annotated[Optional[Path], typer.Option(
    "--errors", help="Where --skip-invalid writes the refused rows (default: FILE.errors.csv beside it).")]


@app.command("clients")
def clients(ctx: typer.Context, file: File, fmt: Format = None, encoding: Encoding = None, given: Given = None,
            dry_run: DryRun = False, skip_invalid: SkipInvalid = False, errors: Errors = None,
            update: Annotated[bool, typer.Option(
                "--update", help="Update the clients a row matches (only the file's columns), instead of leaving them.")] = False,
            json: Json = False) -> None:
    """Import clients: every row checked as if typed in the app; one bad row and nothing is written.

    A row is the client already on file with the same credit code, else the same company name
    (全角/半角, spaces and 有限责任公司/有限公司 alike): left as it is (or updated with --update),
    so importing the same file again changes nothing. Headers in English or Chinese (公司名称,
    统一社会信用代码, 联系人, 电话, 负责人 …); 规模/紧急程度/渠道 in Chinese or English.

    Example: zizhi import clients 展会线索.csv --dry-run
    """
    from zizhi.core.clients.importing import import_clients

    _import(ctx, file, fmt, encoding, skip_invalid, errors, json,
            lambda d, table, progress: import_clients(d, table, given=given or [], dry_run=dry_run,
                                                      skip_invalid=skip_invalid, update=update, progress=progress))


@app.command("interactions")
def interactions(ctx: typer.Context, file: File, fmt: Format = None, encoding: Encoding = None, given: Given = None,
                 dry_run: DryRun = False, skip_invalid: SkipInvalid = False, errors: Errors = None,
                 json: Json = False) -> None:
    """Import contacts into the communication log, logged by you; one bad row and nothing is written.

    Each row names its client (客户 or 统一社会信用代码) and says when (时间), how (方式: 电话, 邮件,
    拜访 …) and what (摘要), perhaps with the next step (下一步) and its date (下次跟进日期). An
    entry already logged is left, so importing the same file again changes nothing.

    Example: zizhi import interactions 拜访记录.xlsx
    """
    from zizhi.core.clients.log_import import import_interactions

    _import(ctx, file, fmt, encoding, skip_invalid, errors, json,
            lambda d, table, progress: import_interactions(d, table, given=given or [], dry_run=dry_run,
                                                           skip_invalid=skip_invalid, progress=progress))


@app.command("deals")
def deals(ctx: typer.Context, file: File, fmt: Format = None, encoding: Encoding = None, given: Given = None,
          dry_run: DryRun = False, skip_invalid: SkipInvalid = False, errors: Errors = None,
          json: Json = False) -> None:
    """Import deals, each opened as `deal new` opens one; one bad row and nothing is written.

    Each row names its client (客户 or 统一社会信用代码) and its qualifications (资质: catalogue
    codes, CODE*2 for two, separated by ; , or 、), perhaps a title (商机名称), value (金额), owner
    (负责人), expected close (预计成交日期), channel (渠道) and stage (阶段: 需求评估, proposal …),
    reached through the same gates as `deal move` — a row whose gate is not met is refused with
    what is missing. An open deal of the same client, title and qualifications is the same deal:
    left, or moved on to a later stage; so importing the same file again changes nothing.

    Example: zizhi import deals 商机.xlsx --dry-run
    """
    from zizhi.core.pipeline.deal_import import import_deals

    _import(ctx, file, fmt, encoding, skip_invalid, errors, json,
            lambda d, table, progress: import_deals(d, table, given=given or [], dry_run=dry_run,
                                                    skip_invalid=skip_invalid, progress=progress))


@app.command("payments")
def payments(ctx: typer.Context, file: File, fmt: Format = None, encoding: Encoding = None, given: Given = None,
             dry_run: DryRun = False, skip_invalid: SkipInvalid = False, errors: Errors = None,
             json: Json = False) -> None:
    """Import payments received, each recorded as `ar pay` records one (finance); all of it or none.

    Each row names its client (客户 or 统一社会信用代码), the amount in yuan (金额: 12,800.00), the
    day it arrived (到账日期) and the bank slip's number (流水号), perhaps a contract (合同编号),
    method (付款方式) and note (备注). The money fills the client's oldest open instalments first
    (that contract's, when named); the rest is credit. A slip already recorded for the client with
    the same amount and day is left, so importing the same file again changes nothing; the same
    slip with another amount is refused.

    Example: zizhi import payments 银行流水.csv --dry-run
    """
    from zizhi.core.receivables.payment_import import import_payments

    _import(ctx, file, fmt, encoding, skip_invalid, errors, json,
            lambda d, table, progress: import_payments(d, table, given=given or [], dry_run=dry_run,
                                                       skip_invalid=skip_invalid, progress=progress))


def _import(ctx: typer.Context, file: str, fmt: Opt, encoding: Opt, skip_invalid: bool, errors: Optional[Path],
            json: bool, importing) -> None:
    from zizhi.core.exchange import rejects
    from zizhi.core.exchange.source import open_table

    d = desk(ctx)
    if errors is not None and not skip_invalid:  # else silently unused: the refused rows go nowhere
        from typer._click import exceptions as click_errors

        from zizhi.core.i18n import t

        raise click_errors.UsageError(t("import.errors_needs_skip"), ctx)
    with open_table(file, fmt, encoding) as table, _progress(table) as progress:
        report = rejects.keeping(table, skip_invalid, errors, lambda: importing(d, table, progress))
    if json:
        output({**report, "errors": [{k: v for k, v in e.items() if k != "cells"} for e in report["errors"]]},
               True, None)
    else:
        _say(report, skip_invalid)
    if report["rejected"]:
        raise typer.Exit(REJECTED)


LARGE = 5000  # rows: below this an import is over before a progress bar would help


@contextmanager
def _progress(table) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr (rows, rate, time left) for a large file read at a terminal; at
    cron or in a pipe, nothing."""
    total = (table.lines or 0) - 1
    if total < LARGE or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:,.0f}/s" if task.speed else "", style="progress.data.speed")

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(table.name, total=total)
        yield lambda rows: bar.update(task, completed=rows)


def _say(report: dict, skip_invalid: bool) -> None:
    from zizhi.core.i18n import t

    for note in report["notes"]:
        warn(f"{report['file']}:{note['line']}: {note['note']}")
    for error in report["errors"]:
        where = f"{report['file']}:{error['line']}" + (f": {error['column']}" if error["column"] else "")
        warn(f"{where}: {error['reason']}")
    key = "import.dry_run" if report["dry_run"] else "import.done" if report["written"] else "import.nothing"
    kind = report["format"].upper()  # a workbook has no encoding to name: "(XLSX)"
    kind = t("import.kind", format=kind, encoding=report["encoding"]) if report["encoding"] else kind
    if not report["rows"]:
        key = "import.no_rows"
    echo(t(key, **{k: report[k] for k in ("file", "rows", "created", "updated", "unchanged", "rejected")}, kind=kind))
    if report.get("errors_file"):
        echo(t("exchange.errors_file", file=report["errors_file"], count=report["rejected"]))
    elif report["rejected"] and not skip_invalid and not report["dry_run"]:
        warn(t("import.mend_or_skip", count=report["rejected"]))
