"""The risk register as legal, a manager and a risk's owner keep it: each risk's level read from the
matrix in pricing.toml [risk]; a review due on the owner's agenda on its day and moved on by the
level's interval when reviewed; closing ends the reviews; the heat map counts what the register
holds; a salesperson sees and reviews only their own; a matrix that falls is refused by name."""

from __future__ import annotations

import pytest

from zizhi.core import audit, clock, settings
from zizhi.core.compliance import risks
from zizhi.core.errors import ConfigError, InputError, NotFound, Refused, UserError
from zizhi.core.paths import SHIPPED_CONFIG
from zizhi.core.people import users as people
from zizhi.core.reminders import marks
from zizhi.core.reminders.agenda import agenda


def reviews_due(desk, day: str, login: str | None = None) -> list[tuple[str, str]]:
    """(person, key) of the risk reviews on the agenda of ``day`` — everyone's, or ``login``'s own."""
    return [(p["login"], r["key"]) for p in agenda(desk, day, login, kinds=["risk_review"])["people"]
            for r in p["reminders"]]


def test_the_level_comes_from_the_matrix_and_the_first_review_after_its_interval(legal):
    risk = risks.add_risk(legal, "法律政策", "出口管制清单调整，部分客户须重新申请许可证", 3, 4,
                          response="跟踪商务部公告")
    # shipped matrix: likelihood 3 × impact 4 = 12 → high; high risks are reviewed every 30 days
    assert (risk["category"], risk["level"], risk["owner"], risk["status"], risk["next_review_on"]) == (
        "legal", "high", "zhou", "open", "2026-12-27")
    low = risks.add_risk(legal, "market", "同业降价", "1", "4")
    critical = risks.add_risk(legal, "credit", "大客户拖欠", 5, 4)
    assert [(r["level"], r["next_review_on"]) for r in (low, critical)] == [("low", "2027-05-26"), ("critical", "2026-12-04")]


def test_a_likelihood_or_impact_outside_1_to_5_or_an_unknown_category_is_refused(legal, rows):
    for args, field in (((0, 3), "likelihood"), ((3, 6), "impact"), (("三", 3), "likelihood")):
        with pytest.raises(InputError) as refused:
            risks.add_risk(legal, "credit", "x", *args)
        assert refused.value.message("en").startswith(f"{field}: ") and "from 1 to 5" in refused.value.message("en")
    with pytest.raises(InputError) as refused:
        risks.add_risk(legal, "weather", "x", 1, 1)
    assert "category: 'weather' is not one of" in refused.value.message("en")
    assert rows(legal, "risks") == 0


def test_a_review_moves_the_next_one_on_by_the_interval_of_the_level_it_finds(legal, li):
    risk = risks.add_risk(legal, "credit", "大客户拖欠", 3, 4, owner="li")
    clock.set_now("2026-12-28 10:00:00")
    reviewed = risks.review_risk(li, risk["id"], note="已催收，客户承诺分期", impact=2)
    # 3 × 2 = 6 → medium: reviewed every 90 days from today
    assert (reviewed["level"], reviewed["impact"], reviewed["next_review_on"]) == ("medium", 2, "2027-03-28")
    [kept] = reviewed["reviews"]
    assert (kept["reviewed_on"], kept["user"], kept["level"], kept["note"]) == ("2026-12-28", "li", "medium",
                                                                                "已催收，客户承诺分期")
    closed = risks.review_risk(li, risk["id"], status="closed", note="已结清")
    assert (closed["status"], closed["next_review_on"]) == ("closed", None)
    with pytest.raises(UserError) as refused:
        risks.review_risk(li, risk["id"])
    assert f"zizhi risk update {risk['id']} --status open" in refused.value.message("en")


def test_a_review_due_is_on_the_owners_agenda_on_its_day_and_gone_when_reviewed(legal, li, desk):
    risk = risks.add_risk(legal, "credit", "大客户拖欠", 5, 4, owner="li")  # critical: due 2026-12-04
    key = f"risk_review:risk:{risk['id']}:2026-12-04"
    assert reviews_due(desk, "2026-12-03") == []
    assert reviews_due(li, "2026-12-04", "li") == [("li", key)]
    [reminder] = agenda(li, "2026-12-04", "li", kinds=["risk_review"])["people"][0]["reminders"]
    assert reminder["command"] == f"zizhi risk review {risk['id']} --note …"
    with pytest.raises(UserError):  # reviewing it is the way, not marking it done
        marks.mark_done(li, key)
    clock.set_now("2026-12-05 09:00:00")
    assert reviews_due(li, "2026-12-05", "li") == [("li", key)]  # a missed day: still due
    risks.review_risk(li, risk["id"], note="无变化")
    assert reviews_due(li, "2026-12-05", "li") == []
    assert reviews_due(desk, "2026-12-12") == [("li", f"risk_review:risk:{risk['id']}:2026-12-12")]


def test_an_owner_who_left_has_their_reviews_go_to_the_managers(legal, li, manager, desk):
    risk = risks.add_risk(legal, "operational", "办理部门人手不足", 5, 4, owner="li")
    people.edit_user(desk, "li", active=False)
    assert reviews_due(desk, "2026-12-04") == [("zhao", f"risk_review:risk:{risk['id']}:2026-12-04")]


