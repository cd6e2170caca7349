"""`zizhi log …`: logging contact sets the client's follow-up; due follow-ups are listed."""

from __future__ import annotations


def test_log_with_next_step_makes_the_follow_up_due(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    entry = cli.json("log", "add", "恒通", "--channel", "phone", "--summary", "询问进出口权办理时间",
                     "--next", "发送报价", "--next-date", "2026-11-27", "--at", "2026-11-20 10:30", user="li")
    assert entry["client"] == "宁波恒通进出口贸易有限公司" and entry["user"] == "li"
    due = cli.json("client", "list", "--due", user="li")
    assert [(c["next_step"], c["next_date"]) for c in due] == [("发送报价", "2026-11-27")]
    shown = cli.json("client", "show", "1", user="li")
    assert shown["last_contact_at"] == "2026-11-20 10:30:00"


def test_later_contact_without_next_step_completes_the_follow_up(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli("log", "add", "1", "--channel", "phone", "--summary", "首次沟通", "--next", "回电",
        "--next-date", "2026-11-25", "--at", "2026-11-20", user="li")
    cli("log", "add", "1", "--channel", "visit", "--summary", "上门拜访，已回复", user="li")
    assert cli.json("client", "list", "--due", user="li") == []


def test_next_step_without_date_is_refused_and_nothing_written(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    before = cli.dump()
    result = cli("log", "add", "1", "--channel", "phone", "--summary", "x", "--next", "回电", user="li", code=65)
    assert "next-date" in result.stderr
    bad_channel = cli("log", "add", "1", "--channel", "fax", "--summary", "x", user="li", code=65)
    assert "'fax'" in bad_channel.stderr and "phone" in bad_channel.stderr
    assert cli.dump() == before


def test_list_and_edit(cli):
    cli("client", "add", "--name", "宁波恒通进出口贸易有限公司", "--owner", "li")
    cli("log", "add", "1", "--channel", "email", "--summary", "发送材料清单", "--at", "2026-11-21", user="li")
    cli("log", "add", "1", "--channel", "phone", "--summary", "确认材料", "--at", "2026-11-22", user="li")
    entries = cli.json("log", "list", "1", user="li")
    assert [e["summary"] for e in entries] == ["确认材料", "发送材料清单"]
    edited = cli.json("log", "edit", str(entries[0]["id"]), "--next", "寄送原件", "--next-date", "2026-12-01",
                      user="li")
    assert edited["next_step"] == "寄送原件"
    assert cli.json("client", "show", "1", user="li")["next_date"] == "2026-12-01"
    other = cli("log", "edit", str(entries[0]["id"]), "--summary", "改", user="zhao", code=1)
    assert "no entry" in other.stderr
