"""Policy notices, the risk register and continuing training from the command line: a notice is on
a salesperson's morning (`zizhi remind --dry-run`) until they acknowledge it and gone after, and
shows on the deal and the quote it touches; a risk's review is on its owner's morning on its day;
the heat map counts what the register lists; who is overdue for training, per person and team."""

from __future__ import annotations

import json

import pytest

from tests.commands.conftest import Cli, run_zizhi

# 2027's holidays on record: no admin's reminder to import them (tests/commands/conftest.py)
pytestmark = pytest.mark.usefixtures("next_years_holidays")


@pytest.fixture
def legal(cli: Cli) -> Cli:
    cli("user", "add", "zhou", "--name", "周静", "--role", "legal")
    return cli


def add_notice(cli: Cli, *codes: str) -> dict:
    return cli.json("notice", "add", "--title", "出口许可证申领材料调整", "--summary", "自2027年起须附最终用户证明",
                    "--effective", "2027-01-01", *(arg for code in codes for arg in ("-q", code)),
                    "--source", "商务部公告2026年第45号", user="zhou")


def test_a_notice_is_on_the_morning_until_acknowledged_and_gone_after(legal):
    cli = legal
    notice = add_notice(cli, "TRADE-RIGHTS")
    morning = cli("remind", "--user", "li", "--dry-run", user="li").stdout
    assert f"read and acknowledge policy notice {notice['id']}: 出口许可证申领材料调整 (in effect 2027-01-01" in morning
    assert f"      zizhi notice ack {notice['id']}" in morning
    listed = cli("notice", "list", user="li").stdout.splitlines()
    assert listed[1].split()[:2] == [str(notice["id"]), "出口许可证申领材料调整"]
    said = cli("notice", "ack", str(notice["id"]), user="li").stdout
    assert said == f"You acknowledged notice {notice['id']} (出口许可证申领材料调整) at 2026-11-27 09:00:00.\n"
    assert cli("remind", "--user", "li", "--dry-run", user="li").stdout == "nothing new to send by 2026-11-27.\n"
    again = cli("notice", "ack", str(notice["id"]), user="li").stdout
    assert "already acknowledged" in again and "nothing recorded" in again


def test_legal_sees_who_has_read_it_and_a_salesperson_only_their_own(legal):
    cli = legal
    notice = add_notice(cli, "EXPORT-LICENCE")
    cli("notice", "ack", str(notice["id"]), user="li")
    shown = cli.json("notice", "show", str(notice["id"]), user="zhou")
    assert [p["login"] for p in shown["acknowledged"]] == ["li", "zhou"]
    assert {"boss", "chen", "zhao"} <= {p["login"] for p in shown["pending"]}
    text = cli("notice", "show", str(notice["id"]), user="chen").stdout
    assert "Acknowledged (2):" in text and "Not yet acknowledged (" in text
    mine = cli.json("notice", "show", str(notice["id"]), user="li")
    assert "pending" not in mine and mine["acknowledged_at"] == "2026-11-27 09:00:00"
    audited = cli.json("audit", "list", "--action", "notice.ack")
    assert [(entry["user"], entry["entity_id"]) for entry in audited] == [("li", notice["id"])]


def test_an_unknown_code_or_a_salesperson_is_refused_in_one_line_and_nothing_is_written(legal):
    cli = legal
    before = cli.dump()
    result = cli("notice", "add", "--title", "t", "--summary", "s", "--effective", "2027-01-01", "-q", "EXPORT-LICENSE",
                 user="zhou", code=65)
    assert result.stderr.startswith("zizhi: code: 'EXPORT-LICENSE' is not a qualification of the catalogue (")
    assert result.stderr.count("\n") == 1
    refused = cli("notice", "add", "--title", "t", "--summary", "s", "--effective", "2027-01-01", user="li", code=1)
    assert "Only legal or an admin records policy notices" in refused.stderr and "Traceback" not in refused.stderr
    bad_day = cli("notice", "add", "--title", "t", "--summary", "s", "--effective", "soon", user="zhou", code=65)
    assert bad_day.stderr.count("\n") == 1 and "effective" in bad_day.stderr
    assert cli.dump() == before


