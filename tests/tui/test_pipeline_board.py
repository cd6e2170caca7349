"""The pipeline board: a column per stage with its count and weighted value, deals moved
through the gates by key (a refusal says why, in the core's words), ended with a reason."""

from __future__ import annotations

from tui_helpers import (
    QUICK,
    SIZE,
    board_head,
    cards,
    deal_text,
    fill,
    open_board,
    problem,
    run_palette,
    said,
    screen_text,
    selected_card,
    status,
    type_text,
)

from zizhi.core.clients.records import add_client
from zizhi.core.pipeline import deals as core_deals
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.deal_forms import AssessForm, EndDealForm
from zizhi.tui.screens.pipeline import PipelineScreen


async def test_each_column_counts_and_weighs_its_deals_and_marks_the_stuck_ones(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        ids = deals.deal_ids
        assert "2 open" in board_head(app, "inquiry") and "¥3,800.00" in board_head(app, "inquiry")
        assert "1 open" in board_head(app, "assessment") and "¥2,400.00" in board_head(app, "assessment")
        assert "1 open" in board_head(app, "proposal") and "¥20,000.00" in board_head(app, "proposal")
        assert "0 open" in board_head(app, "contract") and "¥0.00" in board_head(app, "contract")
        assert cards(app, "inquiry") == [ids["华为"], ids["义乌"]]
        assert cards(app, "assessment") == [ids["恒通"]] and cards(app, "proposal") == [ids["海天"]]
        board = str(app.screen.query_one("#board-status").content)
        assert "4 open deals" in board and "¥100,000.00" in board and "weighted ¥26,200.00" in board
        # 义乌's deal has been idle nine days, longer than inquiry's three: marked stuck
        assert "⚠ 1 stuck" in board and "⚠1" in board_head(app, "inquiry")
        assert app.screen.query_one("#stage-inquiry").has_class("-stuck")
        prompts = {int(o.id): str(o.prompt) for o in app.screen.query_one("#deals-inquiry").options if o.id}
        assert prompts[ids["义乌"]].startswith("⚠") and "9d" in prompts[ids["义乌"]]
        assert "⚠" not in prompts[ids["华为"]]


async def test_arrows_move_the_selection_within_and_between_columns(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        ids = deals.deal_ids
        assert selected_card(app) == ("inquiry", ids["华为"])
        await pilot.press("down")
        assert selected_card(app) == ("inquiry", ids["义乌"])
        await pilot.press("right")
        assert selected_card(app) == ("assessment", ids["恒通"])
        await pilot.press("right", "right")  # proposal, then no column with deals further right
        assert selected_card(app) == ("proposal", ids["海天"])
        await pilot.press("left", "left")
        assert selected_card(app) == ("inquiry", ids["华为"])


async def test_a_refused_gate_says_what_is_missing_and_the_deal_stays(app, deals, settle):
    client, _ = add_client(deals, name="杭州新锐贸易有限公司", contact="赵磊")  # no channel recorded
    opened = core_deals.open_deal(deals, str(client["id"]), ["TRADE-RIGHTS"], value="20,000")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        assert selected_card(app) == ("inquiry", opened["id"])
        await pilot.press("right_square_bracket")
        await settle(pilot, QUICK)
        assert "the inquiry has no channel" in problem(app)
        assert said(app).startswith("✖ ") and screen_text(app).count("✖") == 1  # said once, in one place
        assert opened["id"] in cards(app, "inquiry") and selected_card(app) == ("inquiry", opened["id"])
    assert core_deals.get_deal(deals, opened["id"])["stage"] == "inquiry"


async def test_after_the_assessment_the_deal_moves_on_and_its_card_follows(app, deals, settle):
    hengtong = deals.deal_ids["恒通"]
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        await pilot.press("right", "right_square_bracket")
        await settle(pilot, QUICK)
        assert "no needs assessment yet" in problem(app)
        assert hengtong in cards(app, "assessment")
        await pilot.press("a")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, AssessForm)
        await fill(pilot, findings="需办理出入境检验检疫备案，材料齐全")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        await pilot.press("right_square_bracket")
        await settle(pilot, QUICK)
        assert problem(app) == ""
        assert hengtong in cards(app, "proposal") and hengtong not in cards(app, "assessment")
        assert selected_card(app) == ("proposal", hengtong)
        assert "2 open" in board_head(app, "proposal") and "¥24,800.00" in board_head(app, "proposal")
    history = core_deals.get_deal(deals, hengtong)["history"]
    assert [h["to_stage"] for h in history] == ["inquiry", "assessment", "proposal"]


async def test_moving_back_is_for_managers_and_says_so(deals, settle):
    from zizhi.core.desk import open_desk
    from zizhi.tui.app import ZizhiApp

    li = open_desk(db=deals.store.path, as_user="li", lang="en")
    try:
        app = ZizhiApp(li)
        async with app.run_test(size=SIZE) as pilot:
            await open_board(pilot, settle)
            assert cards(app, "proposal") == [deals.deal_ids["海天"]]
            assert "your deals" in str(app.screen.query_one("#board-status").content)
            await pilot.press("right", "left_square_bracket")
            await settle(pilot, QUICK)
            assert "only a manager can move a deal back" in problem(app)
            assert cards(app, "proposal") == [deals.deal_ids["海天"]]
    finally:
        li.close()


async def test_enter_opens_the_deal_with_its_history_and_escape_returns(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        await pilot.press("right", "right", "enter")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deals.deal_ids["海天"]
        history = deal_text(app, "history")
        assert "inquiry" in history and "assessment" in history and "proposal" in history
        await pilot.press("escape")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, PipelineScreen)
        assert selected_card(app) == ("proposal", deals.deal_ids["海天"])


async def test_losing_or_cancelling_needs_a_reason_and_takes_the_deal_off_the_board(app, deals, settle):
    huawei = deals.deal_ids["华为"]
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        await pilot.press("L")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, EndDealForm)
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert "needs the reason" in str(app.screen.query_one("#form-error").content)
        await fill(pilot, reason="客户选择了其他代理机构")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, PipelineScreen)
        assert cards(app, "inquiry") == [deals.deal_ids["义乌"]]
        assert "1 open" in board_head(app, "inquiry") and "¥800.00" in board_head(app, "inquiry")
        await pilot.press("x")  # cancelling asks for the reason too
        await settle(pilot, QUICK)
        await fill(pilot, reason="客户业务调整，暂停办理")
        await pilot.press("enter")
        await settle(pilot, QUICK)
        assert cards(app, "inquiry") == []
    deal = core_deals.get_deal(deals, huawei)
    assert deal["stage"] == "lost" and deal["end_reason"] == "客户选择了其他代理机构"
    assert core_deals.get_deal(deals, deals.deal_ids["义乌"])["stage"] == "cancelled"