def test_who_may_add_change_review_and_see(legal, li, wang, manager, finance, rows):
    with pytest.raises(Refused):
        risks.add_risk(li, "credit", "x", 1, 1)
    mine = risks.add_risk(manager, "credit", "李娜的客户拖欠", 2, 2, owner="li")
    other = risks.add_risk(legal, "market", "竞争加剧", 2, 2)
    assert [r["id"] for r in risks.list_risks(li)] == [mine["id"]]
    assert {r["id"] for r in risks.list_risks(finance)} == {mine["id"], other["id"]}
    with pytest.raises(NotFound):
        risks.get_risk(wang, mine["id"])
    with pytest.raises(NotFound):
        risks.review_risk(wang, mine["id"])
    with pytest.raises(Refused):
        risks.update_risk(li, mine["id"], impact=1)
    with pytest.raises(Refused):
        risks.review_risk(finance, other["id"])
    assert risks.review_risk(li, mine["id"], note="ok")["reviews"][0]["user"] == "li"
    assert rows(li, "risk_reviews") == 1


def test_an_update_changes_what_is_given_and_closing_ends_the_reviews(legal, desk):
    risk = risks.add_risk(legal, "credit", "大客户拖欠", 2, 2)
    with pytest.raises(InputError):
        risks.update_risk(legal, risk["id"], impact=2)  # nothing changes
    moved = risks.update_risk(legal, risk["id"], impact=5, response="要求预付", owner="boss")
    # 2 × 5 = 10 → high; the next review stays where it was until the next review
    assert (moved["level"], moved["owner"], moved["response"], moved["next_review_on"]) == (
        "high", "boss", "要求预付", risk["next_review_on"])
    closed = risks.update_risk(legal, risk["id"], status="已关闭")
    assert (closed["status"], closed["next_review_on"]) == ("closed", None)
    assert risks.list_risks(legal) == [] and len(risks.list_risks(legal, include_closed=True)) == 1
    reopened = risks.update_risk(legal, risk["id"], status="open")
    assert reopened["next_review_on"] == "2026-12-27"  # high: 30 days from today
    with pytest.raises(InputError):
        risks.update_risk(legal, risk["id"], next_review_on="2026-11-01")
    detail = audit.list_entries(desk, action="risk.update")[-1]["detail"]
    assert detail["impact"] == [2, 5] and detail["owner_id"][1] == desk.user["id"]


def test_the_heat_map_counts_what_the_register_holds(legal):
    placed = [(5, 5), (5, 5), (3, 4), (1, 1), (2, 4), (3, 4), (3, 4)]
    made = [risks.add_risk(legal, "other", f"风险 {n}", likelihood, impact) for n, (likelihood, impact) in enumerate(placed)]
    risks.update_risk(legal, made[3]["id"], status="closed")  # the (1, 1) one
    grid = risks.heat_map(legal)
    counts = {(c["likelihood"], c["impact"]): c["count"] for c in grid["cells"] if c["count"]}
    assert counts == {(5, 5): 2, (3, 4): 3, (2, 4): 1}
    assert grid["total"] == 6 == len(risks.list_risks(legal))
    assert grid["by_level"] == {"low": 0, "medium": 1, "high": 3, "critical": 2}
    assert [(c["likelihood"], c["impact"]) for c in grid["cells"][:6]] == [(5, 1), (5, 2), (5, 3), (5, 4), (5, 5), (4, 1)]
    for cell in grid["cells"]:  # every cell's count is the register's risks at that point, by id
        assert cell["ids"] == [r["id"] for r in sorted(risks.list_risks(legal), key=lambda r: r["id"])
                               if (r["likelihood"], r["impact"]) == (cell["likelihood"], cell["impact"])]
    assert risks.heat_map(legal, include_closed=True)["total"] == 7
    assert [r["level"] for r in risks.list_risks(legal)] == ["critical", "critical", "high", "high", "high", "medium"]


def test_the_matrix_in_force_rates_the_register(isolated, desk_as, desk):
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    old = '  ["low",    "medium", "medium", "high",     "high"],'
    assert old in text
    (isolated / "pricing.toml").write_text(
        text.replace(old, '  ["low",    "medium", "high",   "high",     "high"],').replace("high = 30", "high = 14"),
        encoding="utf-8")
    people.add_user(desk, "zhou", "周静", "legal")
    risk = risks.add_risk(desk_as("zhou"), "credit", "x", 3, 3)
    assert (risk["level"], risk["next_review_on"]) == ("high", "2026-12-11")  # shipped: medium, in 90 days


def test_a_matrix_that_falls_or_lacks_a_level_is_refused_by_name(isolated):
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    (isolated / "pricing.toml").write_text(text.replace('["medium", "high",   "high",   "critical", "critical"]',
                                                        '["medium", "high",   "low",    "critical", "critical"]'),
                                           encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings.load()
    assert "risk.matrix" in caught.value.message("en") and "must not fall" in caught.value.message("en")
    (isolated / "pricing.toml").write_text(text.replace("critical = 7\n", ""), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings.load()
    assert "critical is missing" in caught.value.message("en")