def test_a_deal_and_its_quote_show_the_notice_on_their_qualification(legal):
    cli = legal
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li", "--channel", "trade-show")
    cli("deal", "new", "--client", "恒通", "-q", "TRADE-RIGHTS", "-q", "CUSTOMS-REG", user="li")
    touching = add_notice(cli, "TRADE-RIGHTS", "EXPORT-LICENCE")
    add_notice(cli, "AEO-ADVANCED")
    text = cli("deal", "show", "1", user="li").stdout
    assert "Policy notices on these qualifications:" in text
    assert (f"  notice {touching['id']}, in effect 2027-01-01: 出口许可证申领材料调整 (TRADE-RIGHTS)"
            f" — not yet acknowledged: zizhi notice ack {touching['id']}") in text
    shown = cli.json("deal", "show", "1", user="li")
    assert [(n["id"], n["codes"]) for n in shown["notices"]] == [(touching["id"], ["TRADE-RIGHTS"])]
    cli("deal", "assess", "1", "--findings", "需要进出口经营权", user="li")
    cli("deal", "move", "1", "proposal", user="li")
    quote = cli.json("quote", "new", "1", user="li")
    cli("notice", "ack", str(touching["id"]), user="li")
    quoted = cli("quote", "show", str(quote["id"]), user="li").stdout
    assert f"  notice {touching['id']}, in effect 2027-01-01: 出口许可证申领材料调整 (TRADE-RIGHTS)\n" in quoted
    assert cli.json("quote", "show", str(quote["id"]), user="li")["notices"][0]["acknowledged_at"]
    plain = cli("deal", "show", "1", user="chen").stdout  # the manager has not read it
    assert "not yet acknowledged" in plain


def test_a_risk_review_is_on_its_owners_morning_and_the_heat_map_counts_the_register(legal):
    cli = legal
    risk = cli.json("risk", "add", "--category", "信用", "--description", "大客户拖欠", "--likelihood", "5",
                    "--impact", "4", "--owner", "li", "--response", "要求预付", user="zhou")
    assert (risk["level"], risk["next_review_on"]) == ("critical", "2026-12-04")
    cli("risk", "add", "--category", "legal", "--description", "出口管制清单调整", "--likelihood", "3",
        "--impact", "4", user="zhou")
    cli("risk", "add", "--category", "market", "--description", "同业降价", "--likelihood", "3", "--impact", "4",
        user="chen")
    assert cli("remind", "--user", "li", "--as-of", "2026-12-03", "--dry-run", user="li").stdout.startswith("nothing")
    morning = cli("remind", "--user", "li", "--as-of", "2026-12-04", "--dry-run", user="li").stdout
    assert f"review risk {risk['id']} (critical, credit): 大客户拖欠 (due 2026-12-04)" in morning
    assert f"zizhi risk review {risk['id']} --note …" in morning

    listed = cli.json("risk", "list", user="zhou")
    grid = cli.json("risk", "map", user="zhou")
    for cell in grid["cells"]:
        assert cell["count"] == sum((r["likelihood"], r["impact"]) == (cell["likelihood"], cell["impact"])
                                    for r in listed)
    assert grid["total"] == len(listed) == 3
    drawn = cli("risk", "map", user="zhou").stdout.splitlines()
    assert drawn[0] == "Risks by likelihood × impact (3 open and mitigating)"
    row = {line.split()[0]: line.split() for line in drawn[2:7]}
    assert row["5"] == ["5", "·", "m", "·", "h", "·", "h", "1", "c", "·", "c"]  # a pipe: the level's letter
    assert row["3"][7:9] == ["2", "h"]
    assert drawn[-1] == "Levels:  low 0   medium 0   high 2   critical 1 "
    assert cli.json("audit", "list", "--action", "risk.export")[0]["detail"]["command"] == "risk map"

    refused = cli("risk", "add", "--category", "credit", "--description", "x", "--likelihood", "1", "--impact", "1",
                  user="li", code=1)
    assert refused.stderr.count("\n") == 1 and "Only legal, a manager or an admin" in refused.stderr
    bad = cli("risk", "add", "--category", "credit", "--description", "x", "--likelihood", "6", "--impact", "1",
              user="zhou", code=65)
    assert bad.stderr.strip() == "zizhi: likelihood: 6 is not from 1 to 5."
    bad = cli("risk", "add", "--category", "credit", "--description", "x", "--likelihood", "x", "--impact", "1",
              user="zhou", code=65)
    assert bad.stderr.strip() == "zizhi: likelihood: 'x' is not a whole number from 1 to 5; write digits only."
    cli("risk", "add", "--category", "credit", "--description", "x", "--likelihood", "1", "--impact", "1",
        "--owner", "nobody", user="zhou", code=1)

    reviewed = cli.json("risk", "review", str(risk["id"]), "--note", "客户已付一半", "--likelihood", "3", user="li")
    assert (reviewed["level"], reviewed["next_review_on"]) == ("high", "2026-12-27")  # 3 × 4: high, 30 days
    assert cli("remind", "--user", "li", "--as-of", "2026-12-04", "--dry-run", user="li").stdout.startswith("nothing")


