"""The outbox alone keeps a reminder to one delivery, even when runs race without the lock; and the
company's day, not the server's, decides what "today" is."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from contextlib import nullcontext

from zizhi.core import clock
from zizhi.core.clients import interactions, records
from zizhi.core.reminders import run as reminders


def follow_ups(li, count: int) -> list[str]:
    """``count`` clients of li, each with a follow-up due on 2026-11-26: their reminders' keys."""
    keys = []
    for n in range(count):
        client, _ = records.add_client(li, name=f"宁波第{n}贸易有限公司")
        interactions.log_interaction(li, client["name"], "phone", "联系", next_step="回访", next_date="2026-11-26",
                                     at="2026-11-20")
        keys.append(f"follow_up:client:{client['id']}:2026-11-26")
    return keys


def test_racing_runs_without_the_lock_still_deliver_each_reminder_once(li, db_path):
    keys = follow_ups(li, 12)
    li.close()
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(4), context.Queue()
    racers = [context.Process(target=_unlocked_run, args=(str(db_path), barrier, results)) for _ in range(4)]
    for racer in racers:
        racer.start()
    delivered = [results.get(timeout=60) for _ in racers]
    for racer in racers:
        racer.join(60)
    assert all(isinstance(found, list) for found in delivered), delivered
    lines = [line for found in delivered for text in found for line in text.splitlines() if "宁波第" in line]
    assert len(lines) == len(keys) == len(set(lines))


def _unlocked_run(db_path: str, barrier, results) -> None:
    """One run with the lock taken away, so only the outbox's claims stand between the racers."""
    from zizhi.core import i18n
    from zizhi.core.desk import open_desk
    from zizhi.core.reminders import lock

    clock.set_now("2026-11-27 08:00:00")
    i18n.choose_language("en")
    lock.held = lambda path: nullcontext(path)
    desk = open_desk(db=db_path, as_user="boss", lang="en")
    printed: list[str] = []
    barrier.wait()
    try:
        reminders.run(desk, ["text"], write_text=printed.append)
        results.put(printed)
    except Exception as error:  # shown by the test instead of a hang
        results.put(f"{type(error).__name__}: {error}")
    finally:
        desk.close()


def test_a_claim_another_run_holds_is_reported_as_stuck_not_taken(li, desk):
    [key] = follow_ups(li, 1)
    with desk.store.unit_of_work() as db:
        from zizhi.core.reminders import outbox

        outbox.claim(db, "a run still going", [(key, li.user["id"], "text", "<x@zizhi.invalid>")])
    printed = []
    report = reminders.run(desk, ["text"], person="li", write_text=printed.append)  # (the admins': 2027's holidays)
    assert printed == [] and report["messages"] == []
    assert [(s["login"], s["keys"], s["state"], s["message_id"]) for s in report["stuck"]] == [
        ("li", [key], "claimed", "<x@zizhi.invalid>")]


def test_the_company_s_day_whatever_the_server_s_zone():
    """At 01:30 in Shanghai it is still yesterday in UTC: cron must send Shanghai's day."""
    probe = ("import datetime as dt, os\nfrom zoneinfo import ZoneInfo\nfrom zizhi.core import clock\n"
             "print(clock.today('Asia/Shanghai') == dt.datetime.now(ZoneInfo('Asia/Shanghai')).date(), "
             "clock.today() == dt.date.today())")
    environment = {k: v for k, v in os.environ.items() if k != "ZIZHI_NOW"}
    for zone in ("UTC", "America/Los_Angeles", "Pacific/Kiritimati"):
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                env={**environment, "TZ": zone}, timeout=60)
        assert result.stdout.split() == ["True", "True"], result.stderr


def test_a_fixed_clock_is_the_company_s_time_already():
    clock.set_now("2026-11-30 01:30:00")
    assert clock.today("Asia/Shanghai").isoformat() == "2026-11-30" == clock.today("America/Los_Angeles").isoformat()
