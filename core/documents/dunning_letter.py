"""The formal dunning letter (催款函): what a client owes past its due dates, on which contracts,
what each contract says of late payment, and how to pay.

The letter is read like the books (:mod:`zizhi.core.receivables.standing`): the overdue
instalments at the end of the letter's day, with what each still owes and how many days late it
is. It is addressed to a client (all their overdue contracts) or about one contract. Its wording
is the Chinese template of :mod:`.dunning_letter_markdown`; the PDF lays out the same parts.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access, clock, validation
from zizhi.core.errors import UserError
from zizhi.core.money import format_fen
from zizhi.core.numerals import capital_amount

COLUMNS = ("合同编号", "期次", "到期日", "应付金额", "已付金额", "欠款金额", "逾期天数")


def letter(desk, ref: str, as_of: str | None = None) -> dict:
    """The letter's facts for a client (id, credit code or name) or a contract (its number)."""
    from zizhi.core.clients.records import resolve as resolve_client
    from zizhi.core.pipeline.contract_records import resolve as resolve_contract
    from zizhi.core.receivables.standing import open_debts

    access.require_receivables(desk.user)
    day = validation.date(as_of, "as-of") if as_of else clock.today().isoformat()
    text = str(ref).strip()
    contract = None
    if desk.store.scalar("SELECT 1 FROM contracts WHERE number = ?", [text]):
        contract = resolve_contract(desk, text)
        client = resolve_client(desk, str(contract["client_id"]))
    else:
        client = resolve_client(desk, text)
    debts = [d for d in open_debts(desk, day, client["id"])
             if d["due_on"] < day and (contract is None or d["contract"] == contract["number"])]
    if not debts:
        raise UserError("dunning.nothing_overdue", ref=contract["number"] if contract else client["name"], on=day)
    total = sum(d["owed"] for d in debts)
    config = desk.settings.pricing.dunning
    return {"company": desk.settings.general.company.model_dump(), "date": day, "date_zh": chinese_date(day),
            "client": {k: client.get(k) for k in ("id", "name", "contact", "address")},
            "number": f"催-{(contract or {}).get('number') or client['id']}-{day.replace('-', '')}",
            "contracts": _contracts(desk, debts, day), "total": total, "total_text": format_fen(total),
            "total_in_words": capital_amount(total), "payment_instructions": config.payment_instructions,
            "grace_days": config.letter_grace_days}


def _contracts(desk, debts: list[dict], day: str) -> list[dict]:
    """The overdue instalments grouped by contract, oldest contract first, with its penalty clause."""
    found: dict[str, dict] = {}
    for debt in debts:
        contract = found.get(debt["contract"])
        if contract is None:
            row = desk.store.one("SELECT signed_on, penalty FROM contracts WHERE number = ?", [debt["contract"]])
            contract = found[debt["contract"]] = {"number": debt["contract"], "signed_on": row["signed_on"],
                                                  "penalty": row["penalty"], "instalments": [], "owed": 0}
        late = (dt.date.fromisoformat(day) - dt.date.fromisoformat(debt["due_on"])).days
        contract["instalments"].append({"position": debt["position"], "due_on": debt["due_on"],
                                        "amount": debt["amount"], "paid": debt["amount"] - debt["owed"],
                                        "owed": debt["owed"], "days_overdue": late})
        contract["owed"] += debt["owed"]
    return list(found.values())


def rows(letter_: dict) -> list[list[str]]:
    """The table of overdue instalments, amounts in yuan without the sign (the unit is stated)."""
    return [[contract["number"], f"第 {item['position']} 期", item["due_on"],
             *(format_fen(item[k], symbol=False) for k in ("amount", "paid", "owed")), f"{item['days_overdue']} 天"]
            for contract in letter_["contracts"] for item in contract["instalments"]]


def chinese_date(day: str) -> str:
    """2026-11-27 → 2026年11月27日."""
    d = dt.date.fromisoformat(day)
    return f"{d.year}年{d.month}月{d.day}日"
