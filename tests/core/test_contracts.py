"""Contracts and payments (rulebook §6.3, §7.2): made from the accepted quote after a credit
assessment, instalments that add up to the total to the fen, payments recorded by finance.

The helpers here (``ready_deal``, ``paid_deal``) also serve the processing and delivery
tests: each builds a deal the way a salesperson would, through the real core functions; only the
accepted quote is written directly until the quotes module exists.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zizhi.core import audit, clock, money
from zizhi.core.clients import records as clients
from zizhi.core.credit import checks
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.paths import SHIPPED_CONFIG
from zizhi.core.pipeline import contracts, deals, schedules
from zizhi.core.pipeline.gates import GateRefused

# TRADE-RIGHTS ¥1,500 + CUSTOMS-REG ¥1,200 service fees, no government fee, 6 % VAT on service.
TOTAL = 286_200


def accept_quote(desk, deal: dict, total: int | None = None) -> int:
    """An accepted quote for the deal: catalogue lines with 6 % VAT, or one line of ``total``."""
    lines = []
    for item in deal["qualifications"]:
        q = desk.settings.catalogue.get(item["code"])
        service, government = q.service_fee * item["quantity"], q.government_fee * item["quantity"]
        tax = service * 6 // 100
        lines.append((q.code, q.name_zh, item["quantity"], q.government_fee, q.service_fee, government, service, tax))
    if total is not None:
        code, name, quantity, *_ = lines[0]
        lines = [(code, name, quantity, 0, total, 0, total, 0)]
    grand = sum(g + s + t for *_, g, s, t in lines)
    with desk.store.unit_of_work() as db:
        quote_id = db.execute(
            """INSERT INTO quotes (deal_id, version, status, valid_until, snapshot, government_total, service_total,
               tax_total, total, created_by, created_at, decided_at)
               VALUES (?, 1, 'accepted', '2026-12-27', '{}', ?, ?, ?, ?, ?, ?, ?)""",
            [deal["id"], sum(l[5] for l in lines), sum(l[6] for l in lines), sum(l[7] for l in lines), grand,
             desk.user["id"], clock.stamp(), clock.stamp()]).lastrowid
        for position, (code, name, quantity, gov_fee, fee, government, service, tax) in enumerate(lines, start=1):
            db.execute(
                """INSERT INTO quote_lines (quote_id, position, code, name, quantity, government_fee, service_fee,
                   list_service_fee, government_amount, service_amount, discount_amount, surcharge_amount,
                   tax_amount, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)""",
                [quote_id, position, code, name, quantity, gov_fee, fee, fee, government, service, tax,
                 government + service + tax])
    return quote_id


def proposal_deal(sales, rating: str | None = "B", codes=("TRADE-RIGHTS", "CUSTOMS-REG"),
                  name: str | None = None) -> dict:
    """A deal of a new client (its credit checked and rated ``rating``), assessed and at the proposal stage."""
    client, _ = clients.add_client(sales, name=name or f"宁波恒通进出口贸易有限公司{clock.stamp()}",
                                   channel="trade_show")
    if rating:
        checks.record_check(sales, str(client["id"]), rating, "registry", notes="公示系统无异常")
    deal = deals.open_deal(sales, str(client["id"]), list(codes))
    deals.assess(sales, deal["id"], "需求合理，经营范围已含进出口")
    return deals.move(sales, deal["id"], "proposal")


def ready_deal(sales, rating: str | None = "B", codes=("TRADE-RIGHTS", "CUSTOMS-REG"), total: int | None = None,
               name: str | None = None) -> dict:
    """A deal at the contract stage with an accepted quote."""
    deal = proposal_deal(sales, rating, codes, name)
    accept_quote(sales, deal, total)
    return deals.move(sales, deal["id"], "contract")


def paid_deal(sales, finance, codes=("TRADE-RIGHTS", "CUSTOMS-REG")) -> dict:
    """A deal whose contract is signed, filed with finance and legal, and whose prepayment is paid."""
    deal = ready_deal(sales, codes=codes)
    contract = contracts.new_contract(sales, deal["id"])
    contracts.sign(sales, contract["id"])
    contracts.file_copy(sales, contract["id"], "finance")
    contracts.file_copy(sales, contract["id"], "legal")
    deals.move(sales, deal["id"], "payment")
    contracts.record_payment(finance, contract["id"], contract["instalments"][0]["amount"])
    return deals.get_deal(sales, deal["id"])


def message(caught) -> str:
    return caught.value.message("en")


def test_a_contract_is_refused_without_an_accepted_quote_then_made_from_it(li, desk, rows):
    deal = proposal_deal(li)
    with pytest.raises(UserError) as caught:
        contracts.new_contract(li, deal["id"])
    assert "no accepted quote" in message(caught) and "zizhi quote accept" in message(caught)
    assert rows(li, "contracts") == 0

    accept_quote(li, deal)
    contract = contracts.new_contract(li, deal["id"])
    assert contract["number"] == "ZZ-2026-0001"
    assert contract["client_party"].startswith("宁波恒通进出口贸易有限公司")
    assert contract["company_party"] == "华信外贸资质服务有限公司"
    assert [s["code"] for s in contract["services"]] == ["CUSTOMS-REG", "TRADE-RIGHTS"]
    assert contract["total"] == TOTAL
    assert contract["penalty"].startswith("任何一方违反本合同约定的")
    # Rating B prepays 50 % on signing; the rest is due at delivery, the longest standard time (7 working days) away.
    assert [(i["due_on"], i["amount"]) for i in contract["instalments"]] == [
        ("2026-11-27", 143_100), ("2026-12-08", 143_100)]
    assert (contract["credit_rating"], contract["prepayment"]) == ("B", 5000)
    assert (contract["paid"], contract["outstanding"], contract["prepayment_met"]) == (0, TOTAL, False)
    assert contracts.contract_for_deal(li, deal["id"])["id"] == contract["id"]
    entry = audit.list_entries(desk, action="contract.new")[0]
    assert (entry["user"], entry["entity_id"], entry["detail"]["instalments"]) == ("li", contract["id"], [143_100] * 2)

    with pytest.raises(UserError, match="already has contract ZZ-2026-0001"):
        contracts.new_contract(li, deal["id"])


def test_the_contract_takes_the_lines_and_total_of_the_quote_the_client_accepted(li, desk, desk_as):
    """Through the real quoting path: draft, legal's review, sent, accepted."""
    from zizhi.core.people import users as people
    from zizhi.core.pipeline import quotes, reviews

    people.add_user(desk, "zhou", "周静", "legal")
    deal = proposal_deal(li, codes=("TRADE-RIGHTS", "CUSTOMS-REG*2"))
    quote = quotes.new_quote(li, deal["id"])
    reviews.approve(desk_as("zhou"), quote["id"], "承诺内容合规")
    quotes.send_quote(li, quote["id"])
    accepted = quotes.accept_quote(li, quote["id"])
    contract = contracts.new_contract(li, deal["id"])
    assert (contract["quote_id"], contract["total"]) == (accepted["id"], accepted["total"])
    assert [(s["code"], s["quantity"], s["total"]) for s in contract["services"]] == [
        (line["code"], line["quantity"], line["total"]) for line in accepted["lines"]]
    assert sum(i["amount"] for i in contract["instalments"]) == accepted["total"]


