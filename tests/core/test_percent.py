"""Percentages are read and written one way everywhere: discounts, VAT, prepayment, probability."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zizhi.core import money, percent
from zizhi.core.errors import InputError


@pytest.mark.parametrize("typed, stored", [("5%", 500), ("12.5 %", 1250), ("5％", 500), (5, 500), ("0", 0),
                                           ("100%", 10_000), ("0.05%", 5)])
def test_what_people_type_is_stored_in_basis_points(typed, stored):
    assert percent.parse(typed) == stored


@pytest.mark.parametrize("typed", ["NaN", "nan%", "Infinity", "150%", "-1%", "5.555%", "five", "", True])
def test_a_value_that_is_no_percentage_is_refused_naming_the_field(typed):
    with pytest.raises(InputError) as refused:
        percent.parse(typed, "probability")
    assert "probability" in refused.value.message("en")


def test_configuration_asks_for_the_percent_sign():
    with pytest.raises(InputError):
        percent.parse("6", sign_required=True)


@given(st.integers(0, 10_000))
def test_the_text_reads_back_as_the_same_value(basis_points):
    assert percent.parse(percent.text(basis_points)) == basis_points


@given(st.integers(-10**12, 10**12), st.integers(0, 10_000))
def test_a_share_rounds_half_a_fen_away_from_zero(fen, basis_points):
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(fen) * basis_points / 10_000
    assert money.share(fen, basis_points) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize(("typed", "points"), [("１２．５％", 1250), ("５%", 500)])
def test_full_width_percentages_are_read(typed, points):
    assert percent.parse(typed) == points


@pytest.mark.parametrize("typed", ["٣%", "²%", "NaN%", "Infinity"])
def test_other_digits_and_special_numbers_are_not_percentages(typed):
    with pytest.raises(InputError):
        percent.parse(typed)
