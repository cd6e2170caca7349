"""One deal carried from inquiry to after-sales entirely from the CLI; every gate refuses first,
saying what is missing, and the deal stays where it was."""

from __future__ import annotations

import pytest

from tests.commands.conftest import Cli


@pytest.fixture
def team(cli: Cli) -> Cli:
    for login, role in (("fa", "legal"), ("cw", "finance"), ("op", "operations")):
        cli("user", "add", login, "--role", role)
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li", "--channel", "trade-show")
    return cli


def refused(cli: Cli, *args: str, user: str, says: str) -> None:
    result = cli(*args, user=user, code=1)
    assert says in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


def stage(cli: Cli) -> str:
    return cli.json("deal", "show", "1", user="li")["stage"]


def test_a_deal_from_inquiry_to_aftersales(team):
    cli = team
    deal = cli.json("deal", "new", "--client", "恒通", "--qualification", "TRADE-RIGHTS",
                    "--qualification", "CUSTOMS-REG", "--value", "2,700", user="li")
    assert (deal["id"], deal["stage"]) == (1, "inquiry")

    refused(cli, "deal", "move", "1", "proposal", user="li", says="no needs assessment yet")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权和海关备案", user="li")
    assert cli.json("deal", "move", "1", "方案与报价", user="li")["stage"] == "proposal"  # the rulebook's name

    quote = cli.json("quote", "new", "1", user="li")
    assert [line["code"] for line in quote["lines"]] == ["CUSTOMS-REG", "TRADE-RIGHTS"]
    assert quote["total"] == 286_200  # 2,700 service + 6 % VAT, government fees 0
    refused(cli, "quote", "send", str(quote["id"]), user="li", says="legal has not approved")
    refused(cli, "review", "approve", str(quote["id"]), user="li", says="legal")
    cli("review", "approve", str(quote["id"]), user="fa")
    cli("quote", "send", str(quote["id"]), user="li")
    refused(cli, "deal", "move", "1", "contract", user="li", says="no accepted quote")
    cli("quote", "accept", str(quote["id"]), user="li")
    markdown = cli("quote", "render", str(quote["id"]), "--format", "markdown", user="li").stdout
    assert "宁波恒通进出口贸易有限公司" in markdown and "人民币贰仟捌佰陆拾贰元整" in markdown
    pdf = cli.root / "报价单.pdf"
    cli("quote", "render", str(quote["id"]), "--format", "pdf", "-o", str(pdf), user="li")
    assert pdf.read_bytes().startswith(b"%PDF")
    cli("deal", "move", "1", "contract", user="li")

    refused(cli, "contract", "new", "1", user="li", says="rate the client first")
    cli("client", "edit", "1", "--rating", "B", user="li")
    refused(cli, "contract", "new", "1", user="li", says="no credit check is recorded")
    cli("credit", "check", "1", "--rating", "B", "--method", "registry", "--note", "公示系统无异常", user="li")
    contract = cli.json("contract", "new", "1", user="li")
    assert sum(i["amount"] for i in contract["instalments"]) == contract["total"] == 286_200
    refused(cli, "deal", "move", "1", "payment", user="li", says="not signed yet")
    cli("contract", "sign", contract["number"], user="li")
    refused(cli, "deal", "move", "1", "payment", user="li", says="no copy filed with finance")
    cli("contract", "file", contract["number"], "--with", "finance", user="li")
    cli("contract", "file", contract["number"], "--with", "legal", user="li")
    cli("deal", "move", "1", "payment", user="li")

    refused(cli, "process", "handover", "1", "--to", "op", user="li", says="processing starts only after payment")
    refused(cli, "contract", "pay", contract["number"], "1,000", user="li", says="finance")
    cli("contract", "pay", contract["number"], "1,431.00", user="cw")
    progress = cli.json("process", "handover", "1", "--to", "op", user="li")
    assert progress["stage"] == "processing" and progress["expected_on"] == "2026-12-08"
    cli("process", "delay", "1", "--cause", "系统升级暂停受理", "--days", "3", "--told", user="op")

    refused(cli, "deliver", "1", "--code", "TRADE-RIGHTS", "--number", "0324", "--issued", "2026-11-27",
            "--notes", "长期有效", user="op", says="approved")
    before = cli.dump()
    refused(cli, "process", "outcome", "1", "approved", user="op", says="8 processing steps not done: CUSTOMS-REG 1 ")
    assert cli.dump() == before
    for row in progress["steps"][:7]:
        cli("process", "step", "1", row["code"], str(row["position"]), user="op")
    before = cli.dump()
    result = cli("process", "step", "1", "TRADE-RIGHTS", "4", "--skip", user="op", code=65)
    assert "needs the reason" in result.stderr and cli.dump() == before
    skipped = cli.json("process", "step", "1", "TRADE-RIGHTS", "4", "--skip", "--reason", "电子备案", user="op")
    assert (skipped["steps"][7]["status"], skipped["steps"][7]["reason"]) == ("skipped", "电子备案")
    shown = cli("process", "show", "1", user="op").stdout
    assert "skipped" in shown and "电子备案" in shown
    cli("process", "outcome", "1", "approved", user="op")
    cli("deliver", "1", "--code", "TRADE-RIGHTS", "--number", "0324", "--issued", "2026-11-27",
        "--notes", "长期有效，变更需重新备案", user="op")
    assert stage(cli) == "processing"
    done = cli.json("deliver", "1", "--code", "CUSTOMS-REG", "--number", "3302960123", "--issued", "2026-11-27",
                    "--notes", "海关编码长期有效", user="op")
    assert done["deal_delivered"] and done["visits"] == ["2026-12-27", "2027-02-25", "2027-05-26"]
    assert stage(cli) == "delivered"

    visits = cli.json("visit", "list", user="li")
    visit = cli.json("visit", "done", str(visits[0]["id"]), "--satisfaction", "5", "--remarks", "使用顺利",
                     "--new-deal", "EXPORT-LICENCE", user="li")
    assert visit["satisfaction"] == 5 and visit["new_deal_id"] == 2
    assert stage(cli) == "aftersales"
    history = [h["to_stage"] for h in cli.json("deal", "show", "1", user="li")["history"]]
    assert history == ["inquiry", "assessment", "proposal", "contract", "payment", "processing", "delivered",
                       "aftersales"]
    view = cli.json("pipeline", user="chen")
    assert {row["stage"]: row["count"] for row in view["stages"]}["aftersales"] == 1