def test_an_unrated_client_must_be_rated_first(li):
    deal = ready_deal(li, rating=None)
    with pytest.raises(UserError) as caught:
        contracts.new_contract(li, deal["id"])
    assert f"rate the client first: `zizhi credit check {deal['client_id']} --rating B --method registry`" in message(caught)
    assert "zizhi credit check" in caught.value.message("zh")
    checks.record_check(li, str(deal["client_id"]), "A", "third_party")
    contract = contracts.new_contract(li, deal["id"])
    assert contract["instalments"][0]["amount"] == 85_860  # A prepays 30 %


def test_a_rating_whose_policy_requires_a_guarantee_is_prepaid_in_full_without_one(li, rows):
    """D gives a guarantee or prepays 100 %: without a guarantee the default schedule is one instalment,
    and a schedule prepaying less is refused naming both ways forward."""
    deal = ready_deal(li, rating="D")
    before = rows(li, "contracts")
    with pytest.raises(UserError) as caught:
        contracts.new_contract(li, deal["id"], instalments=[("2026-11-27", "1,431.00"), ("2026-12-27", "1,431.00")])
    assert "clients rated D must give a guarantee or prepay 100% of the total (¥2,862.00)" in message(caught)
    assert "--guarantor" in message(caught) and "担保" in caught.value.message("zh")
    assert rows(li, "contracts") == before
    contract = contracts.new_contract(li, deal["id"])
    assert [(i["due_on"], i["amount"]) for i in contract["instalments"]] == [("2026-11-27", TOTAL)]
    assert contract["guarantee"] is None and contract["prepayment"] == 10_000


