"""What a new user's trial of `zizhi import` and `zizhi export` found: each as the user met it —
the command they typed, the line they read, the file they got, the database as it was."""

from __future__ import annotations

import codecs
import csv
import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.commands.test_import_cli import DAXING, HAINA, HEADERS, HENGTONG, clients, write_csv


def names(env) -> list[str]:
    return [name for name, *_ in clients(env)]


# -- --map ------------------------------------------------------------------------------------

def test_map_takes_a_chinese_header_on_the_right_and_several_pairs_at_once(cli, env, tmp_path):
    leads = write_csv(tmp_path / "leads.csv", [["单位", "手机", "展位号"], ["宁波恒通进出口贸易有限公司", "13812345678", "A-12"]])
    assert "would create 1" in cli("import", "clients", str(leads), "--dry-run", "--map", "单位=公司名称",
                                   "--map", "手机=电话", "--map", "展位号=-").stdout
    done = cli("import", "clients", str(leads), "--map", "单位=公司名称,手机=phone，展位号=-")
    assert "created 1" in done.stdout
    assert clients(env)[0][:3] == ("宁波恒通进出口贸易有限公司", None, "13812345678")


def test_map_to_something_that_is_neither_field_nor_header_is_one_line(cli, env, tmp_path):
    leads = write_csv(tmp_path / "leads.csv", [["单位"], ["宁波恒通进出口贸易有限公司"]])
    refused = cli("import", "clients", str(leads), "--map", "单位=公司", "--map", "单位=名字", code=65)
    assert refused.stderr.startswith("zizhi: --map: '名字' is neither a field nor a header Zizhi knows for one")
    assert refused.stderr.count("\n") == 1 and clients(env) == []
    broken = cli("import", "clients", str(leads), "--map", "单位=name,展位号", code=65)
    assert broken.stderr.startswith("zizhi: map: '展位号' is not HEADER=FIELD")


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
    assert "'展销会' is not one of 展会/trade_show, 线上/online, 推荐/referral, 咨询/inquiry, 其他/other." in english.stderr  # typed in Chinese
    mended = write_csv(tmp_path / "mended.csv", [["公司名称", "规模", "紧急程度", "渠道"],
                                                 ["宁波恒通进出口贸易有限公司", "大型", "紧急", "咨询"]])
    cli("import", "clients", str(mended))  # every Chinese word the refusal lists is one the import takes
    assert clients(env)[0][3:6] == ("large", "urgent", "inquiry")


# -- the errors file ----------------------------------------------------------------------------

def test_the_errors_file_keeps_the_files_own_columns_and_imports_again_with_the_same_map(cli, env, tmp_path):
    header = ["单位", "展位号", "电话"]
    leads = write_csv(tmp_path / "leads.csv", [header, ["宁波恒通进出口贸易有限公司", "A-12", "0574-87654321"],
                                               ["杭州海纳贸易有限公司", "B-07", "12345"]])
    mapping = ["--map", "单位=公司名称,展位号=-"]
    cli("import", "clients", str(leads), "--skip-invalid", *mapping, code=65)
    with open(tmp_path / "leads.errors.csv", encoding="gb18030", newline="") as stream:
        [written, row] = list(csv.reader(stream))
    assert written == [*header, "错误原因"] and row[:3] == ["杭州海纳贸易有限公司", "B-07", "12345"]
    row[2] = "0571-86001234"  # mended in Excel; the reason left as it is
    write_csv(tmp_path / "leads.errors.csv", [written, row])
    again = cli("import", "clients", str(tmp_path / "leads.errors.csv"), *mapping)
    assert "created 1" in again.stdout and names(env) == ["宁波恒通进出口贸易有限公司", "杭州海纳贸易有限公司"]


