"""Credit (rulebook §7.2): a recorded check sets the client's rating; the policy asks a recent
check, a guarantee or the larger prepayment before a contract and again before processing; the
payment history suggests a change of rating. Every refusal leaves the database as it was."""

from __future__ import annotations

import sqlite3

import pytest

from tests.core.test_contracts import TOTAL, paid_deal, ready_deal
from zizhi.core import clock
from zizhi.core.clients import records as clients
from zizhi.core.credit import checks, suggestion
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.people import users as people
from zizhi.core.pipeline import contracts, deals, processing
from zizhi.core.pipeline.gates import GateRefused


@pytest.fixture
def colleagues(desk, desk_as):
    """Finance, legal and operations desks, by role."""
    for login, name, role in (("qian", "钱会计", "finance"), ("zhou", "周静", "legal"), ("sun", "孙运营", "operations")):
        people.add_user(desk, login, name, role)
    return {"finance": desk_as("qian"), "legal": desk_as("zhou"), "operations": desk_as("sun")}


def dump(desk) -> list[str]:
    return list(desk.store.conn.iterdump())


def new_client(li, name: str = "宁波恒通进出口贸易有限公司") -> int:
    client, _ = clients.add_client(li, name=name, channel="trade_show")
    return client["id"]


def test_a_check_sets_the_rating_keeps_the_history_and_is_audited(li):
    client = new_client(li)
    checks.record_check(li, str(client), "C", "registry", "2026-06-01", notes="公示系统：2025 年报未按时报送")
    shown = checks.record_check(li, str(client), "B", "third_party", notes="中诚信 BBB",
                                guarantor="宁波恒通集团", guarantee_amount="50,000", guarantee_document="担保函 2026-11-20")
    assert clients.get_client(li, str(client))["credit_rating"] == "B"
    assert [(c["rating"], c["method"], c["checked_on"]) for c in shown["history"]] == [
        ("B", "third_party", "2026-11-27"), ("C", "registry", "2026-06-01")]
    assert shown["guarantee"]["guarantee_amount"] == 5_000_000
    trail = li.store.rows("SELECT action, detail FROM audit WHERE entity = 'client' AND entity_id = ?", [client])
    assert [e["action"] for e in trail].count("credit.check") == 2
    assert '"credit_rating": ["C", "B"]' in trail[-1]["detail"]


def test_a_check_is_history_never_edited(li):
    client = new_client(li)
    checks.record_check(li, str(client), "B", "registry")
    for statement in ("UPDATE credit_checks SET rating = 'A'", "DELETE FROM credit_checks"):
        with pytest.raises(sqlite3.IntegrityError, match="record a new check"):
            li.store.conn.execute(statement)


def test_the_owner_finance_and_managers_record_checks_legal_and_operations_may_not(li, wang, manager, colleagues):
    client = new_client(li)
    checks.record_check(li, str(client), "C", "registry", "2026-11-01")
    checks.record_check(colleagues["finance"], str(client), "B", "payment_history", "2026-11-10")
    checks.record_check(manager, str(client), "B", "registry", "2026-11-20")
    before = dump(li)
    for role in ("legal", "operations"):
        with pytest.raises(Refused) as caught:
            checks.record_check(colleagues[role], str(client), "A", "registry")
        assert "its salesperson, finance, managers and admins" in caught.value.message("en")
    with pytest.raises(NotFound):  # another salesperson does not even see the client
        checks.record_check(wang, str(client), "A", "registry")
    assert dump(li) == before


@pytest.mark.parametrize(("args", "says"), [
    (("E", "registry"), "rating: 'E' is not one of A, B, C, D"),
    (("B", "gossip"), "method"),
    (("B", "registry", "2026-12-01"), "after today"),
    (("B", "registry", None, None, None, "10,000"), "needs the guarantor"),
    (("B", "registry", "2026-10-01"), "older than"),
])
def test_a_check_that_cannot_be_right_is_refused_and_changes_nothing(li, args, says):
    client = new_client(li)
    checks.record_check(li, str(client), "C", "registry", "2026-11-01")
    before = dump(li)
    with pytest.raises((InputError, UserError)) as caught:
        checks.record_check(li, str(client), *args)
    assert says in caught.value.message("en")
    assert dump(li) == before


