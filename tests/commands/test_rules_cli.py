"""The pipeline rules a prober tried to break, through the command line: ending a deal with a
signed contract, paying its terminated contract, impossible dates, legal approving twice. Every
refusal is one line with its exit code and leaves the database exactly as it was."""

from __future__ import annotations

import pytest

from tests.commands.conftest import Cli


@pytest.fixture
def signed(cli: Cli) -> Cli:
    """Deal 1 of li's client 宁波恒通 (rated B): quote 1 accepted, contract ZZ-2026-0001 (¥2,862.00) drawn up."""
    for login, role in (("fa", "legal"), ("cw", "finance")):
        cli("user", "add", login, "--role", role)
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li", "--channel", "trade-show",
        "--rating", "B")
    cli("credit", "check", "恒通", "--rating", "B", "--method", "registry", user="li")
    cli("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", "-q", "CUSTOMS-REG", user="li")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权和海关备案", user="li")
    cli("deal", "move", "1", "proposal", user="li")
    cli("quote", "new", "1", user="li")
    cli("review", "approve", "1", user="fa")
    cli("quote", "send", "1", user="li")
    cli("quote", "accept", "1", user="li")
    cli("deal", "move", "1", "contract", user="li")
    cli("contract", "new", "1", user="li")
    return cli


def refused(cli: Cli, *args: str, user: str, code: int = 1) -> str:
    """Run a command that must be refused: one line on stderr, nothing changed; the line."""
    before = cli.dump()
    result = cli(*args, user=user, code=code)
    assert result.stderr.count("\n") == 1 and result.stdout == "", (result.stdout, result.stderr)
    assert cli.dump() == before
    return result.stderr


def test_impossible_dates_are_refused_with_the_date_they_conflict_with(signed):
    cli = signed
    said = refused(cli, "contract", "sign", "ZZ-2026-0001", "--date", "2026-11-26", user="li", code=65)
    assert "2026-11-26 is before contract ZZ-2026-0001 was drawn up (2026-11-27)" in said
    cli("contract", "sign", "ZZ-2026-0001", user="li")
    said = refused(cli, "contract", "pay", "ZZ-2026-0001", "1,431.00", "--date", "2026-11-20", user="cw", code=65)
    assert "paid-on: 2026-11-20 is before contract ZZ-2026-0001 was signed (2026-11-27)" in said


def test_a_signed_contract_is_not_cancelled_with_its_deal_but_terminated_by_a_manager(signed):
    cli = signed
    cli("contract", "sign", "ZZ-2026-0001", user="li")
    for user in ("li", "chen"):
        said = refused(cli, "deal", "cancel", "1", "--reason", "客户业务调整", user=user)
        assert "contract ZZ-2026-0001 is signed; the deal ends only when a manager terminates it" in said
        assert "`zizhi contract terminate ZZ-2026-0001 --reason TEXT`" in said
    refused(cli, "contract", "terminate", "ZZ-2026-0001", "--reason", "客户业务调整", user="li")
    refused(cli, "contract", "terminate", "ZZ-2026-0001", "--reason", " ", user="chen", code=65)

    shown = cli("contract", "terminate", "ZZ-2026-0001", "--reason", "客户业务调整，暂停办理", user="chen").stdout
    assert ("Contract ZZ-2026-0001 is terminated as of 2026-11-27 and its deal cancelled: ¥0.00 paid, ¥2,862.00 "
            "still owed") in shown
    contract = cli("contract", "show", "ZZ-2026-0001", user="chen").stdout
    assert "terminated on 2026-11-27 with its deal (cancelled); ¥2,862.00 outstanding stays on record." in contract


def test_payments_on_a_contract_terminated_and_written_off_wait_for_a_managers_permission(signed):
    cli = signed
    cli("contract", "sign", "ZZ-2026-0001", user="li")
    cli("contract", "terminate", "ZZ-2026-0001", "--reason", "客户已注销", "--write-off", user="chen")
    said = refused(cli, "contract", "pay", "ZZ-2026-0001", "500", user="cw")
    assert "deal 1 has ended (cancelled) and the contract is terminated" in said and "allow-payments" in said
    refused(cli, "contract", "allow-payments", "ZZ-2026-0001", "--reason", "结算", user="cw")
    refused(cli, "contract", "allow-payments", "ZZ-2026-0001", "--reason", "", user="chen", code=65)

    allowed = cli("contract", "allow-payments", "ZZ-2026-0001", "--reason", "清算分配", user="chen").stdout
    assert "payments allowed by chen at 2026-11-27 09:00:00: 清算分配" in allowed
    paid = cli.json("contract", "pay", "ZZ-2026-0001", "500", user="cw")
    assert (paid["paid"], paid["outstanding"], paid["credit_added"]) == (0, 0, 50_000)  # all was written off


def test_an_unsigned_contract_is_void_when_its_salesperson_loses_the_deal(signed):
    shown = signed("deal", "lose", "1", "--reason", "客户选择了其他代理", user="li").stdout
    assert "Contract ZZ-2026-0001 was never signed and is void as of 2026-11-27" in shown


def test_legal_approving_the_same_revision_again_is_told_who_did_and_nothing_is_added(signed):
    cli = signed
    cli("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", user="li")
    cli("deal", "assess", "2", "--findings", "需要进出口经营权", user="li")
    cli("deal", "move", "2", "proposal", user="li")
    quote = cli.json("quote", "new", "2", user="li")
    cli("review", "approve", str(quote["id"]), user="fa")
    before = cli.dump()
    again = cli("review", "approve", str(quote["id"]), user="fa")
    assert again.stdout.startswith(f"Quote {quote['deal_id']}-v1 (revision 1) is already approved by fa at 2026-11-27 09:00:00;")
    assert cli.dump() == before
    assert cli.json("review", "approve", str(quote["id"]), user="fa")["status"] == "approved"
