"""Adding and editing a client: mistakes are shown in the form, which keeps what was typed."""

from __future__ import annotations

from textual.widgets import Input, Select, Static
from tui_helpers import SIZE, detail, fill, names, said, status

from zizhi.core.clients.records import count_clients, get_client
from zizhi.tui.screens.client_form import ClientForm
from zizhi.tui.widgets.client_table import ClientTable


def error_text(app) -> str:
    return str(app.screen.query_one("#form-error", Static).content)


async def test_a_bad_credit_code_is_shown_inline_and_nothing_is_saved(app, desk, settle):
    before = count_clients(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ClientForm)
        for char in "杭州新锐贸易有限公司":
            await pilot.press(char)
        await pilot.press("tab", *"91110000600037341X", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientForm), "the form stays open"
        assert "fails the GB 32100-2015 check digit" in error_text(app)
        assert app.screen.query_one("#f-name", Input).value == "杭州新锐贸易有限公司"
        assert app.screen.query_one("#f-credit_code", Input).value == "91110000600037341X"
    assert count_clients(desk) == before


async def test_a_valid_client_is_added_listed_and_selected(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, name="杭州新锐贸易有限公司", contact="赵磊", phone="13700001111", city="杭州",
                   urgency="high", owner="li")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ClientForm)
        assert "杭州新锐贸易有限公司" in names(app)
        table = app.screen.query_one(ClientTable)
        assert table.cell(table.cursor_row, "name") == "杭州新锐贸易有限公司"
        assert "赵磊" in detail(app)
    added = get_client(desk, "杭州新锐贸易有限公司")
    assert added["owner"] == "li" and added["urgency"] == "high"


async def add(pilot, settle, name: str, **fields: str) -> None:
    """Add a client with the form, as typed from the clients screen (``a``, the fields, ctrl+s)."""
    await pilot.press("a")
    await settle(pilot)
    await fill(pilot, name=name, **fields)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, ClientForm)


async def test_adding_a_client_keeps_the_search_and_selects_the_new_row(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"有限公司", "enter")
        await settle(pilot)
        await add(pilot, settle, "杭州新锐贸易有限公司", contact="赵磊")
        assert app.screen.query_one("#search", Input).value == "有限公司"
        assert len(names(app)) == 5 and "宁波海天国际贸易有限公司" in names(app)
        table = app.screen.query_one(ClientTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "杭州新锐贸易有限公司"
        assert "赵磊" in detail(app) and "Added client 杭州新锐贸易有限公司." in said(app)


async def test_a_new_client_outside_the_search_is_said_and_the_search_and_selection_kept(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"出口", "enter")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert names(app) == ["上海恒通进出口有限公司", "义乌小商品出口有限公司"]
        await add(pilot, settle, "杭州新锐贸易有限公司")
        assert app.screen.query_one("#search", Input).value == "出口"
        assert names(app) == ["上海恒通进出口有限公司", "义乌小商品出口有限公司"]
        table = app.screen.query_one(ClientTable)
        assert table.cursor_row == 1 and "刘洋" in detail(app)
        assert "it is not among the clients found for “出口” (Esc clears the search)" in " ".join(said(app).split())


async def test_a_new_client_with_nothing_due_leaves_the_due_view_as_it_was(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await add(pilot, settle, "杭州新锐贸易有限公司")
        assert names(app) == ["华为技术有限公司"] and status(app).startswith("1 due")
        assert "it has no follow-up due, so the due list does not show it (d shows every client)" in " ".join(
            said(app).split())
        await pilot.press("d")
        await settle(pilot)
        assert "杭州新锐贸易有限公司" in names(app) and status(app) == "5 clients"
    assert count_clients(desk) == 5


async def test_a_required_name_keeps_the_form_open(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientForm)
        assert "name: a value is required" in error_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ClientForm)


async def test_the_owner_offered_is_an_on_duty_salesperson(app, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        owner = app.screen.query_one("#f-owner", Select)
        assert [value for _, value in owner._options if value is not Select.NULL] == ["li"]
        assert owner.value is Select.NULL, "an admin adds clients unassigned unless they choose"


async def test_editing_changes_only_what_was_changed(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ClientForm)
        assert app.screen.query_one("#f-name", Input).value == "华为技术有限公司"
        await fill(pilot, phone="13899998888")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "13899998888" in detail(app)
    client = get_client(desk, "华为技术有限公司")
    assert client["phone"] == "13899998888" and client["owner"] == "li" and client["city"] == "深圳"


async def test_on_an_80_column_terminal_every_field_of_the_form_is_within_the_screen(app, settle):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ClientForm)
        fields = list(app.screen.query("#fields > Input")) + list(app.screen.query("#fields > Select"))
        assert len(fields) >= 10
        for widget in fields:
            widget.scroll_visible(animate=False)
            await pilot.pause()
            assert 0 < widget.region.right <= 80 and widget.region.width >= 30, widget


async def test_credit_rating_tags_and_needs_are_edited_in_the_app(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ClientForm)
        name = app.screen.query_one("#f-name", Input).value
        await fill(pilot, credit_rating="A", tags="VIP, 展会", needs="进出口权、海关备案", referrer="上海恒通")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ClientForm)
    edited = get_client(desk, name)
    assert (edited["credit_rating"], edited["tags"], edited["needs"]) == ("A", ["VIP", "展会"], "进出口权、海关备案")
    assert edited["referrer_name"] == "上海恒通进出口有限公司"


async def test_finance_is_told_at_once_that_it_cannot_add_or_edit_clients(desk, settle):
    from zizhi.core.desk import open_desk
    from zizhi.core.people.users import add_user
    from zizhi.tui.app import ZizhiApp

    add_user(desk, "sun", "孙丽", "finance")
    finance = open_desk(db=desk.store.path, as_user="sun", lang="en")
    try:
        app = ZizhiApp(finance)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await pilot.pause()
            assert not isinstance(app.screen, ClientForm)
            assert "Clients are added by salespeople" in said(app)
            await pilot.press("e")
            await pilot.pause()
            assert not isinstance(app.screen, ClientForm)
            assert "You may not change client" in said(app)
    finally:
        finance.close()


async def test_fixing_the_field_marked_wrong_clears_its_error(app, desk, settle):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, name="杭州新锐贸易有限公司", credit_code="91110000600037341X")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#form-error").has_class("shown")
        app.screen.query_one("#f-credit_code", Input).value = ""
        await settle(pilot)
        assert not app.screen.query_one("#form-error").has_class("shown")
        assert not app.screen.query_one("#f-credit_code").has_class("-invalid")
