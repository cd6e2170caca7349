"""Exporting the clients screen's list from the app: `x`, a format and a file, Export — exactly the
clients the search and the due filter hold, audited like `zizhi export clients`; a path or a
format that will not do is said in the dialog, which stays open."""

from __future__ import annotations

import csv
import json

from textual.widgets import Input, Static
from tui_helpers import SIZE, said, shown, type_text

from zizhi.core.clients.search import search_clients


def exported(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


async def test_x_exports_exactly_the_clients_the_search_finds_and_is_audited(app, desk, settle, folder, monkeypatch):
    monkeypatch.chdir(folder)  # the dialog's default file is in the folder the app started from
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "海")
        await settle(pilot, 0.5)
        await pilot.press("escape")  # out of the search box, onto the list
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportScreen"
        assert "“海”" in shown(app.screen.query_one("#export-what", Static))
        path = app.screen.query_one("#export-path", Input)
        assert path.value == "clients-2026-11-27.csv"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ClientsScreen"
        rows = exported(folder / "clients-2026-11-27.csv")
        wanted = [row["name"] for row in search_clients(desk, "海", limit=1000)]
        assert [row["name"] for row in rows] == wanted == ["上海恒通进出口有限公司", "宁波海天国际贸易有限公司"]
        assert rows[0]["phone"] == "021-68881234" and rows[0]["channel"] == "referral"  # the CLI's columns
        assert said(app) == f"✓ Exported 2 clients to {folder / 'clients-2026-11-27.csv'} (CSV)."
    [(detail,)] = desk.store.tuples("SELECT detail FROM audit WHERE action = 'client.export'")[1]
    audit = json.loads(detail)
    assert audit["count"] == 2 and audit["filter"] == {"search": "海"} and audit["command"] == "app: export clients"


async def test_the_due_list_exports_as_a_workbook_named_for_its_format(app, desk, settle, tmp_path):
    from python_calamine import CalamineWorkbook

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")  # due today or earlier: 华为's follow-up of 2026-11-25
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.click("#export-xlsx")
        await settle(pilot)
        path = app.screen.query_one("#export-path", Input)
        assert path.value == "clients-2026-11-27.xlsx"  # the name follows the format chosen
        path.value = str(tmp_path / "到期.xlsx")
        await pilot.click("#export-run")
        await settle(pilot)
        sheet = CalamineWorkbook.from_path(str(tmp_path / "到期.xlsx")).get_sheet_by_index(0).to_python()
        assert [row[0] for row in sheet] == ["name", "华为技术有限公司"]


async def test_a_path_or_format_that_will_not_do_is_said_in_the_dialog_and_nothing_is_written(app, desk, settle,
                                                                                                 tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        path = app.screen.query_one("#export-path", Input)
        problem = app.screen.query_one("#export-problem", Static)
        await pilot.click("#export-json")
        await settle(pilot)
        await pilot.press("tab")  # from the formats to the file's name
        assert path.has_focus
        path.value = str(tmp_path / "客户.xlsx")
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportScreen" and problem.display
        assert shown(problem).strip() == (f"format: json, but {tmp_path / '客户.xlsx'} is named as xlsx; choose that "
                                          "format, or name the file to match.")
        for where, start in ((tmp_path / "nowhere" / "c.json", "out: the folder of"), (tmp_path, "out: "),
                             ("/sys/c.json", "out: /sys/c.json cannot be written (")):
            path.value = str(where)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "ExportScreen" and shown(problem).startswith(start), shown(problem)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ClientsScreen"
    assert not [p.name for p in tmp_path.iterdir() if not p.name.startswith(("config", "z.db"))]
    assert not desk.store.rows("SELECT id FROM audit WHERE action = 'client.export'")
