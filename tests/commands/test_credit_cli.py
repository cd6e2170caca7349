"""`zizhi credit check` and `zizhi credit show`, run as the installed command a user types."""

from __future__ import annotations

import json

import pytest

from tests.commands.conftest import Cli, run_zizhi


@pytest.fixture
def rated(cli: Cli) -> Cli:
    """Li's client 1 宁波恒通, and colleagues in finance and legal."""
    for login, role in (("cw", "finance"), ("fa", "legal")):
        cli("user", "add", login, "--role", role)
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li", "--channel", "trade-show")
    return cli


def zizhi(cli: Cli, *args: str, user: str = "li", lang: str = "en"):
    return run_zizhi("--as", user, *args, env_root=cli.root, extra_env={"ZIZHI_LANG": lang})


def test_a_check_is_recorded_and_shown_with_its_age_policy_guarantee_and_history(rated):
    done = zizhi(rated, "credit", "check", "1", "--rating", "C", "--method", "registry", "--on", "2026-05-01",
                 "--note", "公示系统：年报逾期")
    assert done.returncode == 0, done.stderr
    done = zizhi(rated, "credit", "check", "1", "--rating", "D", "--method", "third-party", "--on", "2026-11-20",
                 "--guarantor", "宁波恒通集团", "--guarantee-amount", "50,000", "--guarantee-document", "担保函 2026-11-20",
                 user="cw")
    assert done.returncode == 0, done.stderr
    shown = zizhi(rated, "credit", "show", "1")
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert ["rating", "D"] in [line.split() for line in text.splitlines()]
    assert "checked 2026-11-20 by third-party rating, 7 days ago; re-check after 30 days (by 2026-12-20)" in text
    assert "宁波恒通集团 · ¥50,000.00 · 担保函 2026-11-20" in text
    assert "prepay 50% with a guarantee, or 100% without; owe at most ¥30,000.00; re-check every 30 days" in text
    assert "no instalment has been paid or fallen overdue yet" in text
    assert text.index("2026-11-20") < text.index("2026-05-01") and "公示系统：年报逾期" in text
    chinese = zizhi(rated, "credit", "show", "1", lang="zh").stdout
    assert "经第三方信用评级评估，距今 7 天" in chinese and "评估记录" in chinese


def test_show_as_json_gives_the_figures_for_scripts(rated):
    zizhi(rated, "credit", "check", "1", "--rating", "B", "--method", "registry", "--on", "2026-03-01")
    data = json.loads(zizhi(rated, "credit", "show", "1", "--json").stdout)
    assert (data["rating"], data["checked_on"], data["age_days"], data["recheck_days"], data["recheck_due"]) == (
        "B", "2026-03-01", 271, 180, True)
    assert data["policy"]["prepayment"] == "50%" and data["outstanding"] == 0
    assert [c["method"] for c in data["history"]] == ["registry"]


@pytest.mark.parametrize(("args", "user", "code", "says"), [
    (("--rating", "B", "--method", "registry"), "fa", 1, "You may not record a credit check"),
    (("--rating", "Z", "--method", "registry"), "li", 65, "rating: 'Z' is not one of A, B, C, D"),
    (("--rating", "B", "--method", "hearsay"), "li", 65, "method"),
    (("--rating", "B", "--method", "registry", "--guarantee-amount", "1,000"), "li", 65, "needs the guarantor"),
])
def test_a_refused_check_says_why_in_one_line_and_changes_nothing(rated, args, user, code, says):
    before = rated.dump()
    done = zizhi(rated, "credit", "check", "1", *args, user=user)
    assert done.returncode == code and says in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert done.stdout == "" and rated.dump() == before


def test_a_stale_check_stops_a_new_contract_with_the_command_to_run(rated):
    cli = rated
    zizhi(cli, "credit", "check", "1", "--rating", "B", "--method", "registry", "--on", "2026-03-01")
    cli("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", user="li")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权", user="li")
    cli("deal", "move", "1", "proposal", user="li")
    cli("quote", "new", "1", user="li")
    cli("review", "approve", "1", user="fa")
    cli("quote", "send", "1", user="li")
    cli("quote", "accept", "1", user="li")
    cli("deal", "move", "1", "contract", user="li")
    before = cli.dump()
    done = zizhi(cli, "contract", "new", "1")
    assert done.returncode == 1 and cli.dump() == before
    assert ("rating B was checked on 2026-03-01, 271 days ago; the credit policy re-checks rating B after 180 days "
            "before a new contract: record a new check with `zizhi credit check 1 --rating B --method registry`") in done.stderr
    zizhi(cli, "credit", "check", "1", "--rating", "B", "--method", "registry")
    assert zizhi(cli, "contract", "new", "1").returncode == 0
