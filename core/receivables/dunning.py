"""Dunning (催款): who must remind, call, write to or visit which client today, and the log of it.

:func:`due` is the morning list: each open debt whose step on the ladder (:mod:`.standing`) has
come and is not yet answered, for the client's owner — and, at escalation, for every manager too,
since that step hands the debt to them as a possible bad debt. :func:`log_action` records what
was done and what came of it, with any promise to pay; a salesperson logs for their own clients,
finance, managers and admins for all. The log is history: nothing in it is edited or deleted.
"""

from __future__ import annotations

from operator import itemgetter

from zizhi.core import access, audit, clock, validation, vocab
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.money import format_fen
from zizhi.core.receivables import positions, standing
from zizhi.core.receivables.ladder import answers

LOGGERS = ("finance", "manager", "admin")  # besides a salesperson, for their own clients


def require_dunning(user: dict, client: dict) -> None:
    """Sales dun their own clients; finance, managers and admins anyone's; legal and operations not."""
    if user["role"] in LOGGERS or (user["role"] == "sales" and client["owner_id"] == user["id"]):
        return
    raise Refused("dunning.cannot_log", client=client["name"], role=user["role"])


def due(desk, as_of: str | None = None, person: str | None = None, owner: int | None = None) -> dict:
    """Today's dunning actions (or ``as_of``'s), one row per person who must act and debt; only
    the debts of clients ``owner`` (a user id) owns, when named (a salesperson's own agenda)."""
    access.require_receivables(desk.user)
    day = validation.date(as_of, "as-of") if as_of else clock.today().isoformat()
    managers = [r["login"] for r in desk.store.rows(
        "SELECT login FROM users WHERE role = 'manager' AND active = 1 ORDER BY login")]
    names, found = standing.parts(desk, day, ordered=False, owner=owner)
    shown = itemgetter(*(names.index(name) for name in _SHOWN))
    steps: dict[int, tuple] = {}  # the step's columns, once per standing (debts due the same day share one)
    keyed = []
    for row, stood in found:
        if not stood["due"]:
            continue
        step = steps.get(id(stood)) or steps.setdefault(id(stood), _step(stood))
        debt = shown(row)
        for login in _people(debt[_OWNER], stood, managers):
            if not person or login == person:
                keyed.append(_row(login, debt, step))
    keyed.sort(key=itemgetter(0))
    return {"as_of": day, "actions": [row for _, row in keyed]}


def _people(owner_login: str | None, stood: dict, managers: list[str]) -> list[str]:
    """The owner; at escalation (or with no owner) the managers as well ("" when there are none)."""
    owner = [owner_login] if owner_login else []
    if stood["rung"]["action"] == "escalation" or not owner:
        return owner + [m for m in managers if m not in owner] or [""]
    return owner


# The debt's columns in a row of the list; then where it stands and the step to take (:func:`_step`).
_SHOWN = ("client_id", "client", "owner", "instalment", "contract", "position", "due_on", "amount", "owed")
_OWNER = _SHOWN.index("owner")


def _step(stood: dict) -> tuple:
    rung = stood["rung"]
    return (stood["days_overdue"], stood["since"], stood["reason"], stood["flagged"], stood["promise"],
            rung["action"], rung["days"])


def _row(person: str, debt: tuple, step: tuple) -> tuple[str, dict]:
    """A row of the list, written out at once (the morning's list has thousands), with the key it
    is sorted by — per person, the step waiting longest first, then the debt most overdue — as one
    string, compared far faster than a tuple of four."""
    client_id, client, owner, instalment, contract, position, due_on, amount, owed = debt
    days_overdue, since, reason, flagged, promise, action, step_days = step
    return f"{person}\0{since}\0{due_on}\0{instalment}", {
        "person": person, "client_id": client_id, "client": client, "owner": owner, "instalment": instalment,
        "contract": contract, "position": position, "due_on": due_on, "amount": amount, "owed": owed,
        "days_overdue": days_overdue, "since": since, "reason": reason, "flagged": flagged, "promise": promise,
        "action": action, "step_days": step_days}