def test_catalogue_lists_codes_and_explains_one(env):
    cli = Cli(env)
    codes = [q["code"] for q in cli.json("catalogue", "list")]
    assert "EXPORT-LICENCE" in codes and len(codes) >= 6
    shown = cli("catalogue", "show", "export-licence")
    assert "出口许可证" in shown.stdout and "1." in shown.stdout


def test_adding_a_line_with_a_refused_discount_adds_nothing(team):
    cli = team
    cli("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", user="li")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权", user="li")
    cli("deal", "move", "1", "proposal", user="li")
    quote = cli.json("quote", "new", "1", user="li")
    result = cli("quote", "line", str(quote["id"]), "CUSTOMS-REG", "--add", "--discount", "150%", user="li", code=65)
    assert "150%" in result.stderr and result.stderr.count("\n") == 1
    after = cli.json("quote", "show", str(quote["id"]), user="li")
    assert [line["code"] for line in after["lines"]] == ["TRADE-RIGHTS"] and after["revision"] == quote["revision"]
    added = cli.json("quote", "line", str(quote["id"]), "CUSTOMS-REG", "--add", "--discount", "5%", user="li")
    assert {line["code"]: line["discount"] for line in added["lines"]} == {"CUSTOMS-REG": 500, "TRADE-RIGHTS": 0}


def test_quote_expiry_is_recorded_by_its_own_command(team, monkeypatch):
    cli = team
    cli("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", user="li")
    cli("deal", "assess", "1", "--findings", "需要进出口经营权", user="li")
    cli("deal", "move", "1", "proposal", user="li")
    quote = cli.json("quote", "new", "1", user="li")
    cli("review", "approve", str(quote["id"]), user="fa")
    cli("quote", "send", str(quote["id"]), user="li")
    assert cli.json("quote", "expire", user="li") == []
    monkeypatch.setenv("ZIZHI_NOW", "2027-01-15T08:00:00")
    assert cli.json("quote", "show", str(quote["id"]), user="li")["status"] == "expired"
    assert cli("audit", "list", "--action", "quote.expire", user="chen").stdout == ""  # reading wrote nothing
    expired = cli.json("quote", "expire", user="li")
    assert [(q["number"], q["valid_until"]) for q in expired] == [("1-v1", quote["valid_until"])]
    assert cli.json("quote", "expire", user="li") == []
