"""Masked contact details keep enough to recognise a record and no more."""

from __future__ import annotations

from zizhi.core import masking


def test_a_mobile_keeps_its_first_three_and_last_four_digits():
    assert masking.phone("13812345678") == "138****5678"
    assert masking.phone("0574-87654321") == "057****4321"
    assert "1234" not in masking.phone("12345")


def test_an_email_keeps_the_first_letter_and_the_domain():
    assert masking.email("wang.fang@example.cn") == "w***@example.cn"


def test_an_address_keeps_the_district_and_hides_the_street():
    assert masking.address("浙江省宁波市北仑区新碶街道明州路 88 号") == "浙江省宁波市****"


def test_a_contact_keeps_the_family_name():
    assert masking.person("陈建国") == "陈**" and masking.person("周") == "周*"


def test_a_quote_masks_its_clients_details_but_not_the_company_header():
    quote = {"client": {"name": "宁波恒通", "phone": "13812345678", "email": "chen@hengtong.cn"},
             "company": {"phone": "021-68881234"}}
    shown = masking.masked(quote)
    assert shown["client"] == {"name": "宁波恒通", "phone": "138****5678", "email": "c***@hengtong.cn"}
    assert shown["company"] == {"phone": "021-68881234"}


def test_a_page_of_rows_is_masked_row_by_row_and_keeps_its_more_flag():
    rows, more = masking.masked(([{"name": "甲", "contact": "张伟", "phone": None}], True))
    assert rows == [{"name": "甲", "contact": "张*", "phone": None}] and more is True
