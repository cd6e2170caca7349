"""The identifiers on a client record: credit code, phone, email and dates."""

from __future__ import annotations

import pytest

from zizhi.core import validation
from zizhi.core.errors import InputError

GOOD = "91110000600037341L"


def test_a_good_credit_code_is_kept():
    assert validation.credit_code(GOOD) == GOOD


def test_a_lowercase_credit_code_is_stored_upper_case():
    assert validation.credit_code(GOOD.lower()) == GOOD


def test_spaces_in_a_credit_code_are_ignored():
    assert validation.credit_code("9111 0000 6000 3734 1L") == GOOD


def test_generated_codes_are_valid(make_code):
    codes = {make_code(n) for n in range(50)}
    assert len(codes) == 50
    assert all(validation.credit_code(code) == code for code in codes)


def test_a_wrong_check_digit_is_refused_naming_the_value():
    bad = GOOD[:-1] + "M"
    with pytest.raises(InputError) as caught:
        validation.credit_code(bad)
    assert caught.value.exit_code == 65
    message = caught.value.message("en")
    assert bad in message
    assert "check digit" in message


@pytest.mark.parametrize("bad", ["9111000060003734", "91110000600037341I", "ABCDEFGH600037341L"])
def test_a_malformed_credit_code_is_refused(bad):
    with pytest.raises(InputError) as caught:
        validation.credit_code(bad)
    assert bad in caught.value.message("en")
    assert "not a unified social credit code" in caught.value.message("en")


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_no_credit_code_is_allowed(empty):
    assert validation.credit_code(empty) is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("021-68881234", "021-68881234"),
        ("010-12345678", "010-12345678"),
        ("0755 2345 6789", "0755-23456789"),
        ("075523456789", "0755-23456789"),
        ("0571-8888888", "0571-8888888"),
        ("021-68881234-801", "021-68881234-801"),
    ],
)
def test_phone_numbers_are_normalised(typed, stored):
    assert validation.phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("02168881234", "021-68881234"),
        ("021 6888 1234", "021-68881234"),
        ("(021) 6888 1234", "021-68881234"),
        ("01012345678", "010-12345678"),
    ],
)
def test_three_digit_area_codes_stay_three_digits(typed, stored):
    assert validation.phone(typed) == stored


@pytest.mark.parametrize("bad", ["12345", "1381234567", "23456789", "phone me", "138123456789"])
def test_a_bad_phone_is_refused_naming_the_value(bad):
    with pytest.raises(InputError) as caught:
        validation.phone(bad)
    assert caught.value.exit_code == 65
    assert f"'{bad}'" in caught.value.message("en")


@pytest.mark.parametrize("good", ["li.na@huaxin-zizhi.cn", "sales@example.com", "张伟@例子.中国"])
def test_emails_are_accepted(good):
    assert validation.email(f"  {good} ") == good


@pytest.mark.parametrize("bad", ["x@y", "a b@c.cn", "no-at-sign.cn", "a@b.c"])
def test_a_bad_email_is_refused(bad):
    with pytest.raises(InputError) as caught:
        validation.email(bad)
    assert bad in caught.value.message("en")


@pytest.mark.parametrize("typed", ["2026-12-01", "2026/12/1", "2026年12月1日", "2026.12.01", " 2026-12-1 "])
def test_dates_in_common_spellings(typed):
    assert validation.date(typed) == "2026-12-01"


@pytest.mark.parametrize(("bad", "rule"), [("2026-02-30", "no day of the calendar"),
                                           ("2026-13-01", "no day of the calendar"),
                                           ("12/01/2026", "write it like 2026-12-05"), ("someday", "write it like 2026-12-05"),
                                           ("20261201", "write it like 2026-12-05")])
def test_a_bad_date_is_refused_naming_field_and_value(bad, rule):
    with pytest.raises(InputError) as caught:
        validation.date(bad, "next-date")
    message = caught.value.message("en")
    assert message.startswith("next-date:")
    assert bad in message
    assert rule in message


def test_company_hotlines_are_phones():
    assert validation.phone("400-800-1234") == "400-800-1234"
    assert validation.phone("8008101234") == "800-810-1234"


def test_a_three_digit_area_code_needs_an_eight_digit_number():
    with pytest.raises(InputError):
        validation.phone("021-6888123")
    assert validation.phone("0571-8888123") == "0571-8888123"


@pytest.mark.parametrize(("typed", "number"), [("12", 12), ("１２", 12), (" 7 ", 7), ("9" * 18, 10**18 - 1)])
def test_whole_numbers_are_ascii_or_full_width_digits(typed, number):
    assert validation.whole_number(typed) == number


@pytest.mark.parametrize("typed", ["²", "٣", "१२", "-1", "+1", "1.0", "1e3", "NaN", "9" * 19, "", True])
def test_anything_else_is_not_a_whole_number(typed):
    assert validation.whole_number(typed) is None


def test_a_number_out_of_its_range_names_field_value_and_range():
    with pytest.raises(InputError) as refused:
        validation.whole_in("６", "--satisfaction", low=1, high=5)
    assert refused.value.message("en") == "--satisfaction: ６ is not from 1 to 5."
    assert validation.whole_in("５", "--satisfaction", low=1, high=5) == 5


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u200e", "\u200f", "\u202a",
                                  "\u202e", "\u2066", "\u2069"])
def test_text_refuses_control_and_direction_characters_naming_them(char):
    with pytest.raises(InputError) as refused:
        validation.text(f"宁波{char}恒通", "name", multiline=True)
    assert f"U+{ord(char):04X}" in refused.value.message("en")
    assert f"宁波\\u{ord(char):04x}恒通" in refused.value.message("zh")


def test_a_line_break_is_refused_in_one_line_fields_and_kept_in_notes():
    with pytest.raises(InputError) as refused:
        validation.text("第一行\n第二行", "name")
    assert refused.value.key == "input.one_line"
    assert validation.text("第一行\n第二行\t备注", "notes", multiline=True) == "第一行\n第二行\t备注"


@pytest.mark.parametrize("fine", ["宁波恒通进出口有限公司", "O'Brien & Sons (HK) Ltd.", "ＡＢＣ 公司", "emoji 🚢", None])
def test_ordinary_text_passes_unchanged(fine):
    assert validation.text(fine, "name") == fine
