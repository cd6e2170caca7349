"""Money received and what undoes it: payments, credit applied, reversals, refunds, write-offs.

Every operation opens its unit of work first and checks inside it (two cashiers recording the
same bank slip at once cannot both fill an instalment). A payment belongs to the client: it fills
their open instalments oldest first — those of one contract when it is named — and what is left
over stays on the client's account as a credit, applied to later instalments with
:func:`apply_credit` or returned with :func:`refund`. Nothing here edits or deletes a ledger
row; an instalment's ``paid`` and ``written_off`` are kept equal to the sums of its live rows.
An entry may be back-dated only as far as keeps every past day's books right (:mod:`.dating`).
"""

from __future__ import annotations

from zizhi.core import access, audit, clock, validation, vocab
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.money import format_fen
from zizhi.core.receivables import dating, invoice_book, positions, reconciled

CASHIERS = ("finance", "admin")


def require_cashier(user: dict) -> None:
    """Money received, reversed or returned is confirmed by finance (or an admin) alone."""
    if user["role"] not in CASHIERS:
        raise Refused("contract.finance_only", role=user["role"])


def record_payment(desk, client_ref: str | int | None, amount: str | int, paid_on: str | None = None,
                   method: str | None = None, reference: str | None = None, note: str | None = None,
                   contract_ref: str | int | None = None) -> dict:
    """Record money received from a client and fill their open instalments oldest first.

    ``contract_ref`` limits the filling to that contract (its client is then the payer); the rest
    of the money, if any, is the client's credit.
    """
    values = payment_values(amount, paid_on, method, reference, note)
    with desk.store.unit_of_work() as db:
        planned = plan_payment(db, desk, client_ref, values, contract_ref)
        payment_id = insert_payment(db, desk, planned)
    return get_payment(desk, payment_id)


def payment_values(amount: str | int, paid_on: str | None = None, method: str | None = None,
                   reference: str | None = None, note: str | None = None) -> dict:
    """A payment's own values from what a person typed or a file's row held, checked: an amount
    above nothing, a known method (bank transfer unless named), a day that has come (today unless
    named), the bank slip's reference and a note."""
    fen = amount_given(amount)
    method = vocab.choose("payment_method", method, "method") or "bank_transfer"
    reference, note = _note(reference, "reference"), _note(note, "note")
    return {"amount": fen, "method": method, "reference": reference, "note": note,
            "paid_on": validation.happened(paid_on, "paid-on")}


def plan_payment(db, desk, client_ref: str | int | None, values: dict, contract_ref: str | int | None = None) -> dict:
    """Inside the caller's unit of work, everything a payment of :func:`payment_values` must meet
    before it is written: finance records it, the payer (and the contract, theirs and taking money
    on that day), the client's books in date order, one bank slip once. :func:`insert_payment`
    writes what this returns."""
    require_cashier(desk.user)
    client, contract = _payer(desk, client_ref, contract_ref)
    if contract is not None:
        _check_contract_takes(contract, values["paid_on"])
    dating.require_money_in_order(db, client["id"], client["name"], values["paid_on"], "paid-on")
    if values["reference"]:
        _refuse_same_slip(db, client, values["reference"])
    return {**values, "client": client, "contract": contract}


