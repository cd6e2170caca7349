"""A salesperson's quarterly report (rulebook §4.3 季度个人工作总结): their KPIs for the quarter and
their own account — results, problems met, solutions, plans for next quarter — written as a draft,
filed once, then reviewed by a manager.

The rules, in one place:

- **Who writes**: the salesperson, their own report only (role ``sales``); a draft can be written
  any time from the quarter's first day, for the current or an earlier quarter.
- **Filing** freezes the KPIs as they stood (:func:`core.kpi.figures.figures`) into the report, in
  the same unit of work as the timestamp, so a later correction of the ledger — a payment recorded
  late, a reversal — does not silently change what was filed; the report then shows the live figure
  beside a frozen one that has changed since. A report may be filed once the quarter is in its last
  ``[reminders] quarterly_report_days`` days (10 by default: from 22 December for Q4) or over, and
  not empty. Once filed its author can no longer change it (triggers keep it as filed).
- **Reading**: a salesperson reads their own; managers and admins anyone's, draft or filed (the
  draft is the company's work in progress, and a manager may help before the quarter ends).
- **Review**: a manager or admin marks a filed report reviewed with a comment; reviewing again
  replaces the comment. Every write is audited with what changed.

Reads never write: a quarter with nothing written yet reads as an empty draft.
"""

from __future__ import annotations

import datetime as dt
import json

from zizhi.core import access, audit, clock, validation
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.kpi import figures as kpi
from zizhi.core.kpi import quarters, records
from zizhi.core.kpi.quarters import Quarter
from zizhi.core.people.users import not_on_duty, on_duty_before
from zizhi.core.quarterly.schema import SECTIONS

AUTHORS = ("sales",)
LONGEST = 20_000  # characters per section: a report, not an archive
COMMENT_LONGEST = 4_000
_COLUMNS = """r.id, r.quarter, r.results, r.problems, r.solutions, r.plans, r.created_at, r.updated_at,
              r.filed_at, r.figures, r.reviewed_at, r.review_comment, v.login AS reviewed_by, v.name AS reviewer"""


def report(desk, login: str | None = None, quarter: str | Quarter | None = None) -> dict:
    """One person's report for ``quarter`` (default: the current one, yourself): its sections,
    status (``draft``, ``filed``, ``reviewed``), the figures — frozen when filed, else live — and,
    when filed, the live figures and the metrics whose figure has changed since (``changed``)."""
    q = quarters.chosen(desk, quarter)
    own = not login or login == desk.user["login"]
    if own and desk.user["role"] in kpi.SALES_SIDE and desk.user["role"] != "sales":
        raise Refused("quarterly.own_not_sales", role=desk.user["role"])  # a manager has none of their own
    if not own and not access.is_manager(desk.user):  # said as the report's rule, not the KPIs' beneath it
        raise Refused("quarterly.others_managers_only", role=desk.user["role"])
    person = kpi.subject(desk, login)
    return shaped(desk, person, q, _row(desk.store, person["id"], q.name))


def require_editable(desk, quarter: str | Quarter | None = None) -> dict:
    """The acting salesperson's own report for ``quarter`` if they may still write it — asked
    before an editor is opened, so nobody writes a page to be refused at the end."""
    q = quarters.chosen(desk, quarter)
    person = _require_author(desk)
    _require_begun(desk, q)
    row = _row(desk.store, person["id"], q.name)
    if row and row["filed_at"]:
        raise UserError("quarterly.filed_kept", quarter=q.name, filed_at=row["filed_at"])
    return shaped(desk, person, q, row)


