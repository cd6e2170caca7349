"""Who may do what with money owed, role by role, on one client's books: a salesperson sees their
own clients' receivables only, finance sees all and alone records payments, reverses, refunds and
issues invoices, managers alone write off; legal and operations read no receivables. Every
refusal leaves the database as it was."""

from __future__ import annotations

import pytest

from tests.core.test_invoices import owing  # noqa: F401  (a fixture)
from zizhi.core.errors import NotFound, Refused
from zizhi.core.people import users as people
from zizhi.core.receivables import aging, forecast, invoices, ledger, watch
from zizhi.core.receivables.reconciliation import reconcile
from zizhi.core.receivables.statement import statement

READS = {
    "aging": lambda d, c: [r["client_id"] for r in aging.aging(d)["rows"]],
    "statement": lambda d, c: statement(d, c, period="2026-11")["client"]["id"],
    "balance": lambda d, c: ledger.balance(d, c)["client_id"],
    "reconcile": lambda d, c: [r["client_id"] for r in reconcile(d, "2026-11")["rows"]],
    "watch": lambda d, c: [r["client_id"] for r in watch.client_risks(d, "2026-11-27")],
    "forecast": lambda d, c: [c] if forecast.forecast(d)["due"] else [],
}
WRITES = {
    "pay": lambda d, c, p, n: ledger.record_payment(d, c, 100),
    "reverse": lambda d, c, p, n: ledger.reverse_payment(d, p, "登记错误"),
    "refund": lambda d, c, p, n: ledger.refund(d, c, 1, "退款"),
    "credit": lambda d, c, p, n: ledger.apply_credit(d, c),
    "invoice": lambda d, c, p, n: invoices.issue_invoice(d, c, payments=[p]),
    "write_off": lambda d, c, p, n: ledger.write_off(d, f"{n}:2", "客户破产", "1"),
}
# Who may write: everyone else is refused (Refused, or NotFound for a client they may not see).
ALLOWED = {"pay": {"finance", "admin"}, "reverse": {"finance", "admin"}, "refund": {"finance", "admin"},
           "credit": {"finance", "admin"}, "invoice": {"finance", "admin"}, "write_off": {"manager", "admin"}}


@pytest.fixture
def team(desk, desk_as, li, wang, manager, finance):
    for login, role in (("zhou", "legal"), ("wu", "operations")):
        people.add_user(desk, login, login, role)
    return {"owner": li, "other sales": wang, "manager": manager, "finance": finance, "admin": desk,
            "legal": desk_as("zhou"), "operations": desk_as("wu")}


def role_of(name: str) -> str:
    return {"owner": "sales", "other sales": "sales"}.get(name, name)


def test_sales_read_their_own_clients_receivables_finance_and_managers_all_others_none(team, owing, finance):  # noqa: F811
    client = owing["client_id"]
    ledger.record_payment(finance, client, 10_000, "2026-11-27")
    for name, desk in team.items():
        for read, call in READS.items():
            if name in ("legal", "operations"):
                with pytest.raises(Refused, match="Receivables are for"):
                    call(desk, client)
            elif name == "other sales":
                if read in ("statement", "balance"):
                    with pytest.raises(NotFound):
                        call(desk, client)
                else:
                    assert call(desk, client) == [], read
            else:
                assert call(desk, client) in ([client], client), (name, read)


@pytest.mark.parametrize("action", WRITES)
def test_finance_alone_takes_and_returns_money_and_invoices_managers_alone_write_off(team, owing, finance, action):  # noqa: F811
    client = owing["client_id"]
    paid = ledger.record_payment(finance, client, owing["total"] + 500, "2026-11-27", reference="ICBC-1")["id"]
    for name, desk in team.items():
        dump = list(finance.store.conn.iterdump())
        if role_of(name) in ALLOWED[action]:
            continue
        with pytest.raises((Refused, NotFound)):
            WRITES[action](desk, client, paid, owing["number"])
        assert list(finance.store.conn.iterdump()) == dump, (name, action)
    allowed = next(name for name in team if role_of(name) in ALLOWED[action])
    if action == "write_off":  # the whole contract is paid: reverse the payment first, then write off
        ledger.reverse_payment(finance, paid, "退回")
    if action != "credit":  # nothing is owed for the credit to pay (applying it: test_ledger)
        WRITES[action](team[allowed], client, paid, owing["number"])
