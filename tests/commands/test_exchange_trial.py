"""What a new user's trial of `zizhi import` and `zizhi export` found: each as the user met it —
the command they typed, the line they read, the file they got, the database as it was."""

from __future__ import annotations

from tests.commands.test_import_cli import clients, write_csv


def names(env) -> list[str]:
    return [name for name, *_ in clients(env)]


# -- refusals in Chinese ------------------------------------------------------------------------

def test_a_chinese_refusal_of_a_channel_size_or_urgency_lists_the_chinese_words_it_takes(cli, env, tmp_path):
    leads = write_csv(tmp_path / "leads.csv", [["公司名称", "规模", "紧急程度", "渠道"],
                                               ["宁波恒通进出口贸易有限公司", "巨型", "很急", "展销会"]])
    result = cli("--lang", "zh", "import", "clients", str(leads), code=65)
    lines = result.stderr.splitlines()
    assert lines[0].endswith("'巨型' 不是以下之一：微型/micro, 小型/small, 中型/medium, 大型/large。")
    assert lines[1].endswith("'很急' 不是以下之一：紧急/urgent, 高/high, 普通/normal, 低/low。")
    assert lines[2].endswith("'展销会' 不是以下之一：展会/trade_show, 线上/online, 推荐/referral, 咨询/inquiry, 其他/other。")
    english = cli("import", "clients", str(leads), code=65)
    assert "'展销会' is not one of trade_show, online, referral, inquiry, other." in english.stderr
    mended = write_csv(tmp_path / "mended.csv", [["公司名称", "规模", "紧急程度", "渠道"],
                                                 ["宁波恒通进出口贸易有限公司", "大型", "紧急", "咨询"]])
    cli("import", "clients", str(mended))  # every Chinese word the refusal lists is one the import takes
    assert clients(env)[0][3:6] == ("large", "urgent", "inquiry")