def test_errors_without_skip_invalid_is_a_usage_error_and_nothing_is_imported(cli, env, tmp_path):
    leads = write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG])
    before = cli.dump()
    result = cli("import", "clients", str(leads), "--errors", str(tmp_path / "bad.csv"), code=2)
    assert result.stderr == ("zizhi: wrong usage: --errors names where --skip-invalid writes the refused rows; add "
                             "--skip-invalid, or leave --errors out (see zizhi import clients --help)\n")
    assert cli.dump() == before and not (tmp_path / "bad.csv").exists()


def unwritable_folder(tmp_path: Path) -> Path:
    """A real folder this process may not make a file in: a read-only one, or /sys for root."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


@pytest.mark.parametrize("where", ["--errors", "beside the file"])
def test_an_errors_file_that_cannot_be_written_is_refused_before_anything_is_imported(cli, env, tmp_path, where):
    bad = ["杭州海纳贸易有限公司", HAINA[1], "张三", "12345", "杭州", "小型", "普通", "展会", "li", ""]
    leads = write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, bad])
    folder = unwritable_folder(tmp_path)
    if where == "--errors":
        target, args = folder / "leads.errors.csv", ["--errors", str(folder / "leads.errors.csv")]
    else:
        if folder == Path("/sys"):
            pytest.skip("the input cannot be put in /sys; the --errors case covers it")
        folder.chmod(0o700)
        leads = write_csv(folder / "leads.csv", [HEADERS, HENGTONG, bad])
        folder.chmod(0o500)
        target, args = folder / "leads.errors.csv", []
    before = cli.dump()
    result = cli("import", "clients", str(leads), "--skip-invalid", *args, code=65)
    assert result.stderr.startswith(f"zizhi: errors: {target} cannot be written (")
    assert result.stderr.count("\n") == 1 and cli.dump() == before


# -- what is given to import --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["leads.csv", "下载"])
def test_a_folder_given_to_import_is_named_a_folder(cli, env, tmp_path, name):
    (tmp_path / name).mkdir()
    result = cli("import", "clients", str(tmp_path / name), code=65)
    assert result.stderr == f"zizhi: file: {tmp_path / name} is a folder; name a file in it (CSV, TSV, XLSX, JSON, JSONL).\n"


def test_an_empty_file_says_so_and_a_header_alone_says_no_rows(cli, env, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    refused = cli("import", "clients", str(tmp_path / "empty.csv"), code=65)
    assert refused.stderr == f"zizhi: file: {tmp_path / 'empty.csv'} is empty (not even a header row); nothing to import.\n"
    (tmp_path / "bom.csv").write_bytes(codecs.BOM_UTF8 + b"\r\n")  # Excel's "CSV UTF-8" of an empty sheet
    assert "is empty" in cli("import", "clients", str(tmp_path / "bom.csv"), code=65).stderr
    header = write_csv(tmp_path / "header.csv", [HEADERS], encoding="utf-8")
    said = cli("import", "clients", str(header))
    assert said.stdout == f"{header} (CSV, utf-8): no rows to import below the header; nothing written.\n"
    assert "没有可导入的行" in cli("--lang", "zh", "import", "clients", str(header)).stdout


def test_excels_unicode_text_utf16_with_tabs_imports_without_encoding(cli, env, tmp_path):
    """Excel's "Unicode Text (*.txt)": UTF-16 LE with its byte-order mark, a tab between cells, CRLF."""
    rows = [HEADERS, HENGTONG, ["上海大兴国际贸易有限公司", "", "李先生", "12345", "上海", "中型", "普通", "线上", "", ""]]
    text = "".join("\t".join(f'"{c}"' if "\n" in c else c for c in row) + "\r\n" for row in rows)
    path = tmp_path / "线索.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    refused = cli("import", "clients", str(path), code=65)
    # 上 is 0A 4E in UTF-16 LE: a 0x0A byte that is not a line break; HENGTONG's note holds one that is
    assert refused.stderr.startswith(f"{path}:4: 电话: phone: '12345'")
    done = cli("import", "clients", str(path), "--skip-invalid", code=65)
    assert f"{path} (CSV, utf-16): read 2 — created 1" in done.stdout
    assert clients(env)[0][:3] == ("宁波恒通进出口贸易有限公司", HENGTONG[1], "0574-87654321")
    assert clients(env)[0][6] == "广交会\n第二天来访"
    errors = tmp_path / "线索.errors.txt"  # in the file's own encoding and delimiter, for Excel to open
    assert errors.read_bytes().startswith(codecs.BOM_UTF16_LE)
    assert errors.read_text(encoding="utf-16").splitlines()[1].startswith("上海大兴国际贸易有限公司\t\t李先生\t12345\t")


