"""The early warning of bad debts: a pure score that only grows with the signs and stays within
0-100, its reasons in English and Chinese, and the watch list on the books — riskiest first, a
broken promise counted, each person seeing only what they may."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_dunning import owing
from zizhi.config.schema import Watch
from zizhi.core.clients import records as clients
from zizhi.core.errors import InputError, Refused
from zizhi.core.people import users as people
from zizhi.core.pipeline import amendments
from zizhi.core.receivables import dunning, ledger, risk, shortlist, standing, watch
from zizhi.core.vocab import DUNNING_ACTIONS

WEIGHTS = Watch()
STEPS = st.sampled_from((None, *DUNNING_ACTIONS))
signs = st.builds(risk.Signs, days_overdue=st.integers(-400, 4000), owed=st.integers(1, 10**12),
                  rating=st.sampled_from((None, "A", "B", "C", "D", "Z")), broken_promises=st.integers(0, 9),
                  step=STEPS)


def scored(signs: risk.Signs) -> int:
    return risk.score(signs, WEIGHTS).score


def rank(step: str | None) -> int:
    return -1 if step is None else DUNNING_ACTIONS.index(step)


@given(signs)
def test_a_score_is_its_parts_added_up_and_never_outside_0_to_100(signs):
    found = risk.score(signs, WEIGHTS)
    assert 0 <= found.score <= 100
    assert found.score == min(100, sum(part.points for part in found.parts))
    assert found.capped == (sum(part.points for part in found.parts) > 100)


@given(signs, st.integers(0, 400))
def test_the_longer_overdue_the_riskier(signs, more):
    later = risk.Signs(signs.days_overdue + more, signs.owed, signs.rating, signs.broken_promises, signs.step)
    assert scored(later) >= scored(signs)


@given(signs, st.integers(0, 5))
def test_each_broken_promise_makes_it_riskier(signs, more):
    worse = risk.Signs(signs.days_overdue, signs.owed, signs.rating, signs.broken_promises + more, signs.step)
    assert scored(worse) >= scored(signs)


@given(signs, st.integers(0, 10**12))
def test_the_more_owed_the_riskier(signs, more):
    larger = risk.Signs(signs.days_overdue, signs.owed + more, signs.rating, signs.broken_promises, signs.step)
    assert scored(larger) >= scored(signs)


@given(signs, STEPS)
def test_the_higher_up_the_ladder_the_riskier(signs, step):
    higher = risk.Signs(signs.days_overdue, signs.owed, signs.rating, signs.broken_promises,
                        max((signs.step, step), key=rank))
    assert scored(higher) >= scored(signs)


def test_a_score_explained_in_english_and_chinese():
    found = risk.score(risk.Signs(45, 100_000, "C", 1, "letter"), WEIGHTS)
    assert found.score == 75
    assert risk.explain(found, "en") == (
        "45 days overdue (+30), rated C (+15), one broken promise (+20), at the formal letter step (+10)")
    assert risk.explain(found, "zh") == "逾期 45 天（+30），信用等级 C（+15），1 次付款承诺未兑现（+20），已到“催款函”阶段（+10）"


def test_every_sign_at_once_is_capped_at_100_and_says_so():
    found = risk.score(risk.Signs(100, 10_000_000, None, 2, "escalation"), WEIGHTS)
    assert found.score == 100 and found.capped
    assert risk.explain(found, "en") == ("100 days overdue (+40), owes ¥100,000.00 (+15), not rated (+10), "
                                         "2 broken promises (+40), at the escalation to the manager step (+20), "
                                         "capped at 100")
    assert risk.explain(found, "zh").endswith("2 次付款承诺未兑现（+40），已到“上报经理”阶段（+20），封顶 100 分")


def test_a_single_day_overdue_reads_in_the_singular():
    found = risk.score(risk.Signs(1, 100_000, "A", 0, None), WEIGHTS)
    assert (found.score, risk.explain(found, "en"), risk.explain(found, "zh")) == (1, "1 day overdue (+1)",
                                                                                  "逾期 1 天（+1）")


def test_a_debt_without_signs_scores_nothing():
    found = risk.score(risk.Signs(-10, 50_000, "A", 0, None), WEIGHTS)
    assert (found.score, risk.explain(found, "en"), risk.explain(found, "zh")) == (0, "no warning signs", "无风险迹象")


def test_amounts_score_on_a_logarithmic_scale_between_the_configured_bounds():
    # ¥1,000 and less: nothing; ¥100,000 and more: 15; ¥10,000, halfway on the logarithm: 7.5, half up
    assert [risk.amount_points(fen, WEIGHTS) for fen in (100_000, 100_001, 1_000_000, 9_999_999, 10_000_000)] == [
        0, 0, 8, 15, 15]


def test_the_watch_list_counts_days_rating_step_and_a_broken_promise(li, finance):
    contract = owing(li)  # ¥1,000.00 due 2026-09-28 and ¥1,000.00 due 2026-12-30; rated B
    first = f"{contract['number']}:1"
    found = watch.watch_list(li)
    assert (found["as_of"], found["count"]) == ("2026-11-27", 1)
    client = found["clients"][0]
    # 60 days overdue (+40), ¥2,000.00 (+2), rated B (+5), the letter came on 13 November (+10)
    assert (client["score"], client["owed"], client["overdue"], client["step"]) == (57, 200_000, 100_000, "letter")
    assert client["explanation"] == ("60 days overdue (+40), owes ¥2,000.00 (+2), rated B (+5), "
                                     "at the formal letter step (+10)")
    assert [(i["instalment"], i["score"], i["explanation"]) for i in client["instalments"]] == [
        (first, 55, "60 days overdue (+40), rated B (+5), at the formal letter step (+10)"),
        (f"{contract['number']}:2", 5, "rated B (+5)")]

    dunning.log_action(li, first, "reminder", promise_on="2026-10-20", promise_amount="500", on="2026-10-13")
    ledger.record_payment(finance, contract["client_id"], "300", "2026-10-19", contract_ref=contract["id"])
    client = watch.watch_list(li)["clients"][0]
    assert (client["score"], client["broken_promises"], client["owed"]) == (77, 1, 170_000)
    assert "one broken promise (+20)" in client["explanation"]
    assert client["score"] >= max(i["score"] for i in client["instalments"])
    # the day before the promise fell due, nothing was broken yet
    assert watch.watch_list(li, "2026-10-20")["clients"][0]["broken_promises"] == 0


def test_the_riskiest_first_and_a_limit(li, finance, desk):
    people.add_user(desk, "qian2", "钱二", "finance")
    late = owing(li)
    owing(li, name="杭州恒远贸易有限公司", schedule=(("2026-11-20", 100_000), ("2026-12-30", 100_000)))
    found = watch.watch_list(finance, limit=1)
    assert found["count"] == 2 and [c["client_id"] for c in found["clients"]] == [late["client_id"]]
    with pytest.raises(InputError):
        watch.watch_list(finance, limit=0)


def test_sales_see_their_own_clients_and_legal_none(li, wang, manager, finance, desk, desk_as):
    owing(li)
    assert watch.watch_list(wang) == {"as_of": "2026-11-27", "count": 0, "clients": []}
    assert watch.watch_list(manager)["count"] == watch.watch_list(finance)["count"] == 1
    people.add_user(desk, "zhou", "周律师", "legal")
    with pytest.raises(Refused) as caught:
        watch.watch_list(desk_as("zhou"))
    assert "Receivables are for sales, managers, finance and admins" in caught.value.message("en")


def test_a_client_owing_nothing_overdue_is_not_listed_but_still_discounts_the_forecast(li):
    from zizhi.core.receivables import forecast

    owing(li, schedule=(("2026-12-30", 100_000), ("2027-01-29", 100_000)))
    assert watch.watch_list(li)["count"] == 0
    client = watch.client_risks(li, "2026-11-27")[0]
    assert (client["score"], client["overdue"], risk.explain(client["risk"], "en")) == (
        7, 0, "owes ¥2,000.00 (+2), rated B (+5)")
    found = forecast.forecast(li)
    assert (found["due"], found["expected"]) == (200_000, 186_000)


def test_the_one_query_reading_agrees_with_standing_every_debt_on_the_ladder(li, finance):
    """Clients nobody dunned are read from their sums and oldest due date; every client must come
    out as if each of their debts had been stood on the ladder one by one, on any day, before an
    amendment and after it."""
    dunned = owing(li)
    moved = owing(li, name="杭州恒远贸易有限公司", schedule=(("2026-09-28", 100_000), ("2026-11-16", 100_000)))
    # amended today: the second half put off and split; days before today read the schedule then
    amendments.amend(li, moved["number"], [("2026-09-28", "1,000"), ("2026-12-21", "600"), ("2027-01-20", "400")],
                     "补充协议：尾款分两期")
    owing(li, name="温州恒信贸易有限公司", schedule=(("2026-12-01", 150_000), ("2027-03-01", 50_000)))
    kept = owing(li, name="台州恒丰贸易有限公司", schedule=(("2026-10-12", 120_000), ("2026-12-30", 80_000)))
    dunning.log_action(li, f"{dunned['number']}:1", "reminder", promise_on="2026-10-20", promise_amount="500",
                       on="2026-10-13")
    dunning.log_action(li, f"{kept['number']}:1", "call", promise_on="2026-11-10", promise_amount="300",
                       on="2026-11-03")
    ledger.record_payment(finance, kept["client_id"], "300", "2026-11-05", contract_ref=kept["id"])
    keys = ("score", "owed", "overdue", "days_overdue", "step", "flagged", "broken_promises")
    for day in ("2026-09-20", "2026-10-21", "2026-11-20", "2026-11-27", "2027-01-04", "2027-02-10"):
        quick = {c["client_id"]: tuple(c[k] for k in keys) for c in watch.client_risks(finance, day)}
        by_client: dict[int, list[dict]] = {}
        for debt in standing.standings(finance, day):
            by_client.setdefault(debt["client_id"], []).append(debt)
        weights = finance.settings.pricing.watch
        stood = {client_id: tuple(watch._client(debts[0], debts, weights)[k] for k in keys)
                 for client_id, debts in by_client.items()}
        assert quick == stood, day
    assert watch.client_risks(finance, "2027-02-10")[0]["flagged"]  # escalated: a possible bad debt


@given(st.integers(-400, 4000), st.integers(1, 10**12),
       st.sampled_from((WEIGHTS, Watch(small_amount=5_000, large_amount=6_000, amount_max=40),
                        Watch(overdue_points_per_30_days=7, overdue_max=90, unrated_points=3))))
def test_sqlite_adds_up_the_pure_points_as_the_score_does(days, owed, weights):
    import sqlite3

    from zizhi.core.receivables import risk_sql

    sql = risk_sql.points(":days", ":owed", weights)
    found = sqlite3.connect(":memory:").execute(f"SELECT {sql}", {"days": days, "owed": owed}).fetchone()[0]
    assert found == risk.overdue_points(days, weights) + risk.amount_points(owed, weights)


def slow_watch_list(desk, day: str, limit: int | None) -> dict:
    """The watch list the plain way: every client scored in full, the at-risk ones kept, the first shown."""
    weights = desk.settings.pricing.watch
    at_risk = [c for c in watch.client_risks(desk, day) if c["overdue"] or c["broken_promises"]]
    shown = at_risk[:limit] if limit else at_risk
    debts: dict[int, list[dict]] = {}
    for debt in standing.standings(desk, day, clients={c["client_id"] for c in shown}) if shown else []:
        debts.setdefault(debt["client_id"], []).append(debt)
    return {"as_of": day, "count": len(at_risk),
            "clients": [watch._explained(c, debts[c["client_id"]], weights) for c in shown]}


@pytest.mark.parametrize("weights", [WEIGHTS, Watch(rating_points={"A": 0, "B": 0, "C": 0, "D": 0}, unrated_points=0,
                                                     broken_promise_points=30, broken_promises_max=60)])
def test_the_watch_list_shows_exactly_what_scoring_every_client_in_full_would(li, finance, weights, monkeypatch):
    """Only clients who may place are looked up (their rating bounded), and only those with a
    promise that could still place them stood debt by debt; the list, its order, scores, reasons
    and count must be those of scoring everyone, for any limit."""
    pricing = finance.settings.pricing.model_copy(update={"watch": weights})
    monkeypatch.setattr(finance, "settings", dataclasses.replace(finance.settings, pricing=pricing))
    names = ("甲", "乙", "丙", "丁", "戊", "己")
    made = [owing(li, name=f"{name}市进出口有限公司", schedule=((due, amount), ("2027-01-29", 50_000)))
            for name, due, amount in zip(names, ("2026-09-28", "2026-09-28", "2026-10-12", "2026-11-16",
                                                  "2026-11-16", "2026-12-30"),
                                         (100_000, 100_000, 2_000_000, 100_000, 100_000, 80_000))]
    dunning.log_action(li, f"{made[1]['number']}:1", "reminder", promise_on="2026-10-20", promise_amount="500",
                       on="2026-10-13")
    dunning.log_action(li, f"{made[2]['number']}:1", "call", promise_on="2026-11-10", promise_amount="300",
                       on="2026-11-03")
    dunning.log_action(li, f"{made[3]['number']}:1", "friendly_reminder", outcome="reached",
                       on="2026-11-13")
    ledger.record_payment(finance, made[2]["client_id"], "300", "2026-11-05", contract_ref=made[2]["id"])
    ledger.record_payment(finance, made[0]["client_id"], "1,000", "2026-11-20", contract_ref=made[0]["id"])
    for contract, rating in zip(made, "CAADD"):
        clients.edit_client(li, str(contract["client_id"]), credit_rating=rating)
    left_out = 0
    for day in ("2026-10-21", "2026-11-20", "2026-11-27", "2027-01-04", "2027-02-10"):
        for limit in (None, 1, 2, 3, 4, 5):
            assert watch.watch_list(finance, day, limit) == slow_watch_list(finance, day, limit), (day, limit)
            left_out += shortlist.candidates(finance, day, limit, finance.settings.pricing.watch)[2]
    assert left_out  # some clients could not place and were never looked up
    assert watch.watch_list(finance, "2027-02-10")["count"] == 6


def test_the_step_a_due_date_reached_reads_the_same_in_sqlite_as_on_the_ladder(li):
    """The shortlist's SQL finds a client's step by the latest due date reaching each step; every
    due date around the steps' days, over National Day and weekends, must get the ladder's own."""
    import datetime as dt
    import sqlite3

    weights, steps, db = li.settings.pricing.watch, standing.ladder(li), sqlite3.connect(":memory:")
    for day in ("2026-10-08", "2026-11-27", "2027-02-10"):
        sql, params = shortlist._step_points(li, day, weights)
        for back in range(-10, 200):
            due = (dt.date.fromisoformat(day) - dt.timedelta(days=back)).isoformat()
            rung = steps.reached(due, day)
            found = db.execute(f"SELECT {sql.replace('g.oldest_due', ':due')}", {**params, "due": due}).fetchone()[0]
            assert found == (weights.step_points[rung.action] if rung else 0), (day, due)
