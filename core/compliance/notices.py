"""Policy notices (rulebook §7.1): legal records each policy or regulation change, and everyone
acknowledges having read it.

A notice names the catalogue codes it touches, so a deal or quote for one of those qualifications
shows it (:func:`affecting`). Everyone active must acknowledge every notice; until they do, it is
on their agenda (:mod:`core.reminders.sources_compliance`). An acknowledgement is one per person
and notice, timestamped, audited and never taken back (triggers refuse changing it). Legal,
managers and admins see who has and who has not acknowledged; everyone else sees their own.
"""

from __future__ import annotations

from zizhi.core import audit, clock, validation
from zizhi.core.errors import InputError, NotFound, Refused

WRITERS = ("legal", "admin")  # who records a notice
OVERSEERS = ("legal", "manager", "admin")  # who sees everyone's acknowledgements


def add_notice(desk, title: str, summary: str, effective_on: str, codes: list[str] | None = None,
               source: str | None = None) -> dict:
    """Record a policy change; its author is taken to have read it (acknowledged at once)."""
    with desk.store.unit_of_work() as db:
        _require(desk, WRITERS, "notice.writers_only")
        title = _required(title, "title")
        summary = _required(summary, "summary", multiline=True)
        effective = validation.date(effective_on, "effective")
        if effective is None:
            raise InputError("input.required", field="effective")
        source = (validation.text(source, "source") or "").strip() or None
        codes = catalogue_codes(desk, codes)
        now = clock.stamp()
        notice_id = db.execute(
            """INSERT INTO policy_notices (title, summary, effective_on, source, created_at, created_by)
               VALUES (?, ?, ?, ?, ?, ?)""", [title, summary, effective, source, now, desk.user["id"]]).lastrowid
        db.executemany("INSERT INTO notice_codes (notice_id, code) VALUES (?, ?)", [(notice_id, c) for c in codes])
        db.execute("INSERT INTO notice_acks (notice_id, user_id, at) VALUES (?, ?, ?)", [notice_id, desk.user["id"], now])
        audit.record(db, desk.user, "notice.add", "notice", notice_id, title=title, effective_on=effective,
                     codes=codes, source=source)
    return get_notice(desk, notice_id)


def catalogue_codes(desk, codes: list[str] | None) -> list[str]:
    """Codes as typed (repeated, or comma-separated), upper-cased, each one of the catalogue's."""
    found: list[str] = []
    for raw in codes or []:
        for part in str(raw).replace("，", ",").split(","):
            code = part.strip().upper()
            if not code:
                continue
            if desk.settings.catalogue.get(code) is None:
                known = ", ".join(q.code for q in desk.settings.catalogue.qualification)
                raise InputError("notice.unknown_code", field="code", value=part.strip(), allowed=known)
            if code not in found:
                found.append(code)
    return found


def acknowledge(desk, notice_id: int | str) -> dict:
    """The acting user acknowledges a notice. Again is not an error: nothing is recorded, and the
    answer says when they did (``already``)."""
    with desk.store.unit_of_work() as db:
        notice = _notice(desk, notice_id)
        at = db.execute("SELECT at FROM notice_acks WHERE notice_id = ? AND user_id = ?",
                        [notice["id"], desk.user["id"]]).fetchone()
        if at is None:
            db.execute("INSERT INTO notice_acks (notice_id, user_id, at) VALUES (?, ?, ?)",
                       [notice["id"], desk.user["id"], clock.stamp()])
            audit.record(db, desk.user, "notice.ack", "notice", notice["id"], title=notice["title"])
    return {**get_notice(desk, notice["id"]), "already": at is not None}


def get_notice(desk, notice_id: int | str) -> dict:
    """One notice, its codes, and the acting user's acknowledgement; for legal, managers and admins
    also who acknowledged when (``acknowledged``) and who has not yet (``pending``)."""
    notice = _notice(desk, notice_id)
    notice["codes"] = _codes(desk.store, [notice["id"]]).get(notice["id"], [])
    notice["acknowledged_at"] = desk.store.scalar(
        "SELECT at FROM notice_acks WHERE notice_id = ? AND user_id = ?", [notice["id"], desk.user["id"]])
    if desk.user["role"] in OVERSEERS:
        notice["acknowledged"] = desk.store.rows(
            """SELECT u.login, u.name, u.role, a.at FROM notice_acks a JOIN users u ON u.id = a.user_id
               WHERE a.notice_id = ? ORDER BY a.at, u.login""", [notice["id"]])
        notice["pending"] = desk.store.rows(
            """SELECT u.login, u.name, u.role FROM users u WHERE u.active = 1 AND NOT EXISTS
               (SELECT 1 FROM notice_acks a WHERE a.notice_id = ? AND a.user_id = u.id) ORDER BY u.login""",
            [notice["id"]])
    return notice