# -- export -------------------------------------------------------------------------------------

def test_a_chinese_export_has_chinese_headers_and_words_and_imports_back(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, DAXING, HAINA])))
    cli("--lang", "zh", "export", "clients", "-o", str(tmp_path / "客户.csv"))
    with open(tmp_path / "客户.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["公司名称"], r["规模"], r["紧急程度"], r["渠道"]) for r in rows] == [
        ("宁波恒通进出口贸易有限公司", "小型", "紧急", "展会"), ("上海大兴国际贸易有限公司", "中型", "普通", "线上"),
        ("杭州海纳贸易有限公司", "小型", "高", "推荐")]
    english = cli("export", "clients").stdout.splitlines()
    assert english[0].startswith("\ufeffname,credit_code,") and ",small,,urgent,trade_show," in english[1]
    cli("log", "add", "恒通", "--channel", "visit", "--summary", "面谈")
    log = cli("--lang", "zh", "export", "interactions", "--format", "json").stdout
    assert json.loads(log)[0]["渠道"] == "拜访"  # 渠道 or 方式: the log's import reads both
    moved = env / "other"
    moved.mkdir()
    os.environ["ZIZHI_DB"] = str(moved / "zizhi.db")  # a second desk reads the Chinese file back
    cli("init", "--admin", "boss")
    cli("user", "add", "li", "--name", "李娜", "--role", "sales")
    cli("user", "exam", "li", "90")
    assert "created 3" in cli("import", "clients", str(tmp_path / "客户.csv")).stdout
    with sqlite3.connect(moved / "zizhi.db") as conn:
        assert conn.execute("SELECT size, urgency, channel FROM clients ORDER BY id").fetchall() == [
            ("small", "urgent", "trade_show"), ("medium", "normal", "online"), ("small", "high", "referral")]


def test_encoding_utf8_writes_the_byte_order_mark_excel_needs_and_gbk_stays_gbk(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG])))
    for spelling in ("utf-8", "UTF8", "utf-8-sig"):
        cli("export", "clients", "--encoding", spelling, "-o", str(tmp_path / "u.csv"))
        assert (tmp_path / "u.csv").read_bytes().startswith(codecs.BOM_UTF8 + b"name,")
    cli("export", "clients", "--encoding", "gbk", "-o", str(tmp_path / "g.csv"))
    assert "宁波恒通" in (tmp_path / "g.csv").read_bytes().decode("gbk")
    unknown = cli("export", "clients", "--encoding", "latin-9x", "-o", str(tmp_path / "x.csv"), code=65)
    assert unknown.stderr.startswith("zizhi: encoding: 'latin-9x' is not an encoding")
    assert not (tmp_path / "x.csv").exists()


def test_archived_clients_and_their_log_stay_out_of_exports_unless_asked_for(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, DAXING])))
    cli("log", "add", "恒通", "--channel", "phone", "--summary", "询问报价")
    cli("log", "add", "大兴", "--channel", "phone", "--summary", "约见面")
    cli("client", "archive", "恒通")
    log = json.loads(cli("export", "interactions", "--json").stdout)
    assert [entry["client"] for entry in log] == ["上海大兴国际贸易有限公司"]
    assert len(json.loads(cli("export", "interactions", "--json", "--archived").stdout)) == 2
    assert [c["name"] for c in json.loads(cli("export", "clients", "--json").stdout)] == ["上海大兴国际贸易有限公司"]
    assert len(json.loads(cli("export", "clients", "--json", "--archived").stdout)) == 2
    [entry, *_] = cli.json("audit", "list", "--action", "interaction.export")
    assert entry["detail"]["filter"] == {"archived": True}