def test_a_rating_without_a_recorded_check_makes_no_contract(li, rows):
    deal = ready_deal(li, rating=None)
    clients.edit_client(li, str(deal["client_id"]), credit_rating="B")  # typed on the client form
    with pytest.raises(UserError) as caught:
        contracts.new_contract(li, deal["id"])
    assert ("is rated B but no credit check is recorded" in message(caught)
            and f"`zizhi credit check {deal['client_id']} --rating B --method registry`" in message(caught))
    assert "信用评估" in caught.value.message("zh")
    checks.record_check(li, str(deal["client_id"]), "C", "registry")
    clients.edit_client(li, str(deal["client_id"]), credit_rating="A")  # raised by hand after the check
    with pytest.raises(UserError, match="latest credit check \\(2026-11-27\\) rated it C"):
        contracts.new_contract(li, deal["id"])
    assert rows(li, "contracts") == 0


def test_a_rating_older_than_the_policys_recheck_is_checked_again_before_a_new_contract(li, rows):
    deal = ready_deal(li, rating=None)
    checks.record_check(li, str(deal["client_id"]), "B", "registry", "2026-03-01")
    before = dump(li)
    with pytest.raises(UserError) as caught:
        contracts.new_contract(li, deal["id"])
    assert message(caught) == (
        "client 宁波恒通进出口贸易有限公司2026-11-27 09:00:00's rating B was checked on 2026-03-01, 271 days ago; "
        "the credit policy re-checks rating B after 180 days before a new contract: record a new check with "
        f"`zizhi credit check {deal['client_id']} --rating B --method registry`.")
    assert "271 天" in caught.value.message("zh")
    assert dump(li) == before
    checks.record_check(li, str(deal["client_id"]), "B", "registry", notes="复核无变化")
    assert contracts.new_contract(li, deal["id"])["credit_rating"] == "B"


def test_a_guarantee_recorded_with_the_check_counts_for_the_contract(li):
    deal = ready_deal(li, rating=None)
    checks.record_check(li, str(deal["client_id"]), "D", "registry", guarantor="宁波恒通集团",
                        guarantee_amount="3,000", guarantee_document="连带责任担保函")
    contract = contracts.new_contract(li, deal["id"])
    assert contract["guarantee"] == "宁波恒通集团 · ¥3,000.00 · 连带责任担保函"
    assert contract["instalments"][0]["amount"] == TOTAL // 2


def test_a_client_downgraded_after_signing_meets_the_new_terms_before_processing(li, colleagues):
    deal = paid_deal(li, colleagues["finance"])  # rated B: half of ¥2,862.00 prepaid
    contract = contracts.contract_for_deal(li, deal["id"])
    checks.record_check(li, str(deal["client_id"]), "C", "payment_history", notes="其他合同逾期")
    before = dump(li)
    with pytest.raises(GateRefused) as caught:
        processing.handover(li, deal["id"], "sun")
    assert ("rating C (checked 2026-11-27) prepays 80% of contract ZZ-2026-0001, ¥2,289.60; "
            "paid ¥1,431.00, ¥858.60 short") in message(caught)
    assert "`zizhi contract pay ZZ-2026-0001 AMOUNT`" in message(caught)
    assert dump(li) == before
    contracts.record_payment(colleagues["finance"], contract["id"], "858.60")
    assert processing.handover(li, deal["id"], "sun")["stage"] == "processing"


def test_the_processing_gate_asks_a_d_client_for_a_guarantee_or_the_whole_amount(li, colleagues):
    deal = paid_deal(li, colleagues["finance"])
    checks.record_check(li, str(deal["client_id"]), "D", "payment_history")
    with pytest.raises(GateRefused, match="gives a guarantee or prepays 100%.*--guarantor"):
        deals.move(li, deal["id"], "processing")
    checks.record_check(li, str(deal["client_id"]), "D", "registry", guarantor="宁波恒通集团")
    assert processing.handover(li, deal["id"], "sun")["stage"] == "processing"


def test_the_standing_says_the_age_the_policy_and_what_is_owed(li):
    client = new_client(li)
    assert checks.standing(li, str(client))["rating"] is None
    checks.record_check(li, str(client), "C", "registry", "2026-09-01")
    shown = checks.standing(li, str(client))
    assert (shown["age_days"], shown["recheck_days"], shown["recheck_due"], shown["recheck_by"]) == (
        87, 90, False, "2026-11-30")
    assert shown["policy"] == {"prepayment": "80%", "guarantee_required": False, "guarantee_or_prepayment": None,
                               "credit_limit": 5_000_000, "recheck_days": 90}
    clock.set_now("2026-12-05 09:00:00")
    assert checks.standing(li, str(client))["recheck_due"] is True


# ---------------------------------------------------------------- what the payment history suggests

