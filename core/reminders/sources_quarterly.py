"""The quarter-end personal report (rulebook §4.3): due from the day it may be filed — the quarter's
last ``[reminders] quarterly_report_days`` days — to every active salesperson who was on duty in
the quarter (passed the onboarding exam before its end: :func:`core.people.users.on_duty_before`)
and has not filed it; dealt with only by filing it
(``zizhi report quarterly file``), never marked done (:mod:`.marks`). The quarter just ended is
still asked for while it is unfiled, so a report missed over the holidays stays on the agenda;
older quarters are not.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core.reminders.reminder import item


def quarterly_report(desk, day: str, owner: int | None = None) -> list[dict]:
    """One reminder per salesperson and quarter (this one once filing opens, and the last one)
    whose report is not filed by the end of ``day``."""
    from zizhi.core.kpi import quarters
    from zizhi.core.people.users import on_duty_before
    from zizhi.core.quarterly.reports import opens_on

    today = dt.date.fromisoformat(day)
    current = quarters.of_day(today)
    found = []
    for q in (current.preceding(), current):
        opens = opens_on(desk, q)
        if today < opens:
            continue
        mine = "" if owner is None else f" AND u.id = {int(owner)}"
        for login, status in desk.store.tuples(
                f"""SELECT u.login, CASE WHEN r.id IS NULL THEN 'none' ELSE 'draft' END FROM users u
                    LEFT JOIN quarterly_reports r ON r.user_id = u.id AND r.quarter = :q
                    WHERE u.role = 'sales' AND u.active = 1 AND {on_duty_before('u', ':end')} AND u.created_at < :end
                    AND r.filed_at IS NULL{mine} ORDER BY u.login""",
                {"q": q.name, "end": q.following().first.isoformat()})[1]:
            found.append(item("quarterly_report", f"quarter:{q.name}", opens.isoformat(),
                              "remind.quarterly_report" if status == "none" else "remind.quarterly_report_draft",
                              {"quarter": q.name, "end": q.last.isoformat(), "since": opens.isoformat()},
                              owner=login, command=f"zizhi report quarterly edit --quarter {q.name}"))
    return found


def owed_quarter(desk) -> str | None:
    """The oldest closed quarter whose report the acting salesperson still owes (a draft or none,
    as :func:`quarterly_report` asks for it); None when none is owed — the app then opens this
    quarter's."""
    from zizhi.core import clock
    from zizhi.core.kpi import quarters
    from zizhi.core.quarterly.reports import AUTHORS

    if desk.user["role"] not in AUTHORS:
        return None
    today = clock.company_today(desk)
    owed = [found["params"]["quarter"] for found in quarterly_report(desk, today.isoformat(), desk.user["id"])]
    closed = sorted(name for name in owed if quarters.parse(name).last < today)
    return closed[0] if closed else None
