"""Quotes: versions built from the catalogue, figures per line, the pricing policy, sending,
the client's answer, expiry, snapshots that outlive catalogue edits, and who may do what."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zizhi.core import audit, clock, money
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.paths import SHIPPED_CONFIG
from zizhi.core.people import users as people
from zizhi.core.pipeline import deals, pricing, quotes, reviews
from zizhi.core.pipeline.pricing import price_line

DB_EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def line(quote: dict, code: str) -> dict:
    return next(item for item in quote["lines"] if item["code"] == code)


# ---------------------------------------------------------------- building a quote

def test_a_new_quote_is_a_draft_with_a_line_per_qualification_at_list_price(li, deal, quote):
    assert (quote["version"], quote["status"], quote["number"], quote["revision"]) == (1, "draft", f"{deal['id']}-v1", 1)
    assert [(item["code"], item["quantity"], item["government_fee"], item["service_fee"]) for item in quote["lines"]] == [
        ("CUSTOMS-REG", 2, 0, 120_000), ("TRADE-RIGHTS", 1, 0, 150_000)]
    customs = line(quote, "CUSTOMS-REG")
    assert (customs["service_amount"], customs["tax_amount"], customs["total"]) == (240_000, 14_400, 254_400)
    assert (quote["service_total"], quote["tax_total"], quote["total"]) == (390_000, 23_400, 413_400)
    assert quote["valid_until"] == "2026-12-27"  # today + pricing.quotes.validity_days (30)
    assert quote["total_in_words"] == "人民币肆仟壹佰叁拾肆元整"
    assert quote["client"]["name"] == "宁波恒通进出口贸易有限公司"
    assert quote["company"]["name"] == "华信外贸资质服务有限公司"
    assert customs["materials"][0] == "营业执照副本复印件" and customs["standard_days"] == 5
    assert not quote["needs_approval"] and quote["review"]["status"] == "pending"


def test_each_new_quote_is_the_next_version(li, deal, quote):
    second = quotes.new_quote(li, deal["id"], expedited=True, valid_days=10)
    assert second["version"] == 2 and second["valid_until"] == "2026-12-07"
    assert [q["version"] for q in quotes.list_quotes(li, deal["id"])] == [2, 1]
    assert quotes.get_quote(li, f"{deal['id']}-v2")["id"] == second["id"]


def test_a_line_shows_discount_surcharge_and_tax_on_the_service_part_only(li, deal):
    expedited = quotes.new_quote(li, deal["id"], expedited=True)
    trade = line(quotes.set_line(li, expedited["id"], "trade-rights", discount="5%"), "TRADE-RIGHTS")
    assert trade["discount"] == 500
    assert trade["discount_amount"] == 7_500                  # 5 % of ¥1,500.00
    assert trade["surcharge_amount"] == 42_750                # 30 % of ¥1,425.00
    assert trade["tax_amount"] == 11_115                      # 6 % of ¥1,852.50
    assert trade["total"] == 150_000 - 7_500 + 42_750 + 11_115


def test_each_line_is_rounded_half_up_once(li, quote):
    changed = quotes.set_line(li, quote["id"], "TRADE-RIGHTS", service_fee="1,234.25")
    assert line(changed, "TRADE-RIGHTS")["tax_amount"] == 7_406  # 6 % of ¥1,234.25 is ¥74.055


def test_government_fees_are_shown_apart_and_never_taxed(isolated, desk_as):
    text = (SHIPPED_CONFIG / "catalogue.toml").read_text(encoding="utf-8")
    (isolated / "catalogue.toml").write_text(
        text.replace('government_fee = "0.00"\nservice_fee = "3,000.00"', 'government_fee = "200.00"\nservice_fee = "3,000.00"'),
        encoding="utf-8")
    boss = desk_as("boss")
    people.add_user(boss, "li", "李娜", "sales")
    people.record_exam(boss, "li", 90)
    li = desk_as("li")
    from zizhi.core.clients import records as clients

    clients.add_client(li, name="义乌小商品进出口有限公司", channel="online")
    opened = deals.open_deal(li, "义乌", ["EXPORT-LICENCE*3"])
    export = line(quotes.new_quote(li, opened["id"]), "EXPORT-LICENCE")
    assert export["government_amount"] == 60_000
    assert export["tax_amount"] == 54_000                      # 6 % of the ¥9,000.00 service only
    assert export["total"] == 60_000 + 900_000 + 54_000


# ---------------------------------------------------------------- pricing: properties

fees = st.integers(min_value=0, max_value=10_000_000)
rates = st.integers(min_value=0, max_value=10_000)


@given(government=fees, service=fees, quantity=st.integers(1, 999), discount=rates, expedited=rates, vat=rates)
def test_a_line_total_is_its_parts_and_tax_is_on_service_only(government, service, quantity, discount, expedited, vat):
    figures = pricing.price_line(government, service, quantity, discount, expedited, vat)
    assert figures["total"] == (figures["government_amount"] + figures["service_amount"] - figures["discount_amount"]
                                + figures["surcharge_amount"] + figures["tax_amount"])
    taxable = figures["service_amount"] - figures["discount_amount"] + figures["surcharge_amount"]
    assert figures["tax_amount"] == money.share(taxable, vat)
    without_government = pricing.price_line(0, service, quantity, discount, expedited, vat)
    assert without_government["tax_amount"] == figures["tax_amount"]
    assert figures["total"] - without_government["total"] == government * quantity


@DB_EXAMPLES
@given(changes=st.lists(st.tuples(st.sampled_from(["TRADE-RIGHTS", "CUSTOMS-REG"]), st.integers(1, 50),
                                  st.integers(0, 1_000), st.integers(0, 5_000_000)), min_size=1, max_size=3),
       expedited=st.booleans())
def test_quote_totals_are_always_the_sums_of_their_lines(manager, deal, changes, expedited):
    drafted = quotes.new_quote(manager, deal["id"], expedited=expedited)
    for code, quantity, discount_tenths, fee in changes:
        try:
            quotes.set_line(manager, drafted["id"], code, quantity=quantity, discount=f"{discount_tenths / 10}%",
                            service_fee=f"{fee / 100:.2f}")
        except InputError as exc:  # the same values twice
            assert exc.key == "quote.nothing_to_change"
    stored = quotes.get_quote(manager, drafted["id"])
    for key, figure in (("government_total", "government_amount"), ("service_total", "service_amount"),
                        ("discount_total", "discount_amount"), ("surcharge_total", "surcharge_amount"),
                        ("tax_total", "tax_amount"), ("total", "total")):
        assert stored[key] == sum(item[figure] for item in stored["lines"])


@DB_EXAMPLES
@given(fee=st.integers(1, 10_000_000), vat=st.integers(0, 2_000), day=st.integers(0, 3))
def test_editing_the_catalogue_and_pricing_leaves_existing_quotes_unchanged(isolated, desk_as, li, deal, fee, vat, day):
    before = quotes.new_quote(li, deal["id"], expedited=True)
    raw = _raw("catalogue.toml")
    for item in raw["qualification"]:
        item.update(service_fee=f"{fee / 100:.2f}", government_fee="88.00", steps=["新流程"], standard_days=99)
    pricing = _raw("pricing.toml")
    pricing["tax"]["service_vat"] = f"{vat / 100}%"
    pricing["surcharges"]["expedited"] = "50%"
    _write(isolated, "catalogue.toml", raw)
    _write(isolated, "pricing.toml", pricing)
    clock.set_now(f"2026-11-{27 + day} 10:00:00")
    later = desk_as("li")  # a new desk reloads the settings
    assert later.settings.catalogue.get("TRADE-RIGHTS").service_fee == fee
    after = quotes.get_quote(later, before["id"])
    assert _without_review(after) == _without_review(before)
    touched = line(quotes.set_line(later, before["id"], "TRADE-RIGHTS", quantity=2), "TRADE-RIGHTS")
    assert {k: touched[k] for k in price_line(0, 0, 1, 0, 0, 0)} == price_line(0, 150_000, 2, 0, 3_000, 600)
    fresh = quotes.new_quote(later, deal["id"])
    assert line(fresh, "TRADE-RIGHTS")["service_fee"] == fee and line(fresh, "TRADE-RIGHTS")["government_fee"] == 8_800
    for name in ("catalogue.toml", "pricing.toml"):
        (isolated / name).unlink()
    clock.set_now("2026-11-27 09:00:00")


def _raw(name: str) -> dict:
    import tomllib

    return tomllib.loads((SHIPPED_CONFIG / name).read_text(encoding="utf-8"))


def _write(folder, name: str, data: dict) -> None:
    import tomli_w

    (folder / name).write_text(tomli_w.dumps(data), encoding="utf-8")


def _without_review(quote: dict) -> dict:
    return {k: v for k, v in quote.items() if k != "review"}


# ---------------------------------------------------------------- pricing policy

def test_a_discount_within_the_role_limit_needs_no_approval(li, quote):
    assert not quotes.set_line(li, quote["id"], "TRADE-RIGHTS", discount="10%")["needs_approval"]


def test_a_discount_beyond_the_role_limit_is_flagged_and_explained(li, quote):
    flagged = quotes.set_line(li, quote["id"], "TRADE-RIGHTS", discount="12.5%")
    assert flagged["needs_approval"]
    assert pricing.reasons_text(flagged["approval_reasons"]) == "TRADE-RIGHTS: discount 12.5% is over the sales limit of 10%"


def test_a_managers_larger_limit_applies_to_their_own_edit_but_not_to_a_later_salesperson_edit(li, manager, quote):
    assert not quotes.set_line(manager, quote["id"], "TRADE-RIGHTS", discount="25%")["needs_approval"]
    assert quotes.set_line(li, quote["id"], "CUSTOMS-REG", quantity=3)["needs_approval"]


def test_a_price_under_the_floor_is_flagged_even_for_a_manager(li, manager, quote):
    assert quotes.set_line(li, quote["id"], "TRADE-RIGHTS", service_fee="1,050.00")["needs_approval"] == 0  # 70 %
    under = quotes.set_line(manager, quote["id"], "TRADE-RIGHTS", service_fee="1,049.99")
    assert under["needs_approval"]
    assert "net price ¥1,049.99 is under the floor ¥1,050.00" in pricing.reasons_text(under["approval_reasons"])


def test_the_floor_is_on_the_price_after_discount(li, quote):
    flagged = quotes.set_line(li, quote["id"], "TRADE-RIGHTS", service_fee="1,100.00", discount="5%")
    assert [r["rule"] for r in flagged["approval_reasons"]] == ["floor"]  # ¥1,045.00 net, floor ¥1,050.00


def test_a_quote_needing_approval_is_not_sent_until_a_manager_approves(li, manager, legal, quote):
    quotes.set_line(li, quote["id"], "TRADE-RIGHTS", discount="20%")
    reviews.approve(legal, quote["id"])
    with pytest.raises(UserError, match=r"priced beyond policy \(TRADE-RIGHTS: discount 20% is over the sales "
                                        r"limit of 10%\); a manager must approve it first: `zizhi quote approve"):
        quotes.send_quote(li, quote["id"])
    with pytest.raises(Refused, match="Only a manager"):
        quotes.approve_pricing(li, quote["id"], "老客户")
    with pytest.raises(InputError, match="needs a note"):
        quotes.approve_pricing(manager, quote["id"], " ")
    approved = quotes.approve_pricing(manager, quote["id"], "老客户续约，同意 8 折")
    assert (approved["approved_by_login"], approved["approval_note"]) == ("zhao", "老客户续约，同意 8 折")
    assert approved["approved_at"] == "2026-11-27 09:00:00"
    assert quotes.send_quote(li, quote["id"])["status"] == "sent"


def test_an_edit_after_pricing_approval_needs_a_new_approval(li, manager, legal, quote):
    quotes.set_line(li, quote["id"], "TRADE-RIGHTS", discount="20%")
    quotes.approve_pricing(manager, quote["id"], "同意")
    edited = quotes.set_line(li, quote["id"], "TRADE-RIGHTS", discount="25%")
    assert edited["needs_approval"] and edited["approved_by"] is None
    with pytest.raises(UserError, match="needs no approval"):
        quotes.approve_pricing(manager, quotes.new_quote(li, edited["deal_id"])["id"], "不需要")


# ---------------------------------------------------------------- editing

def test_lines_can_be_added_changed_and_removed_on_a_draft(li, quote):
    added = quotes.add_line(li, quote["id"], "export-licence", quantity=2)
    assert line(added, "EXPORT-LICENCE")["service_amount"] == 600_000 and added["revision"] == 2
    with pytest.raises(UserError, match="already has a line for EXPORT-LICENCE"):
        quotes.add_line(li, quote["id"], "EXPORT-LICENCE")
    with pytest.raises(InputError, match="not in the catalogue"):
        quotes.add_line(li, quote["id"], "MOON-LICENCE")
    quotes.remove_line(li, quote["id"], "CUSTOMS-REG")
    removed = quotes.remove_line(li, quote["id"], "EXPORT-LICENCE")
    assert [item["code"] for item in removed["lines"]] == ["TRADE-RIGHTS"] and removed["total"] == 159_000
    with pytest.raises(UserError, match="its only line"):
        quotes.remove_line(li, quote["id"], "TRADE-RIGHTS")
    with pytest.raises(NotFound, match="no line for AEO-ADVANCED"):
        quotes.set_line(li, quote["id"], "AEO-ADVANCED", quantity=2)


def test_terms_switch_expedited_and_set_a_new_validity(li, quote):
    changed = quotes.set_terms(li, quote["id"], expedited=True, valid_days=7)
    assert changed["expedited"] and changed["surcharge_total"] == 117_000 and changed["valid_until"] == "2026-12-04"
    with pytest.raises(InputError, match="Nothing to change"):
        quotes.set_terms(li, quote["id"], expedited=True)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("quantity", "0", "not a whole number from 1 to 999"), ("quantity", "2.5", "not a whole number"),
    ("discount", "120%", "not a percentage from 0% to 100%"), ("discount", "5.555%", "at most two decimals"),
    ("discount", "lots", "not a percentage"), ("service_fee", "-5", "negative"),
    ("service_fee", "12.345", "more than two decimals|decimal")])
def test_bad_line_values_are_refused_naming_the_value(li, quote, field, value, message):
    with pytest.raises(InputError, match=message):
        quotes.set_line(li, quote["id"], "TRADE-RIGHTS", **{field: value})
    assert quotes.get_quote(li, quote["id"])["revision"] == 1


def test_a_negotiated_fee_can_go_back_to_the_list_price(li, quote):
    quotes.set_line(li, quote["id"], "TRADE-RIGHTS", service_fee="1,200")
    assert line(quotes.set_line(li, quote["id"], "TRADE-RIGHTS", service_fee="list"), "TRADE-RIGHTS")["service_fee"] == 150_000


def test_a_sent_quote_cannot_be_edited(li, quote, send):
    send(quote)
    with pytest.raises(UserError, match=r"has status 'sent'; only a draft can be changed — make a new version with `zizhi quote new"):
        quotes.set_line(li, quote["id"], "TRADE-RIGHTS", quantity=2)
    with pytest.raises(UserError, match="only a draft can be sent"):
        quotes.send_quote(li, quote["id"])


# ---------------------------------------------------------------- sending, answers, expiry

def test_a_quote_is_not_sent_before_legal_approves_it(li, legal, quote):
    with pytest.raises(UserError, match=r"legal has not approved its compliance review; ask legal to run "
                                        rf"`zizhi review approve {quote['deal_id']}-v1`"):
        quotes.send_quote(li, quote["id"])
    reviews.approve(legal, quote["id"])
    sent = quotes.send_quote(li, quote["id"])
    assert (sent["status"], sent["sent_at"]) == ("sent", "2026-11-27 09:00:00")


def test_a_draft_past_its_validity_is_not_sent_until_given_a_new_one(li, legal, quote):
    reviews.approve(legal, quote["id"])
    clock.set_now("2026-12-28 09:00:00")
    with pytest.raises(UserError, match="valid until 2026-12-27, which has passed"):
        quotes.send_quote(li, quote["id"])
    quotes.set_terms(li, quote["id"], valid_days=30)
    reviews.approve(legal, quote["id"])
    assert quotes.send_quote(li, quote["id"])["valid_until"] == "2027-01-27"


def test_accepting_sets_the_deal_value_and_opens_the_contract_gate(li, deal, quote, send):
    send(quote)
    accepted = quotes.accept_quote(li, quote["id"])
    assert (accepted["status"], accepted["decided_at"]) == ("accepted", "2026-11-27 09:00:00")
    assert deals.get_deal(li, deal["id"])["value"] == 413_400
    deals.assess(li, deal["id"], "需求合理")
    assert deals.move(li, deal["id"], "contract")["stage"] == "contract"


def test_only_a_sent_quote_can_be_accepted(li, quote):
    with pytest.raises(UserError, match="has status 'draft'; the client can accept or reject only a sent quote"):
        quotes.accept_quote(li, quote["id"])


def test_a_deal_has_one_accepted_quote(li, deal, quote, send):
    send(quote)
    second = send(quotes.new_quote(li, deal["id"]))
    quotes.accept_quote(li, second["id"])
    with pytest.raises(UserError, match=rf"deal {deal['id']} already has an accepted quote \(v2"):
        quotes.accept_quote(li, quote["id"])
    first = quotes.get_quote(li, quote["id"])
    assert first["status"] == "rejected" and "v2" in first["decision_note"]
    with pytest.raises(UserError, match="no new version can be made"):
        quotes.new_quote(li, deal["id"])


def test_an_expired_quote_cannot_be_accepted(li, quote, send):
    send(quote)
    clock.set_now("2026-12-28 09:00:00")
    with pytest.raises(UserError, match=r"has expired: it was valid until 2026-12-27; make a new version"):
        quotes.accept_quote(li, quote["id"])
    assert quotes.get_quote(li, quote["id"])["status"] == "expired"


def test_a_quote_valid_until_today_can_still_be_accepted(li, quote, send):
    send(quote)
    clock.set_now("2026-12-27 17:00:00")
    assert quotes.accept_quote(li, quote["id"])["status"] == "accepted"


def test_a_lapsed_quote_reads_as_expired_without_anything_being_written(li, deal, quote, send, rows):
    send(quote)
    clock.set_now("2026-12-28 09:00:00")
    before = (rows(li, "audit"), li.store.scalar("SELECT status FROM quotes WHERE id = ?", [quote["id"]]))
    assert [q["status"] for q in quotes.list_quotes(li, deal["id"])] == ["expired"]
    assert quotes.get_quote(li, quote["id"])["status"] == "expired"
    assert (rows(li, "audit"), li.store.scalar("SELECT status FROM quotes WHERE id = ?", [quote["id"]])) == before


def test_expiry_is_recorded_once_by_its_own_operation(desk, li, wang, deal, quote, send):
    send(quote)
    clock.set_now("2026-12-28 09:00:00")
    assert quotes.expire_overdue(wang) == []  # another salesperson's quotes are not theirs to touch
    expired = quotes.expire_overdue(li)
    assert [(q["number"], q["valid_until"]) for q in expired] == [(quote["number"], "2026-12-27")]
    assert li.store.scalar("SELECT status FROM quotes WHERE id = ?", [quote["id"]]) == "expired"
    assert quotes.expire_overdue(li) == []
    assert [e["action"] for e in audit.list_entries(desk, entity="quote")].count("quote.expire") == 1


def test_a_rejection_records_the_clients_reason(li, quote, send):
    with pytest.raises(InputError, match="why the client rejected"):
        quotes.reject_quote(li, quote["id"], "")
    with pytest.raises(UserError, match="only a sent quote"):
        quotes.reject_quote(li, quote["id"], "太贵")
    send(quote)
    rejected = quotes.reject_quote(li, quote["id"], "价格高于同行报价")
    assert (rejected["status"], rejected["decision_note"]) == ("rejected", "价格高于同行报价")


def test_no_quote_for_an_ended_deal(li, deal):
    deals.lose(li, deal["id"], "客户选择了其他代理")
    with pytest.raises(UserError, match="has ended"):
        quotes.new_quote(li, deal["id"])


# ---------------------------------------------------------------- who, and the record

def test_a_colleagues_quote_is_invisible_to_a_salesperson(wang, quote):
    with pytest.raises(NotFound, match=f"no quote '{quote['id']}'"):
        quotes.get_quote(wang, quote["id"])
    with pytest.raises(NotFound):
        quotes.set_line(wang, quote["id"], "TRADE-RIGHTS", quantity=2)


def test_finance_and_legal_see_quotes_but_do_not_change_them(finance, legal, quote):
    assert quotes.get_quote(finance, quote["id"])["total"] == 413_400
    with pytest.raises(Refused, match="only its owner or a manager"):
        quotes.set_line(legal, quote["id"], "TRADE-RIGHTS", quantity=2)
    with pytest.raises(Refused):
        quotes.new_quote(finance, quote["deal_id"])


def test_unknown_quotes_are_named(li):
    with pytest.raises(NotFound, match="no quote '99'"):
        quotes.get_quote(li, 99)
    with pytest.raises(InputError, match="give its number"):
        quotes.get_quote(li, "latest")


def test_every_step_is_audited_in_its_own_transaction(desk, li, manager, quote, send):
    quotes.set_line(li, quote["id"], "TRADE-RIGHTS", discount="15%")
    quotes.approve_pricing(manager, quote["id"], "同意")
    send(quote)
    quotes.accept_quote(li, quote["id"])
    actions = [e["action"] for e in reversed(audit.list_entries(desk, entity="quote", entity_id=quote["id"]))]
    assert actions == ["quote.new", "quote.line", "quote.approve_pricing", "review.approve", "quote.send", "quote.accept"]


def test_the_snapshot_is_stored_with_the_quote(li, quote):
    stored = json.loads(li.store.scalar("SELECT snapshot FROM quotes WHERE id = ?", [quote["id"]]))
    assert stored["pricing"] == {"service_vat": 600, "expedited": 3000, "price_floor": 7000, "validity_days": 30}
    assert stored["catalogue"]["TRADE-RIGHTS"]["service_fee"] == 150_000
    assert stored["client"]["contact"] == "陈建国"


def test_a_refused_change_leaves_the_database_as_it_was(li, quote, rows):
    quotes.remove_line(li, quote["id"], "CUSTOMS-REG")
    before = rows(li, "audit")
    with pytest.raises(UserError):
        quotes.remove_line(li, quote["id"], "TRADE-RIGHTS")
    assert rows(li, "audit") == before
    assert [item["code"] for item in quotes.get_quote(li, quote["id"])["lines"]] == ["TRADE-RIGHTS"]