def scheduled(li, finance, rating: str, dates: list[str]) -> dict:
    """A signed contract whose instalments fall on ``dates`` (the first on signing)."""
    deal = ready_deal(li, rating=rating, total=600_000)
    parts = [600_000 - 100_000 * (len(dates) - 1), *[100_000] * (len(dates) - 1)]
    contract = contracts.new_contract(li, deal["id"], instalments=list(zip(dates, parts)))
    contracts.sign(li, contract["id"])
    return contracts.get_contract(li, contract["id"])


def pay_on(finance, contract: dict, position: int, day: str) -> None:
    clock.set_now(f"{day} 10:00:00")
    contracts.record_payment(finance, contract["id"], contract["instalments"][position - 1]["amount"], day)


def test_an_instalment_more_than_60_days_late_suggests_one_grade_lower(li, colleagues):
    contract = scheduled(li, colleagues["finance"], "B", ["2026-11-27", "2026-12-10"])
    pay_on(colleagues["finance"], contract, 1, "2026-11-27")
    clock.set_now("2027-02-15 09:00:00")  # instalment 2 is 67 days overdue
    shown = checks.standing(li, str(contract["client_id"]))["suggestion"]
    assert (shown["rating"], shown["direction"], shown["overdue"]) == ("C", "lower", 100_000)
    assert shown["reason"] == ("ZZ-2026-0001 instalment 2 (¥1,000.00) is 67 days overdue with ¥1,000.00 unpaid, "
                               "more than 60: suggest C instead of B.")


def test_three_instalments_paid_on_time_suggest_one_grade_higher(li, colleagues):
    contract = scheduled(li, colleagues["finance"], "B", ["2026-11-27", "2026-12-10", "2027-01-10"])
    client = str(contract["client_id"])
    pay_on(colleagues["finance"], contract, 1, "2026-11-27")
    pay_on(colleagues["finance"], contract, 2, "2026-12-09")
    assert suggestion.suggest(li, int(client), "B")["rating"] is None  # two so far
    assert "2 instalments paid on time so far; 3 would" in suggestion.suggest(li, int(client), "B")["reason"]
    pay_on(colleagues["finance"], contract, 3, "2027-01-10")
    shown = suggestion.suggest(li, int(client), "B")
    assert (shown["rating"], shown["direction"]) == ("A", "higher")
    assert shown["reason"] == "all 3 instalments fallen due were paid in full on time: suggest A instead of B."


def test_a_payment_late_within_60_days_keeps_the_rating(li, colleagues):
    contract = scheduled(li, colleagues["finance"], "B", ["2026-11-27", "2026-12-10"])
    pay_on(colleagues["finance"], contract, 1, "2026-11-27")
    pay_on(colleagues["finance"], contract, 2, "2027-01-05")
    shown = suggestion.suggest(li, contract["client_id"], "B")
    assert shown["rating"] is None and "26 days late" in shown["reason"] and "keep the rating" in shown["reason"]


def message(caught) -> str:
    return caught.value.message("en")


# ---------------------------------------------------------------- the policy's settings

def test_a_credit_policy_that_cannot_work_names_the_file_line_and_key(isolated):
    from zizhi.core import settings
    from zizhi.core.paths import SHIPPED_CONFIG

    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    broken = text.replace('guarantee_required = false\ncredit_limit = "200,000.00"\nrecheck_days = 180',
                          'guarantee_required = false\ncredit_limit = "200,000.00"\nrecheck_days = 0\n'
                          'guarantee_or_prepayment = "100%"')
    (isolated / "pricing.toml").write_text(broken, encoding="utf-8")
    lines = broken.splitlines()
    found = settings.problems()
    path = isolated / "pricing.toml"
    assert f"{path}:{lines.index('recheck_days = 0') + 1}: credit_policy.B.recheck_days: " \
           "Input should be greater than 0" in found
    alternative = lines.index('guarantee_or_prepayment = "100%"') + 1
    assert (f"{path}:{alternative}: credit_policy.B.guarantee_or_prepayment: "
            "an alternative to a guarantee needs guarantee_required = true (got '100%')") in found


def test_a_policy_written_before_re_checks_existed_re_checks_after_a_year(isolated):
    from zizhi.core import settings
    from zizhi.core.paths import SHIPPED_CONFIG

    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    older = "\n".join(line for line in text.splitlines()
                      if not line.startswith(("recheck_days", "guarantee_or_prepayment")))
    (isolated / "pricing.toml").write_text(older, encoding="utf-8")
    policy = settings.load().pricing.credit_policy
    assert {terms.recheck_days for terms in policy.values()} == {365}
    assert policy["D"].guarantee_or_prepayment is None
