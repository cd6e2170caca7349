"""People and roles: the first user, adding colleagues, onboarding exams and who may own clients."""

from __future__ import annotations

import pytest

from zizhi.core import audit, identity
from zizhi.core.clients import records as clients
from zizhi.core.desk import open_desk
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.people import users as people


def test_the_account_creating_a_database_and_the_admin_it_names_are_its_admins(desk):
    me = identity.os_login()
    assert (desk.user["login"], desk.role) == ("boss", "admin")
    entries = audit.list_entries(desk, action="user.")
    assert sorted((e["action"], e["user"], e["detail"]["role"]) for e in entries) == \
        sorted([("user.bootstrap", "boss", "admin"), ("user.bootstrap", me, "admin")])


def test_only_an_admin_may_act_as_someone_else_and_is_named_beside_them(desk, add_sales):
    add_sales("li")
    with pytest.raises(Refused) as caught:
        people.acting_user(desk.store, "li", "boss")
    assert "only an admin may act as someone else" in caught.value.message("en")
    acting = people.acting_user(desk.store, "boss", "li")
    assert (acting["login"], acting["acting_admin"]) == ("li", "boss")


def test_a_session_loses_at_once_the_rights_its_user_lost_meanwhile(desk, desk_as):
    people.add_user(desk, "adm2", "副管理员", "admin")
    second = desk_as("adm2")
    people.edit_user(desk, "adm2", role="manager")
    with pytest.raises(Refused):
        people.add_user(second, "mallory", None, "admin")
    people.edit_user(desk, "adm2", active=False)
    with pytest.raises(Refused, match="deactivated"):
        people.record_training(second, "boss", "合规培训")
    assert desk.store.scalar("SELECT count(*) FROM users WHERE login = 'mallory'") == 0


def test_a_new_database_is_made_only_on_purpose(tmp_path):
    with pytest.raises(UserError) as caught:
        open_desk(db=tmp_path / "typo" / "zizhi.db", lang="en")
    assert "zizhi init" in caught.value.message("en")
    assert not (tmp_path / "typo").exists()


def test_an_unknown_user_on_a_busy_database_is_told_to_ask_an_admin(desk, desk_as, rows):
    before = rows(desk, "users")
    with pytest.raises(UserError) as caught:
        desk_as("stranger")
    message = caught.value.message("en")
    assert "stranger" in message
    assert "ask an admin" in message
    assert "zizhi user add stranger" in message
    assert rows(desk, "users") == before


def test_an_admin_adds_a_colleague_who_starts_off_duty(desk):
    user = people.add_user(desk, "li", "李娜", "销售", email="li.na@huaxin-zizhi.cn", phone="138 1234 5678")
    assert (user["role"], user["name"], user["on_duty"]) == ("sales", "李娜", 0)
    assert user["phone"] == "13812345678"
    assert audit.list_entries(desk, action="user.add")[0]["detail"] == {"login": "li", "role": "sales"}


def test_only_an_admin_adds_users(manager, rows):
    before = rows(manager, "users")
    with pytest.raises(Refused) as caught:
        people.add_user(manager, "sun", "孙", "sales")
    assert "Only an admin" in caught.value.message("en")
    assert rows(manager, "users") == before


@pytest.mark.parametrize(("login", "role"), [("two words", "sales"), ("", "sales"), ("li", "chef")])
def test_a_bad_login_or_role_is_refused(desk, login, role):
    with pytest.raises(InputError):
        people.add_user(desk, login, "某人", role)


def test_a_login_is_unique(desk):
    people.add_user(desk, "li", "李娜", "sales")
    with pytest.raises(UserError) as caught:
        people.add_user(desk, "li", "李丽", "finance")
    assert "li already exists" in caught.value.message("en")


@pytest.mark.parametrize(("score", "on_duty"), [(80, 1), (95, 1), (79, 0), (0, 0)])
def test_the_exam_against_the_pass_mark_decides_duty(desk, score, on_duty):
    people.add_user(desk, "li", "李娜", "sales")
    user = people.record_exam(desk, "li", score, taken_on="2026/11/20")
    assert user["on_duty"] == on_duty
    assert user["exams"] == [{"taken_on": "2026-11-20", "score": score, "pass_mark": 80,
                              "passed": on_duty, "notes": None}]


def test_a_failed_retake_does_not_take_a_salesperson_off_duty(desk):
    people.add_user(desk, "li", "李娜", "sales")
    people.record_exam(desk, "li", 85)
    user = people.record_exam(desk, "li", 40)
    assert user["on_duty"] == 1
    assert [e["passed"] for e in user["exams"]] == [1, 0]


def test_a_manager_records_exams_but_a_salesperson_cannot(li, manager):
    with pytest.raises(Refused):
        people.record_exam(li, "li", 100)
    assert people.record_exam(manager, "li", 60)["exams"][-1]["score"] == 60


@pytest.mark.parametrize("score", [-1, 101])
def test_an_exam_score_outside_0_100_is_refused(li, desk, score):
    with pytest.raises(InputError):
        people.record_exam(desk, "li", score)


def test_an_exam_for_an_unknown_user_is_not_found(desk):
    with pytest.raises(NotFound):
        people.record_exam(desk, "ghost", 90)


