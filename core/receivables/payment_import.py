"""Importing payments received — the bank's statement of a month, or finance's own list of slips —
all of it or none (the run itself: :mod:`core.exchange.importer`).

Each row names its client (by credit code, else by name: :mod:`core.clients.named`), the amount
in yuan (``12,800.00``, ``12800``; a workbook's number only when it is exact to the fen), the day
it arrived and the bank slip's number (流水号), perhaps a contract, and is recorded by the rules
of ``zizhi ar pay`` (:func:`ledger.payment_values`, :func:`ledger.plan_payment`,
:func:`ledger.insert_payment`): only finance (or an admin) records money; it fills the client's
open instalments oldest due first (that contract's, when named) and the rest is credit; not
dated before its contract was signed; one bank slip once.

The slip is what makes a row the same payment again, so an imported row must carry it, and its
day: a row whose slip is already recorded for that client with the same amount and day is left
(importing the same file twice changes nothing); the same slip with another amount or day is
refused, as at the desk.
"""

from __future__ import annotations

from typing import Callable

from zizhi.core.clients import named
from zizhi.core.errors import InputError, ZizhiError
from zizhi.core.exchange import importer
from zizhi.core.exchange.columns import Columns
from zizhi.core.exchange.source import Table
from zizhi.core.exchange.workbook import digits_lost
from zizhi.core.receivables import ledger

PAYMENT_HEADERS: dict[str, tuple[str, ...]] = {
    "client": ("客户", "客户名称", "公司名称", "付款单位", "付款方", "付款人", "名称", "company", "name", "payer"),
    "credit_code": ("统一社会信用代码", "信用代码", "credit code"),
    "amount": ("金额（元）", "金额", "到账金额", "收款金额", "付款金额"),
    "paid_on": ("到账日期", "收款日期", "付款日期", "日期", "date", "paid on"),
    "reference": ("流水号", "银行流水号", "交易流水号", "回单号", "参考号", "slip"),
    "contract": ("合同编号", "合同号", "合同"),
    "method": ("付款方式", "收款方式", "方式"),
    "note": ("备注", "摘要", "说明", "notes"),
}
# a refusal of the ledger's → the column it is about, when its own field does not say
_CLIENT = ("client.not_found", "client.ambiguous")
_ABOUT = {"ar.duplicate_reference": "reference", "contract.not_found": "contract", "contract.pay_unsigned": "contract",
          "contract.pay_deal_ended": "contract", "ar.contract_of_other_client": "contract"}
# each of a row's own values, checked alone (the others given as anything the ledger accepts)
_ALONE = {"amount": lambda v: ledger.payment_values(v), "paid_on": lambda v: ledger.payment_values("1", paid_on=v),
          "method": lambda v: ledger.payment_values("1", method=v),
          "reference": lambda v: ledger.payment_values("1", reference=v),
          "note": lambda v: ledger.payment_values("1", note=v)}


def import_payments(desk, table: Table, *, given: list[str] = (), dry_run: bool = False,
                    skip_invalid: bool = False, progress: Callable[[int], None] | None = None) -> dict:
    """Import ``table``'s rows as payments received; returns the report (counts, and ``errors``)."""
    columns = Columns(PAYMENT_HEADERS, {}, list(given))
    return importer.run(desk, table, columns, _Payments(), dry_run=dry_run, skip_invalid=skip_invalid,
                        progress=progress)


class _Payments:
    action, entity = "payment.import", "payment"

    def begin(self, desk, db, report: dict) -> None:
        ledger.require_cashier(desk.user)
        self.desk, self.db, self.clients = desk, db, set()

    def take(self, fields: dict[str, str], writing: bool) -> str:
        client = named.find(self.desk, self.db, fields)
        _require(fields)
        values = ledger.payment_values(fields["amount"], fields["paid_on"], fields.get("method"),
                                       fields["reference"], fields.get("note"))
        if ledger.slip_on_file(self.db, client["id"], values["reference"], values["amount"], values["paid_on"]):
            return "unchanged"
        planned = ledger.plan_payment(self.db, self.desk, str(client["id"]), values, fields.get("contract"))
        if writing:
            ledger.insert_payment(self.db, self.desk, planned)
            self.clients.add(client["id"])
        return "created"

    def problems(self, fields: dict[str, str], refused: ZizhiError) -> list[tuple[str | None, ZizhiError]]:
        """Every bad or missing value of the row; else the one refusal and the column it is about."""
        if refused.key in _CLIENT:
            return [(named.column(fields), refused)]
        found = _missing(fields)
        for field, check in _ALONE.items():
            if field in fields:
                try:
                    check(fields[field])
                except ZizhiError as exc:
                    found.append((field, exc))
        return found or [(_ABOUT.get(refused.key) or str(refused.params.get("field") or "").replace("-", "_")
                          or None, refused)]

    def finish(self) -> dict:
        return {"clients": len(self.clients)}


def _require(fields: dict[str, str]) -> None:
    for _, refusal in _missing(fields):
        raise refusal


def _missing(fields: dict[str, str]) -> list[tuple[str | None, ZizhiError]]:
    """The values an imported payment cannot go without: the amount, and the slip's day and number
    (what finds it again when the file is imported twice)."""
    found = []
    if "amount" not in fields:
        found.append(("amount", InputError("input.required", field="amount")))
    if "paid_on" not in fields:
        found.append(("paid_on", InputError("exchange.payment_date_required", field="paid-on")))
    if "reference" not in fields:
        found.append(("reference", InputError("exchange.payment_reference_required", field="reference")))
    elif digits_lost(fields["reference"]):  # the slip typed as a number: Excel kept 15 of its digits
        found.append(("reference", InputError("exchange.digits_lost", field="reference", value=fields["reference"])))
    return found
