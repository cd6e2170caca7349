"""Invoices (发票): issued by finance once payment is confirmed; voided (作废) within the month they
were issued, or reversed by a red-letter invoice (红字发票) — never edited or deleted.

An invoice covers payments: named ones, or the client's oldest payments not yet invoiced. It can
never exceed what the client paid (live payments, less refunds) and has not yet had invoiced —
unless ``pricing.toml [invoices] invoice_in_advance`` lets finance invoice ahead of payment, and
then only up to what the client's signed contracts still ask. The buyer's tax details are written
on the invoice as issued: a later change to the client record does not rewrite an invoice.

Because an invoice stands for money received, a payment on a live invoice is not reversed and
invoiced money is not refunded until the invoice is voided or red-lettered (the ledger asks :mod:`.invoice_book` inside its own unit of work).
"""

from __future__ import annotations

from zizhi.core import access, audit, clock, validation, vocab
from zizhi.core.errors import InputError, NotFound, UserError
from zizhi.core.money import format_fen
from zizhi.core.numbering import next_number
from zizhi.core.receivables import invoice_book, positions
from zizhi.core.receivables.ledger import amount_given, reason_given, require_cashier

# The buyer's details a special invoice must carry, and the option that gives each.
SPECIAL_DETAILS = {"address_phone": "address-phone", "bank": "bank", "bank_account": "account"}


def issue_invoice(desk, client_ref: str | int, payments: list | tuple = (), amount: str | int | None = None,
                  kind: str | None = None, on_date: str | None = None, address_phone: str | None = None,
                  bank: str | None = None, bank_account: str | None = None) -> dict:
    """Invoice what the client paid: the named payments, else their oldest not yet invoiced, for
    ``amount`` (default: all of it) — normal (普通发票) unless ``kind`` says special (专用发票)."""
    kind = vocab.choose("invoice_type", kind, "type") or "normal"
    fen = amount_given(amount) if amount is not None else None
    on_date = validation.happened(on_date, "on")
    given = {"address_phone": _line(address_phone, "address-phone"), "bank": _line(bank, "bank"),
             "bank_account": _line(bank_account, "account")}
    named = [validation.whole_in(str(ref), "payment", 1, 2**62) for ref in payments]
    with desk.store.unit_of_work() as db:
        require_cashier(desk.user)
        client = _client(desk, client_ref)
        buyer = _buyer(db, client, kind, given)
        coverable = _coverable(db, desk, client, named, on_date) if named else \
            invoice_book.uninvoiced_payments(db, client["id"], on_date)
        available = min(sum(p["left"] for p in coverable), invoice_book.room(db, client["id"], on_date))
        fen = _within_policy(desk, db, client, fen, available, bool(named), on_date)
        links = _links(coverable, min(fen, available))
        invoice_id = _insert(desk, db, {"client_id": client["id"], "type": kind, "on_date": on_date, "amount": fen,
                                        **buyer}, links)
        audit.record(db, desk.user, "invoice.issue", "invoice", invoice_id, client_id=client["id"], type=kind,
                     on=on_date, amount=fen, payments=[[p, a] for p, a in links],
                     ahead_of_payment=fen - sum(a for _, a in links))
    return get_invoice(desk, invoice_id)


def void_invoice(desk, invoice_ref: str | int, reason: str, on_date: str | None = None) -> dict:
    """Void (作废) an invoice within the month it was issued; it stays on record, counting nothing."""
    reason = reason_given(reason)
    on_date = validation.happened(on_date, "date")
    with desk.store.unit_of_work() as db:
        require_cashier(desk.user)
        found = _invoice(desk, db, invoice_ref)
        _refuse_settled(found, on_date)
        if on_date[:7] != found["on_date"][:7]:
            raise UserError("invoice.void_other_month", number=found["number"], month=found["on_date"][:7])
        db.execute("INSERT INTO invoice_voids (invoice_id, on_date, reason, user_id, at) VALUES (?, ?, ?, ?, ?)",
                   [found["id"], on_date, reason, desk.user["id"], clock.stamp()])
        audit.record(db, desk.user, "invoice.void", "invoice", found["id"], number=found["number"], on=on_date,
                     reason=reason, amount=found["amount"])
    return get_invoice(desk, found["id"])


def red_letter(desk, invoice_ref: str | int, reason: str, on_date: str | None = None) -> dict:
    """Reverse an invoice by a red-letter invoice (红字发票): a negative invoice of its own number,
    naming the original and covering the same payments negatively. Returns the red-letter invoice."""
    reason = reason_given(reason)
    on_date = validation.happened(on_date, "date")
    with desk.store.unit_of_work() as db:
        require_cashier(desk.user)
        found = _invoice(desk, db, invoice_ref)
        _refuse_settled(found, on_date)
        copied = ("client_id", "type", "buyer", "tax_id", "address_phone", "bank", "bank_account")
        red_id = _insert(desk, db, {**{k: found[k] for k in copied}, "on_date": on_date, "amount": -found["amount"],
                                    "reverses_id": found["id"], "reason": reason},
                         [(link["payment_id"], -link["amount"]) for link in found["payments"]])
        audit.record(db, desk.user, "invoice.red_letter", "invoice", red_id, reverses=found["number"], on=on_date,
                     reason=reason, amount=-found["amount"])
    return get_invoice(desk, red_id)


def get_invoice(desk, invoice_ref: str | int) -> dict:
    """One invoice by number or id, as the user may see it (their own clients', for sales)."""
    access.require_receivables(desk.user)
    with positions.reading(desk) as conn:
        return _invoice(desk, conn, invoice_ref)


