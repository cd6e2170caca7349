"""Every way client data leaves by the command line leaves an audit row, written with the read:
JSON for scripts, rendered quotes, and plain listings longer than a screenful."""

from __future__ import annotations

import pytest

from tests.commands.conftest import Cli
from tests.core.conftest import credit_code


@pytest.fixture
def quoted(cli: Cli) -> Cli:
    """Li Na's client 恒通 with a logged call and a deal at proposal with a draft quote (1)."""
    cli("user", "add", "fa", "--role", "legal")
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li", "--channel", "trade-show",
        "--phone", "13812345678", "--contact", "陈建国", "--email", "chen@hengtong.cn")
    cli("log", "add", "恒通", "--channel", "phone", "--summary", "询价", user="li")
    cli("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", user="li")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权", user="li")
    cli("deal", "move", "1", "proposal", user="li")
    cli("quote", "new", "1", user="li")
    return cli


def exported(cli: Cli) -> list[tuple[str, str, str]]:
    """(login, command, form) of each export, oldest first."""
    rows = cli.json("audit", "list", "--action", "", "--limit", "1000", user="chen")
    return [(e["user"], e["detail"]["command"], e["detail"]["form"]) for e in reversed(rows)
            if e["action"].endswith(".export") and e["detail"]["command"] != "audit list"]


READS = [("log", "list"), ("client", "show", "恒通"), ("client", "list"), ("client", "search", "恒通"),
         ("deal", "list"), ("deal", "show", "1"), ("visit", "list"), ("quote", "show", "1"), ("pipeline",)]


def test_each_json_read_is_one_export_and_reading_on_screen_is_none(quoted):
    for args in READS:
        quoted(*args, user="li")
    assert exported(quoted) == []
    for args in READS:
        quoted.json(*args, user="li")
    assert exported(quoted) == [("li", " ".join(args[:2]), "json") for args in READS]


def test_a_rendered_quote_is_an_export_on_screen_or_in_a_file(quoted, env):
    assert "13812345678" in quoted("quote", "render", "1", user="li").stdout
    target = env / "报价单-1.md"
    assert quoted("quote", "render", "1", "--format", "markdown", "-o", str(target), user="li").stdout.strip() == str(target)
    assert exported(quoted) == [("li", "quote render", "document"), ("li", "quote render", "file")]
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_plain_listing_longer_than_a_screenful_is_an_export(cli, env):
    for n in range(51):
        cli("client", "add", "--name", f"客户{n:02d}贸易有限公司", "--credit-code", credit_code(n + 1), "--owner", "li")
    cli("client", "list", user="li")
    assert exported(cli) == []
    listed = cli("client", "list", "--limit", "100000", user="li")
    assert len(listed.stdout.splitlines()) == 52
    [row] = [e for e in cli.json("audit", "list", "--action", "client.export", user="chen")]
    assert row["detail"] == {"command": "client list", "form": "table", "count": 51, "filter": {"limit": 100000}}


def test_legal_gets_contact_details_masked_in_an_export(quoted):
    shown = quoted.json("client", "show", "恒通", user="fa")
    assert (shown["phone"], shown["email"], shown["contact"]) == ("138****5678", "c***@hengtong.cn", "陈**")
    assert "13812345678" in quoted("client", "show", "恒通", user="fa").stdout
    assert quoted.json("client", "show", "恒通", user="li")["phone"] == "13812345678"


def test_a_salesperson_sees_colleagues_names_and_roles_only(cli):
    cli("user", "edit", "chen", "--phone", "13912345678", "--email", "chen@example.cn")
    listed = {u["login"]: u for u in cli.json("user", "list", user="li")}
    assert listed["chen"] == {"id": listed["chen"]["id"], "login": "chen", "name": "陈经理", "role": "manager"}
    shown = cli("user", "show", "chen", user="li").stdout
    assert "13912345678" not in shown and "chen@example.cn" not in shown
    assert "13912345678" in cli("user", "show", "chen", user="chen").stdout