def insert_payment(db, desk, planned: dict) -> int:
    """Write a planned payment (:func:`plan_payment`) inside the caller's unit of work: the payment,
    what it fills of the client's open instalments (oldest due first; one contract's when named),
    and its audit row with where the money went and the credit left."""
    client, contract, fen, paid_on = planned["client"], planned["contract"], planned["amount"], planned["paid_on"]
    payment_id = db.execute(
        """INSERT INTO payments (client_id, contract_id, amount, paid_on, method, reference, user_id, at, note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [client["id"], contract and contract["id"], fen, paid_on, planned["method"], planned["reference"],
         desk.user["id"], clock.stamp(), planned["note"]]).lastrowid
    open_items = positions.open_instalments(db, client["id"], contract and contract["id"], paid_on)
    applied = _allocate(db, desk, payment_id, fen, open_items, paid_on)
    credit = positions.credit(db, client["id"])
    audit.record(db, desk.user, "payment.record", "payment", payment_id, client_id=client["id"],
                 contract_id=contract and contract["id"], amount=fen, paid_on=paid_on, method=planned["method"],
                 reference=planned["reference"], allocations=applied, credit=credit,
                 allowed_after_ending=contract and contract["payments_allowed_at"], **reconciled.flag(db, paid_on))
    return payment_id


def slip_on_file(db, client_id: int, reference: str, fen: int, paid_on: str) -> int | None:
    """The payment already recorded from the client's bank slip ``reference`` for ``fen`` on
    ``paid_on`` (reversed since, too), or None: a file imported again names it, and it is left
    as it is — the same slip for another amount or day is refused by :func:`plan_payment`."""
    found = db.execute("SELECT id FROM payments WHERE client_id = ? AND reference = ? AND amount = ? AND paid_on = ? "
                       "ORDER BY id LIMIT 1", [client_id, reference, fen, paid_on]).fetchone()
    return found[0] if found else None


def apply_credit(desk, client_ref: str | int, on_date: str | None = None,
                 contract_ref: str | int | None = None) -> dict:
    """Use the client's credit (overpayments not yet used or returned) for their open instalments."""
    on_date = validation.happened(on_date, "date")
    with desk.store.unit_of_work() as db:
        require_cashier(desk.user)
        client, contract = _payer(desk, client_ref, contract_ref)
        dating.require_credit_in_order(db, client["id"], client["name"], on_date, "date")
        available = positions.credit(db, client["id"])
        if available <= 0:
            raise UserError("ar.no_credit", client=client["name"])
        open_items = positions.open_instalments(db, client["id"], contract and contract["id"], on_date)
        if not open_items:
            raise UserError("ar.nothing_owed", client=client["name"], credit=format_fen(available))
        applied = []
        for payment_id, left in positions.unused_payments(db, client["id"]):
            applied += _allocate(db, desk, payment_id, left, open_items, on_date)
            open_items = [item for item in open_items if item["amount"] - item["paid"] - item["written_off"] > 0]
            if not open_items:
                break
        audit.record(db, desk.user, "payment.apply_credit", "client", client["id"], on=on_date,
                     allocations=applied, credit=positions.credit(db, client["id"]), **reconciled.flag(db, on_date))
    return balance(desk, str(client["id"]))


def reverse_payment(desk, payment_ref: str | int, reason: str, on_date: str | None = None) -> dict:
    """Undo a mistaken payment: it no longer pays anything from ``on_date``; the row stays."""
    reason = reason_given(reason)
    on_date = validation.happened(on_date, "date")
    with desk.store.unit_of_work() as db:
        require_cashier(desk.user)
        payment = _payment(desk, db, payment_ref)
        if payment["reversal"]:
            raise UserError("ar.already_reversed", id=payment["id"], date=payment["reversal"]["on_date"],
                            reason=payment["reversal"]["reason"])
        invoice_book.refuse_reversing_invoiced(db, payment)
        if on_date < payment["paid_on"]:
            raise InputError("ar.reversed_before_paid", field="date", value=on_date, id=payment["id"],
                             paid_on=payment["paid_on"])
        dating.require_credit_in_order(db, payment["client_id"], payment["client"], on_date, "date")
        unused = payment["amount"] - sum(a["amount"] for a in payment["allocations"])
        credit = positions.credit(db, payment["client_id"])
        if unused > credit:
            raise UserError("ar.credit_refunded", id=payment["id"], unused=format_fen(unused),
                            credit=format_fen(credit))
        db.execute("INSERT INTO reversals (payment_id, on_date, reason, user_id, at) VALUES (?, ?, ?, ?, ?)",
                   [payment["id"], on_date, reason, desk.user["id"], clock.stamp()])
        for instalment_id in {a["instalment_id"] for a in payment["allocations"]}:
            positions.resum(db, instalment_id)
        audit.record(db, desk.user, "payment.reverse", "payment", payment["id"], on=on_date, reason=reason,
                     amount=payment["amount"], allocations=[[f"{a['contract']}:{a['position']}", a["amount"]]
                                                            for a in payment["allocations"]],
                     **reconciled.flag(db, on_date))
    return get_payment(desk, payment["id"])


def refund(desk, client_ref: str | int, amount: str | int, reason: str, on_date: str | None = None,
           method: str | None = None, reference: str | None = None) -> dict:
    """Return money to a client out of their credit; never more than the credit."""
    fen = amount_given(amount)
    reason = reason_given(reason)
    on_date = validation.happened(on_date, "date")
    method = vocab.choose("payment_method", method, "method") or "bank_transfer"
    reference = _note(reference, "reference")
    with desk.store.unit_of_work() as db:
        require_cashier(desk.user)
        client, _ = _payer(desk, client_ref, None)
        dating.require_credit_in_order(db, client["id"], client["name"], on_date, "date")
        credit = positions.credit(db, client["id"])
        if fen > credit:
            raise UserError("ar.refund_beyond_credit", client=client["name"], amount=format_fen(fen),
                            credit=format_fen(credit))
        invoice_book.refuse_refunding_invoiced(db, client, fen)
        refund_id = db.execute(
            """INSERT INTO refunds (client_id, amount, on_date, method, reference, reason, user_id, at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [client["id"], fen, on_date, method, reference, reason, desk.user["id"], clock.stamp()]).lastrowid
        audit.record(db, desk.user, "payment.refund", "client", client["id"], refund=refund_id, amount=fen,
                     on=on_date, reason=reason, **reconciled.flag(db, on_date))
    return balance(desk, str(client["id"]))


def write_off(desk, instalment_ref: str, reason: str, amount: str | int | None = None,
              on_date: str | None = None) -> dict:
    """A manager gives up what is owed on an instalment (all of it unless ``amount``), saying why."""
    reason = reason_given(reason)
    fen = amount_given(amount) if amount is not None else None
    on_date = validation.happened(on_date, "date")
    with desk.store.unit_of_work() as db:
        if not access.is_manager(desk.user):
            raise Refused("ar.write_off_managers_only", role=desk.user["role"])
        item = positions.find_instalment(desk, instalment_ref)
        owed = item["amount"] - item["paid"] - item["written_off"]
        fen = owed if fen is None else fen
        if owed <= 0:
            raise UserError("ar.nothing_to_write_off", instalment=item["label"])
        if fen > owed:
            raise UserError("ar.write_off_beyond_owed", instalment=item["label"], amount=format_fen(fen),
                            owed=format_fen(owed))
        client_id, client_name = db.execute(
            """SELECT c.id, c.name FROM contracts k JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = d.client_id
               WHERE k.id = ?""", [item["contract_id"]]).fetchone()
        dating.require_money_in_order(db, client_id, client_name, on_date, "date")
        db.execute("INSERT INTO write_offs (instalment_id, amount, on_date, reason, user_id, at) VALUES (?, ?, ?, ?, ?, ?)",
                   [item["id"], fen, on_date, reason, desk.user["id"], clock.stamp()])
        positions.resum(db, item["id"])
        audit.record(db, desk.user, "instalment.write_off", "contract", item["contract_id"], instalment=item["id"],
                     position=item["position"], amount=fen, on=on_date, reason=reason, **reconciled.flag(db, on_date))
    return positions.find_instalment(desk, instalment_ref)


def get_payment(desk, payment_ref: str | int) -> dict:
    """One payment as recorded: where it went, what is left of it as credit, whether reversed."""
    with positions.reading(desk) as conn:
        return _payment(desk, conn, payment_ref)


def balance(desk, client_ref: str | int, as_of: str | None = None) -> dict:
    """What the client owes (due and not yet due), their credit, and their payments."""
    from zizhi.core.clients.records import resolve

    access.require_receivables(desk.user)
    client = resolve(desk, str(client_ref))
    as_of = validation.date(as_of, "as-of") if as_of else clock.today().isoformat()
    with positions.reading(desk) as conn:
        return positions.client_position(conn, client, as_of)


def list_payments(desk, client_ref: str | int | None = None, limit: int = 50) -> list[dict]:
    """The latest payments of the clients the user may see (one client's when named)."""
    access.require_receivables(desk.user)
    cond, params = access.visible(desk.user, "c")
    if client_ref is not None:
        from zizhi.core.clients.records import resolve

        cond += " AND c.id = ?"
        params = [*params, resolve(desk, str(client_ref))["id"]]
    return desk.store.rows(
        f"""SELECT p.id, p.paid_on, c.name AS client, p.amount, p.method, p.reference, k.number AS contract,
                   r.on_date AS reversed_on, u.login AS user
            FROM payments p JOIN clients c ON c.id = p.client_id JOIN users u ON u.id = p.user_id
            LEFT JOIN contracts k ON k.id = p.contract_id LEFT JOIN reversals r ON r.payment_id = p.id
            WHERE {cond} ORDER BY p.paid_on DESC, p.id DESC LIMIT ?""", [*params, limit])


def _allocate(db, desk, payment_id: int, fen: int, open_items: list[dict], on_date: str) -> list[list]:
    """Fill ``open_items`` in order from ``fen`` of payment ``payment_id``; returns [instalment, amount]s."""
    applied = []
    for item in open_items:
        take = min(fen, item["amount"] - item["paid"] - item["written_off"])
        if take <= 0:
            continue
        db.execute("""INSERT INTO allocations (payment_id, instalment_id, amount, on_date, user_id, at)
                      VALUES (?, ?, ?, ?, ?, ?)""", [payment_id, item["id"], take, on_date, desk.user["id"], clock.stamp()])
        db.execute("UPDATE instalments SET paid = paid + ?, paid_on = ? WHERE id = ?", [take, on_date, item["id"]])
        item["paid"] += take
        applied.append([item["label"], take])
        fen -= take
        if not fen:
            break
    return applied


def _payer(desk, client_ref, contract_ref) -> tuple[dict, dict | None]:
    """The paying client and the named contract (which must be theirs), both visible to the user."""
    from zizhi.core.clients.records import resolve
    from zizhi.core.pipeline.contract_records import resolve as resolve_contract

    contract = resolve_contract(desk, contract_ref) if contract_ref is not None else None
    if client_ref is None:
        if contract is None:
            raise InputError("ar.client_or_contract", field="client", value="")
        client = resolve(desk, str(contract["client_id"]))
    else:
        client = resolve(desk, str(client_ref))
    if contract is not None and contract["client_id"] != client["id"]:
        raise UserError("ar.contract_of_other_client", number=contract["number"], client=client["name"])
    return client, contract


def _refuse_same_slip(db, client: dict, reference: str) -> None:
    """One bank slip is one payment: two clerks entering the same receipt must not both count it."""
    found = db.execute("""SELECT p.id, p.paid_on, p.amount FROM payments p WHERE p.client_id = ? AND p.reference = ?
                          AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.payment_id = p.id)""",
                       [client["id"], reference]).fetchone()
    if found:
        raise UserError("ar.duplicate_reference", reference=reference, client=client["name"], id=found[0],
                        date=found[1], amount=format_fen(found[2]))


def _check_contract_takes(contract: dict, paid_on: str) -> None:
    from zizhi.core.pipeline import endings

    if not contract["signed_on"]:
        raise UserError("contract.pay_unsigned", number=contract["number"], id=contract["id"])
    endings.require_payable(contract)
    if paid_on < contract["signed_on"]:
        raise InputError("contract.paid_before_signing", field="paid-on", value=paid_on,
                         number=contract["number"], signed=contract["signed_on"])


def _payment(desk, db, ref: str | int) -> dict:
    payment_id = validation.whole_in(str(ref), "payment", 1, 2**62)
    found = positions.payment(db, payment_id)
    if found is None or not access.can_see(desk.user, {"owner_id": found["owner_id"]}):
        raise NotFound("ar.payment_not_found", ref=str(ref))
    return found


def amount_given(value: str | int) -> int:
    """An amount typed for a ledger entry (or an invoice): yuan to whole fen, more than nothing."""
    from zizhi.core.pipeline.schedules import positive_amount

    return positive_amount(value, "amount")


def reason_given(text: str) -> str:
    """The reason a reversal, refund, write-off or voided invoice keeps in the books: required."""
    reason = (validation.text(text, "reason", multiline=True) or "").strip()
    if not reason:
        raise InputError("ar.reason_required", field="reason", value="")
    return reason


def _note(text: str | None, field: str) -> str | None:
    return (validation.text(text, field, multiline=field == "note") or "").strip() or None
