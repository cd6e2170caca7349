"""Money owed in the app: the aging table, one client's open instalments, a payment and its reversal
recorded with the keyboard, a past day read again, and the deal behind a debt one key away."""

from __future__ import annotations

from tui_helpers import QUICK, SIZE, app_as, fill, problem, said, shown

from zizhi.core.money import format_fen
from zizhi.core.receivables import aging, ledger
from zizhi.tui.screens.deal import DealScreen
from zizhi.tui.screens.receivables import ReceivablesScreen
from zizhi.tui.screens.receivables_forms import ClientPaymentForm, ReversalForm
from zizhi.tui.widgets.aging_table import AgingTable

HAITIAN = "宁波海天国际贸易有限公司"


async def open_receivables(pilot, settle) -> None:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReceivablesScreen)


def client_side(app) -> str:
    return "".join(shown(app.screen.query_one(f"#{name}")) for name in ("ar-position", "ar-payments"))


async def test_the_aging_table_shows_who_owes_what_and_how_late(app, owing, settle):
    first = owing.contract["instalments"][0]
    async with app.run_test(size=SIZE) as pilot:
        await open_receivables(pilot, settle)
        table = app.screen.query_one(AgingTable)
        assert table.cell(0, "client") == HAITIAN
        report = aging.aging(owing)
        assert table.cell(0, "total") == format_fen(report["total"]) == format_fen(owing.contract["total"])
        assert table.cell(0, "1-30") == format_fen(report["total"]), "24 and 3 days late: both in 1-30"
        assert f"{owing.contract['number']}:1" in str(app.screen.query_one("#ar-instalments").get_option_at_index(0).prompt)
        assert format_fen(first["amount"]) in str(app.screen.query_one("#ar-instalments").get_option_at_index(0).prompt)
        status = str(app.screen.query_one("#ar-status").content)
        assert "As of 2026-12-21" in status and "owed by 1 client" in status
        instalments = app.screen.query_one("#ar-instalments")
        assert f"{owing.contract['number']}:1" in str(instalments.get_option_at_index(0).prompt)
        assert "24 days late" in str(instalments.get_option_at_index(0).prompt)


async def test_finance_records_a_payment_then_reverses_it_and_the_books_are_as_before(app, owing, settle):
    before = ledger.balance(owing, str(owing.ids[HAITIAN]))
    async with app.run_test(size=SIZE) as pilot:
        await open_receivables(pilot, settle)
        await pilot.press("p")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, ClientPaymentForm)
        await fill(pilot, amount="1,000", reference="CMB20261221-0042")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "¥1,000.00 from 宁波海天国际贸易有限公司 recorded." in said(app)
        assert "¥1,000.00" in client_side(app)
        await pilot.press("v")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, ReversalForm)
        await fill(pilot, reason="银行退回：账号错误")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "reversed" in said(app) and "reversed" in client_side(app)
    after = ledger.balance(owing, str(owing.ids[HAITIAN]))
    assert (after["owed"], after["credit"]) == (before["owed"], before["credit"])


