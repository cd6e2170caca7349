"""After Enter saves a quote line the deal's keys are back in the footer; a discount over the limit
reads "your limit" only to someone held to it — legal reading a salesperson's quote sees whose it is."""

from __future__ import annotations

from tui_helpers import QUICK, SIZE, deal_text, open_deal

from zizhi.core.desk import open_desk
from zizhi.core.people import users as people
from zizhi.core.pipeline import quotes
from zizhi.tui.app import ZizhiApp


def footer(app) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}


async def test_saving_a_line_with_enter_brings_back_the_deal_s_keys(app, deals, settle):
    quotes.new_quote(deals, deals.deal_ids["海天"])
    async with app.run_test(size=SIZE) as pilot:
        await open_deal(pilot, settle, "right", "right")
        await pilot.press("e")
        await settle(pilot, QUICK)
        typing = footer(app)
        await pilot.press("tab", "tab", "ctrl+u", "5", "enter")
        await settle(pilot, QUICK)
        assert app.focused.id == "quote-lines"
        back = footer(app)
        assert len(back) > len(typing) + 3 and {"Edit line", "Document"} <= back, (typing, back)


async def test_legal_reads_the_owner_s_limit_and_the_salesperson_reads_their_own(deals, settle):
    people.add_user(deals, "wang", "王律师", "legal")
    li = open_desk(db=deals.store.path, as_user="li", lang="en")  # the deal's owner prices it
    quote = quotes.new_quote(li, deals.deal_ids["海天"])
    quotes.set_line(li, quote["id"], "EXPORT-LICENCE", discount="15%")
    li.close()
    for login, wording, not_said in (("li", "over your limit 10%", "sales limit"),
                                     ("wang", "over the sales limit 10%", "your limit")):
        own = open_desk(db=deals.store.path, as_user=login, lang="en")
        try:
            app = ZizhiApp(own)
            async with app.run_test(size=SIZE) as pilot:
                await open_deal(pilot, settle, "right", "right")
                await pilot.press("2")
                await settle(pilot, QUICK)
                text = " ".join(deal_text(app, "quote-status").split())
                assert wording in text and not_said not in text, (login, text)
        finally:
            own.close()
