"""Importing a file of leads from the clients screen: `i`, the file's name, Enter checks it (the dry
run: what would happen and every bad row), then Import brings in the good rows."""

from __future__ import annotations

import csv

from textual.widgets import Button, DataTable, Static
from tui_helpers import SIZE, said, shown


def leads(folder) -> str:
    path = folder / "展会线索.csv"
    with open(path, "w", encoding="gbk", newline="") as out:
        csv.writer(out).writerows([["公司名称", "电话", "规模"], ["宁波海纳进出口贸易有限公司", "0574-87654321", "小型"],
                                   ["杭州海纳贸易有限公司", "12345", "小型"]])
    return str(path)


async def test_i_checks_a_file_shows_its_bad_rows_and_imports_the_good_ones(app, desk, settle, folder):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert type(app.screen).__name__ == "ImportScreen"
        await pilot.press(*leads(folder))
        await pilot.press("enter")
        await settle(pilot)
        summary = shown(app.screen.query_one("#import-summary", Static)).strip()
        assert summary.endswith("展会线索.csv: 2 rows — 1 new, 0 to update, 0 already on file, 1 refused.")
        errors = app.screen.query_one("#import-errors", DataTable)
        assert [str(cell) for cell in errors.get_row_at(0)][:2] == ["3", "电话"]
        assert str(errors.get_row_at(0)[2]).startswith("phone: '12345'")
        assert not desk.store.rows("SELECT id FROM clients WHERE name = '宁波海纳进出口贸易有限公司'")  # a check writes nothing
        run = app.screen.query_one("#import-run", Button)
        assert str(run.label) == "Import the good rows" and not run.disabled
        await pilot.click("#import-run")
        await settle(pilot)
        assert type(app.screen).__name__ == "ClientsScreen"
        assert desk.store.rows("SELECT id FROM clients WHERE name = '宁波海纳进出口贸易有限公司'")
        assert not desk.store.rows("SELECT id FROM clients WHERE name = '杭州海纳贸易有限公司'")
        kept = folder / "展会线索.errors.csv"  # the refused row, as --skip-invalid keeps it, to mend
        assert kept.read_text(encoding="gbk").splitlines()[1].startswith("杭州海纳贸易有限公司,12345,小型,")
        assert " ".join(said(app).split()).endswith(f"the refused row, with why, is in {kept}: mend it there and import it.")


async def test_a_file_that_cannot_be_read_says_so_in_the_dialog(app, settle, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press(*str(tmp_path / "nope.csv"), "enter")
        await settle(pilot)
        assert shown(app.screen.query_one("#import-summary", Static)).startswith("file: ")
        assert app.screen.query_one("#import-run", Button).disabled
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ClientsScreen"
