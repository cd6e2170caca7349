"""`zizhi client …` as a salesperson and a script would use it."""

from __future__ import annotations

from tests.commands.conftest import GOOD_CODE


def test_add_prints_the_created_record_with_its_id(cli):
    created = cli.json("client", "add", "--name", "华为技术有限公司", "--credit-code", GOOD_CODE.lower(),
                       "--contact", "张伟", "--phone", "138-1234-5678", "--city", "深圳", "--owner", "li",
                       "--urgency", "紧急", "--channel", "trade-show")
    assert created["id"] == 1
    assert created["credit_code"] == GOOD_CODE
    assert created["phone"] == "13812345678"
    assert (created["urgency"], created["channel"], created["owner"]) == ("urgent", "trade_show", "li")


def test_bad_credit_code_is_one_line_exit_65_and_changes_nothing(cli):
    before = cli.dump()
    result = cli("client", "add", "--name", "某公司", "--credit-code", "91110000600037341X", code=65)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "91110000600037341X" in result.stderr and "check digit" in result.stderr
    assert "Traceback" not in result.stderr
    assert cli.dump() == before


def test_off_duty_or_unknown_owner_is_refused_by_name(cli):
    before = cli.dump()
    off = cli("client", "add", "--name", "某公司", "--owner", "zhao", code=1)
    assert "zhao is not on duty" in off.stderr and "exam" in off.stderr
    unknown = cli("client", "add", "--name", "某公司", "--owner", "nobody", code=65)
    assert "nobody" in unknown.stderr
    assert cli.dump() == before


def test_duplicate_credit_code_is_refused_and_similar_name_warned(cli):
    cli("client", "add", "--name", "华为技术有限公司", "--credit-code", GOOD_CODE)
    dup = cli("client", "add", "--name", "另一家公司", "--credit-code", GOOD_CODE, code=1)
    assert "already belongs to client 1" in dup.stderr
    similar = cli("client", "add", "--name", "华为技术（深圳）有限公司")
    assert "similar" in similar.stderr and "华为技术有限公司" in similar.stderr


def test_salesperson_sees_only_own_clients(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli("client", "add", "--name", "义乌小商品贸易有限公司")
    mine = cli.json("client", "list", user="li")
    assert [c["name"] for c in mine] == ["宁波恒通进出口贸易有限公司"]
    hidden = cli("client", "show", "2", user="li", code=1)
    assert "no client '2'" in hidden.stderr
    assert len(cli.json("client", "list", user="chen")) == 2


def test_list_is_urgent_first_and_filters(cli):
    cli("client", "add", "--name", "甲公司", "--urgency", "low", "--size", "small", "--tags", "展会")
    cli("client", "add", "--name", "乙公司", "--urgency", "urgent", "--size", "large")
    cli("client", "add", "--name", "丙公司", "--size", "small", "--industry", "纺织")
    assert [c["name"] for c in cli.json("client", "list")] == ["乙公司", "丙公司", "甲公司"]
    assert [c["name"] for c in cli.json("client", "list", "--size", "small")] == ["丙公司", "甲公司"]
    assert [c["name"] for c in cli.json("client", "list", "--tag", "展会")] == ["甲公司"]
    assert [c["name"] for c in cli.json("client", "list", "--industry", "纺织")] == ["丙公司"]


def test_search_by_two_characters_and_pinyin(cli):
    cli("client", "add", "--name", "华为技术有限公司", "--contact", "张伟")
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司")
    for query in ("华为", "hw", "huawei", "zhangwei"):
        assert [c["name"] for c in cli.json("client", "search", query)] == ["华为技术有限公司"], query


def test_edit_assign_archive_restore(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    edited = cli.json("client", "edit", "1", "--urgency", "high", "--tags", "VIP,展会", user="li")
    assert edited["urgency"] == "high" and edited["tags"] == ["VIP", "展会"]
    refused = cli("client", "assign", "1", "zhao", user="li", code=1)
    assert "manager" in refused.stderr
    cli("client", "archive", "1")
    assert cli.json("client", "list") == []
    assert [c["id"] for c in cli.json("client", "list", "--archived")] == [1]
    cli("client", "archive", "1", "--restore")
    assert [c["id"] for c in cli.json("client", "list")] == [1]


def test_json_listing_is_recorded_as_an_export(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli.json("client", "list", user="li")
    exports = cli.json("audit", "list", "--action", "client.export", user="chen")
    assert exports[0]["user"] == "li" and exports[0]["detail"]["count"] == 1


def test_every_listing_of_client_data_as_json_is_an_export_and_reading_it_on_screen_is_not(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli("log", "add", "1", "--channel", "phone", "--summary", "询价", user="li")
    for command in (("client", "show", "1"), ("log", "list"), ("deal", "list"), ("visit", "list")):
        cli(*command, user="li")
    assert cli.json("audit", "list", "--action", "", user="chen")[0]["action"] == "log.add"
    for command in (("client", "show", "1"), ("log", "list"), ("deal", "list"), ("visit", "list")):
        cli.json(*command, user="li")
    exported = [(e["action"], e["detail"]["command"]) for e in cli.json("audit", "list", user="chen")[:4]]
    assert exported == [("visit.export", "visit list"), ("deal.export", "deal list"), ("log.export", "log list"),
                        ("client.export", "client show")]


def test_chinese_messages_with_lang_zh(cli):
    result = cli("--lang", "zh", "client", "add", "--name", "x", "--phone", "123", code=65)
    assert "电话" in result.stderr and "123" in result.stderr


def test_a_list_cut_at_its_limit_says_so_on_stderr(cli):
    for name in ("甲公司", "乙公司", "丙公司"):
        cli("client", "add", "--name", name)
    cut = cli("client", "list", "--limit", "2", "--json")
    assert len(__import__("json").loads(cut.stdout)) == 2 and "--offset 2" in cut.stderr
    whole = cli("client", "list", "--limit", "3")
    assert whole.stderr == ""