def test_a_guarantee_lets_a_d_client_prepay_the_policys_share(li):
    deal = ready_deal(li, rating="D")
    contract = contracts.new_contract(li, deal["id"], guarantee="母公司宁波恒通集团出具连带责任担保函（2026-11-20）")
    assert contract["guarantee"].startswith("母公司")
    assert contract["instalments"][0]["amount"] == TOTAL // 2  # D prepays 50 % with a guarantee


@pytest.mark.parametrize(("second", "says"), [("1,000.00", "¥362.00 short"), ("1,400.00", "¥38.00 too much")])
def test_a_schedule_that_does_not_add_up_names_the_difference(li, rows, second, says):
    deal = ready_deal(li)
    with pytest.raises(InputError) as caught:
        contracts.new_contract(li, deal["id"], instalments=[("2026-11-27", "1,500.00"), ("2026-12-20", second)])
    assert says in message(caught) and "¥2,862.00" in message(caught)
    assert rows(li, "contracts") == rows(li, "instalments") == 0

    contract = contracts.new_contract(li, deal["id"], instalments=[("2026-11-27", "1,500.00"),
                                                                   ("2026-12-20", "1,000.00"), ("2027-01-20", 36_200)])
    assert [i["amount"] for i in contract["instalments"]] == [150_000, 100_000, 36_200]
    assert sum(i["amount"] for i in contract["instalments"]) == contract["total"]


def test_a_first_instalment_below_the_prepayment_share_is_refused(li):
    deal = ready_deal(li)
    with pytest.raises(UserError) as caught:
        contracts.new_contract(li, deal["id"], instalments=[("2026-11-27", 143_099), ("2026-12-20", 143_101)])
    assert "rated B must prepay 50% of the total (¥1,431.00)" in message(caught)
    assert "¥1,430.99" in message(caught)
    contract = contracts.new_contract(li, deal["id"], instalments=[("2026-11-27", 143_100), ("2026-12-20", 143_100)])
    assert contract["required_payment"] == 143_100


@pytest.mark.parametrize(("instalments", "error"), [
    ([("2026-12-20", 200_000), ("2026-11-27", 86_200)], "before the previous instalment"),
    ([("2026-11-27", "0"), ("2026-12-20", TOTAL)], "not a positive amount"),
    ([("next week", TOTAL)], "not a date"),
    ([("2026-11-27", "1,431.005"), ("2026-12-20", 143_100)], "more than two decimals"),
    (["2026-11-27"], "not a due date and an amount"),
])
def test_malformed_instalments_are_refused(li, instalments, error):
    deal = ready_deal(li)
    with pytest.raises(InputError, match=error):
        contracts.new_contract(li, deal["id"], instalments=instalments)


def test_the_credit_limit_caps_what_may_be_owed_beyond_the_prepayment(li):
    # Rating C: 80 % prepaid, at most ¥50,000 owed. A ¥300,000 contract would leave ¥60,000 owed.
    deal = ready_deal(li, rating="C", total=30_000_000)
    with pytest.raises(UserError) as caught:
        contracts.new_contract(li, deal["id"])
    assert "may owe at most ¥50,000.00" in message(caught)
    assert "first instalment at least ¥250,000.00" in message(caught)
    contract = contracts.new_contract(li, deal["id"], instalments=[("2026-11-27", "250,000"),
                                                                   ("2027-01-10", "50,000")])
    assert contract["outstanding"] == 30_000_000