def log_action(desk, instalment_or_client: str | int, action: str, outcome: str | None = None,
               promise_on: str | None = None, promise_amount: str | int | None = None, note: str | None = None,
               on: str | None = None) -> dict:
    """Record one dunning action about an instalment (``CONTRACT:POSITION``) or a client (all they owe).

    A promise to pay (both its day and its amount) holds the ladder until that day; the outcome
    is then ``promised`` unless told otherwise.
    """
    action = vocab.choose("dunning_action", action, "action")
    if action is None:
        raise InputError("input.required", field="action")
    promise = _promise(promise_on, promise_amount)
    outcome = vocab.choose("dunning_outcome", outcome, "outcome") or ("promised" if promise else None)
    if outcome is None:
        raise InputError("input.required", field="outcome")
    note = (validation.text(note, "note", multiline=True) or "").strip() or None
    on = validation.happened(on, "date")
    with desk.store.unit_of_work() as db:
        client, instalment_id = _target(desk, instalment_or_client)
        require_dunning(desk.user, client)
        debts = _covered(desk, on, client, instalment_id)
        if promise:
            _check_promise(promise, on, debts)
        action_id = db.execute(
            """INSERT INTO dunning_actions (client_id, instalment_id, action, outcome, on_date, promise_on,
                   promise_amount, note, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [client["id"], instalment_id, action, outcome, on, promise and promise[0], promise and promise[1], note,
             desk.user["id"], clock.stamp()]).lastrowid
        covered = [_cover(db, action_id, action, debt) for debt in debts]
        audit.record(db, desk.user, "dunning.log", "client", client["id"], action_id=action_id, dunning=action,
                     outcome=outcome, on=on, promise_on=promise and promise[0],
                     promise_amount=promise and promise[1], covers=covered)
    return get_action(desk, action_id)


def _promise(promise_on: str | None, amount: str | int | None) -> tuple[str, int] | None:
    if promise_on in (None, "") and amount in (None, ""):
        return None
    if promise_on in (None, ""):
        raise InputError("dunning.promise_needs_both", field="--promise-on", value="")
    if amount in (None, ""):
        raise InputError("dunning.promise_needs_both", field="--promise-amount", value="")
    from zizhi.core.pipeline.schedules import positive_amount

    return validation.date(promise_on, "promise-on"), positive_amount(amount, "promise-amount")


def _check_promise(promise: tuple[str, int], on: str, debts: list[dict]) -> None:
    day, amount = promise
    if day < on:
        raise InputError("dunning.promise_before_action", field="promise-on", value=day, on=on)
    owed = sum(d["owed"] for d in debts)
    if amount > owed:
        raise InputError("dunning.promise_beyond_owed", field="promise-amount", value=format_fen(amount),
                         owed=format_fen(owed))


def _target(desk, ref: str | int) -> tuple[dict, int | None]:
    """The client, and the instalment when ``ref`` is one (``CONTRACT:POSITION``)."""
    text = str(ref).strip()
    head, _, tail = text.rpartition(":")
    if head and validation.whole_number(tail.strip()) is not None:
        item = positions.find_instalment(desk, text)
        client_id = desk.store.scalar(
            "SELECT d.client_id FROM contracts k JOIN deals d ON d.id = k.deal_id WHERE k.id = ?",
            [item["contract_id"]])
        return _client(desk, client_id), item["id"]
    from zizhi.core.clients.records import resolve

    return _client(desk, resolve(desk, text)["id"]), None


def _client(desk, client_id: int) -> dict:
    client = desk.store.one("SELECT id, name, owner_id FROM clients WHERE id = ?", [client_id])
    if client is None:
        raise NotFound("client.not_found", ref=str(client_id))
    return client


def _covered(desk, on: str, client: dict, instalment_id: int | None) -> list[dict]:
    """The debts the action is about: the instalment named, else the client's that reached the
    ladder (all they owe when none has)."""
    debts = standing.standings(desk, on, client["id"])
    if instalment_id is not None:
        debts = [d for d in debts if d["instalment_id"] == instalment_id]
    elif any(d["rung"] for d in debts):
        debts = [d for d in debts if d["rung"]]
    if not debts:
        raise UserError("dunning.nothing_owed", client=client["name"], on=on)
    return debts


def _cover(db, action_id: int, action: str, debt: dict) -> list:
    """Link the action to one debt: the step it stood on, and the step answered (if the action is
    strong enough for it)."""
    from zizhi.core.receivables.ladder import Rung

    rung = debt["rung"]
    answered = rung["days"] if rung and answers(action, Rung(**rung)) else None
    db.execute("INSERT INTO dunning_covers (action_id, instalment_id, at_rung, rung) VALUES (?, ?, ?, ?)",
               [action_id, debt["instalment_id"], rung and rung["days"], answered])
    return [debt["instalment"], rung and rung["days"], answered]


def get_action(desk, action_id: int) -> dict:
    """One logged action, with the debts it was about and its promise's state today."""
    row = desk.store.one(
        """SELECT a.id, a.client_id, c.name AS client, a.action, a.outcome, a.on_date, a.promise_on,
                  a.promise_amount, a.note, u.login AS user, a.at
           FROM dunning_actions a JOIN clients c ON c.id = a.client_id JOIN users u ON u.id = a.user_id
           WHERE a.id = ?""", [action_id])
    row["covers"] = desk.store.rows(
        """SELECT k.number || ':' || i.position AS instalment, v.at_rung, v.rung
           FROM dunning_covers v JOIN instalments i ON i.id = v.instalment_id JOIN contracts k ON k.id = i.contract_id
           WHERE v.action_id = ? ORDER BY i.due_on, k.number, i.position""", [action_id])
    today = clock.today().isoformat()
    row["promise_state"] = standing.promise_state(desk, action_id, today) if row["promise_on"] else None
    return row


def history(desk, client_ref: str | int) -> dict:
    """A client's dunning log, newest first, and where each of their debts stands today."""
    from zizhi.core.clients.records import resolve

    access.require_receivables(desk.user)
    client = resolve(desk, str(client_ref))
    today = clock.today().isoformat()
    ids = [r["id"] for r in desk.store.rows(
        "SELECT id FROM dunning_actions WHERE client_id = ? ORDER BY on_date DESC, id DESC", [client["id"]])]
    return {"client_id": client["id"], "client": client["name"], "as_of": today,
            "actions": [get_action(desk, action_id) for action_id in ids],
            "debts": [_shown_debt(d) for d in standing.standings(desk, today, client["id"])]}


def _shown_debt(debt: dict) -> dict:
    keep = ("instalment", "due_on", "owed", "days_overdue", "rung", "since", "reason", "answered", "due", "held",
            "flagged", "promise")
    return {k: debt[k] for k in keep}
