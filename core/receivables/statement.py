"""A client's statement (对账单): what they owed at the start of a period, every dated movement in
it, and what they owe at its end — for sending to the client, in Markdown or a Chinese PDF.

Two balances run down the statement (see :mod:`.movements`): what the client's signed contracts
still ask (**owed**; the closing figure is the client's total in the aging report on the last
day) and their **credit** on account (money received that pays nothing yet). The lines: each
contract signed (its whole schedule becomes owed), each instalment falling due (a reminder: it
was owed already), payments received and what they paid, credit applied, reversals, refunds and
write-offs. The opening plus the lines is the closing, to the fen.
"""

from __future__ import annotations

from zizhi.core import access, exports
from zizhi.core.paths import document_target
from zizhi.core.receivables import movements, periods, positions

FORMATS = {"md": "md", "markdown": "md", "pdf": "pdf", "json": "json"}


def statement(desk, client_ref: str | int, start: str | None = None, end: str | None = None,
              period: str | None = None) -> dict:
    """The statement of a client the user sees, for a month or from one day to another."""
    from zizhi.core.clients.records import resolve

    access.require_receivables(desk.user)
    first, last = periods.span(start, end, period)
    client = resolve(desk, str(client_ref))
    with positions.reading(desk) as conn:
        opening = movements.balances(conn, desk.user, periods.eve(first), client["id"]).get(client["id"])
        lines = movements.events(conn, desk.user, first, last, client["id"])
        closing = positions.client_position(conn, client, last)
    return _assemble(desk, client, first, last, opening or {"owed": 0, "credit": 0}, lines, closing)


def _assemble(desk, client: dict, first: str, last: str, opening: dict, lines: list[dict], closing: dict) -> dict:
    owed, credit = opening["owed"], opening["credit"]
    for line in lines:
        owed, credit = owed + line["owed"], credit + line["credit"]
        line["owed_balance"], line["credit_balance"] = owed, credit
    totals = {kind: sum(line["amount"] for line in lines if line["kind"] == kind) for kind in movements.KINDS}
    return {"client": {k: client.get(k) for k in ("id", "name", "credit_code", "contact", "phone", "email", "address")},
            "company": desk.settings.general.company.model_dump(), "from": first, "to": last,
            "opening": opening, "lines": lines, "totals": totals,
            "closing": {"owed": closing["owed"], "credit": closing["credit"],
                        "due": closing["owed"] - sum(i["owed"] for i in closing["instalments"] if i["due_on"] > last),
                        "not_due": sum(i["owed"] for i in closing["instalments"] if i["due_on"] > last)},
            "open_instalments": closing["instalments"]}


def render_statement(desk, client_ref: str | int, start: str | None = None, end: str | None = None,
                     period: str | None = None, form: str | None = None, output: str | None = None):
    """The statement as Markdown, JSON (its data) or a PDF written to ``output`` (without ``form``,
    the kind its suffix names). It is made to leave Zizhi, so every rendering is an export, audited
    with the read (contact masked as the role asks)."""
    kind = document_target(FORMATS, form, output, "对账单.pdf", default="md")
    return exports.read(desk, "receivable", lambda: statement(desk, client_ref, start, end, period),
                        command="ar statement", file=output, as_json=kind == "json", document=True,
                        deliver=lambda found: _deliver(found, kind, output), client=str(client_ref),
                        period=period, **{"from": start, "to": end}, format=kind)


def _deliver(found: dict, kind: str, output: str | None):
    import json

    from zizhi.core.documents import statement_document, statement_pdf
    from zizhi.core.paths import write_output

    if kind == "pdf":
        return str(statement_pdf.as_pdf(found, output))
    if kind == "json":
        text = json.dumps(found, ensure_ascii=False, indent=2)
    else:
        text = statement_document.as_markdown(found)
    if not output:
        return found if kind == "json" else text
    return str(write_output(output, text.encode("utf-8")))