def test_training_is_recorded(desk, li):
    user = people.record_training(desk, "li", "  出口管制新规  ", held_on="2026年11月25日", hours="2", trainer="法务部")
    assert user["trainings"] == [{"held_on": "2026-11-25", "topic": "出口管制新规", "hours": "2",
                                  "trainer": "法务部", "notes": None}]
    assert audit.list_entries(desk, action="user.train")[0]["detail"]["topic"] == "出口管制新规"


def test_training_needs_a_topic(desk, li):
    with pytest.raises(InputError):
        people.record_training(desk, "li", " ")


def test_an_off_duty_salesperson_cannot_own_a_client(desk, rows):
    people.add_user(desk, "wang", "王强", "sales")
    people.record_exam(desk, "wang", 50)
    before = (rows(desk, "clients"), rows(desk, "audit"))
    with pytest.raises(UserError) as caught:
        clients.add_client(desk, name="宁波港贸易有限公司", owner="wang")
    message = caught.value.message("en")
    assert "wang is not on duty" in message
    assert "onboarding exam" in message
    assert (rows(desk, "clients"), rows(desk, "audit")) == before


def test_an_off_duty_salesperson_cannot_add_clients_for_themselves(desk, desk_as, rows):
    people.add_user(desk, "wang", "王强", "sales")
    wang = desk_as("wang")
    with pytest.raises(UserError, match="not on duty"):
        clients.add_client(wang, name="宁波港贸易有限公司")
    assert rows(desk, "clients") == 0


def test_only_a_salesperson_can_own_a_client(desk, finance):
    with pytest.raises(UserError) as caught:
        clients.add_client(desk, name="宁波港贸易有限公司", owner="qian")
    assert "qian is finance, not a salesperson" in caught.value.message("en")


def test_an_unknown_owner_is_an_input_error(desk):
    with pytest.raises(InputError) as caught:
        clients.add_client(desk, name="宁波港贸易有限公司", owner="nobody")
    assert caught.value.exit_code == 65
    assert "'nobody'" in caught.value.message("en")


def test_list_users_counts_their_clients(desk, li):
    clients.add_client(li, name="宁波港贸易有限公司")
    listed = {u["login"]: u for u in people.list_users(desk)}
    assert listed["li"]["clients"] == 1
    assert listed["boss"]["clients"] == 0
    assert [u["login"] for u in people.list_users(desk, role="销售")] == ["li"]


def test_training_hours_must_be_a_positive_number(desk, add_sales):
    add_sales("li")
    for bad in ("abc", "-1", "0"):
        with pytest.raises(InputError, match="hours"):
            people.record_training(desk, "li", "出口许可证新规", hours=bad)
    assert people.record_training(desk, "li", "出口许可证新规", hours="1.5")["trainings"][0]["hours"] == "1.5"


def test_exams_and_training_cannot_be_dated_in_the_future(desk, add_sales):
    people.add_user(desk, "new", "新人", "sales")
    with pytest.raises(InputError, match="2030-01-01 is after today"):
        people.record_exam(desk, "new", 95, taken_on="2030-01-01")
    assert people.get_user(desk, "new")["on_duty"] == 0
    add_sales("li")
    with pytest.raises(InputError, match="2030-01-01 is after today"):
        people.record_training(desk, "li", "新规", held_on="2030-01-01")


def test_the_onboarding_exam_is_for_salespeople(desk):
    people.add_user(desk, "qian", "钱会计", "finance")
    with pytest.raises(UserError, match="for salespeople"):
        people.record_exam(desk, "qian", 90)


def test_an_admin_corrects_a_role_and_deactivates_an_account(desk, add_sales, desk_as):
    people.add_user(desk, "qian", "钱", "finance")
    assert people.edit_user(desk, "qian", name="钱会计", role="legal")["role"] == "legal"
    assert people.edit_user(desk, "qian", active=False)["active"] == 0
    with pytest.raises(Refused):
        desk_as("qian")
    assert [a["action"] for a in audit.list_entries(desk, entity="user")][:2] == ["user.edit", "user.edit"]


def test_a_salesperson_with_clients_must_hand_them_over_first(desk, li):
    clients.add_client(li, name="宁波恒通进出口贸易有限公司")
    with pytest.raises(UserError, match="still owns 1 client; reassign it first"):
        people.edit_user(desk, "li", active=False)
    with pytest.raises(Refused):
        people.edit_user(li, "li", name="李")


def test_a_salesperson_sees_colleagues_names_and_roles_only(desk, li, wang):
    people.edit_user(desk, "wang", phone="13912345678", email="wang@example.cn")
    seen = {u["login"]: u for u in people.list_users(li)}
    assert seen["wang"] == {"id": seen["wang"]["id"], "login": "wang", "name": "王强", "role": "sales"}
    assert "clients" in seen["li"], "their own record is whole"
    shown = people.show_user(li, "wang")
    assert "exams" not in shown and "phone" not in shown and "clients" not in shown
    assert people.show_user(desk, "wang")["phone"] == "13912345678"
    assert people.show_user(li, "li")["exams"][0]["score"] == 90
