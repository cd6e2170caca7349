"""Processing (rulebook §6.4): the hand-over to operations, the catalogue's steps, delays and
the authority's decision.

The expected completion is counted in working days (``core.workdays``): hand-over plus the
longest standard time, moved on by each delay, skipping holidays and counting 调休 weekends.

The hand-over moves the deal into *processing* through ``deals.advance``, so it meets the same
gate as any other move: a signed, filed contract and the required payment received.
"""

from __future__ import annotations

import datetime as dt

from zizhi.core import access, audit, clock, validation
from zizhi.core.errors import InputError, NotFound, UserError
from zizhi.core.pipeline import deals, gates, stages
from zizhi.core.pipeline.due import late_condition
from zizhi.core.workdays import days as workdays

RECORDERS = ("operations",)
STATUSES = ("pending", "in_progress", "done", "skipped")
OUTCOMES = ("approved", "rejected")
_BEFORE_PROCESSING = stages.before("processing")


def require_hand_over(user: dict, deal: dict) -> None:
    """The deal's owner, managers and admins hand it over to operations."""
    access.require_deal_role(user, deal, (), "process.cannot_hand_over")


def require_recorder(user: dict, deal: dict) -> None:
    """Operations record processing, and so may the deal's owner, managers and admins."""
    access.require_deal_role(user, deal, RECORDERS, "process.cannot_record")


def handover(desk, deal_id: int | str, operator_login: str, note: str | None = None) -> dict:
    """Hand the deal to an operations colleague; expected completion the longest standard time in
    working days after today."""
    validation.text(note, "note", multiline=True)
    with desk.store.unit_of_work() as db:
        deal = deals.resolve_deal(desk, deal_id)
        moving = _ready(desk, db, deal)
        login = (operator_login or "").strip()
        operator = _operator(desk, login)
        steps, days = _plan(desk, deal)
        note = (note or "").strip() or None
        expected = workdays.add_workdays(desk.store, clock.today(), days).isoformat()
        if moving:
            deals.advance(db, desk, deal, "processing", note)
        db.execute("INSERT INTO handovers (deal_id, operator_id, handed_by, at, expected_on) VALUES (?, ?, ?, ?, ?)",
                   [deal["id"], operator["id"], desk.user["id"], clock.stamp(), expected])
        for code, position, step in steps:
            db.execute("INSERT INTO processing_steps (deal_id, code, position, step) VALUES (?, ?, ?, ?)",
                       [deal["id"], code, position, step])
        audit.record(db, desk.user, "process.handover", "deal", deal["id"], operator=login,
                     expected_on=expected, steps=len(steps))
    return progress(desk, deal["id"])


def check_hand_over(desk, deal_id: int | str) -> None:
    """Refuse now what :func:`handover` would refuse whatever is typed — the role, a second
    hand-over, the stage, a gate on the way (unsigned, unfiled, unpaid) — so the app says it
    before its form opens, not after the person filled it in."""
    with desk.store.unit_of_work() as db:
        _ready(desk, db, deals.resolve_deal(desk, deal_id))


def _ready(desk, db, deal: dict) -> bool:
    """The hand-over's checks that need nothing typed; True when the deal moves to processing."""
    require_hand_over(desk.user, deal)
    _refuse_second(db, deal["id"])
    if deal["stage"] in _BEFORE_PROCESSING:
        deals.check_move(desk, deal, "processing")
        deals.check_gates(db, deal, "processing", desk.settings)
        return True
    if deal["stage"] != "processing":
        raise UserError("process.wrong_stage", deal=deal["id"], stage=deal["stage"])
    return False


def step(desk, deal_id: int | str, code: str, position: int | str, status: str = "done",
         on_date: str | None = None, reason: str | None = None) -> dict:
    """Mark one of the catalogue's steps pending, in progress, done, or skipped with the reason why
    this client does not need it (the approval and the delivery wait for every step settled)."""
    with desk.store.unit_of_work() as db:
        deal, _ = _handed_over(desk, deal_id)
        status = (status or "").strip().lower().replace("-", "_").replace(" ", "_")
        if status not in STATUSES:
            raise InputError("input.not_one_of", field="status", value=status, allowed=", ".join(STATUSES))
        reason = _skip_reason(status, reason, code, position)
        code = (code or "").strip().upper()
        row = desk.store.one(
            "SELECT id, step, status FROM processing_steps WHERE deal_id = ? AND code = ? AND position = ?",
            [deal["id"], code, _number(position, "position")])
        if not row:
            raise NotFound("process.no_such_step", deal=deal["id"], code=code, position=position,
                           steps=_step_list(desk, deal["id"]))
        on = None if status == "pending" else validation.happened(on_date, "date")
        db.execute("UPDATE processing_steps SET status = ?, on_date = ?, reason = ? WHERE id = ?",
                   [status, on, reason, row["id"]])
        audit.record(db, desk.user, "process.step", "deal", deal["id"], code=code, step=row["step"],
                     status=[row["status"], status], on=on, reason=reason)
    return progress(desk, deal["id"])