def test_export_clients_takes_the_apps_search_and_due_filter_and_audits_them(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, DAXING, HAINA])))
    cli("log", "add", "大兴", "--channel", "phone", "--summary", "约见面", "--next", "回电", "--at", "2026-11-20",
        "--next-date", "2026-11-26")
    found = json.loads(cli("export", "clients", "--json", "--search", "海纳").stdout)
    assert [c["name"] for c in found] == ["杭州海纳贸易有限公司"]
    pinyin = json.loads(cli("export", "clients", "--json", "--search", "ht").stdout)  # 恒通, as the app finds it
    assert [c["name"] for c in pinyin] == ["宁波恒通进出口贸易有限公司"]
    due = json.loads(cli("export", "clients", "--json", "--due").stdout)
    assert [c["name"] for c in due] == ["上海大兴国际贸易有限公司"]
    assert json.loads(cli("export", "clients", "--json", "--due", "--search", "海纳").stdout) == []
    [entry, *_] = cli.json("audit", "list", "--action", "client.export")
    assert entry["detail"]["filter"] == {"search": "海纳", "due": True} and entry["detail"]["count"] == 0


def test_export_to_a_folder_it_may_not_write_in_is_one_line_and_no_audit_row(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG])))
    target = unwritable_folder(tmp_path) / "客户.csv"
    result = cli("export", "clients", "-o", str(target), code=65)
    assert result.stderr.startswith(f"zizhi: out: {target} cannot be written (") and result.stderr.count("\n") == 1
    assert cli.json("audit", "list", "--action", "client.export") == []


def test_a_salesperson_s_export_leaves_out_a_colleague_s_referrer_and_imports_back(cli, env, tmp_path):
    cli("user", "exam", "zhao", "90")
    cli("client", "add", "--name", "厦门嘉诚实业有限公司", "--owner", "zhao")
    cli("client", "add", "--name", "杭州海纳贸易有限公司", "--owner", "li", "--referrer", "厦门嘉诚实业有限公司")
    exported = tmp_path / "mine.csv"
    cli("export", "clients", "-o", str(exported), user="li")
    [row] = list(csv.DictReader(exported.read_text(encoding="utf-8-sig").splitlines()))
    assert (row["name"], row["referrer"]) == ("杭州海纳贸易有限公司", "")  # zhao's client is not li's to see
    again = cli("import", "clients", str(exported), user="li")
    assert "already on file 1, refused 0" in again.stdout
    [boss_row] = [r for r in csv.DictReader(cli("export", "clients").stdout.lstrip("\ufeff").splitlines()) if r["name"].startswith("杭州")]
    assert boss_row["referrer"] == "厦门嘉诚实业有限公司"  # the manager's export names it


def test_an_old_excel_file_is_read_as_a_workbook_not_refused_for_its_name(cli, env, tmp_path):
    old = tmp_path / "leads.xls"
    old.write_bytes(b"not a workbook at all")  # named as Excel 97-2003 saves it
    refused = cli("import", "clients", str(old), code=65)
    assert "leads.xls: not an Excel workbook Zizhi can read" in refused.stderr and "--format" not in refused.stderr


def test_a_known_credit_code_under_another_name_is_said_not_passed_over(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG])))
    other = write_csv(tmp_path / "other.csv", [HEADERS, ["完全不同的公司有限公司", *HENGTONG[1:]]])
    kept = cli("import", "clients", str(other))
    assert "already on file 1" in kept.stdout
    assert "'完全不同的公司有限公司' is client 1 on file as 宁波恒通进出口贸易有限公司 (the same credit code); left as it is" \
        in kept.stderr
    renamed = cli("import", "clients", str(other), "--update")
    assert "(the same credit code): renamed." in renamed.stderr and names(env) == ["完全不同的公司有限公司"]