async def test_the_owner_filter_shows_one_salespersons_deals(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        await pilot.press("o")
        await settle(pilot, QUICK)
        await fill(pilot, owner="li")
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert cards(app, "inquiry") == [deals.deal_ids["华为"]] and cards(app, "assessment") == []
        assert "2 open deals" in str(app.screen.query_one("#board-status").content)
        assert "¥3,000.00" in board_head(app, "inquiry")
        await pilot.press("m")  # the boss's own deals: none
        await settle(pilot, QUICK)
        assert "0 open deals" in str(app.screen.query_one("#board-status").content)
        await pilot.press("m")
        await settle(pilot, QUICK)
        assert "4 open deals" in str(app.screen.query_one("#board-status").content)


async def test_n_opens_a_deal_for_a_client_found_by_pinyin(app, deals, settle):
    from zizhi.tui.screens.deal_forms import DealForm

    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        await pilot.press("n")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealForm)
        await type_text(pilot, "hw")
        await settle(pilot, 0.3)
        assert "华为技术有限公司" in str(app.screen.query_one("#client-hits").content)
        await pilot.press("ctrl+s")
        await settle(pilot, QUICK)
        assert "at least one qualification" in str(app.screen.query_one("#form-error").content)
        assert app.screen.query_one("#f-codes").has_focus
        await pilot.press("down", "space", "tab", *"20,000", "ctrl+s")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, PipelineScreen)
        new = cards(app, "inquiry")[0]
        assert selected_card(app) == ("inquiry", new) and "3 open" in board_head(app, "inquiry")
    deal = core_deals.get_deal(deals, new)
    assert deal["client"] == "华为技术有限公司" and deal["value"] == 2_000_000
    assert [q["code"] for q in deal["qualifications"]] == ["CUSTOMS-REG"]


async def test_n_on_the_clients_screen_opens_a_deal_for_the_selected_client(app, deals, settle):
    from zizhi.tui.screens.deal_forms import DealForm

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, QUICK)
        await pilot.press("down", "n")  # 上海恒通
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DealForm) and app.screen.query_one("#f-client").value == "上海恒通进出口有限公司"
        assert app.screen.query_one("#f-codes").has_focus
        await pilot.press("space", "ctrl+s")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, PipelineScreen)
        new = cards(app, "inquiry")[0]
        assert selected_card(app) == ("inquiry", new)
    assert core_deals.get_deal(deals, new)["client"] == "上海恒通进出口有限公司"


async def test_p_c_and_the_palette_go_between_clients_board_and_deals(app, deals, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        assert isinstance(app.screen, PipelineScreen)
        await pilot.press("c")
        await settle(pilot, QUICK)
        assert type(app.screen).__name__ == "ClientsScreen" and status(app) == "4 clients"
        await run_palette(pilot, settle, "pipeline")
        assert isinstance(app.screen, PipelineScreen)
        await run_palette(pilot, settle, f"#{deals.deal_ids['恒通']}")
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deals.deal_ids["恒通"]


async def test_one_open_deal_is_counted_in_the_singular(app, desk, settle):
    core_deals.open_deal(desk, str(desk.ids["华为技术有限公司"]), ["TRADE-RIGHTS"], value="30,000")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, settle)
        assert str(app.screen.query_one("#board-status").content).startswith("1 open deal · value ¥30,000.00")