def test_numbers_follow_the_configured_pattern_and_restart_each_year(isolated, li):
    assert contracts.new_contract(li, ready_deal(li)["id"])["number"] == "ZZ-2026-0001"
    assert contracts.new_contract(li, ready_deal(li)["id"])["number"] == "ZZ-2026-0002"
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace('"ZZ-{year}-{seq:04d}"', '"HX{year}-{seq:03d}"'),
                                           encoding="utf-8")
    from zizhi.core import settings

    li.settings = settings.load()
    assert contracts.new_contract(li, ready_deal(li)["id"])["number"] == "HX2026-003"
    clock.set_now("2027-01-04 09:00:00")
    assert contracts.new_contract(li, ready_deal(li)["id"])["number"] == "HX2027-001"


def test_an_instalment_due_on_a_holiday_moves_to_the_next_working_day_unless_configured_not_to(isolated, li):
    # Sunday 20 December → Monday 21; 2027 is not on record, so its weekdays are worked and Sunday 10 October is not.
    asked = [("2026-11-27", 143_100), ("2026-12-20", 43_100), ("2027-10-01", 50_000), ("2027-10-10", 50_000)]
    contract = contracts.new_contract(li, ready_deal(li)["id"], instalments=asked)
    assert [i["due_on"] for i in contract["instalments"]] == ["2026-11-27", "2026-12-21", "2027-10-01", "2027-10-11"]
    # Made on the eve of National Day: the rest is due 7 working days on — 8, 9, 10 (the 调休 Saturday), 12–15 October.
    clock.set_now("2026-09-30 09:00:00")
    deal = ready_deal(li, name="国庆前签约的客户")
    assert [i["due_on"] for i in contracts.new_contract(li, deal["id"])["instalments"]] == ["2026-09-30", "2026-10-15"]
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace("move_due_dates_to_workdays = true",
                                                        "move_due_dates_to_workdays = false"), encoding="utf-8")
    from zizhi.core import settings

    li.settings = settings.load()
    clock.set_now("2026-11-27 09:00:00")
    contract = contracts.new_contract(li, ready_deal(li)["id"], instalments=asked)
    assert [i["due_on"] for i in contract["instalments"]] == ["2026-11-27", "2026-12-20", "2027-10-01", "2027-10-10"]