async def test_the_same_bank_slip_twice_is_refused_in_the_form(app, owing, settle):
    ledger.record_payment(owing, owing.ids[HAITIAN], "500", reference="CMB-1")
    async with app.run_test(size=SIZE) as pilot:
        await open_receivables(pilot, settle)
        await pilot.press("p")
        await settle(pilot, QUICK)
        await fill(pilot, amount="500", reference="CMB-1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientPaymentForm)
        assert "one bank slip is recorded once" in str(app.screen.query_one("#form-error").content)
    assert len(ledger.list_payments(owing, owing.ids[HAITIAN])) == 1


async def test_a_past_day_reads_as_it_stood_and_enter_opens_the_deal_on_its_contract(app, owing, settle):
    async with app.run_test(size=SIZE) as pilot:
        await open_receivables(pilot, settle)
        await pilot.press("d")
        await settle(pilot, QUICK)
        await fill(pilot, as_of="2026-11-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        status = str(app.screen.query_one("#ar-status").content)
        assert "As of 2026-11-30" in status and "a past day" in status
        assert "3 days late" in str(app.screen.query_one("#ar-instalments").get_option_at_index(0).prompt)
        await pilot.press("enter")  # into the client's instalments
        await pilot.press("enter")  # the deal behind the first
        await settle(pilot)
        assert isinstance(app.screen, DealScreen)
        assert app.screen.query_one("TabbedContent").active == "contract"
        await pilot.press("escape")  # back where the deal was opened from
        await settle(pilot)
        assert isinstance(app.screen, ReceivablesScreen)


async def test_a_salesperson_reads_debts_but_is_told_finance_records_payments(owing, settle):
    async with app_as(owing, "li") as app:
        async with app.run_test(size=SIZE) as pilot:
            await open_receivables(pilot, settle)
            assert app.screen.query_one(AgingTable).cell(0, "client") == HAITIAN
            assert app.screen.query_one(AgingTable).cell(0, "owner") == "", "their own list: no owner column"
            await pilot.press("p")
            await settle(pilot, QUICK)
            assert not isinstance(app.screen, ClientPaymentForm)
            assert "finance" in problem(app)


async def test_legal_has_no_receivables_key(owing, settle):
    async with app_as(owing, "wang") as app:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            assert not isinstance(app.screen, ReceivablesScreen)
            assert "legal" in problem(app)


async def test_finance_invoices_what_was_paid_and_a_client_without_tax_id_is_told_where_to_add_it(app, owing, settle):
    from zizhi.core.clients.records import edit_client
    from zizhi.core.receivables import invoices
    from zizhi.tui.screens.receivables_forms import InvoiceForm

    ledger.record_payment(owing, owing.ids[HAITIAN], "954", reference="CMB-7")
    async with app.run_test(size=SIZE) as pilot:
        await open_receivables(pilot, settle)
        await pilot.press("i")
        await settle(pilot, QUICK)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InvoiceForm)
        error = str(app.screen.query_one("#form-error").content)
        assert "no unified social credit code" in error and "e on the clients screen" in error
        await pilot.press("escape")
        edit_client(owing, str(owing.ids[HAITIAN]), credit_code="91330200MA2H4X123B")
        await pilot.press("i")
        await settle(pilot, QUICK)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, InvoiceForm)
        assert "for ¥954.00 issued to 宁波海天国际贸易有限公司" in said(app)
        assert "¥954.00" in client_side(app) and "Latest invoices" in client_side(app)
    assert [i["amount"] for i in invoices.list_invoices(owing, owing.ids[HAITIAN])] == [95_400]


async def test_today_s_dunning_is_one_key_away_and_a_promise_logged_holds_it(app, owing, settle):
    from zizhi.core.receivables import dunning
    from zizhi.tui.screens.receivables_forms import DunningForm
    from zizhi.tui.widgets.dunning_table import DunningTable

    due = dunning.due(owing)["actions"]
    assert due, "24 days late: a step of the ladder is due"
    async with app.run_test(size=SIZE) as pilot:
        await open_receivables(pilot, settle)
        assert f"{len(due)} dunning action" in str(app.screen.query_one("#ar-status").content)
        await pilot.press("2")
        await settle(pilot, QUICK)
        table = app.screen.query_one(DunningTable)
        assert table.cell(0, "instalment") == due[0]["instalment"]
        assert table.cell(0, "late") == f"{due[0]['days_overdue']} days"
        await pilot.press("l")
        await settle(pilot, QUICK)
        assert isinstance(app.screen, DunningForm)
        assert app.screen.query_one("#f-action").value == due[0]["action"]
        await fill(pilot, outcome="promised", promise_on="2026-12-25", promise_amount="954", note="财务周五付款")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, DunningForm)
        assert "logged" in said(app)
    assert all(a["instalment"] != due[0]["instalment"] for a in dunning.due(owing)["actions"])


async def test_the_watch_list_scores_the_client_and_says_why_in_words(app, owing, settle):
    from zizhi.core.receivables import watch
    from zizhi.tui.widgets.watch_table import WatchTable

    found = watch.watch_list(owing)["clients"]
    async with app.run_test(size=SIZE) as pilot:
        await open_receivables(pilot, settle)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one(WatchTable)
        assert table.cell(0, "score") == str(found[0]["score"])
        assert HAITIAN.startswith(table.cell(0, "client").rstrip("…"))  # whole in the pane beside
        assert str(app.screen.query_one("#ar-client").border_title) == HAITIAN
        side = shown(app.screen.query_one("#ar-position"))
        assert f"Risk {found[0]['score']} of 100:" in side
        assert found[0]["explanation"].split(",")[0] in side.replace("\n", " ")


async def test_switching_language_keeps_the_tab_and_reads_the_watch_list_again(app, owing, settle):
    from zizhi.tui.widgets.watch_table import WatchTable

    async with app.run_test(size=SIZE) as pilot:
        await open_receivables(pilot, settle)
        await pilot.press("3")
        await settle(pilot)
        await app.action_switch_language()
        await settle(pilot)
        assert app.screen.query_one("TabbedContent").active == "watch-tab"
        assert app.screen.query_one(WatchTable).row_count == 1
        assert app.screen.query_one(WatchTable).cell(0, "score").isdigit()
        assert "风险" in str(app.screen.query_one("#ar-position").content.renderables[0])