def delay(desk, deal_id: int | str, cause: str, days: int | str, client_told: bool) -> dict:
    """Record a delay with its cause and whether the client was told; the expected date moves on by
    that many working days."""
    validation.text(cause, "cause", multiline=True)
    with desk.store.unit_of_work() as db:
        deal, handed = _handed_over(desk, deal_id)
        if handed["outcome"]:
            raise UserError("process.already_decided", deal=deal["id"], outcome=handed["outcome"])
        cause = (cause or "").strip()
        if not cause:
            raise InputError("input.required", field="cause")
        days = _number(days, "days")
        expected = workdays.add_workdays(desk.store, handed["expected_on"], days).isoformat()
        cursor = db.execute(
            "INSERT INTO delays (deal_id, cause, days, client_told, user_id, at) VALUES (?, ?, ?, ?, ?, ?)",
            [deal["id"], cause, days, int(bool(client_told)), desk.user["id"], clock.stamp()])
        db.execute("UPDATE handovers SET expected_on = ? WHERE deal_id = ?", [expected, deal["id"]])
        audit.record(db, desk.user, "process.delay", "deal", deal["id"], delay=cursor.lastrowid, cause=cause,
                     days=days, client_told=bool(client_told), expected_on=[handed["expected_on"], expected])
    return progress(desk, deal["id"])


def outcome(desk, deal_id: int | str, result: str, reason: str | None = None, on_date: str | None = None) -> dict:
    """The authority's decision; a rejection needs its reason, and may be followed by a new decision."""
    validation.text(reason, "reason", multiline=True)
    with desk.store.unit_of_work() as db:
        deal, handed = _handed_over(desk, deal_id)
        result = (result or "").strip().lower()
        if result not in OUTCOMES:
            raise InputError("input.not_one_of", field="outcome", value=result, allowed=", ".join(OUTCOMES))
        reason = (reason or "").strip() or None
        if result == "rejected" and not reason:
            raise InputError("process.reason_required", deal=deal["id"])
        if handed["outcome"] == "approved":
            raise UserError("process.already_approved", deal=deal["id"], on=handed["outcome_on"])
        if result == "approved":
            gates.require_steps_settled(db, deal)
        on = validation.happened(on_date, "date")
        db.execute("UPDATE handovers SET outcome = ?, outcome_reason = ?, outcome_on = ? WHERE deal_id = ?",
                   [result, reason, on, deal["id"]])
        audit.record(db, desk.user, "process.outcome", "deal", deal["id"], outcome=[handed["outcome"], result],
                     reason=reason, on=on)
    return progress(desk, deal["id"])


def open_deadlines_from(desk, db, first_day: str) -> dict[int, tuple[str, str]]:
    """Open hand-overs expected on or after ``first_day`` whose date is what the calendar in force
    counts — {deal: (stored, counted)}; one whose catalogue times changed since is left out."""
    found = {}
    for deal_id, at, stored in db.execute(
            "SELECT deal_id, at, expected_on FROM handovers WHERE outcome IS NULL AND expected_on >= ?", [first_day]):
        counted = _counted(desk, db, deal_id, at)
        if counted == stored:
            found[deal_id] = (stored, counted)
    return found


def recount_deadlines(desk, db, before: dict[int, tuple[str, str]]) -> int:
    """Count again, on the calendar as it now is, the deadlines :func:`open_deadlines_from` found:
    a year's holidays just imported move the dates that were provisional. Audited per deal."""
    moved = 0
    for deal_id, (stored, _) in before.items():
        counted = _counted(desk, db, deal_id, db.execute("SELECT at FROM handovers WHERE deal_id = ?",
                                                         [deal_id]).fetchone()[0])
        if counted and counted != stored:
            db.execute("UPDATE handovers SET expected_on = ? WHERE deal_id = ?", [counted, deal_id])
            audit.record(db, desk.user, "process.recounted", "deal", deal_id, expected_on=[stored, counted])
            moved += 1
    return moved


def _counted(desk, db, deal_id: int, at: str) -> str | None:
    """The expected date the hand-over at ``at`` and the deal's delays give on today's calendar."""
    codes = [row[0] for row in db.execute("SELECT code FROM deal_qualifications WHERE deal_id = ?", [deal_id])]
    entries = [desk.settings.catalogue.get(code) for code in codes]
    if not entries or None in entries:
        return None
    expected = workdays.add_workdays(desk.store, at[:10], max(q.standard_days for q in entries))
    for (days,) in db.execute("SELECT days FROM delays WHERE deal_id = ? ORDER BY id", [deal_id]).fetchall():
        expected = workdays.add_workdays(desk.store, expected, days)
    return expected.isoformat()


def eligible_operators(desk) -> list[dict]:
    """Who a deal may be handed to: active colleagues in operations (the rule :func:`handover` applies)."""
    return desk.store.rows("SELECT id, login, name FROM users WHERE role = 'operations' AND active = 1 ORDER BY login")


def _operator(desk, login: str) -> dict:
    operator = desk.store.one("SELECT id, login, role FROM users WHERE login = ? AND active = 1", [login])
    if not operator:
        raise NotFound("process.operator_unknown", login=login)
    if operator["role"] != "operations":
        raise UserError("process.operator_not_operations", login=login, role=operator["role"])
    return operator