def write_sections(desk, sections: dict[str, str | None], quarter: str | Quarter | None = None) -> dict:
    """Write the acting salesperson's draft for ``quarter``: each section given (None: left as it
    is; '' empties it). Nothing changed writes nothing (``unchanged`` in the answer); ``written``
    names the sections that changed."""
    q = quarters.chosen(desk, quarter)
    given = {name: _section_text(name, text) for name, text in _named(sections).items() if text is not None}
    with desk.store.unit_of_work() as db:
        person = _require_author(desk)
        _require_begun(desk, q)
        row = _row(desk.store, person["id"], q.name)
        if row and row["filed_at"]:
            raise UserError("quarterly.filed_kept", quarter=q.name, filed_at=row["filed_at"])
        before = {name: row[name] if row else "" for name in SECTIONS}
        changed = {name: text for name, text in given.items() if text != before[name]}
        if changed:
            now = clock.stamp()
            if row is None:
                db.execute(f"""INSERT INTO quarterly_reports (user_id, quarter, {', '.join(SECTIONS)}, created_at,
                               updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                           [person["id"], q.name, *({**before, **changed}[name] for name in SECTIONS), now, now])
            else:
                db.execute(f"""UPDATE quarterly_reports SET {', '.join(f'{name} = ?' for name in changed)},
                               updated_at = ? WHERE id = ?""", [*changed.values(), now, row["id"]])
            audit.record(db, desk.user, "quarterly.edit", "quarterly_report", _id(db, person["id"], q.name),
                         quarter=q.name, sections={name: [len(before[name]), len(text)] for name, text in changed.items()})
    return {**report(desk, None, q), "unchanged": not changed, "written": list(changed)}


def file_report(desk, quarter: str | Quarter | None = None) -> dict:
    """File the acting salesperson's report for ``quarter``: its figures frozen as they stand now,
    its timestamp set; from then on it is kept as filed."""
    q = quarters.chosen(desk, quarter)
    with desk.store.unit_of_work() as db:
        row = require_filable(desk, q)
        frozen = kpi.figures(desk, None, q)
        now = clock.stamp()
        db.execute("UPDATE quarterly_reports SET filed_at = ?, figures = ?, updated_at = ? WHERE id = ?",
                   [now, json.dumps(frozen, ensure_ascii=False), now, row["id"]])
        audit.record(db, desk.user, "quarterly.file", "quarterly_report", row["id"], quarter=q.name,
                     **{metric: frozen[metric] for metric in records.TARGETED})
    return report(desk, None, q)


def require_filable(desk, quarter: str | Quarter | None = None) -> dict:
    """The acting salesperson's draft for ``quarter`` if it may be filed today — asked by filing
    itself and by the app before it asks "file it?", so nobody confirms only to be refused."""
    q = quarters.chosen(desk, quarter)
    person = _require_author(desk)
    opens = opens_on(desk, q)
    if _today(desk) < opens:
        raise UserError("quarterly.not_yet", quarter=q.name, opens=opens.isoformat(), end=q.last.isoformat())
    row = _row(desk.store, person["id"], q.name)
    if row and row["filed_at"]:
        raise UserError("quarterly.already_filed", quarter=q.name, filed_at=row["filed_at"])
    if row is None or not any(row[name].strip() for name in SECTIONS):
        raise UserError("quarterly.empty", quarter=q.name)
    return row


def review(desk, login: str, quarter: str | Quarter, comment: str) -> dict:
    """A manager's or admin's review of a filed report, with their comment; reviewing again
    replaces the comment (the audit trail keeps the earlier one)."""
    q = quarters.chosen(desk, quarter)
    validation.text(comment, "comment", multiline=True)
    comment = (comment or "").strip()
    if not comment:
        raise InputError("input.required", field="comment")
    if len(comment) > COMMENT_LONGEST:
        raise InputError("quarterly.too_long", field="comment", length=len(comment), limit=COMMENT_LONGEST)
    with desk.store.unit_of_work() as db:
        require_reviewer(desk.user)
        person = desk.store.one("SELECT id, login, name, role FROM users WHERE login = ?", [login])
        if person is None:
            raise NotFound("people.not_found", login=login)
        if person["id"] == desk.user["id"]:
            raise Refused("quarterly.not_own_review", login=login)
        row = _row(desk.store, person["id"], q.name)
        if row is None or not row["filed_at"]:
            raise UserError("quarterly.review_unfiled", login=login, quarter=q.name)
        now = clock.stamp()
        db.execute("UPDATE quarterly_reports SET reviewed_at = ?, reviewed_by = ?, review_comment = ? WHERE id = ?",
                   [now, desk.user["id"], comment, row["id"]])
        audit.record(db, desk.user, "quarterly.review", "quarterly_report", row["id"], login=login, quarter=q.name,
                     **audit.changes({"comment": row["review_comment"]}, {"comment": comment}),
                     **({"again": row["reviewed_by"]} if row["reviewed_at"] else {}))
    return report(desk, login, q)


def roster(desk, quarter: str | Quarter | None = None) -> dict:
    """Who has filed for ``quarter`` and who has not, reviewed or not (managers and admins): every
    active salesperson on duty in the quarter, and anyone else with a report that quarter, by
    login. Salespeople not on duty in it (a trainee) owe none: they are listed apart
    (``not_on_duty``), not counted as missing."""
    if not access.is_manager(desk.user):
        raise Refused("quarterly.roster_managers_only", role=desk.user["role"])
    q = quarters.chosen(desk, quarter)
    params = {"q": q.name, "end": q.following().first.isoformat()}
    people = desk.store.rows(
        f"""SELECT u.login, u.name, u.on_duty, r.updated_at, r.filed_at, r.reviewed_at, v.login AS reviewed_by
           FROM users u LEFT JOIN quarterly_reports r ON r.user_id = u.id AND r.quarter = :q
           LEFT JOIN users v ON v.id = r.reviewed_by
           WHERE (u.role = 'sales' AND u.active = 1 AND {on_duty_before('u', ':end')}) OR r.id IS NOT NULL
           ORDER BY u.login""", params)
    for person in people:
        person["on_duty"] = bool(person["on_duty"])
        person["status"] = _status(person) if person["updated_at"] else "none"
    counts = {status: sum(p["status"] == status for p in people) for status in ("none", "draft", "filed", "reviewed")}
    return {"quarter": q.name, "from": q.first.isoformat(), "to": q.last.isoformat(),
            "opens": opens_on(desk, q).isoformat(), "people": people, "counts": counts,
            "not_on_duty": not_on_duty(desk.store, q.following().first.isoformat())}


def opens_on(desk, q: Quarter) -> dt.date:
    """The first day a report for ``q`` may be filed (and is on its author's agenda)."""
    return q.following().first - dt.timedelta(days=desk.settings.pricing.reminders.quarterly_report_days)


def shaped(desk, person: dict, q: Quarter, row: dict | None) -> dict:
    """The report as every reader gets it (see :func:`report`)."""
    filed = bool(row and row["filed_at"])
    live = kpi.figures(desk, None if person["login"] == desk.user["login"] else person["login"], q)
    frozen = json.loads(row["figures"]) if filed else None
    return {
        "login": person["login"], "name": person["name"], "quarter": q.name,
        "from": q.first.isoformat(), "to": q.last.isoformat(), "opens": opens_on(desk, q).isoformat(),
        "filable": not filed and _today(desk) >= opens_on(desk, q),  # may be filed today (a past quarter: now)
        "status": _status(row) if row else "draft", "saved": row is not None,
        "sections": {name: row[name] if row else "" for name in SECTIONS},
        "figures": frozen or live, "live": live if filed else None,
        "changed": [m for m in records.METRICS if frozen[m] != live[m]] if filed else [],
        "created_at": row["created_at"] if row else None, "updated_at": row["updated_at"] if row else None,
        "filed_at": row["filed_at"] if row else None, "reviewed_at": row["reviewed_at"] if row else None,
        "reviewed_by": row["reviewed_by"] if row else None, "reviewer": row["reviewer"] if row else None,
        "review_comment": row["review_comment"] if row else None,
    }


def _status(row: dict) -> str:
    return "reviewed" if row["reviewed_at"] else "filed" if row["filed_at"] else "draft"


def _row(store, user_id: int, quarter: str) -> dict | None:
    return store.one(f"""SELECT {_COLUMNS} FROM quarterly_reports r LEFT JOIN users v ON v.id = r.reviewed_by
                         WHERE r.user_id = ? AND r.quarter = ?""", [user_id, quarter])


def _id(db, user_id: int, quarter: str) -> int:
    return db.execute("SELECT id FROM quarterly_reports WHERE user_id = ? AND quarter = ?", [user_id, quarter]).fetchone()[0]


def require_author(user: dict) -> None:
    """Who writes and files a report: a salesperson, their own (asked by the app before it offers
    its keys, and by every write)."""
    if user["role"] not in AUTHORS:
        raise Refused("quarterly.authors_only", role=user["role"])


def require_reviewer(user: dict) -> None:
    """Who reviews a filed report: managers and admins."""
    if not access.is_manager(user):
        raise Refused("quarterly.reviewers_only", role=user["role"])


def require_reader(user: dict) -> None:
    """Who reads quarterly reports at all: salespeople their own, managers and admins anyone's —
    the sales side, whose KPIs the reports are made of."""
    if user["role"] not in kpi.SALES_SIDE:
        raise Refused("quarterly.readers_only", role=user["role"])


def _require_author(desk) -> dict:
    require_author(desk.user)
    return desk.user


def _require_begun(desk, q: Quarter) -> None:
    """A report is written about a quarter that has begun: not next quarter's yet."""
    if _today(desk) < q.first:
        raise InputError("quarterly.future", field="quarter", value=q.name, first=q.first.isoformat())


def _today(desk) -> dt.date:
    return clock.today(desk.settings.general.reminders.timezone)


def _named(sections: dict[str, str | None]) -> dict[str, str | None]:
    """Sections by name (``results``, ``problems``, ``solutions``, ``plans``), refused naming the list."""
    for name in sections:
        if name not in SECTIONS:
            raise InputError("input.not_one_of", field="section", value=name, allowed=", ".join(SECTIONS))
    return sections


def _section_text(name: str, text: str) -> str:
    """A section's text as kept: checked like any note, without blank lines around it."""
    validation.text(text, name, multiline=True)
    text = "\n".join(line.rstrip() for line in str(text).replace("\r\n", "\n").split("\n")).strip("\n")
    if len(text) > LONGEST:
        raise InputError("quarterly.too_long", field=name, length=len(text), limit=LONGEST)
    return text
