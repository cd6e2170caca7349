"""Fitting text into terminal cells: shortened text says so with "…", figures are never shortened."""

from __future__ import annotations

from rich.text import Text

from zizhi.tui.cells import first_fitting, fit, keep, width


def test_a_chinese_name_is_measured_in_cells_and_cut_with_an_ellipsis():
    name = "上海佳晨跨境电商有限公司"
    assert width(name) == 24
    cut = fit(name, 11)
    assert cut.plain.endswith("…") and width(cut) <= 11
    assert fit(name, 24).plain == name
    assert width(fit(Text("ab"), 6, pad=True)) == 6


def test_the_most_exact_form_of_a_figure_that_fits_is_chosen():
    assert first_fitting(9, "¥2,782.50", "¥2,783") == "¥2,782.50"
    assert first_fitting(8, "¥2,782.50", "¥2,783") == "¥2,783"
    assert first_fitting(3, "¥2,782.50", "¥2,783") == "¥2,783"  # never cut: the caller makes room


def test_columns_are_dropped_whole_lowest_priority_first():
    needs = {"code": 12, "government": 9, "service": 9, "total": 9}
    assert keep(needs, ("government", "service"), 100, gap=2) == ["code", "government", "service", "total"]
    assert keep(needs, ("government", "service"), 36, gap=2) == ["code", "service", "total"]
    assert keep(needs, ("government", "service"), 20, gap=2) == ["code", "total"]