def progress(desk, deal_id: int | str) -> dict:
    """Where processing stands: steps, delays, the expected date (provisional when it was counted
    through a year whose holidays are not on record) and whether it is overdue."""
    deal = deals.resolve_deal(desk, deal_id)
    handed = _handover_row(desk, deal["id"])
    result = {"deal_id": deal["id"], "client": deal["client"], "title": deal["title"], "stage": deal["stage"],
              "handed_over": handed is not None, "steps": [], "delays": [], "expected_on": None,
              "expected_provisional": False, "overdue": False, "days_overdue": 0, "steps_done": 0}
    if not handed:
        return result
    result.update({k: handed[k] for k in ("operator", "handed_by", "expected_on", "outcome",
                                          "outcome_reason", "outcome_on")})
    result["handed_over_at"] = handed["at"]
    result["expected_provisional"] = workdays.is_provisional(desk.store, handed["expected_on"], handed["at"][:10])
    result["steps"] = desk.store.rows(
        """SELECT code, position, step, status, on_date, reason FROM processing_steps WHERE deal_id = ?
           ORDER BY code, position""", [deal["id"]])
    result["delays"] = desk.store.rows(
        """SELECT d.id, d.at, d.cause, d.days, d.client_told, u.login AS user FROM delays d
           JOIN users u ON u.id = d.user_id WHERE d.deal_id = ? ORDER BY d.id""", [deal["id"]])
    late = (clock.today() - dt.date.fromisoformat(handed["expected_on"])).days
    result["overdue"] = late > 0 and not handed["outcome"]
    result["days_overdue"] = late if result["overdue"] else 0
    result["steps_done"] = sum(1 for s in result["steps"] if s["status"] == "done")
    return result


def list_overdue(desk) -> list[dict]:
    """Visible deals in processing past their expected date without a decision, latest first."""
    cond, params = access.visible_deals(desk.user)
    today = clock.today().isoformat()
    return desk.store.rows(
        f"""SELECT h.deal_id, c.name AS client, o.login AS owner, op.login AS operator, h.expected_on,
                   CAST(julianday(?) - julianday(h.expected_on) AS INTEGER) AS days_overdue
            FROM handovers h JOIN deals d ON d.id = h.deal_id JOIN clients c ON c.id = d.client_id
            LEFT JOIN users o ON o.id = d.owner_id JOIN users op ON op.id = h.operator_id
            WHERE {late_condition()} AND {cond}
            ORDER BY h.expected_on""", [today, today, *params])


def _refuse_second(db, deal_id: int) -> None:
    done = db.execute("""SELECT h.at, u.login FROM handovers h JOIN users u ON u.id = h.operator_id
                         WHERE h.deal_id = ?""", [deal_id]).fetchone()
    if done:
        raise UserError("process.already_handed_over", deal=deal_id, operator=done[1], at=done[0])


def _plan(desk, deal: dict) -> tuple[list[tuple[str, int, str]], int]:
    """The catalogue's steps for each of the deal's qualifications, and the longest standard time."""
    steps, days = [], 0
    for item in deal["qualifications"]:
        qualification = desk.settings.catalogue.get(item["code"])
        if qualification is None:
            raise UserError("process.not_in_catalogue", deal=deal["id"], code=item["code"])
        steps += [(qualification.code, n, text) for n, text in enumerate(qualification.steps, start=1)]
        days = max(days, qualification.standard_days)
    return steps, days


def _handed_over(desk, deal_id: int | str) -> tuple[dict, dict]:
    deal = deals.resolve_deal(desk, deal_id)
    require_recorder(desk.user, deal)
    handed = _handover_row(desk, deal["id"])
    if not handed:
        raise UserError("process.not_handed_over", deal=deal["id"])
    return deal, handed


def _handover_row(desk, deal_id: int) -> dict | None:
    return desk.store.one(
        """SELECT h.*, op.login AS operator, hb.login AS handed_by FROM handovers h
           JOIN users op ON op.id = h.operator_id JOIN users hb ON hb.id = h.handed_by
           WHERE h.deal_id = ?""", [deal_id])


def _step_list(desk, deal_id: int) -> str:
    rows = desk.store.rows(
        "SELECT code, position, step FROM processing_steps WHERE deal_id = ? ORDER BY code, position", [deal_id])
    return "; ".join(f"{r['code']} {r['position']} {r['step']}" for r in rows)


def _skip_reason(status: str, reason: str | None, code: str, position: int | str) -> str | None:
    """A skipped step keeps why; any other status takes no reason, so none is silently dropped."""
    reason = (validation.text(reason, "reason", multiline=True) or "").strip() or None
    if status == "skipped" and not reason:
        raise InputError("process.skip_reason_required", code=(code or "").strip().upper(), position=position)
    if status != "skipped" and reason:
        raise InputError("process.reason_only_for_skip", status=status)
    return reason


def _number(value: int | str, field: str) -> int:
    number = validation.whole_number(value)
    if number is None:
        raise InputError("input.not_a_number", field=field, value=value)
    return number

