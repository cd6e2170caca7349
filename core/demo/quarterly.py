"""The demo's quarterly assessment: each salesperson's targets for the last four quarters and this
one, and their personal reports for the last four — filed (the figures frozen from the demo's own
deals and payments) and reviewed by the manager, their words and the manager's chosen from the
figures (:mod:`.report_text`) — and, so a new user finds every state: the last closed quarter not
yet filed by two people (drafts, ``UNFILED``) and awaiting review for one (``AWAITING_REVIEW``),
a draft of this quarter's begun, and a payment of a filed quarter entered after it was filed
(`zizhi report quarterly list`, `zizhi report quarterly --user wang.fang --quarter …`,
`zizhi kpi drill revenue`, `zizhi kpi team --pdf`).

Added once, after the deals, by plain inserts in the demo's unit of work; a quarter's figures are
read once for the whole team (:func:`core.kpi.records.tallies`), so it costs five reads.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from zizhi.core import clock
from zizhi.core.demo import report_text, words
from zizhi.core.kpi import figures, quarters, records
from zizhi.core.quarterly.schema import SECTIONS

PAST = 4
# The last closed quarter, as a new user finds it: these salespeople have not filed yet (a draft with
# some sections written: ``report quarterly file --quarter …`` is theirs to run), and this one has
# filed but awaits the manager's review; the others' reports are filed and reviewed.
UNFILED = {"chen.jie": ("results", "problems"), "li.qiang": ("results",)}
AWAITING_REVIEW = "zhang.min"


def add_quarterly(db, desk, rng: random.Random, late: dict | None = None) -> dict:
    """Targets and reports for the demo salespeople — once: a database with reports gets none —
    then ``late``, a payment received in a filed quarter but entered after (:func:`_record_late`)."""
    if db.execute("SELECT 1 FROM quarterly_reports UNION ALL SELECT 1 FROM kpi_targets LIMIT 1").fetchone():
        return {}
    manager = db.execute("SELECT id FROM users WHERE login = 'liu.yang'").fetchone()
    people = desk.store.rows("""SELECT id, login, name, role, created_at FROM users
                                WHERE role = 'sales' AND active = 1 AND on_duty = 1 ORDER BY login""")
    if manager is None or not people:
        return {}
    current = quarters.current(desk.settings.general.reminders.timezone)
    past = [current]
    for _ in range(PAST):
        past.insert(0, past[0].preceding())
    reports = targets = 0
    before: dict[int, dict] = {}
    for q in past:
        counted = records.tallies(desk.store, *q.bounds)
        joined = [p for p in people if p["created_at"] < q.following().first.isoformat()]  # as the agenda asks
        for person in joined:
            targets += _target(db, person, q, counted.get(person["id"], {}), manager[0], rng)
        goals = {row.pop("user_id"): row for row in desk.store.rows(
            "SELECT user_id, revenue, contract_value, new_clients FROM kpi_targets WHERE quarter = ?", [q.name])}
        for person in joined:
            frozen = figures.shaped(person, q, counted.get(person["id"], {}), goals.get(person["id"]))
            if q == current:
                if person is joined[0]:
                    reports += _draft(db, person, q, frozen, ("results",))
            elif q == past[-2] and person["login"] in UNFILED:
                reports += _draft(db, person, q, frozen, UNFILED[person["login"]])
            else:
                reviewed = not (q == past[-2] and person["login"] == AWAITING_REVIEW)
                _filed(db, person, q, frozen, before.get(person["id"]), manager[0], rng, reviewed)
                reports += 1
            before[person["id"]] = frozen
    counts = {"quarterly_reports": reports, "kpi_targets": targets}
    if late:
        counts.update(_record_late(desk, late))
    return counts


def _target(db, person: dict, q, counted: dict, manager: int, rng: random.Random) -> int:
    """A target near what the person achieved (rounded to ¥10,000 and to whole clients), as a
    manager setting it at the quarter's start might have guessed: within the person's range of
    ``words.FORMS``, so some beat their targets and some fall short."""
    low, high = words.FORMS.get(person["login"], words.DEFAULT_FORM)[3]
    achieved = counted.get("revenue", (0, 0))[1], counted.get("contract_value", (0, 0))[1]
    clients = counted.get("new_clients", (0, 0))[0]
    revenue, contract_value = (max(1_000_000, round(fen * rng.uniform(low, high) / 1_000_000) * 1_000_000)
                               for fen in achieved)
    db.execute("""INSERT INTO kpi_targets (user_id, quarter, revenue, contract_value, new_clients, set_by, set_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?)""",
               [person["id"], q.name, revenue, contract_value, max(1, round(clients * rng.uniform(low, high))),
                manager, f"{q.first.isoformat()} 09:00:00"])
    return 1


def _filed(db, person: dict, q, frozen: dict, before: dict | None, manager: int, rng: random.Random,
           reviewed: bool) -> None:
    """A report filed a few days after the quarter, its sections and the manager's comment written
    from its own figures (:mod:`.report_text`)."""
    filed = min(q.following().first + dt.timedelta(days=rng.randint(1, 6)), clock.today())
    review = min(filed + dt.timedelta(days=rng.randint(1, 5)), clock.today())
    texts = report_text.sections(frozen)
    db.execute("""INSERT INTO quarterly_reports (user_id, quarter, results, problems, solutions, plans, created_at,
                  updated_at, filed_at, figures, reviewed_at, reviewed_by, review_comment)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
               [person["id"], q.name, *(texts[name] for name in SECTIONS), f"{q.last - dt.timedelta(days=8)} 17:00:00",
                f"{filed} 16:30:00", f"{filed} 16:30:00", json.dumps(frozen, ensure_ascii=False),
                f"{review} 17:00:00" if reviewed else None, manager if reviewed else None,
                report_text.comment(frozen, before) if reviewed else None])


def _draft(db, person: dict, q, live: dict, written: tuple[str, ...]) -> int:
    """A report begun but not filed: the ``written`` sections, from the figures so far."""
    today = clock.today()
    at = f"{today} 08:30:00" if q.last >= today else f"{min(q.following().first + dt.timedelta(days=2), today)} 18:10:00"
    texts = report_text.sections(live)
    db.execute("""INSERT INTO quarterly_reports (user_id, quarter, results, problems, solutions, plans, created_at,
                  updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
               [person["id"], q.name, *(texts[name] if name in written else "" for name in SECTIONS), at, at])
    return 1


def _record_late(desk, late: dict) -> dict:
    """The balance of a deal delivered in a closed quarter, received in it but entered by finance
    on the 21st day after it, when the quarter's reports were filed (and before last month is
    marked reconciled, unless the demo's day comes within three weeks of the quarter's end): ``kpi drill revenue`` marks it recorded later,
    and the filed report shows the figure now beside the one it froze."""
    from zizhi.core.demo.collection import Script
    from zizhi.core.kpi.quarters import parse
    from zizhi.core.receivables import ledger

    q = parse(late["quarter"])
    day = min(q.following().first + dt.timedelta(days=20), clock.today() - dt.timedelta(days=1)).isoformat()
    script = Script(desk)
    script.on(day, script.roles.get("finance"), lambda acting: ledger.record_payment(
        acting, late["client_id"], late["amount"], paid_on=late["paid_on"], note=words.LATE_NOTE,
        contract_ref=late["contract_id"]), "payments")
    return {"late_payments": script.run()["payments"]}