def test_the_heat_map_in_chinese(legal):
    legal("risk", "add", "--category", "经营", "--description", "办理部门人手不足", "--likelihood", "2", "--impact",
          "2", user="zhou")
    drawn = legal("--lang", "zh", "risk", "map", user="zhou").stdout
    assert drawn.startswith("风险分布：可能性 × 影响（开放及应对中 1 项）\n") and "1 低" in drawn and "影响 →" in drawn


def test_training_sessions_and_who_is_overdue(legal, env):
    cli = legal
    session = cli.json("training", "add", "--topic", "出口管制新规解读", "--date", "2026-11-20", "--hours", "2",
                       "-a", "li,zhou", user="chen")
    assert session["attendees"] == ["li", "zhou"]
    listed = cli("training", "list", "--user", "li", user="chen").stdout.splitlines()
    assert "出口管制新规解读" in listed[1] and "li, zhou" in listed[1]
    # li: trained 2026-11-20; due again 180 days on, 2027-05-19
    overdue = cli.json("training", "overdue", "--as-of", "2027-05-21", user="chen")
    assert [(p["login"], p["due_on"], p["days_overdue"]) for p in overdue["people"]] == [("li", "2027-05-19", 2)]
    assert (overdue["overdue"], overdue["total"]) == (1, 1)  # zhao is not on duty yet
    text = cli("training", "overdue", "--all", user="chen").stdout
    assert text.splitlines()[-1] == "0 of 1 overdue for continuing training (every 180 days) on 2026-11-27."
    refused = cli("training", "add", "--topic", "x", "-a", "li", user="li", code=1)
    assert "'nobody' is not an active colleague" in cli("training", "add", "--topic", "x", "-a", "nobody", user="chen",
                                                        code=1).stderr  # not found: 1, as `notice ack 99`
    assert "Only a manager or an admin" in refused.stderr
    mine = cli("training", "list", "--user", "zhou", user="li", code=1)
    assert "zizhi training list --user li" in mine.stderr
    cron = run_zizhi("--as", "boss", "training", "overdue", "--json", env_root=env)
    assert cron.returncode == 0 and json.loads(cron.stdout)["total"] == 1


def test_training_is_reckoned_on_the_company_s_day_whatever_the_server_s_clock(cli, env):
    """A server in another time zone (here Los Angeles, 15–16 hours behind Beijing) still judges on
    the company's day, as the reminders and reports do."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    done = run_zizhi("--as", "boss", "training", "overdue", "--json", env_root=env,
                     extra_env={"ZIZHI_NOW": "", "TZ": "America/Los_Angeles"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["as_of"] == dt.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
