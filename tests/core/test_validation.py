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


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "12/01/2026", "tomorrow", "20261201"])
def test_a_bad_date_is_refused_naming_field_and_value(bad):
    with pytest.raises(InputError) as caught:
        validation.date(bad, "next-date")
    message = caught.value.message("en")
    assert message.startswith("next-date:")
    assert bad in message
    assert "YYYY-MM-DD" in message


def test_company_hotlines_are_phones():
    assert validation.phone("400-800-1234") == "400-800-1234"
    assert validation.phone("8008101234") == "800-810-1234"


def test_a_three_digit_area_code_needs_an_eight_digit_number():
    with pytest.raises(InputError):
        validation.phone("021-6888123")
    assert validation.phone("0571-8888123") == "0571-8888123"
