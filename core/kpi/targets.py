"""Targets: what a manager expects of a salesperson in a quarter — revenue, contract value signed
and new clients — against which the figures show attainment.

Managers and admins set them, one person and quarter at a time; a target not named keeps what it
was, so revenue can be set in January and new clients in February. Each setting is audited with
what changed, in the same unit of work.
"""

from __future__ import annotations

from zizhi.core import access, audit, clock, money, validation
from zizhi.core.errors import InputError, NotFound, Refused
from zizhi.core.kpi import quarters
from zizhi.core.kpi.records import TARGETED


def set_target(desk, login: str, quarter: str, revenue: str | int | None = None,
               contract_value: str | int | None = None, new_clients: str | int | None = None) -> dict:
    """Set one salesperson's targets for ``quarter`` (managers and admins); returns them."""
    q = quarters.chosen(desk, quarter)
    given = {"revenue": _money(revenue, "revenue"), "contract_value": _money(contract_value, "contracts"),
             "new_clients": None if new_clients is None else validation.whole_in(new_clients, "new-clients")}
    given = {metric: value for metric, value in given.items() if value is not None}
    if not given:
        raise InputError("kpi.target_nothing", field="target", value="")
    with desk.store.unit_of_work() as db:
        if not access.is_manager(desk.user):
            raise Refused("kpi.targets_managers_only", role=desk.user["role"])
        person = db.execute("SELECT id, login, role FROM users WHERE login = ?", [login]).fetchone()
        if not person:
            raise NotFound("people.not_found", login=login)
        if person[2] != "sales":
            raise Refused("kpi.target_not_sales", field="user", value=login, role=person[2])  # a rule, not a typo
        before = _row(db, person[0], q.name) or dict.fromkeys(TARGETED)
        after = {**before, **given}
        db.execute(f"""INSERT INTO kpi_targets (user_id, quarter, {', '.join(TARGETED)}, set_by, set_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (user_id, quarter) DO UPDATE SET
                       {', '.join(f'{m} = excluded.{m}' for m in TARGETED)}, set_by = excluded.set_by,
                       set_at = excluded.set_at""",
                   [person[0], q.name, *(after[m] for m in TARGETED), desk.user["id"], clock.stamp()])
        audit.record(db, desk.user, "kpi.target", "user", person[0], login=login, quarter=q.name,
                     **audit.changes(before, after))
    return {"login": login, "quarter": q.name, **after}


def for_quarter(store, quarter: str) -> dict[int, dict]:
    """Everyone's targets for a quarter: {user_id: {metric: value or None}}."""
    return {row.pop("user_id"): row for row in store.rows(
        f"SELECT user_id, {', '.join(TARGETED)} FROM kpi_targets WHERE quarter = ?", [quarter])}


def _row(db, user_id: int, quarter: str) -> dict | None:
    found = db.execute(f"SELECT {', '.join(TARGETED)} FROM kpi_targets WHERE user_id = ? AND quarter = ?",
                       [user_id, quarter]).fetchone()
    return dict(zip(TARGETED, found)) if found else None


def _money(value: str | int | None, field: str) -> int | None:
    """A target amount in yuan ('500,000'), never below nothing."""
    if value is None:
        return None
    fen = money.parse(str(value), field=field) if not isinstance(value, int) else value
    if fen < 0:
        raise InputError("kpi.target_negative", field=field, value=value)
    return fen
