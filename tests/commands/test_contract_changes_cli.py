"""Contracts that change, from a script: an amendment shown as a revision, a refused one that
changes nothing, a deal cancel that points to `contract terminate`, and the termination itself."""

from __future__ import annotations

from tests.commands.conftest import run_zizhi
from tests.commands.test_receivables_cli import owing  # noqa: F401  (fixture)

NUMBER = "ZZ-2026-0001"  # ¥2,862.00: ¥1,431.00 due 11-27 and ¥1,431.00 due 12-08, nothing paid


def test_an_amendment_is_shown_as_a_revision(cli, owing):  # noqa: F811
    cli("ar", "pay", "恒通", "1,431", user="cw")
    shown = cli("contract", "amend", NUMBER, "--instalment", "2026-11-27=1,431", "--instalment", "2026-12-15=700",
                "--instalment", "2027-01-15=731", "--reason", "补充协议：尾款分两期", user="li").stdout
    assert "revision 1 by li at 2026-11-27 09:00:00: total ¥2,862.00 → ¥2,862.00; 补充协议：尾款分两期" in shown
    assert "2027-01-15" in shown
    again = cli.json("contract", "show", NUMBER, user="li")
    assert [(i["due_on"], i["amount"], i["paid"]) for i in again["instalments"]] == [
        ("2026-11-27", 143_100, 143_100), ("2026-12-15", 70_000, 0), ("2027-01-15", 73_100, 0)]
    assert again["revision"] == 1


def test_a_refused_amendment_is_one_line_and_changes_nothing(cli, owing):  # noqa: F811
    before = cli.dump()
    short = cli("contract", "amend", NUMBER, "--instalment", "2026-11-27=1,431", "--instalment", "2027-01-15=1,000",
                "--reason", "改期", user="li", code=65)
    assert short.stderr.count("\n") == 1 and "¥431.00 short" in short.stderr
    refused = cli("contract", "amend", NUMBER, "--instalment", "2026-11-27=1,431", "--instalment", "2027-01-15=1,431",
                  "--reason", "改期", user="cw", code=1)
    assert "only its owner, legal, a manager or an admin" in refused.stderr
    stale = cli("contract", "amend", NUMBER, "--instalment", "2026-11-27=1,431", "--instalment", "2027-01-15=1,431",
                "--reason", "改期", "--revision", "3", user="li", code=1)
    assert "you read revision 3, it is now at revision 0" in stale.stderr
    missing = cli("contract", "amend", NUMBER, "--instalment", "2026-11-27=2,862", user="li", code=2)
    assert "--reason" in missing.stderr
    assert cli.dump() == before


def test_a_signed_deal_is_cancelled_only_by_terminating_its_contract(cli, owing):  # noqa: F811
    before = cli.dump()
    refused = cli("deal", "cancel", "1", "--reason", "客户业务调整", user="chen", code=1)
    assert refused.stderr.count("\n") == 1
    assert "ask a manager to run `zizhi contract terminate ZZ-2026-0001 --reason TEXT`" in refused.stderr
    by_sales = cli("contract", "terminate", NUMBER, "--reason", "客户业务调整", user="li", code=1)
    assert "only a manager or an admin can terminate" in by_sales.stderr
    assert cli.dump() == before

    ended = cli("contract", "terminate", NUMBER, "--reason", "客户业务调整，双方协商解除", user="chen").stdout
    assert "terminated as of 2026-11-27 and its deal cancelled: ¥0.00 paid, ¥2,862.00 still owed" in ended
    assert "why: 客户业务调整，双方协商解除" in ended
    assert cli.json("deal", "show", "1", user="li")["stage"] == "cancelled"
    assert cli.json("ar", "aging", user="chen")["total"] == 286_200  # still owed, and aging


def test_a_manager_writes_off_what_is_owed_as_the_contract_ends(cli, owing):  # noqa: F811
    result = run_zizhi("--as", "chen", "contract", "terminate", NUMBER, "--reason", "客户已注销", "--write-off", "--json",
                       env_root=cli.root)
    assert result.returncode == 0, result.stderr
    assert '"outstanding": 0' in result.stdout and '"written_off_now": 286200' in result.stdout
    assert cli.json("ar", "aging", user="chen")["total"] == 0
    trail = cli.json("audit", "list", "--action", "instalment.write_off", user="chen")
    assert len(trail) == 2 and {entry["detail"]["reason"] for entry in trail} == {"客户已注销"}
