"""A refused save is always in sight at 80×24: every bad field at once, the first one focused and
on screen, the reasons in the form, and a line saying what was refused."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from tui_helpers import fill, said, screen_lines

from zizhi.core.clients.records import count_clients
from zizhi.core.i18n import choose_language
from zizhi.tui.screens.client_form import ClientForm

BAD = dict(credit_code="91330211072279258X", phone="1380000", email="abc@")
SAID = {"en": ("3 fields need fixing", "credit code, phone, email"),
        "zh": ("3 项需要修改", "信用代码、电话、邮箱")}
REASONS = {"en": ("fails the GB 32100-2015 check digit", "is neither a mainland mobile", "is not an email address"),
           "zh": ("校验位不符合", "既不是大陆手机号", "不是有效的邮箱地址")}


def on_screen(app) -> str:
    return "\n".join(screen_lines(app))


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_every_bad_field_of_a_new_client_is_reported_at_once_and_on_screen(app, desk, settle, lang):
    choose_language(lang)
    before = count_clients(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, name="杭州新锐贸易有限公司", **BAD)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientForm), "the form stays open"
        screen = on_screen(app)
        for reason in REASONS[lang]:
            assert reason in screen.replace("\n", ""), reason
        assert all(part in " ".join(said(app).split()) for part in SAID[lang])
        focused = app.screen.focused
        assert isinstance(focused, Input) and focused.id == "f-credit_code"
        assert 0 <= focused.region.y < 24 and focused.region.height > 0, "the first bad field is in view"
        assert {w.id for w in app.screen.query(".-invalid")} == {"f-credit_code", "f-phone", "f-email"}
        assert app.screen.query_one("#f-phone", Input).value == "1380000", "what was typed is kept"
    assert count_clients(desk) == before


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_an_edit_with_a_bad_phone_says_why_on_screen(app, desk, settle, lang):
    choose_language(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, phone="123")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientForm)
        assert REASONS[lang][1] in on_screen(app).replace("\n", "")
        assert REASONS[lang][1] in said(app).replace("\n", "")
        assert app.screen.focused.id == "f-phone"


async def test_a_field_far_down_the_form_is_scrolled_to(app, settle):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, name="杭州新锐贸易有限公司", referrer="没有这个客户")
        await pilot.press("ctrl+s")
        await settle(pilot)
        focused = app.screen.focused
        assert focused.id == "f-referrer"
        assert 0 <= focused.region.y < 24 and focused.region.height > 0
        assert "no client '没有这个客户'" in on_screen(app).replace("\n", "")
