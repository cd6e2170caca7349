"""The detail pane wraps Chinese at any character but keeps house numbers, emails and closing
punctuation whole, so an address is not read as two numbers."""

from __future__ import annotations

from rich.console import Console

from zizhi.tui.wrapping import Wrapped


def lines(text: str, width: int) -> list[str]:
    return [line.plain for line in Wrapped(text).wrap(Console(width=width), width)]


def test_a_house_number_moves_whole_to_the_next_line():
    assert lines("浙江省宁波市科技路484号12幢", 19) == ["浙江省宁波市科技路", "484号12幢"]


def test_an_email_moves_whole_when_it_fits_and_is_folded_only_when_it_cannot():
    assert lines("邮箱 sales@tongkai.cn", 16) == ["邮箱", "sales@tongkai.cn"]
    assert lines("邮箱 sales@tongkaigroup.com.cn", 16) == ["邮箱", "sales@tongkaigro", "up.com.cn"]


def test_closing_punctuation_never_starts_a_line():
    assert lines("客户已取得批准文件。需求合理", 18) == ["客户已取得批准文", "件。需求合理"]


def test_a_short_text_is_one_line_and_newlines_are_kept():
    assert lines("电话 021-68881234", 40) == ["电话 021-68881234"]
    assert lines("第一行\n第二行", 40) == ["第一行", "第二行"]
