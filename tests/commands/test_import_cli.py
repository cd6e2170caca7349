"""`zizhi import clients FILE` as a colleague uses it with what Excel saved: GBK with Chinese
headers, UTF-8 with a BOM, `;` and tabs, quoted line breaks; all of it or none, every bad row named."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from stdnum.cn import uscc

from tests.commands.conftest import run_zizhi

HEADERS = ["公司名称", "统一社会信用代码", "联系人", "电话", "城市", "规模", "紧急程度", "渠道", "负责人", "备注"]


def code(body: str) -> str:
    """A unified social credit code with its right check digit."""
    return body + uscc.calc_check_digit(body)


HENGTONG = ["宁波恒通进出口贸易有限公司", code("91330200MA2H4GXK4"), "王经理", "0574-87654321", "宁波", "小型", "紧急",
            "展会", "li", "广交会\n第二天来访"]
DAXING = ["上海大兴国际贸易有限公司", "", "李先生", "13812345678", "上海", "中型", "普通", "线上", "", ""]
HAINA = ["杭州海纳贸易有限公司", code("91330100MA27XK1B3"), "张三", "0571-86001234", "杭州", "small", "high", "referral",
         "li", ""]


def write_csv(path, rows, encoding="gbk", delimiter=",", newline="\r\n"):
    with open(path, "w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return path


def clients(env) -> list[tuple]:
    with sqlite3.connect(env / "zizhi.db") as conn:
        return conn.execute("SELECT name, credit_code, phone, size, urgency, channel, notes FROM clients ORDER BY id").fetchall()


def test_a_gbk_file_excel_saved_with_chinese_headers_imports_and_a_second_time_changes_nothing(cli, env, tmp_path):
    leads = write_csv(tmp_path / "展会线索.csv", [HEADERS, HENGTONG, DAXING, HAINA])
    first = cli("import", "clients", str(leads))
    assert "展会线索.csv (CSV, gb18030): read 3 — created 3, updated 0, already on file 0, refused 0." in first.stdout
    assert clients(env)[0] == ("宁波恒通进出口贸易有限公司", HENGTONG[1], "0574-87654321", "small", "urgent",
                               "trade_show", "广交会\n第二天来访")
    assert clients(env)[2][3:6] == ("small", "high", "referral")  # English values as well as Chinese
    before = cli.dump()
    again = cli("import", "clients", str(leads))
    assert "created 0, updated 0, already on file 3, refused 0." in again.stdout
    assert [line for line in cli.dump() if "client.import" not in line and "audit" not in line] == \
        [line for line in before if "client.import" not in line and "audit" not in line]


def test_one_bad_row_deep_in_the_file_and_nothing_is_written_every_bad_row_named_by_its_line(cli, env, tmp_path):
    rows = [HEADERS, HENGTONG, DAXING]  # HENGTONG's note holds a line break: DAXING starts on line 4
    rows += [[f"温州第{n}贸易有限公司", "", "", "", "温州", "", "", "", "", ""] for n in range(200)]
    rows += [["杭州海纳贸易有限公司", "9133010MA27XK1B3X", "张三", "12345", "杭州", "巨型", "普通", "展会", "li", ""]]
    leads = write_csv(tmp_path / "leads.csv", rows)
    before = cli.dump()
    result = cli("import", "clients", str(leads), code=65)
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{leads}:205: 统一社会信用代码: credit code: '9133010MA27XK1B3X'")
    assert lines[1].startswith(f"{leads}:205: 电话: phone: '12345'")
    assert lines[2].startswith(f"{leads}:205: 规模: size: '巨型' is not one of")
    assert "nothing imported" in result.stdout and cli.dump() == before


def test_skip_invalid_imports_the_rest_and_writes_the_bad_rows_to_mend_and_import(cli, env, tmp_path):
    bad = ["杭州海纳贸易有限公司", HAINA[1], "张三", "12345", "杭州", "小型", "普通", "展会", "li", ""]
    leads = write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, bad, DAXING])
    result = cli("import", "clients", str(leads), "--skip-invalid", code=65)
    assert "created 2, updated 0, already on file 0, refused 1." in result.stdout
    errors = tmp_path / "leads.errors.csv"
    with open(errors, encoding="gb18030", newline="") as stream:
        [header, row] = list(csv.reader(stream))
    assert header == [*HEADERS, "错误原因"] and row[:10] == bad and row[10].startswith("phone: '12345'")
    row[3] = "0571-86001234"  # mended in Excel, the reason column left as it is
    write_csv(errors, [header, row])
    assert "created 1, updated 0, already on file 0, refused 0." in cli("import", "clients", str(errors)).stdout
    assert [name for name, *_ in clients(env)] == ["宁波恒通进出口贸易有限公司", "上海大兴国际贸易有限公司", "杭州海纳贸易有限公司"]


def test_utf8_with_a_bom_semicolons_and_tabs_read_alike(cli, env, tmp_path):
    english = ["name", "credit code", "Contact", "Phone", "city", "size", "urgency", "channel", "owner", "notes"]
    write_csv(tmp_path / "a.csv", [english, HAINA], encoding="utf-8-sig", delimiter=";")
    write_csv(tmp_path / "b.tsv", [HEADERS, DAXING], encoding="utf-8", delimiter="\t", newline="\n")
    assert "(CSV, utf-8-sig): read 1 — created 1" in cli("import", "clients", str(tmp_path / "a.csv")).stdout
    assert "(TSV, utf-8): read 1 — created 1" in cli("import", "clients", str(tmp_path / "b.tsv")).stdout
    assert [(name, phone) for name, _, phone, *_ in clients(env)] == [("杭州海纳贸易有限公司", "0571-86001234"),
                                                                      ("上海大兴国际贸易有限公司", "13812345678")]


def test_a_name_written_another_way_is_the_same_company_and_update_changes_only_the_files_columns(cli, env, tmp_path):
    write_csv(tmp_path / "one.csv", [HEADERS, DAXING])
    cli("import", "clients", str(tmp_path / "one.csv"))
    other = tmp_path / "other.csv"
    write_csv(other, [["客户名称", "城市"], ["上海大兴国际贸易 有限责任公司", "苏州"]])
    assert "already on file 1" in cli("import", "clients", str(other)).stdout
    assert "updated 1" in cli("import", "clients", str(other), "--update").stdout
    [(name, _, phone, size, *_)] = clients(env)
    assert (name, phone, size) == ("上海大兴国际贸易有限公司", "13812345678", "medium")
    with sqlite3.connect(env / "zizhi.db") as conn:
        assert conn.execute("SELECT city FROM clients").fetchone() == ("苏州",)


def test_an_unknown_column_is_refused_with_how_to_name_it_and_map_names_it(cli, env, tmp_path):
    leads = write_csv(tmp_path / "leads.csv", [["公司名称", "展位号", "Firma"], ["宁波恒通进出口贸易有限公司", "A-12", "x"]])
    refused = cli("import", "clients", str(leads), code=65)
    assert refused.stderr.strip() == (
        "zizhi: columns: '展位号', 'Firma' are not fields of this import; name each with --map '展位号=FIELD' or leave it out "
        "with --map '展位号=-' (fields: name, credit_code, contact, phone, email, address, city, business_scope, "
        "industry, size, needs, urgency, channel, referrer, credit_rating, owner, tags, notes).")
    done = cli("import", "clients", str(leads), "--map", "展位号=-", "--map", "Firma=notes")
    assert "created 1" in done.stdout and clients(env)[0][6] == "x"


def test_a_file_that_is_neither_utf8_nor_gbk_says_how_to_save_it(cli, env, tmp_path):
    broken = tmp_path / "leads.csv"
    broken.write_bytes("公司名称\n".encode("utf-8") + b"\xff\xfe\x80\n")
    result = cli("import", "clients", str(broken), code=65)
    assert result.stderr.strip() == (f"zizhi: {broken}: neither UTF-8 nor GBK/GB18030; in Excel save it again as "
                                     "'CSV UTF-8 (Comma delimited)', or give its encoding with --encoding.")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_and_json_lines_read_from_standard_input(cli, env, tmp_path, fmt):
    records = [{"name": "宁波恒通进出口贸易有限公司", "phone": "0574-87654321", "size": "小型", "tags": ["展会", "宁波"]},
               {"公司名称": "上海大兴国际贸易有限公司", "电话": 13812345678}]
    text = json.dumps(records, ensure_ascii=False) if fmt == "json" else \
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    (tmp_path / "records").write_text(text, encoding="utf-8")
    with open(tmp_path / "records", encoding="utf-8") as stdin:
        result = run_zizhi("--as", "boss", "import", "clients", "-", "--format", fmt, env_root=env, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "read 2 — created 2" in result.stdout
    assert [row[2] for row in clients(env)] == ["0574-87654321", "13812345678"]


def test_a_dry_run_says_what_would_happen_and_writes_nothing(cli, env, tmp_path):
    leads = write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, DAXING])
    before = cli.dump()
    result = cli("import", "clients", str(leads), "--dry-run")
    assert "dry run, nothing written" in result.stdout and "would create 2" in result.stdout
    assert cli.dump() == before


def test_a_salesperson_cannot_import_for_a_colleague(cli, env, tmp_path):
    leads = write_csv(tmp_path / "leads.csv", [["公司名称", "负责人"], ["宁波恒通进出口贸易有限公司", "zhao"]])
    result = cli("import", "clients", str(leads), user="li", code=65)
    assert f"{leads}:2: 负责人:" in result.stderr and clients(env) == []


def test_an_excel_workbook_reads_numbers_as_typed_and_names_excels_row(cli, env, tmp_path):
    import xlsxwriter

    book = xlsxwriter.Workbook(tmp_path / "leads.xlsx")
    sheet = book.add_worksheet("线索")
    sheet.write_row(0, 0, ["公司名称", "统一社会信用代码", "电话", "规模", "备注"])
    sheet.write_row(1, 0, ["宁波恒通进出口贸易有限公司", HENGTONG[1]])
    sheet.write_number(1, 2, 13812345678)  # a mobile typed as a number: whole, no ".0"
    sheet.write_row(1, 3, ["小型", "广交会\n第二天来访"])
    sheet.write_row(2, 0, ["上海大兴国际贸易有限公司", "", "021-68881234", "中型"])  # text keeps its 0
    sheet.write_row(3, 0, ["杭州海纳贸易有限公司", ""])
    sheet.write_number(3, 2, 57186001234)  # a landline typed as a number: Excel dropped its 0
    book.close()
    refused = cli("import", "clients", str(tmp_path / "leads.xlsx"), code=65)
    assert refused.stderr.startswith(f"{tmp_path / 'leads.xlsx'}:4: 电话: phone: '57186001234' is neither")
    done = cli("import", "clients", str(tmp_path / "leads.xlsx"), "--skip-invalid", code=65)
    assert "(XLSX): read 3 — created 2" in done.stdout  # a workbook has no encoding to name
    assert [(name, phone, notes) for name, _, phone, _, _, _, notes in clients(env)] == [
        ("宁波恒通进出口贸易有限公司", "13812345678", "广交会\n第二天来访"), ("上海大兴国际贸易有限公司", "021-68881234", None)]
    assert (tmp_path / "leads.errors.xlsx").exists() is False  # a workbook's refused rows go to a CSV beside it
    assert "杭州海纳贸易有限公司" in (tmp_path / "leads.errors.csv").read_text(encoding="utf-8-sig")


def test_an_import_killed_half_way_leaves_the_database_as_before(cli, env, tmp_path):
    import signal
    import time

    from tests.commands.reminder_mail import start_zizhi

    rows = [HEADERS] + [[f"温州第{n}贸易有限公司", "", "", "", "温州", "", "", "", "", ""] for n in range(3000)]
    leads = write_csv(tmp_path / "leads.csv", rows)
    before = cli.dump()
    running = start_zizhi("--as", "boss", "import", "clients", str(leads), env_root=env,
                          extra_env={"ZIZHI_IMPORT_TEST_PAUSE_AT_ROW": "2000"})
    probe = sqlite3.connect(env / "zizhi.db", timeout=0, isolation_level=None)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # until the import holds the write lock …
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            time.sleep(0.05)
        except sqlite3.OperationalError:
            break
    probe.close()
    time.sleep(1.5)  # … and has written its first 2,000 rows (a few hundred ms), where it waits
    running.send_signal(signal.SIGKILL)
    running.wait(10)
    assert cli.dump() == before
    assert "created 3000" in cli("import", "clients", str(leads)).stdout  # and nothing stands in its way


def test_export_to_excel_csv_and_standard_output_is_audited_and_reads_back(cli, env, tmp_path):
    from python_calamine import CalamineWorkbook

    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, DAXING])))
    shown = cli("export", "clients")
    assert shown.stdout.startswith("\ufeffname,credit_code,contact,phone,")  # the BOM: Excel reads UTF-8
    assert "宁波恒通进出口贸易有限公司" in shown.stdout
    done = cli("export", "clients", "--format", "xlsx", "-o", str(tmp_path / "客户.xlsx"))
    assert done.stdout.strip() == f"2 rows of clients written to {tmp_path / '客户.xlsx'} (XLSX)."
    sheet = CalamineWorkbook.from_path(str(tmp_path / "客户.xlsx")).get_sheet_by_index(0).to_python()
    assert sheet[1][:4] == ["宁波恒通进出口贸易有限公司", HENGTONG[1], "王经理", "0574-87654321"]
    assert [entry["detail"]["count"] for entry in cli.json("audit", "list", "--action", "client.export")] == [2, 2]
    assert "already on file 2" in cli("import", "clients", str(tmp_path / "客户.xlsx")).stdout


LOG = ["客户", "时间", "方式", "摘要", "下一步", "下次跟进日期", "记录人"]


def test_a_log_kept_in_excel_imports_as_yours_and_sets_the_follow_up(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, DAXING])))
    log = write_csv(tmp_path / "log.csv", [LOG, ["宁波恒通进出口贸易 有限责任公司", "2026-11-20 15:30", "电话", "询问报价",
                                                   "发送报价", "2026-11-30", "boss"],
                                             ["上海大兴国际贸易有限公司", "2026-11-21", "拜访", "面谈", "", "", ""]])
    first = cli("import", "interactions", str(log))
    assert "read 2 — created 2, updated 0, already on file 0, refused 0." in first.stdout
    assert "already on file 2" in cli("import", "interactions", str(log)).stdout
    [hengtong] = [c for c in cli.json("client", "list") if c["name"] == "宁波恒通进出口贸易有限公司"]
    assert hengtong["next_date"] == "2026-11-30"
    entries = cli.json("log", "list", "恒通")
    assert [(e["at"], e["channel"], e["summary"], e["user"]) for e in entries] == [
        ("2026-11-20 15:30:00", "phone", "询问报价", "boss")]


def test_a_log_row_for_an_unknown_client_or_someone_elses_name_is_refused_and_nothing_written(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG])))
    log = write_csv(tmp_path / "log.csv", [LOG, ["宁波恒通进出口贸易有限公司", "2026-11-20", "电话", "询问报价", "", "", "li"],
                                             ["不存在的公司", "2026-11-20", "飞鸽", "询问", "", "", ""]])
    before = cli.dump()
    result = cli("import", "interactions", str(log), code=65)
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{log}:2: 记录人: logged by: 'li' — an import is logged by the person importing (boss)")
    assert lines[1].startswith(f"{log}:3: 客户: ") and "不存在的公司" in lines[1]
    assert cli.dump() == before


def test_a_bad_day_for_the_receivables_export_is_one_line_and_no_file(cli, env, tmp_path):
    result = cli("export", "receivables", "--as-of", "2026-13-45", "-o", str(tmp_path / "ar.csv"), code=65)
    assert result.stderr.startswith("zizhi: as-of: ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "ar.csv").exists()
    folder = cli("export", "clients", "-o", str(tmp_path), code=65)
    assert folder.stderr.strip() == f"zizhi: out: {tmp_path} is a folder; name the file to write, e.g. {tmp_path}/clients.csv."


def test_the_errors_file_is_checked_first_and_never_overwrites_mended_rows(cli, env, tmp_path):
    bad = ["杭州海纳贸易有限公司", HAINA[1], "张三", "12345", "杭州", "小型", "普通", "展会", "li", ""]
    leads = write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG, bad])
    before = cli.dump()
    folder = cli("import", "clients", str(leads), "--skip-invalid", "--errors", str(tmp_path), code=65)
    assert folder.stderr.strip() == f"zizhi: errors: {tmp_path} is a folder; name the file for the refused rows."
    assert cli.dump() == before  # nothing imported when the refused rows could not be written
    cli("import", "clients", str(leads), "--skip-invalid", code=65)
    mended = (tmp_path / "leads.errors.csv").read_bytes()
    again = cli("import", "clients", str(leads), "--skip-invalid", code=65)
    assert str(tmp_path / "leads.errors-2.csv") in again.stdout and (tmp_path / "leads.errors-2.csv").exists()
    assert (tmp_path / "leads.errors.csv").read_bytes() == mended


def test_export_takes_its_format_from_the_files_name_and_refuses_a_clash(cli, env, tmp_path):
    from python_calamine import CalamineWorkbook

    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG])))
    assert "(XLSX)" in cli("export", "clients", "-o", str(tmp_path / "客户.xlsx")).stdout
    assert CalamineWorkbook.from_path(str(tmp_path / "客户.xlsx")).get_sheet_by_index(0).to_python()[1][0] == HENGTONG[0]
    clash = cli("export", "clients", "--format", "csv", "-o", str(tmp_path / "c.xlsx"), code=65)
    assert clash.stderr.startswith("zizhi: format: csv, but ") and not (tmp_path / "c.xlsx").exists()
    unnamed = cli("export", "clients", "-o", str(tmp_path / "x.pdf"), code=65)  # not a CSV called x.pdf
    assert "is named as none of csv, xlsx or json" in unnamed.stderr and not (tmp_path / "x.pdf").exists()


def test_a_log_row_may_name_its_client_by_credit_code(cli, env, tmp_path):
    cli("import", "clients", str(write_csv(tmp_path / "leads.csv", [HEADERS, HENGTONG])))
    log = write_csv(tmp_path / "log.csv", [LOG[:4], [HENGTONG[1], "2026-11-20", "电话", "询问报价"]])
    assert "created 1" in cli("import", "interactions", str(log)).stdout