def list_invoices(desk, client_ref: str | int | None = None, limit: int = 50) -> list[dict]:
    """The latest invoices of the clients the user may see (one client's when named), newest first."""
    access.require_receivables(desk.user)
    condition, params = access.visible(desk.user, "c")
    if client_ref is not None:
        condition += " AND c.id = ?"
        params = [*params, _client(desk, client_ref)["id"]]
    with positions.reading(desk) as conn:
        return invoice_book.listing(conn, condition, params, limit)


def _within_policy(desk, db, client: dict, fen: int | None, available: int, named: bool, on_date: str) -> int:
    """The amount to invoice: all that is available by default, more only ahead of payment when allowed."""
    if fen is None:
        if available <= 0:
            raise UserError("invoice.nothing_to_invoice", client=client["name"], date=on_date)
        return available
    if fen <= available:
        return fen
    if named or not desk.settings.pricing.invoices.invoice_in_advance:
        raise UserError("invoice.beyond_paid", client=client["name"], amount=format_fen(fen),
                        available=format_fen(max(available, 0)))
    owed = positions.client_position(db, client, clock.today().isoformat())["owed"]
    limit = invoice_book.room(db, client["id"], on_date) + owed
    if fen > limit:
        raise UserError("invoice.beyond_owed", client=client["name"], amount=format_fen(fen),
                        available=format_fen(max(limit, 0)))
    return fen


def _coverable(db, desk, client: dict, named: list[int], on_date: str) -> list[dict]:
    """The named payments, each the client's, live, received by ``on_date`` and not invoiced in full."""
    found = []
    for payment_id in dict.fromkeys(named):
        payment = positions.payment(db, payment_id)
        if payment is None or not access.can_see(desk.user, {"owner_id": payment["owner_id"]}):
            raise NotFound("ar.payment_not_found", ref=str(payment_id))
        if payment["client_id"] != client["id"]:
            raise UserError("invoice.payment_of_other_client", id=payment_id, client=client["name"])
        if payment["reversal"]:
            raise UserError("invoice.payment_reversed", id=payment_id, date=payment["reversal"]["on_date"])
        if payment["paid_on"] > on_date:
            raise UserError("invoice.payment_after", id=payment_id, paid_on=payment["paid_on"], date=on_date)
        left = invoice_book.payment_left(db, payment_id)
        if left <= 0:
            raise UserError("invoice.payment_fully_invoiced", id=payment_id,
                            numbers=", ".join(invoice_book.invoices_of_payment(db, payment_id)))
        found.append({"id": payment_id, "left": left})
    return found


def _links(coverable: list[dict], fen: int) -> list[tuple[int, int]]:
    """(payment, amount) covered, taking each payment's uninvoiced amount in order until ``fen``."""
    links = []
    for payment in coverable:
        take = min(fen, payment["left"])
        if take > 0:
            links.append((payment["id"], take))
            fen -= take
    return links


def _buyer(db, client: dict, kind: str, given: dict) -> dict:
    """The buyer's tax details: the client's name and credit code (纳税人识别号); address and phone,
    bank and account as given, else as the client's last invoice carried them, else the record's."""
    if not client.get("credit_code"):
        raise UserError("invoice.no_tax_id", client=client["name"])
    remembered = invoice_book.last_bank_details(db, client["id"])
    on_record = " ".join(filter(None, (client.get("address"), client.get("phone")))) or None
    details = {name: given[name] or remembered.get(name) for name in SPECIAL_DETAILS}
    details["address_phone"] = details["address_phone"] or on_record
    if kind == "special":
        for name, option in SPECIAL_DETAILS.items():
            if not details[name]:
                raise InputError("invoice.special_needs", field=option, value="", client=client["name"])
    return {"buyer": client["name"], "tax_id": client["credit_code"], **details}


def _insert(desk, db, values: dict, links: list[tuple[int, int]]) -> int:
    year = int(values["on_date"][:4])
    seq, number = next_number(db, "invoices", desk.settings.pricing.invoices.number_pattern, year)
    row = {**values, "number": number, "year": year, "seq": seq, "user_id": desk.user["id"], "at": clock.stamp()}
    invoice_id = db.execute(f"INSERT INTO invoices ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values())).lastrowid
    db.executemany("INSERT INTO invoice_payments (invoice_id, payment_id, amount) VALUES (?, ?, ?)",
                   [(invoice_id, payment_id, fen) for payment_id, fen in links])
    return invoice_id


def _refuse_settled(found: dict, on_date: str) -> None:
    """Only a live, unreversed invoice (not itself a red letter) is voided or red-lettered, on or after its date."""
    if found["voided"]:
        raise UserError("invoice.already_voided", number=found["number"], date=found["voided"]["on_date"],
                        reason=found["voided"]["reason"])
    if found["reverses_id"]:
        raise UserError("invoice.red_is_final", number=found["number"], original=found["reverses"])
    if found["reversed_by"]:
        raise UserError("invoice.already_reversed", number=found["number"], red=found["reversed_by"]["number"],
                        date=found["reversed_by"]["on_date"])
    if on_date < found["on_date"]:
        raise InputError("invoice.before_issue", field="date", value=on_date, number=found["number"],
                         issued=found["on_date"])


def _invoice(desk, db, ref: str | int) -> dict:
    found = invoice_book.find(db, str(ref))
    if found is None or not access.can_see(desk.user, {"owner_id": found["owner_id"]}):
        raise NotFound("invoice.not_found", ref=str(ref))
    return found


def _client(desk, ref: str | int) -> dict:
    from zizhi.core.clients.records import resolve

    return resolve(desk, str(ref))


def _line(text: str | None, field: str) -> str | None:
    return (validation.text(text, field) or "").strip() or None