def test_a_pattern_without_a_sequence_is_a_config_error(isolated):
    from zizhi.core import settings
    from zizhi.core.errors import ConfigError

    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace('"ZZ-{year}-{seq:04d}"', '"ZZ-{year}"'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pricing.toml:\d+: contracts.number_pattern: the pattern needs \{seq\}"):
        settings.load()


def test_signing_and_filing_open_the_gate_to_payment(li, finance, desk):
    deal = ready_deal(li)
    contract = contracts.new_contract(li, deal["id"], penalty="违约方支付合同总额 10% 的违约金。")
    assert contract["penalty"] == "违约方支付合同总额 10% 的违约金。"
    with pytest.raises(GateRefused, match="not signed yet"):
        deals.move(li, deal["id"], "payment")
    with pytest.raises(UserError, match="not signed yet; a copy is filed after signing"):
        contracts.file_copy(li, contract["id"], "finance")
    with pytest.raises(InputError, match="after today"):
        contracts.sign(li, contract["id"], "2026-11-28")
    with pytest.raises(InputError) as caught:
        contracts.sign(li, contract["id"], "2026-11-26")
    assert message(caught) == ("signed-on: 2026-11-26 is before contract ZZ-2026-0001 was drawn up (2026-11-27); "
                               "give the date both parties signed, on or after 2026-11-27.")
    assert contracts.get_contract(li, contract["id"])["signed_on"] is None
    clock.set_now("2026-11-30 10:00:00")
    signed = contracts.sign(li, contract["number"], "2026-11-28")
    assert signed["signed_on"] == "2026-11-28"
    with pytest.raises(UserError, match="already signed on 2026-11-28"):
        contracts.sign(li, contract["id"])

    with pytest.raises(GateRefused, match="no copy filed with finance"):
        deals.move(li, deal["id"], "payment")
    with pytest.raises(InputError, match="'accounts' is not one of finance, legal"):
        contracts.file_copy(li, contract["id"], "accounts")
    with pytest.raises(Refused, match="finance or legal colleague receiving the copy"):
        contracts.file_copy(finance, contract["id"], "legal")
    with pytest.raises(InputError, match="date: 2026-11-27 is before contract ZZ-2026-0001 was signed"):
        contracts.file_copy(finance, contract["id"], "finance", on_date="2026-11-27")
    assert contracts.file_copy(finance, contract["id"], "finance")["filed_finance_on"] == "2026-11-30"
    with pytest.raises(GateRefused, match="no copy filed with legal"):
        deals.move(li, deal["id"], "payment")
    contracts.file_copy(li, contract["id"], "legal", on_date="2026-11-28")
    with pytest.raises(UserError, match="already filed with legal on 2026-11-28"):
        contracts.file_copy(li, contract["id"], "legal")
    assert deals.move(li, deal["id"], "payment")["stage"] == "payment"


def test_nothing_falls_due_before_the_signing(li):
    contract = contracts.new_contract(li, ready_deal(li)["id"], instalments=[
        ("2026-11-20", 143_100), ("2026-12-01", 100_000), ("2026-12-21", 43_100)])
    clock.set_now("2026-12-03 15:00:00")
    signed = contracts.sign(li, contract["id"])
    assert [i["due_on"] for i in signed["instalments"]] == ["2026-12-03", "2026-12-03", "2026-12-21"]
    assert signed["moved_instalments"] == [[1, "2026-11-20"], [2, "2026-12-01"]]
    assert contracts.moved_note(signed) == ("Instalments 1, 2, due 2026-11-20, 2026-12-01, now fall due on the "
                                            "signing date 2026-12-03: nothing falls due before signing.")


def test_only_finance_records_payments_earliest_instalment_first_the_rest_as_credit(li, finance, desk, rows):
    deal = ready_deal(li)
    contract = contracts.new_contract(li, deal["id"])
    with pytest.raises(UserError, match="not signed yet; payments are recorded against a signed contract"):
        contracts.record_payment(finance, contract["id"], "1,000")
    contracts.sign(li, contract["id"])
    with pytest.raises(Refused, match="Only finance or an admin can confirm payments"):
        contracts.record_payment(li, contract["id"], "1,000")

    with pytest.raises(InputError) as caught:
        contracts.record_payment(finance, contract["id"], "1,000", paid_on="2026-11-26")
    assert message(caught) == ("paid-on: 2026-11-26 is before contract ZZ-2026-0001 was signed (2026-11-27); a payment "
                               "is recorded on or after the signing date — check the date on the bank slip.")
    assert rows(desk, "payments") == 0
    part = contracts.record_payment(finance, contract["id"], "1,000", paid_on="2026-11-27")
    assert [(i["paid"], i["paid_on"]) for i in part["instalments"]] == [(100_000, "2026-11-27"), (0, None)]
    assert part["prepayment_met"] is False
    spanning = contracts.record_payment(finance, contract["id"], "1,000.00", note="工行转账")
    assert [(i["paid"], i["paid_on"]) for i in spanning["instalments"]] == [
        (143_100, "2026-11-27"), (56_900, "2026-11-27")]
    assert (spanning["paid"], spanning["outstanding"], spanning["prepayment_met"]) == (200_000, 86_200, True)
    assert [(p["amount"], p["user"], p["note"]) for p in spanning["payments"]] == [
        (100_000, "qian", None), (100_000, "qian", "工行转账")]

    with pytest.raises(InputError, match="not a positive amount"):
        contracts.record_payment(finance, contract["id"], "-5")
    settled = contracts.record_payment(desk, contract["id"], "862.01")
    assert (settled["outstanding"], [i["paid"] for i in settled["instalments"]]) == (0, [143_100, 143_100])
    assert settled["credit_added"] == 1  # the fen too many waits on the client's account
    assert rows(desk, "payments") == 3
    assert [e["detail"]["allocations"] for e in audit.list_entries(desk, action="payment.record")] == [
        [["ZZ-2026-0001:2", 86_200]], [["ZZ-2026-0001:1", 43_100], ["ZZ-2026-0001:2", 56_900]],
        [["ZZ-2026-0001:1", 100_000]]]


def test_the_payment_gate_waits_for_the_first_instalment(li, finance):
    deal = ready_deal(li)
    contract = contracts.new_contract(li, deal["id"])
    contracts.sign(li, contract["id"])
    contracts.file_copy(li, contract["id"], "finance")
    contracts.file_copy(li, contract["id"], "legal")
    contracts.record_payment(finance, contract["id"], "1,430.99")
    with pytest.raises(GateRefused, match="payment of ¥1,431.00.*received ¥1,430.99"):
        deals.move(li, deal["id"], "processing")
    contracts.record_payment(finance, contract["id"], "0.01")
    assert deals.move(li, deal["id"], "processing")["stage"] == "processing"


def test_another_salespersons_contract_is_not_found_and_not_drawn_up(li, wang, finance):
    deal = ready_deal(li)
    contract = contracts.new_contract(li, deal["id"])
    with pytest.raises(NotFound):
        contracts.get_contract(wang, contract["id"])
    with pytest.raises(NotFound):
        contracts.get_contract(wang, contract["number"])
    with pytest.raises(NotFound, match="no deal"):
        contracts.new_contract(wang, deal["id"])
    with pytest.raises(Refused, match="only its owner, legal, a manager or an admin"):
        contracts.sign(finance, contract["id"])
    assert contracts.get_contract(finance, contract["number"])["id"] == contract["id"]


def test_an_ended_deal_gets_no_contract(li):
    deal = ready_deal(li)
    deals.lose(li, deal["id"], "客户选择了其他代理")
    with pytest.raises(UserError, match="has ended"):
        contracts.new_contract(li, deal["id"])


@pytest.mark.parametrize(("total", "share", "first"), [
    (100_001, 3000, 30_000),   # 300.003 yuan → 300.00
    (100_001, 5000, 50_001),   # 500.005 yuan → 500.01: half a fen rounds up
    (1, 5000, 1),
    (286_200, 10000, 286_200),
    (286_200, 0, 0),
])
def test_the_prepayment_share_rounds_half_up(total, share, first):
    assert money.share(total, share) == first


AMOUNTS = st.integers(min_value=1, max_value=10**12)
SHARES = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=300, deadline=None)
@given(total=AMOUNTS, parts=st.integers(min_value=1, max_value=24))
def test_an_even_split_adds_up_exactly_and_differs_by_a_fen_at_most(total, parts):
    split = schedules.split_evenly(total, parts)
    assert sum(split) == total and len(split) == parts
    assert max(split) - min(split) <= 1


