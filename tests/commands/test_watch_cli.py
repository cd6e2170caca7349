"""The watch list and the cash forecast from a script: scores explained in both languages, JSON,
a refusal for a role that does not see receivables, a bar chart and CSV of expected receipts."""

from __future__ import annotations

from tests.commands.test_receivables_cli import owing  # noqa: F401  (the fixture)


def test_the_watch_list_explains_each_score_in_english_and_chinese(cli, owing):  # noqa: F811
    number = owing["number"]
    said = cli("ar", "watch", "--as-of", "2026-12-31", user="li").stdout.splitlines()
    assert said == [
        "Watch list as of 2026-12-31: 1 client at risk (money overdue or a promise broken; score 0–100):",
        " 36  宁波恒通进出口贸易有限公司  li  owes ¥2,862.00, ¥2,862.00 overdue",
        "     34 days overdue (+23), owes ¥2,862.00 (+3), rated B (+5), at the phone call step (+5)",
        f"     ·  34  {number}:1  due 2026-11-27  ¥1,431.00  34 days overdue (+23), owes ¥1,431.00 (+1), rated B (+5), "
        "at the phone call step (+5)",
        f"     ·  26  {number}:2  due 2026-12-08  ¥1,431.00  23 days overdue (+15), owes ¥1,431.00 (+1), rated B (+5), "
        "at the phone call step (+5)"]
    chinese = cli("--lang", "zh", "ar", "watch", "--as-of", "2026-12-31", user="li").stdout.splitlines()
    assert chinese[0] == "风险预警（截至 2026-12-31）：1 个客户有风险（欠款逾期或付款承诺未兑现；0–100 分）："
    assert chinese[2] == "     逾期 34 天（+23），欠款 ¥2,862.00（+3），信用等级 B（+5），已到“电话催收”阶段（+5）"
    found = cli.json("ar", "watch", "--as-of", "2026-12-31", user="cw")
    client = found["clients"][0]
    assert (found["count"], client["score"], client["owner"], client["step"]) == (1, 36, "li", "call")
    assert [part["sign"] for part in client["parts"]] == ["overdue", "amount", "rating", "step"]
    assert [i["score"] for i in client["instalments"]] == [34, 26]


def test_who_sees_the_watch_list(cli, owing):  # noqa: F811
    before = cli.dump()
    legal = cli("ar", "watch", user="fa", code=1)
    assert legal.stderr == "zizhi: Receivables are for sales, managers, finance and admins (your role is legal).\n"
    other = cli("ar", "watch", "--as-of", "2026-12-31", user="zhao")
    assert other.stdout == "Watch list as of 2026-12-31: no client has money overdue or a promise broken.\n"
    assert "宁波恒通" in cli("ar", "watch", "--as-of", "2026-12-31", user="chen").stdout
    assert cli.dump() == before  # a plain read writes nothing


def test_a_limit_says_what_it_left_out(cli, owing):  # noqa: F811
    cli("client", "add", "--name", "宁波恒达进出口贸易有限公司", "--owner", "li", "--channel", "trade-show")
    cli("credit", "check", "恒达", "--rating", "D", "--method", "registry", "--guarantor", "宁波担保公司", user="li")
    cli("deal", "new", "--client", "恒达", "--qualification", "TRADE-RIGHTS", user="li")
    cli("deal", "assess", "2", "--findings", "需要进出口经营权", user="li")
    cli("deal", "move", "2", "proposal", user="li")
    quote = cli.json("quote", "new", "2", user="li")
    cli("review", "approve", str(quote["id"]), user="fa")
    cli("quote", "send", str(quote["id"]), user="li")
    cli("quote", "accept", str(quote["id"]), user="li")
    cli("deal", "move", "2", "contract", user="li")
    contract = cli.json("contract", "new", "2", user="li")
    cli("contract", "sign", contract["number"], user="li")
    shown = cli("ar", "watch", "--limit", "1", "--as-of", "2026-12-31", user="li")
    assert shown.stdout.splitlines()[1].split()[1] == "宁波恒达进出口贸易有限公司"  # rated D: the riskier
    assert shown.stderr == "(the riskiest 1 of 2 shown; --limit N for more)\n"


def test_the_forecast_as_a_table_a_bar_chart_and_csv(cli, owing, monkeypatch):  # noqa: F811
    monkeypatch.setenv("COLUMNS", "100")  # room for the widest bar the chart draws, 60 cells
    text = cli("ar", "forecast", "--weeks", "3", user="li").stdout.splitlines()
    assert text == [
        "Cash forecast from 2026-11-27 to 2026-12-13, 3 weeks: expected = owed × (100 − the client's risk score) %, "
        "to the fen; overdue instalments fall in the first week.",
        "week      from        to          instalments        due   expected",
        "2026-W48  2026-11-27  2026-11-29            1  ¥1,431.00  ¥1,316.52",  # the client scores 8: 92 %
        "2026-W49  2026-11-30  2026-12-06            0      ¥0.00      ¥0.00",
        "2026-W50  2026-12-07  2026-12-13            1  ¥1,431.00  ¥1,316.52",
        "total     2026-11-27  2026-12-13            2  ¥2,862.00  ¥2,633.04",
        "Only your clients' instalments are counted.",
        "",
        "Expected receipts by week:",
        "2026-W48  ¥1,316.52  " + "█" * 60,
        "2026-W49      ¥0.00",
        "2026-W50  ¥1,316.52  " + "█" * 60]
    chinese = cli("--lang", "zh", "ar", "forecast", "--weeks", "2", user="li").stdout.splitlines()
    assert chinese[1:4] == ["周            起          止          分期数       应收   预计收款",
                            "2026年第48周  2026-11-27  2026-11-29       1  ¥1,431.00  ¥1,316.52",
                            "2026年第49周  2026-11-30  2026-12-06       0      ¥0.00      ¥0.00"]
    assert chinese[-2:] == ["2026年第48周  ¥1,316.52  " + "█" * 60, "2026年第49周      ¥0.00"]
    csv = cli("ar", "forecast", "--weeks", "2", "--csv", user="cw").stdout
    assert csv.startswith("\ufeffweek,from,to,instalments,due,expected\n2026-W48,2026-11-27,2026-11-29,1,")
    found = cli.json("ar", "forecast", user="cw")
    assert (len(found["weeks"]), found["due"], found["expected"], found["later"]) == (13, 286_200, 263_304, 0)


def test_a_bad_number_of_weeks_is_one_line_and_exit_65(cli, owing):  # noqa: F811
    refused = cli("ar", "forecast", "--weeks", "0", user="li", code=65)
    assert refused.stderr == "zizhi: weeks: 0 is not from 1 to 52.\n"
    assert cli("ar", "forecast", user="fa", code=1).stderr.startswith("zizhi: Receivables are for")


def test_a_narrow_terminal_draws_shorter_bars_in_eighths(cli, owing, monkeypatch):  # noqa: F811
    from zizhi.commands.watch_view import bar, chart

    assert [bar(fen, 800, 10) for fen in (800, 799, 450, 1, 0)] == ["█" * 10, "█" * 9 + "▉", "█████▋", "▏", ""]
    assert chart([("2026-W48", 100), ("2026年第49周", 50)], columns=40) == [
        "2026-W48      ¥1.00  " + "█" * 19, "2026年第49周  ¥0.50  " + "█" * 9 + "▌"]