def list_notices(desk, pending_only: bool = False) -> list[dict]:
    """Every notice, the acting user's unacknowledged first, then newest first. Legal, managers and
    admins also see how many of the active colleagues have acknowledged each (``acknowledged`` of
    ``expected``)."""
    rows = desk.store.rows(
        f"""SELECT n.id, n.title, n.effective_on, n.source, n.created_at, u.login AS created_by, a.at AS acknowledged_at
            FROM policy_notices n JOIN users u ON u.id = n.created_by
            LEFT JOIN notice_acks a ON a.notice_id = n.id AND a.user_id = ?
            {"WHERE a.at IS NULL" if pending_only else ""}
            ORDER BY a.at IS NOT NULL, n.created_at DESC, n.id DESC""", [desk.user["id"]])
    codes = _codes(desk.store, [row["id"] for row in rows])
    counts = _counts(desk.store) if desk.user["role"] in OVERSEERS else None
    for row in rows:
        row["codes"] = codes.get(row["id"], [])
        if counts is not None:
            row["acknowledged"], row["expected"] = counts["acked"].get(row["id"], 0), counts["expected"]
    return rows


def affecting(desk, codes) -> list[dict]:
    """The notices touching any of ``codes`` (a deal's or a quote's qualifications), newest in
    effect first, each with the codes it shares and whether the acting user acknowledged it."""
    wanted = sorted({str(code).upper() for code in codes or []})
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    rows = desk.store.rows(
        f"""SELECT n.id, n.title, n.effective_on, n.source, a.at AS acknowledged_at,
                   group_concat(k.code, ',') AS shared
            FROM notice_codes k JOIN policy_notices n ON n.id = k.notice_id
            LEFT JOIN notice_acks a ON a.notice_id = n.id AND a.user_id = ?
            WHERE k.code IN ({marks}) GROUP BY n.id ORDER BY n.effective_on DESC, n.id DESC""",
        [desk.user["id"], *wanted])
    for row in rows:
        row["codes"] = sorted(row.pop("shared").split(","))
    return rows


def with_notices(desk, record: dict, codes) -> dict:
    """``record`` (a deal or a quote as shown) with the notices touching ``codes`` as ``notices``."""
    return {**record, "notices": affecting(desk, codes)}


def pending(store, user_id: int | None = None) -> list[tuple]:
    """(notice id, title, effective day, day recorded, login) for every active person who has not
    acknowledged a notice — or only ``user_id``'s: what the agenda reminds of."""
    mine = "" if user_id is None else f" AND u.id = {int(user_id)}"
    return store.tuples(
        f"""SELECT n.id, n.title, n.effective_on, substr(n.created_at, 1, 10), u.login
            FROM policy_notices n JOIN users u ON u.active = 1{mine}
            WHERE NOT EXISTS (SELECT 1 FROM notice_acks a WHERE a.notice_id = n.id AND a.user_id = u.id)
            ORDER BY n.id, u.login""")[1]


def _notice(desk, notice_id: int | str) -> dict:
    number = validation.whole_number(notice_id)
    if number is None:
        raise InputError("notice.id_format", value=validation.shown(str(notice_id)))
    notice = desk.store.one(
        """SELECT n.id, n.title, n.summary, n.effective_on, n.source, n.created_at, u.login AS created_by
           FROM policy_notices n JOIN users u ON u.id = n.created_by WHERE n.id = ?""", [number])
    if notice is None:
        raise NotFound("notice.not_found", id=number)
    return notice


def _codes(store, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if not ids:
        return found
    for notice_id, code in store.tuples(
            "SELECT notice_id, code FROM notice_codes WHERE notice_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY notice_id, code", [_json(ids)])[1]:
        found.setdefault(notice_id, []).append(code)
    return found


def _counts(store) -> dict:
    """How many active colleagues must acknowledge, and how many of them have, per notice."""
    acked = dict(store.tuples("""SELECT a.notice_id, count(*) FROM notice_acks a JOIN users u ON u.id = a.user_id
                                 WHERE u.active = 1 GROUP BY a.notice_id""")[1])
    return {"acked": acked, "expected": store.scalar("SELECT count(*) FROM users WHERE active = 1")}


def _json(values) -> str:
    import json

    return json.dumps(list(values))


def _required(value: str | None, field: str, *, multiline: bool = False) -> str:
    validation.text(value, field, multiline=multiline)
    if value is None or not value.strip():
        raise InputError("input.required", field=field)
    return value.strip()


def _require(desk, roles: tuple[str, ...], key: str) -> None:
    if desk.user["role"] not in roles:
        raise Refused(key, role=desk.user["role"])