@settings(max_examples=300, deadline=None)
@given(total=AMOUNTS, share=SHARES, days=st.integers(min_value=0, max_value=400))
def test_the_default_schedule_adds_up_exactly_and_meets_the_share(total, share, days):
    today = dt.date(2026, 11, 27)
    schedule = schedules.default_schedule(total, share, today, today + dt.timedelta(days=days))
    assert sum(amount for _, amount in schedule) == total
    assert all(amount > 0 for _, amount in schedule)
    assert schedule[0][1] >= money.share(total, share) or share == 0
    assert [d for d, _ in schedule] == sorted(d for d, _ in schedule)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_contract_made_has_instalments_adding_up_to_its_total(li, data):
    """Whatever the total, rating and schedule, a stored contract's instalments sum to its total exactly."""
    rating = data.draw(st.sampled_from("ABCD"))
    total = data.draw(st.integers(min_value=2, max_value=5_000_000), label="total")
    deal = ready_deal(li, rating=rating, total=total)
    if data.draw(st.booleans(), label="custom"):
        first = money.share(total, li.settings.pricing.credit_policy[rating].prepayment)
        rest = schedules.split_evenly(total - first, data.draw(st.integers(1, 4), label="parts"))
        amounts = [first, *(a for a in rest if a)] if first else [a for a in rest if a]
        off = data.draw(st.sampled_from([0, 0, 1, -1]), label="off by")
        amounts[-1] += off
        schedule = [(f"2027-01-{n + 1:02d}", amount) for n, amount in enumerate(amounts)]
    else:
        schedule, off = None, 0
    try:
        contract = contracts.new_contract(li, deal["id"], instalments=schedule, guarantee="担保函")
    except InputError as refused:  # off by a fen: the sum is refused (or a 1-fen last instalment became 0)
        assert off != 0
        assert "must add up to the total exactly" in str(refused) or "not a positive amount" in str(refused)
        return
    assert off == 0
    stored = li.store.rows("SELECT amount FROM instalments WHERE contract_id = ?", [contract["id"]])
    assert sum(r["amount"] for r in stored) == contract["total"] == total
    assert json.loads(li.store.scalar("SELECT services FROM contracts WHERE id = ?", [contract["id"]]))
