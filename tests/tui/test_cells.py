"""Fitting text into terminal cells: shortened text says so with "…", figures are never shortened."""

from __future__ import annotations

from rich.text import Text

from zizhi.tui.cells import first_fitting, fit, width


def test_a_chinese_name_is_measured_in_cells_and_cut_with_an_ellipsis():
    name = "上海佳晨跨境电商有限公司"
    assert width(name) == 24
    assert fit(name, 11).plain == "上海佳晨跨…"
    assert fit(name, 20).plain == "上海佳晨跨境电商有…"
    assert fit(name, 24).plain == name
    assert width(fit(Text("ab"), 6, pad=True)) == 6


def test_the_most_exact_form_of_a_figure_that_fits_is_chosen():
    assert first_fitting(9, "¥2,782.50", "¥2,783") == "¥2,782.50"
    assert first_fitting(8, "¥2,782.50", "¥2,783") == "¥2,783"
    assert first_fitting(3, "¥2,782.50", "¥2,783") == "¥2,783"  # never cut: the caller makes room
