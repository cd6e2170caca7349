"""The calendar file: read back by icalendar and by vobject, one all-day event per reminder and person
in that person's language, UIDs stable, SEQUENCE growing only with the content, replaced whole."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading

import icalendar
import pytest
import vobject

from tests.core.test_reminder_kinds import YEAR_2027
from zizhi.core.clients.interactions import log_interaction
from zizhi.core.clients.records import add_client
from zizhi.core.errors import InputError, Refused
from zizhi.core.people import users
from zizhi.core.reminders import calendar_file
from zizhi.core.workdays import records

HENGTONG = "宁波恒通进出口有限公司"
DAXING = "上海大兴国际贸易有限公司"


@pytest.fixture
def li(desk, desk_as, add_sales, tmp_path):
    """李娜 reads Chinese; her manager 刘洋 English. Two follow-ups: one due two days ago, one ten days
    overdue (escalated past the shipped seven days, so 刘洋 gets it too). 2027's holidays are on
    record, so the admins have no reminder to import them."""
    schedule = tmp_path / "2027.json"
    schedule.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    records.import_file(desk, schedule)
    add_sales("li", "李娜")
    users.add_user(desk, "liu", "刘洋", "manager")
    with desk.store.unit_of_work() as db:  # each chose it at their own keyboard (user language)
        db.execute("UPDATE users SET language = CASE login WHEN 'li' THEN 'zh' ELSE 'en' END")
    li = desk_as("li")
    for name, step, due in ((HENGTONG, "回访报价", "2026-11-25"), (DAXING, "催交申请材料", "2026-11-17")):
        client, _ = add_client(li, name=name)
        log_interaction(li, str(client["id"]), "phone", "询价", next_step=step, next_date=due, at="2026-11-10 10:00")
    return li


def events(path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_file_reads_back_in_icalendar_one_all_day_event_per_reminder_and_person(desk, li, tmp_path):
    path = tmp_path / "zizhi.ics"

    written = calendar_file.write(desk, path)

    assert written == {"file": str(path), "as_of": "2026-11-27", "events": 3, "changed": 3}
    found = events(path)
    assert sorted(found) == sorted(["follow_up:client:1:2026-11-25/li@zizhi", "follow_up:client:2:2026-11-17/li@zizhi",
                                    "follow_up:client:2:2026-11-17/liu@zizhi"])
    hers = found["follow_up:client:1:2026-11-25/li@zizhi"]
    assert str(hers["summary"]) == f"李娜：跟进 {HENGTONG}：回访报价（2026-11-25 到期）"  # the team's file says whose
    assert hers.decoded("dtstart") == dt.date(2026, 11, 25) and hers.decoded("dtend") == dt.date(2026, 11, 26)
    assert "zizhi log add 1 --channel phone" in str(hers["description"])
    assert "完成后：zizhi remind done follow_up:client:1:2026-11-25" in str(hers["description"])
    assert hers["sequence"] == 0 and str(hers["transp"]) == "TRANSPARENT"
    # the escalation, in each reader's language, marked urgent
    assert str(found["follow_up:client:2:2026-11-17/li@zizhi"]["summary"]).startswith(f"‼ 李娜：跟进 {DAXING}")
    manager = found["follow_up:client:2:2026-11-17/liu@zizhi"]
    assert str(manager["summary"]).startswith("‼ ") and str(manager["summary"]).endswith(
        f": follow up with {DAXING}: 催交申请材料 (due 2026-11-17)")
    assert manager["priority"] == 1 and manager.categories == ["Follow-ups"]
    # the company's 09:00 in Shanghai is 01:00 UTC
    assert manager.decoded("dtstamp") == dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.timezone.utc)


def test_a_second_parser_reads_the_same_events_with_the_chinese_intact(desk, li, tmp_path):
    path = tmp_path / "zizhi.ics"
    calendar_file.write(desk, path)

    parsed = vobject.readOne(path.read_text(encoding="utf-8"))

    read = {e.uid.value: e for e in parsed.vevent_list}
    assert len(read) == 3
    hers = read["follow_up:client:1:2026-11-25/li@zizhi"]
    assert hers.summary.value == f"李娜：跟进 {HENGTONG}：回访报价（2026-11-25 到期）"
    assert hers.dtstart.value == dt.date(2026, 11, 25)
    assert hers.description.value.splitlines()[1] == "自 2026-11-25 起到期。"
    assert parsed.contents["x-wr-calname"][0].value == "Zizhi reminders"


def test_a_rerun_keeps_every_uid_and_sequence_and_writes_the_same_bytes(desk, li, tmp_path):
    path = tmp_path / "zizhi.ics"
    calendar_file.write(desk, path)
    first = path.read_bytes()

    from zizhi.core import clock

    clock.set_now("2026-11-27 15:30:00")
    again = calendar_file.write(desk, path)

    assert again["changed"] == 0
    assert path.read_bytes() == first  # nothing changed, so nothing a subscriber would fetch anew


def test_sequence_grows_only_for_the_event_whose_content_changed(desk, li, tmp_path):
    from zizhi.core import clock

    path = tmp_path / "zizhi.ics"
    calendar_file.write(desk, path)
    clock.set_now("2026-11-27 11:00:00")
    # the same follow-up (same client, same day: same key), now with another next step
    log_interaction(li, "1", "chat", "客户要求改期", next_step="发送修订报价", next_date="2026-11-25",
                    at="2026-11-20 10:00")

    assert calendar_file.write(desk, path)["changed"] == 1
    found = events(path)
    changed = found["follow_up:client:1:2026-11-25/li@zizhi"]
    assert changed["sequence"] == 1 and "发送修订报价" in str(changed["summary"])
    assert changed.decoded("dtstamp") == dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.timezone.utc)
    assert found["follow_up:client:2:2026-11-17/li@zizhi"]["sequence"] == 0
    assert calendar_file.write(desk, path)["changed"] == 0
    assert events(path)["follow_up:client:1:2026-11-25/li@zizhi"]["sequence"] == 1


def test_a_salesperson_writes_her_own_calendar_named_in_her_language(li, tmp_path):
    path = tmp_path / "li.ics"

    assert calendar_file.write(li, path, person="li")["events"] == 2
    assert all(uid.endswith("/li@zizhi") for uid in events(path))
    assert str(icalendar.Calendar.from_ical(path.read_bytes())["x-wr-calname"]) == "资质提醒"
    with pytest.raises(Refused):
        calendar_file.write(li, tmp_path / "all.ics")
    assert not (tmp_path / "all.ics").exists()


def test_writing_the_calendar_is_audited(desk, li, tmp_path):
    calendar_file.write(desk, tmp_path / "zizhi.ics")

    action, detail = desk.store.tuples("SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1")[1][0]
    assert action == "remind.calendar" and '"events": 3' in detail


# ---------------------------------------------------------------- replaced whole, or not at all

def test_the_file_is_renamed_over_the_old_one_so_a_reader_never_sees_half(desk, li, tmp_path):
    path = tmp_path / "zizhi.ics"
    calendar_file.write(desk, path)
    os.chmod(path, 0o640)  # as the admin set it for the web server's group
    inode = path.stat().st_ino
    log_interaction(li, "1", "phone", "跟进", next_step="改期", next_date="2026-11-25", at="2026-11-19 10:00")
    calendar_file.write(desk, path)
    assert path.stat().st_ino != inode  # a new file took the name; the old one was never written into
    seen, done = [], threading.Event()

    def subscriber():
        while not done.is_set():
            seen.append(path.read_bytes())

    reader = threading.Thread(target=subscriber)
    reader.start()
    try:
        for n in range(20):
            log_interaction(li, "1", "phone", "跟进", next_step=f"第{n}次回访" * 40, next_date="2026-11-25",
                            at=f"2026-11-20 10:{n:02d}")
            calendar_file.write(desk, path)
    finally:
        done.set()
        reader.join()

    assert seen and all(data.startswith(b"BEGIN:VCALENDAR") and data.endswith(b"END:VCALENDAR\r\n") for data in seen)
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert events(path)["follow_up:client:1:2026-11-25/li@zizhi"]["sequence"] == 21


def test_a_failed_write_leaves_the_old_file_and_the_sequences_as_they_were(desk, li, tmp_path, monkeypatch):
    path = tmp_path / "zizhi.ics"
    calendar_file.write(desk, path)
    before, table = path.read_bytes(), desk.store.rows("SELECT * FROM reminder_calendar ORDER BY uid")
    log_interaction(li, "1", "phone", "跟进", next_step="新的一步", next_date="2026-11-25", at="2026-11-20 10:00")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(calendar_file.os, "fsync", disk_full)
    with pytest.raises(Exception, match="No space left on device"):
        calendar_file.write(desk, path)

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert desk.store.rows("SELECT * FROM reminder_calendar ORDER BY uid") == table


def test_a_file_in_a_missing_folder_is_refused_naming_it(desk, li, tmp_path):
    with pytest.raises(InputError) as refused:
        calendar_file.write(desk, tmp_path / "www" / "zizhi.ics")

    assert refused.value.exit_code == 65
    assert str(refused.value) == (f"ics: {tmp_path}/www/zizhi.ics — its folder {tmp_path}/www does not exist; "
                                  "create it or name another file.")
    assert desk.store.scalar("SELECT count(*) FROM reminder_calendar") == 0


def test_runs_racing_on_one_file_bump_a_changed_event_once_and_leave_it_whole(desk, li, tmp_path, db_path):
    """Cron and a person at a terminal writing the same file at once (real processes): the unit of
    work orders them, so exactly one publishes the change and the others find it published."""
    from tests.core.conftest import TODAY
    from tests.core.racing import Call, race

    path = tmp_path / "zizhi.ics"
    calendar_file.write(desk, path)
    log_interaction(li, "1", "phone", "跟进", next_step="改期", next_date="2026-11-25", at="2026-11-19 10:00")

    outcomes = race(db_path, [Call("boss", "reminders.calendar_file.write", (str(path),))] * 4, TODAY)

    assert outcomes == ["ok"] * 4
    runs = desk.store.rows("SELECT detail FROM audit WHERE action = 'remind.calendar' ORDER BY id")[1:]
    assert sorted('"changed": 1' in run["detail"] for run in runs) == [False, False, False, True]
    assert events(path)["follow_up:client:1:2026-11-25/li@zizhi"]["sequence"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
