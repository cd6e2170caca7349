"""Delivery and after-sales (rulebook §5.3, §6.5): certificates only after approval, with their
usage notes and a validity from the catalogue; visits scheduled after delivery, satisfaction
recorded, and a new need turned into a new deal."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.test_contracts import paid_deal
from tests.core.test_processing import finish_steps
from zizhi.core import audit, clock
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.paths import SHIPPED_CONFIG
from zizhi.core.people import users as people
from zizhi.core.pipeline import deals, delivery, processing

NOTES = "证书原件请妥善保管；变更经营范围或地址须 30 日内办理变更备案。"


@pytest.fixture
def ops(desk, desk_as):
    """The desk of Sun, an operations colleague."""
    people.add_user(desk, "sun", "孙运营", "operations")
    return desk_as("sun")


def approved_deal(li, finance, codes=("TRADE-RIGHTS", "CUSTOMS-REG")) -> dict:
    deal = paid_deal(li, finance, codes)
    processing.handover(li, deal["id"], "sun")
    finish_steps(li, deal["id"])
    processing.outcome(li, deal["id"], "approved")
    return deals.get_deal(li, deal["id"])


@pytest.fixture
def approved(li, ops, finance):
    return approved_deal(li, finance)


@pytest.fixture
def delivered(ops, approved):
    delivery.deliver(ops, approved["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES)
    delivery.deliver(ops, approved["id"], "CUSTOMS-REG", "3302960ABC", "2026-11-26", NOTES)
    return deals.get_deal(ops, approved["id"])


def test_a_certificate_waits_for_the_approved_outcome(li, ops, finance, rows):
    deal = paid_deal(li, finance)
    with pytest.raises(UserError, match="only after the authority approved.*zizhi process outcome"):
        delivery.deliver(ops, deal["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES)
    processing.handover(li, deal["id"], "sun")
    processing.outcome(ops, deal["id"], "rejected", reason="经营场所证明不符")
    with pytest.raises(UserError, match="only after the authority approved"):
        delivery.deliver(ops, deal["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES)
    assert rows(ops, "certificates") == 0
    finish_steps(ops, deal["id"])
    processing.outcome(ops, deal["id"], "approved")
    certificate = delivery.deliver(ops, deal["id"], "trade-rights", " 03187654 ", "2026-11-25", NOTES)
    assert (certificate["code"], certificate["number"]) == ("TRADE-RIGHTS", "03187654")
    assert certificate["delivered_by"] == "sun"
    assert (certificate["deal_delivered"], certificate["visits"]) == (False, [])
    assert deals.get_deal(li, deal["id"])["stage"] == "processing"


def test_usage_notes_and_a_past_issue_date_are_required(ops, approved):
    with pytest.raises(InputError, match="tell the client how to use the TRADE-RIGHTS certificate"):
        delivery.deliver(ops, approved["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", "  ")
    with pytest.raises(InputError, match="issued-on: 2026-11-28 is after today"):
        delivery.deliver(ops, approved["id"], "TRADE-RIGHTS", "03187654", "2026-11-28", NOTES)
    with pytest.raises(InputError, match="issued-on: a value is required"):
        delivery.deliver(ops, approved["id"], "TRADE-RIGHTS", "03187654", "", NOTES)
    with pytest.raises(InputError, match="AEO-ADVANCED is not part of deal .*CUSTOMS-REG, TRADE-RIGHTS"):
        delivery.deliver(ops, approved["id"], "AEO-ADVANCED", "AEO001", "2026-11-25", NOTES)
    with pytest.raises(InputError, match="expires-on: 2026-11-25 is not after the issue date"):
        delivery.deliver(ops, approved["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES, expires_on="2026-11-25")


@pytest.mark.parametrize(("issued", "months", "expires"), [
    ("2026-11-25", None, None),             # permanent
    ("2026-08-31", 6, "2027-02-28"),        # 6 months from the 31st: the shorter month's last day
    ("2026-05-15", 6, "2026-11-15"),
    ("2024-02-29", 36, "2027-02-28"),       # 3 years from a leap day
    ("2028-02-29", 48, "2032-02-29"),
    ("2026-12-31", 1, "2027-01-31"),
])
def test_expiry_from_validity(issued, months, expires):
    got = delivery.expiry_from_validity(dt.date.fromisoformat(issued), months)
    assert (got.isoformat() if got else None) == expires


def test_the_catalogue_validity_sets_the_expiry_unless_given(li, ops, finance):
    deal = approved_deal(li, finance, codes=("TRADE-RIGHTS", "EXPORT-LICENCE", "AEO-ADVANCED"))
    permanent = delivery.deliver(ops, deal["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES)
    licence = delivery.deliver(ops, deal["id"], "EXPORT-LICENCE", "26-EL-000123", "2026-08-31", NOTES)
    aeo = delivery.deliver(ops, deal["id"], "AEO-ADVANCED", "AEOCN3302000001", "2024-02-29", NOTES,
                           expires_on="2027-03-01")
    assert (permanent["expires_on"], permanent["days_left"]) == (None, None)
    assert (licence["expires_on"], licence["validity"], licence["days_left"]) == ("2027-02-28", "6 months", 93)
    assert aeo["expires_on"] == "2027-03-01"  # the date printed on the certificate wins


def test_the_three_year_validity_from_a_leap_day(li, ops, finance):
    deal = approved_deal(li, finance, codes=("AEO-ADVANCED",))
    aeo = delivery.deliver(ops, deal["id"], "AEO-ADVANCED", "AEOCN3302000001", "2024-02-29", NOTES)
    assert (aeo["expires_on"], aeo["validity"]) == ("2027-02-28", "3 years")


def test_the_last_certificate_delivers_the_deal_and_schedules_the_visits(li, ops, desk, delivered):
    deal = deals.get_deal(li, delivered["id"])
    assert deal["stage"] == "delivered"
    assert [h["user"] for h in deal["history"] if h["to_stage"] == "delivered"] == ["sun"]
    visits = delivery.list_visits(li)
    assert [v["due_on"] for v in visits] == ["2026-12-27", "2027-02-25", "2027-05-26"]  # 30, 90, 180 days
    assert {(v["deal_id"], v["owner"], v["done_on"]) for v in visits} == {(deal["id"], "li", None)}
    entry = audit.list_entries(desk, action="deliver.certificate")[0]
    assert entry["detail"]["visits"] == ["2026-12-27", "2027-02-25", "2027-05-26"]
    with pytest.raises(UserError, match="the certificate for TRADE-RIGHTS is already delivered"):
        delivery.deliver(ops, deal["id"], "TRADE-RIGHTS", "03187655", "2026-11-25", NOTES)


def test_the_configured_offsets_decide_the_visits(isolated, li, ops, finance):
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace("[30, 90, 180]", "[7, 365]"), encoding="utf-8")
    from zizhi.core import settings

    ops.settings = settings.load()
    deal = approved_deal(li, finance, codes=("CUSTOMS-REG",))
    certificate = delivery.deliver(ops, deal["id"], "CUSTOMS-REG", "3302960ABC", "2026-11-26", NOTES)
    assert (certificate["deal_delivered"], certificate["visits"]) == (True, ["2026-12-04", "2027-11-27"])


def test_a_quantity_of_two_needs_two_certificates_with_distinct_numbers(li, ops, finance):
    deal = approved_deal(li, finance, codes=("EXPORT-LICENCE*2",))
    first = delivery.deliver(ops, deal["id"], "EXPORT-LICENCE", "26-EL-000123", "2026-11-20", NOTES)
    assert first["deal_delivered"] is False
    with pytest.raises(UserError, match="EXPORT-LICENCE number 26-EL-000123 is already recorded"):
        delivery.deliver(ops, deal["id"], "EXPORT-LICENCE", "26-EL-000123", "2026-11-20", NOTES)
    second = delivery.deliver(ops, deal["id"], "EXPORT-LICENCE", "26-EL-000124", "2026-11-20", NOTES)
    assert second["deal_delivered"] is True and deals.get_deal(li, deal["id"])["stage"] == "delivered"


def test_client_certificates_are_listed_for_those_who_may_see_the_client(li, wang, delivered):
    listed = delivery.client_certificates(li, str(delivered["client_id"]))
    assert [(c["code"], c["number"], c["expires_on"], c["name"]) for c in listed] == [
        ("TRADE-RIGHTS", "03187654", None, "对外贸易经营者备案登记（进出口经营权）"),
        ("CUSTOMS-REG", "3302960ABC", None, "海关进出口货物收发货人备案")]
    assert listed[0]["usage_notes"] == NOTES
    with pytest.raises(NotFound):
        delivery.client_certificates(wang, str(delivered["client_id"]))


def test_only_operations_the_owner_or_a_manager_deliver(finance, approved):
    with pytest.raises(Refused, match="only operations, its owner, a manager or an admin can record a delivery"):
        delivery.deliver(finance, approved["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES)


@pytest.mark.parametrize("score", [0, 6, "great", "4.5", True])
def test_satisfaction_must_be_one_to_five(li, delivered, score):
    visit = delivery.list_visits(li)[0]
    with pytest.raises(InputError, match="not a score from 1 .* to 5"):
        delivery.visit_done(li, visit["id"], score)
    assert delivery.get_visit(li, visit["id"])["done_on"] is None


def test_the_first_visit_done_moves_the_deal_to_aftersales(li, ops, delivered):
    first, second, _ = delivery.list_visits(li)
    clock.set_now("2026-12-28 10:00:00")
    assert [v["id"] for v in delivery.list_visits(li, due=True)] == [first["id"]]
    with pytest.raises(Refused, match="only its owner, a manager or an admin can record its follow-up visits"):
        delivery.visit_done(ops, first["id"], 5)
    done = delivery.visit_done(li, first["id"], "5", remarks="已顺利报关出口", new_needs=None)
    assert (done["done_on"], done["done_by"], done["satisfaction"]) == ("2026-12-28", "li", 5)
    assert done["remarks"] == "已顺利报关出口"
    assert done["stage"] == "aftersales" and deals.get_deal(li, delivered["id"])["stage"] == "aftersales"
    assert delivery.list_visits(li, due=True) == []
    with pytest.raises(UserError, match="already recorded as done on 2026-12-28"):
        delivery.visit_done(li, first["id"], 4)
    assert delivery.visit_done(li, second["id"], 4, done_on="2026-12-28")["stage"] == "aftersales"
    assert [v["id"] for v in delivery.list_visits(li, done=True)] == [first["id"], second["id"]]


def test_a_new_need_from_a_visit_opens_a_linked_deal(li, desk, delivered):
    visit = delivery.list_visits(li)[0]
    with pytest.raises(InputError, match="'IMPORT-MAGIC' is not in the catalogue"):
        delivery.visit_done(li, visit["id"], 4, open_deal_codes=["IMPORT-MAGIC"])
    assert delivery.get_visit(li, visit["id"])["done_on"] is None
    done = delivery.visit_done(li, visit["id"], 4, new_needs="明年出口管制商品，需要出口许可证",
                               open_deal_codes=["EXPORT-LICENCE"])
    new = deals.get_deal(li, done["new_deal_id"])
    assert (new["client_id"], new["stage"], new["owner"]) == (delivered["client_id"], "inquiry", "li")
    assert new["qualifications"] == [{"code": "EXPORT-LICENCE", "quantity": 1}]
    assert done["new_needs"] == "明年出口管制商品，需要出口许可证"
    assert audit.list_entries(desk, action="visit.done")[0]["detail"]["new_deal_id"] == new["id"]


def test_visits_are_private_like_the_client(li, wang, manager, delivered):
    visit = delivery.list_visits(li)[0]
    assert delivery.list_visits(wang) == []
    with pytest.raises(NotFound, match="no visit"):
        delivery.visit_done(wang, visit["id"], 5)
    assert len(delivery.list_visits(manager, owner="li")) == 3
    assert delivery.list_visits(manager, owner="wang") == []


def test_a_certificate_waits_for_every_step_even_after_an_approval(desk, li, ops, finance, rows):
    """An approval recorded before steps had to be settled (an older database) does not let delivery skip them."""
    deal = paid_deal(li, finance)
    processing.handover(li, deal["id"], "sun")
    with desk.store.unit_of_work() as db:
        db.execute("UPDATE handovers SET outcome = 'approved', outcome_on = '2026-11-27' WHERE deal_id = ?", [deal["id"]])
    before = rows(desk, "audit")
    with pytest.raises(UserError, match=r"8 processing steps not done: CUSTOMS-REG 1 "):
        delivery.deliver(ops, deal["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES)
    assert rows(ops, "certificates") == 0 and rows(desk, "audit") == before
    finish_steps(ops, deal["id"])
    assert delivery.deliver(ops, deal["id"], "TRADE-RIGHTS", "03187654", "2026-11-25", NOTES)["number"] == "03187654"


def test_visits_of_a_deal_cancelled_with_its_terminated_contract_are_no_longer_due(li, manager, delivered):
    from zizhi.core import clock
    from zizhi.core.pipeline import contracts, terminations

    clock.set_now("2026-12-28 09:00:00")  # the 30-day visit fell due yesterday
    assert [v["due_on"] for v in delivery.list_visits(li, due=True)] == ["2026-12-27"]
    terminations.terminate(manager, contracts.contract_for_deal(li, delivered["id"])["number"], "客户注销")
    assert delivery.list_visits(li, due=True) == []
    assert len(delivery.list_visits(li)) == 3, "the visits stay on record"
