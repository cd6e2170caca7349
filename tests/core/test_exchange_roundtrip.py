"""Export, then import into another database: the same clients, whatever their text holds —
Chinese, quotes, commas, line breaks, a cell a spreadsheet would run as a formula."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.conftest import credit_code
from zizhi.core import vocab
from zizhi.core.clients import records
from zizhi.core.clients.importing import import_clients
from zizhi.core.desk import init_database, open_desk
from zizhi.core.errors import InputError
from zizhi.core.exchange.export import export
from zizhi.core.exchange.source import open_table

FIELDS = ("name", "credit_code", "contact", "phone", "email", "address", "city", "industry", "size", "urgency",
          "channel", "notes")
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Cf")) | st.sampled_from(
    ["=", "+", "-", "@", '"', ",", "，", "贸", "\n"]), max_size=12)


def fresh(folder: Path, name: str):
    """A new database with the salesperson li on duty; the desk of its admin."""
    path = folder / name / "zizhi.db"
    init_database(path, admin="boss")
    desk = open_desk(db=path, as_user="boss", lang="en")
    from zizhi.core.people import users as people

    people.add_user(desk, "li", "李娜", "sales")
    people.record_exam(desk, "li", 90)
    return desk


def book(desk) -> list[tuple]:
    return desk.store.tuples(f"SELECT {', '.join(FIELDS)}, owner_id FROM clients ORDER BY id")[1]


@pytest.mark.parametrize("lang", ["en", "zh"])  # Chinese: 公司名称 …, 小型, 紧急, 展会 — read back alike
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(TEXT, min_size=1, max_size=3), first=TEXT,
       words=st.lists(st.tuples(st.sampled_from(vocab.SIZES), st.sampled_from(vocab.URGENCIES),
                                st.sampled_from(vocab.CHANNELS)), min_size=3, max_size=3))
def test_an_export_imports_back_as_it_was(fmt, lang, notes, first, words):
    with tempfile.TemporaryDirectory() as folder:
        source, target = fresh(Path(folder), "a"), fresh(Path(folder), "b")
        for n, note in enumerate(notes):
            name = first.replace("\n", "").strip() or "甲"  # a name is one line; a note may be several
            size, urgency, channel = words[n]
            records.add_client(source, name=f"{name}{n}贸易有限公司", credit_code=credit_code(n),
                               contact="王经理", phone="0574-87654321", city="宁波", size=size, urgency=urgency,
                               channel=channel, owner="li", notes=note.strip() or None, tags=["展会"])
        out = Path(folder) / f"clients.{fmt}"
        export(source, "clients", fmt, str(out), lang=lang)
        with open_table(str(out)) as table:
            report = import_clients(target, table)
        assert report["rejected"] == 0, report["errors"]
        assert book(target) == book(source)


def test_gbk_refuses_a_character_it_cannot_hold_and_writes_nothing(desk_as, tmp_path):
    desk = desk_as("boss")
    records.add_client(desk, name="𠮷野家贸易有限公司")  # 𠮷 is in GB18030, not in GBK
    with pytest.raises(InputError) as refused:
        export(desk, "clients", "csv", str(tmp_path / "clients.csv"), encoding="gbk")
    assert refused.value.message() == ("encoding: line 2, name holds '𠮷', which gbk cannot write; export in UTF-8 "
                                       "(the default) instead.")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["config", "data"]  # no file, no half of one
    assert not desk.store.rows("SELECT * FROM audit WHERE action = 'client.export'")


def test_a_formula_is_written_as_text_a_spreadsheet_shows(desk_as, tmp_path):
    desk = desk_as("boss")
    records.add_client(desk, name="=HYPERLINK(\"http://x.example\")贸易有限公司", notes="@SUM(A1)")
    out = io.BytesIO()
    export(desk, "clients", "csv", None, stdout=out)
    line = out.getvalue().decode("utf-8-sig").splitlines()[1]
    assert line.startswith("\"'=HYPERLINK(\"\"http://x.example\"\")贸易有限公司\"") and line.endswith(",'@SUM(A1)")


def test_legal_exports_masked_and_may_not_ask_for_it_whole(desk_as, tmp_path):
    from zizhi.core.errors import Refused
    from zizhi.core.people import users as people

    boss = desk_as("boss")
    people.add_user(boss, "zhou", "周静", "legal")
    records.add_client(boss, name="宁波恒通进出口贸易有限公司", contact="王建国", phone="13812345678")
    legal = desk_as("zhou")
    written = export(legal, "clients", "json", str(tmp_path / "c.json"))
    assert written["masked"] and '"phone": "138****5678"' in (tmp_path / "c.json").read_text(encoding="utf-8")
    with pytest.raises(Refused):
        export(legal, "clients", "json", str(tmp_path / "c2.json"), unmasked=True)
    [(detail,)] = boss.store.tuples("SELECT detail FROM audit WHERE action = 'client.export'")[1]
    assert '"count": 1' in detail and '"masked": true' in detail
    with open_table(str(tmp_path / "c.json")) as table:  # a manager updating from legal's file
        report = import_clients(boss, table, update=True)
    assert report["rejected"] == 1 and not report["written"]
    assert {e["field"] for e in report["errors"]} == {"contact", "phone"}  # 王*, 138****5678: named, not taken
    assert [(r["contact"], r["phone"]) for r in boss.store.rows("SELECT contact, phone FROM clients")] == [
        ("王建国", "13812345678")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".tsv", ".json", ".jsonl", ".xlsx"]))
def test_arbitrary_bytes_are_a_report_or_one_clear_refusal_never_a_crash(desk_as, tmp_path, data, suffix):
    desk = desk_as("boss")
    path = tmp_path / f"leads{suffix}"
    path.write_bytes(b"name,phone\n" + data if suffix in (".csv", ".tsv") else data)
    before = desk.store.scalar("SELECT count(*) FROM clients")
    try:
        with open_table(str(path)) as table:
            report = import_clients(desk, table)
    except InputError as refused:
        assert refused.message() and "\n" not in refused.message()
        assert desk.store.scalar("SELECT count(*) FROM clients") == before
    else:
        assert report["rejected"] == 0 or desk.store.scalar("SELECT count(*) FROM clients") == before


def test_receivables_and_deals_export_money_as_plain_yuan_a_spreadsheet_adds_up(li, tmp_path):
    import json

    from tests.core.test_dunning import owing

    contract = owing(li)  # ¥1,000.00 due 2026-09-28 and ¥1,000.00 due 2026-12-30, unpaid
    export(li, "receivables", "json", str(tmp_path / "ar.json"), as_of="2026-11-27")
    rows = json.loads((tmp_path / "ar.json").read_text(encoding="utf-8"))
    assert [(r["contract"], r["instalment"], r["owed"], r["days_overdue"]) for r in rows] == [
        (contract["number"], 1, "1000.00", 60), (contract["number"], 2, "1000.00", 0)]
    li.store.conn.execute("UPDATE deals SET value = 286200")
    export(li, "deals", "csv", str(tmp_path / "deals.csv"))
    deal = (tmp_path / "deals.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert ",li,contract,2862.00," in deal and "¥" not in deal


def test_a_workbook_export_holds_money_and_days_as_numbers_a_sheet_adds_up(li, tmp_path):
    from python_calamine import CalamineWorkbook

    from tests.core.test_dunning import owing

    owing(li)  # ¥1,000.00 due 2026-09-28 and ¥1,000.00 due 2026-12-30, unpaid
    export(li, "receivables", "xlsx", str(tmp_path / "ar.xlsx"), as_of="2026-11-27")
    header, *rows = CalamineWorkbook.from_path(str(tmp_path / "ar.xlsx")).get_sheet_by_index(0).to_python()
    owed, overdue = header.index("owed"), header.index("days_overdue")
    assert [(row[owed], row[overdue]) for row in rows] == [(1000.0, 60), (1000.0, 0)]  # numbers, not text


def test_a_workbook_is_not_written_to_a_terminal(li):
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    with pytest.raises(InputError) as refused:
        export(li, "clients", "xlsx", None, stdout=screen)
    assert "-o clients.xlsx" in refused.value.message("en") and screen.getvalue() == b""
    export(li, "clients", "csv", None, stdout=screen)  # text is
    assert screen.getvalue().startswith("\ufeffname".encode("utf-8"))
