"""Money is whole fen: what users type becomes exact integers, and displays back the same way."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zizhi.core import money
from zizhi.core.errors import InputError

FEW = settings(max_examples=150, deadline=None)
AMOUNTS = st.integers(min_value=-money.MAX_FEN, max_value=money.MAX_FEN)


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("12,345.6", 1_234_560),
        ("¥12345.60", 1_234_560),
        ("￥1,234", 123_400),
        ("1,234,567.89", 123_456_789),
        ("  0.01 ", 1),
        ("-3.5", -350),
        ("CNY 50", 5_000),
        ("RMB1,800.00", 180_000),
        ("1800元", 180_000),
        ("12345.6000", 1_234_560),  # trailing zeros are not extra precision
    ],
)
def test_parse_accepts_what_people_type(typed, fen):
    assert money.parse(typed) == fen


def test_parse_refuses_a_third_decimal_and_names_field_and_value():
    with pytest.raises(InputError) as caught:
        money.parse("12345.605", field="service fee")
    assert caught.value.exit_code == 65
    message = caught.value.message("en")
    assert "service fee" in message
    assert "12345.605" in message
    assert "two decimals" in message


def test_parse_rounds_half_up_only_when_asked():
    assert money.parse("12345.605", rounding=True) == 1_234_561
    assert money.parse("12345.604", rounding=True) == 1_234_560
    assert money.parse("-0.005", rounding=True) == -1


@pytest.mark.parametrize("typed", ["abc", "1,23", "12,3456", "1.2.3", "", "¥", "--5", "1e5", "12 34,5"])
def test_parse_refuses_what_is_not_an_amount(typed):
    with pytest.raises(InputError) as caught:
        money.parse(typed, field="deposit")
    message = caught.value.message("en")
    assert message.startswith("deposit:")
    assert f"'{typed}'" in message


@pytest.mark.parametrize(
    ("fen", "shown"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (1_234_560, "¥12,345.60"),
        (123_456_789, "¥1,234,567.89"),
        (-350, "-¥3.50"),
        (-123_456_789, "-¥1,234,567.89"),
    ],
)
def test_format_fen_shows_yuan_with_thousands_separators(fen, shown):
    assert money.format_fen(fen) == shown


def test_format_fen_without_symbol():
    assert money.format_fen(-123_456, symbol=False) == "-1,234.56"


def test_to_decimal_is_exact_with_two_places():
    assert money.to_decimal(1_234_560) == Decimal("12345.60")
    assert str(money.to_decimal(-5)) == "-0.05"


@FEW
@given(AMOUNTS)
def test_format_then_parse_round_trips(fen):
    assert money.parse(money.format_fen(fen)) == fen
    assert money.parse(money.format_fen(fen, symbol=False)) == fen


@FEW
@given(st.integers(min_value=0, max_value=money.MAX_FEN - 1), st.sampled_from([1, -1]))
def test_half_a_fen_rounds_away_from_zero(fen, sign):
    yuan = sign * (Decimal(fen) / 100 + Decimal("0.005"))
    assert money.round_half_up(yuan) == sign * (fen + 1)
    assert money.parse(str(yuan), rounding=True) == sign * (fen + 1)


@FEW
@given(st.from_regex(r"[+-]?[¥￥]?\d{1,15}(\.\d{0,4})?", fullmatch=True))
def test_parse_returns_whole_fen_never_a_float(typed):
    try:
        value = money.parse(typed, rounding=True)
    except InputError:
        return
    assert type(value) is int


@FEW
@given(st.text(max_size=24))
def test_parse_of_any_text_is_fen_or_a_clean_input_error(typed):
    try:
        value = money.parse(typed)
    except InputError:
        return
    assert type(value) is int


def test_an_absurdly_long_number_is_refused_cleanly():
    with pytest.raises(InputError):
        money.parse("1" * 30)


@pytest.mark.parametrize("typed", ["1,000,000,000.01", "-1000000001", "92233720368547758.07",
                                   "99999999999999999999999"])
def test_an_amount_beyond_one_billion_yuan_is_refused_naming_the_bound(typed):
    with pytest.raises(InputError) as refused:
        money.parse(typed, field="value")
    assert refused.value.key == "money.too_large"
    assert "¥1,000,000,000.00" in refused.value.message("en") and typed in refused.value.message("en")


def test_the_largest_amount_times_the_largest_quantity_in_basis_points_fits_sqlite():
    from zizhi.core.pipeline.pricing import MAX_QUANTITY

    assert money.MAX_FEN * MAX_QUANTITY * 10_000 < 2**63


@pytest.mark.parametrize(("typed", "fen"), [("１２３", 12_300), ("１２，３４５．６", 1_234_560), ("￥８００", 80_000)])
def test_full_width_digits_from_a_chinese_input_method_are_read(typed, fen):
    assert money.parse(typed) == fen


@pytest.mark.parametrize("typed", ["٣", "²", "१२३", "NaN", "Infinity", "1e5"])
def test_other_scripts_digits_and_special_numbers_are_not_amounts(typed):
    with pytest.raises(InputError) as refused:
        money.parse(typed)
    assert refused.value.key == "money.not_a_number"
