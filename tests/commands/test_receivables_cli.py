"""Receivables from a script: a payment, a refused one that changes nothing, the aging report in
CSV for Excel and as it stood on a past day."""

from __future__ import annotations

import csv
import io

import pytest

from tests.commands.conftest import Cli, run_zizhi


@pytest.fixture
def owing(cli: Cli) -> dict:
    """A signed contract of 宁波恒通's (owner li) for ¥2,862.00 in two instalments, nothing paid."""
    cli("user", "add", "fa", "--role", "legal")
    cli("user", "add", "cw", "--role", "finance")
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li", "--channel", "trade-show",
        "--rating", "B")
    cli("credit", "check", "恒通", "--rating", "B", "--method", "registry", user="li")
    cli("deal", "new", "--client", "恒通", "--qualification", "TRADE-RIGHTS", "--qualification", "CUSTOMS-REG",
        user="li")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权和海关备案", user="li")
    cli("deal", "move", "1", "proposal", user="li")
    quote = cli.json("quote", "new", "1", user="li")
    cli("review", "approve", str(quote["id"]), user="fa")
    cli("quote", "send", str(quote["id"]), user="li")
    cli("quote", "accept", str(quote["id"]), user="li")
    cli("deal", "move", "1", "contract", user="li")
    contract = cli.json("contract", "new", "1", user="li")
    cli("contract", "sign", contract["number"], user="li")
    return contract


def test_a_payment_and_a_refused_one(cli, owing):
    before = cli.dump()
    refused = cli("ar", "pay", "恒通", "100", user="li", code=1)
    assert "Only finance" in refused.stderr and refused.stderr.count("\n") == 1 and cli.dump() == before
    paid = cli("ar", "pay", "恒通", "3,000", "--reference", "ICBC-0042", user="cw").stdout
    assert "¥138.00 of it is credit" in paid
    again = cli("ar", "pay", "恒通", "3,000", "--reference", "ICBC-0042", user="cw", code=1)
    assert "already payment 1" in again.stderr
    balance = cli.json("ar", "balance", "恒通", user="li")
    assert (balance["owed"], balance["credit"]) == (0, 13_800)


def test_the_aging_report_opens_in_excel_and_reads_the_past_as_it_was(cli, owing):
    result = run_zizhi("--as", "boss", "ar", "aging", "--csv", env_root=cli.root)
    assert result.returncode == 0 and result.stdout.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert table[0][0] == "client" and table[-1][0] == "total" and table[-1][-1] == "¥2,862.00"
    cli("ar", "pay", "恒通", "1,431.00", "--date", "2026-11-27", user="cw")
    today = cli.json("ar", "aging", user="boss")
    assert today["total"] == 143_100
    result = run_zizhi("--as", "boss", "ar", "aging", "--as-of", "2026-11-26", "--json", env_root=cli.root)
    assert result.returncode == 0 and '"total": 0' in result.stdout  # signed on the 27th: nothing owed before
