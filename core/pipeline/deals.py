"""Deals through the eight stages of the rulebook (§6): open, assess, move, lose, cancel.

A deal moves forwards one gate at a time (``move`` to a later stage passes every gate on the
way, each hop kept in the history); backwards only by a manager, with a note. Lost and
cancelled are endings, each with its reason.
"""

from __future__ import annotations

from zizhi.core import access, audit, clock, money, percent, validation
from zizhi.core.clients.records import resolve
from zizhi.core.errors import InputError, NotFound, Refused, UserError
from zizhi.core.people import users as people
from zizhi.core.pipeline import stages
from zizhi.core.pipeline.gates import check_leave
from zizhi.core.pipeline.pricing import read_quantity
from zizhi.core.pipeline.stages import ENDINGS, STAGES
from zizhi.core.vocab import choose

VERDICTS = ("reasonable", "unreasonable", "unlawful")
# A deal's signed contract, if any: ending the deal then means terminating it (see require_endable).
SIGNED = "(SELECT k.number FROM contracts k WHERE k.deal_id = d.id AND k.signed_on IS NOT NULL) AS signed_contract"
_SELECT = f"""SELECT d.*, c.name AS client, u.login AS owner, {SIGNED} FROM deals d
             JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id"""


def open_deal(desk, client_ref: str, codes: list[str], title: str | None = None, value: str | int | None = None,
              expected_close: str | None = None, owner: str | None = None, channel: str | None = None,
              probability: str | None = None) -> dict:
    """Open a deal at *inquiry* for a visible client and the qualifications it needs."""
    with desk.store.unit_of_work() as db:
        planned = plan_deal(desk, client_ref, codes, title, value, expected_close, owner, channel, probability)
        deal_id = insert_deal(db, desk, planned)
    return get_deal(desk, deal_id)


def plan_deal(desk, client_ref: str, codes: list[str], title: str | None = None, value: str | int | None = None,
              expected_close: str | None = None, owner: str | None = None, channel: str | None = None,
              probability: str | None = None) -> dict:
    """Check everything a new deal needs (inside the caller's unit of work); :func:`insert_deal` writes it."""
    validation.text(title, "title")
    client = resolve(desk, client_ref, include_archived=False)
    access.require_log(desk.user, client)
    access.require_open_deal(desk.user)
    quantities = _qualifications(desk, codes)
    return {
        "client_id": client["id"], "owner_id": _owner(desk, client, owner), "value": _money(value, "value"),
        "channel": choose("channel", channel, "channel") or client["channel"],
        "expected_close": validation.date(expected_close, "expected-close"), "probability": _percent(probability),
        "title": title or " + ".join(_name(desk, code) for code in quantities), "quantities": quantities,
    }


def insert_deal(db, desk, planned: dict) -> int:
    """Write a planned deal inside the caller's unit of work (a visit may open one with its record)."""
    now = clock.stamp()
    cursor = db.execute(
        """INSERT INTO deals (client_id, owner_id, title, stage, value, probability, expected_close, channel,
           stage_since, created_at, updated_at) VALUES (?, ?, ?, 'inquiry', ?, ?, ?, ?, ?, ?, ?)""",
        [planned["client_id"], planned["owner_id"], planned["title"], planned["value"], planned["probability"],
         planned["expected_close"], planned["channel"], now, now, now])
    deal_id = cursor.lastrowid
    for code, quantity in planned["quantities"].items():
        db.execute("INSERT INTO deal_qualifications (deal_id, code, quantity) VALUES (?, ?, ?)",
                   [deal_id, code, quantity])
    _history(db, deal_id, None, "inquiry", desk.user["id"], None)
    audit.record(db, desk.user, "deal.open", "deal", deal_id, client_id=planned["client_id"],
                 qualifications=list(planned["quantities"]))
    return deal_id


def edit_deal(desk, deal_id: int | str, title: str | None = None, value: str | int | None = None,
              expected_close: str | None = None, channel: str | None = None,
              probability: str | None = None) -> dict:
    """Correct a deal's title, value, expected close, source channel or own probability."""
    wanted = {
        "title": (validation.text(title, "title") or "").strip() or None if title is not None else None,
        "value": _money(value, "value") if value not in (None, "") else None,
        "expected_close": validation.date(expected_close, "expected-close"),
        "channel": choose("channel", channel, "channel"),
        "probability": _percent(probability),
    }
    with desk.store.unit_of_work() as db:
        deal = resolve_deal(desk, deal_id)
        require_open(deal)
        _require_change(desk, deal)
        changed = audit.changes(deal, {k: v for k, v in wanted.items() if v is not None})
        if not changed:
            raise InputError("client.nothing_to_change")
        sets = ", ".join(f"{k} = ?" for k in changed)
        db.execute(f"UPDATE deals SET {sets}, updated_at = ? WHERE id = ?",
                   [*(changed[k][1] for k in changed), clock.stamp(), deal["id"]])
        audit.record(db, desk.user, "deal.edit", "deal", deal["id"], **changed)
    return get_deal(desk, deal["id"])


def resolve_deal(desk, deal_id: int | str) -> dict:
    """The deal row if the acting user may see it (the deal's owner or its client's visibility)."""
    number = validation.whole_number(str(deal_id).strip().lstrip("#"))
    if number is None:
        raise InputError("deal.id_format", value=deal_id)
    cond, params = access.visible_deals(desk.user)
    deal = desk.store.one(f"{_SELECT} WHERE d.id = ? AND {cond}", [number, *params])
    if not deal:
        raise NotFound("deal.not_found", id=number)
    deal["qualifications"] = desk.store.rows(
        "SELECT code, quantity FROM deal_qualifications WHERE deal_id = ? ORDER BY code", [number])
    deal["probability_used"] = probability_of(desk, deal)
    return deal


def get_deal(desk, deal_id: int | str) -> dict:
    """The deal with its stage history and assessments, for the deal screen and ``deal show``."""
    deal = resolve_deal(desk, deal_id)
    deal["history"] = desk.store.rows(
        """SELECT h.at, h.from_stage, h.to_stage, u.login AS user, h.note FROM deal_stages h
           JOIN users u ON u.id = h.user_id WHERE h.deal_id = ? ORDER BY h.id""", [deal["id"]])
    deal["assessments"] = desk.store.rows(
        """SELECT a.id, a.at, u.login AS user, a.findings, a.verdict, a.explanation, a.resolved_at,
                  a.resolution FROM assessments a JOIN users u ON u.id = a.user_id
           WHERE a.deal_id = ? ORDER BY a.id""", [deal["id"]])
    return deal


def list_deals(desk, stage: str | None = None, owner: str | None = None, client: str | None = None,
               include_closed: bool = False, limit: int = 100) -> list[dict]:
    """Visible deals, by stage order then newest first."""
    cond, params = access.visible_deals(desk.user)
    where = [cond]
    if stage:
        where.append("d.stage = ?")
        params.append(_stage(stage))
    elif not include_closed:
        where.append(stages.still_open())
    if owner:
        where.append("u.login = ?")
        params.append(owner)
    if client:
        where.append("d.client_id = ?")
        params.append(resolve(desk, client)["id"])
    order = "CASE d.stage " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate((*STAGES, *ENDINGS))) + " END"
    return desk.store.rows(
        f"""SELECT d.id, d.title, c.name AS client, u.login AS owner, d.stage, d.value, d.probability,
                   d.expected_close, d.stage_since, d.blocked, d.owner_id, {SIGNED} FROM deals d
            JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id
            WHERE {' AND '.join(where)} ORDER BY {order}, d.id DESC LIMIT ?""", [*params, limit])


def move(desk, deal_id: int | str, to_stage: str, note: str | None = None) -> dict:
    """Move a deal to ``to_stage``: forwards through every gate on the way; backwards by managers."""
    validation.text(note, "note", multiline=True)
    with desk.store.unit_of_work() as db:
        deal = resolve_deal(desk, deal_id)
        target = check_move(desk, deal, to_stage, note)
        advance(db, desk, deal, target, note)
    return get_deal(desk, deal["id"])


def check_move(desk, deal: dict, to_stage: str, note: str | None = None) -> str:
    """Who may move the deal, and where to; the gates are passed by :func:`advance`."""
    target = _stage(to_stage)
    if target in ENDINGS:
        raise InputError("deal.use_lose_or_cancel", stage=target)
    require_open(deal)
    _require_change(desk, deal)
    if target == deal["stage"]:
        raise UserError("deal.already_there", id=deal["id"], stage=target)
    backwards = stages.is_backwards(deal["stage"], target)
    if backwards:
        require_mover_back(desk.user, deal, target)
    if backwards and not (note or "").strip():
        raise InputError("deal.backwards_needs_note")
    return target


def advance(db, desk, deal: dict, target: str, note: str | None = None) -> None:
    """Inside the caller's unit of work: pass each gate on the way, keep each hop in the history.

    Hand-over, delivery and after-sales visits call this with their own records, so the stage
    change and the record that justifies it are written together or not at all.
    """
    if not stages.is_backwards(deal["stage"], target):
        check_gates(db, deal, target, desk.settings)
    current = deal["stage"]
    for step in stages.hops(deal["stage"], target):
        _history(db, deal["id"], current, step, desk.user["id"], note)
        current = step
    db.execute("UPDATE deals SET stage = ?, stage_since = ?, updated_at = ? WHERE id = ?",
               [target, clock.stamp(), clock.stamp(), deal["id"]])
    audit.record(db, desk.user, "deal.move", "deal", deal["id"], stage=[deal["stage"], target])


def check_gates(db, deal: dict, target: str, settings) -> None:
    """Refuse a forward move to ``target`` unless the gate of every stage left on the way is met
    (asked by :func:`advance`, and by a form before it opens)."""
    current = deal["stage"]
    for step in stages.hops(deal["stage"], target):
        check_leave(db, deal, current, settings)
        current = step


def end_deal(desk, deal_id: int | str, ending: str, reason: str, competitor: str | None = None) -> dict:
    """Close a deal as lost or cancelled; the reason is required and kept, and a lost deal may name
    the competitor it went to (market research groups by it, ``core/reports/market.py``).

    A contract never signed is void with it (``pipeline.endings``); a signed one is ended only by
    terminating it (``pipeline.terminations``), so this refuses. The result carries
    ``contract_ended`` — what became of the contract — or None.
    """
    with desk.store.unit_of_work() as db:
        deal = resolve_deal(desk, deal_id)
        contract = end_within(db, desk, deal, ending, reason, competitor)
    ended = get_deal(desk, deal["id"])
    ended["contract_ended"] = contract
    return ended


def end_within(db, desk, deal: dict, ending: str, reason: str | None, competitor: str | None = None) -> dict | None:
    """:func:`end_deal`'s checks and writes inside the caller's unit of work (an import's too):
    the reason (and a competitor only for a lost deal), an open deal, who may; the contract void
    with it; the audit row."""
    from zizhi.core.pipeline import endings

    reason = (validation.text(reason, "reason", multiline=True) or "").strip()
    if not reason:
        raise InputError("deal.reason_required", ending=ending)
    competitor = " ".join((validation.text(competitor, "competitor") or "").split()) or None
    if competitor and ending != "lost":
        raise InputError("deal.competitor_only_lost", field="competitor", value=competitor)
    require_open(deal)
    require_endable(desk.user, deal)
    contract = endings.end_contract(db, desk, deal)
    record_ending(db, desk, deal, ending, reason, competitor)
    audit.record(db, desk.user, f"deal.{ending}", "deal", deal["id"], reason=reason,
                 **({"competitor": competitor} if competitor else {}),
                 contract=contract and {k: contract[k] for k in ("number", "state", "paid", "outstanding")})
    return contract


def record_ending(db, desk, deal: dict, ending: str, reason: str, competitor: str | None = None) -> None:
    """Write the deal's ending and its history line, inside the caller's unit of work (which
    audits it): ending a deal, or terminating its signed contract (``pipeline.terminations``)."""
    db.execute("UPDATE deals SET stage = ?, end_reason = ?, competitor = ?, stage_since = ?, updated_at = ? "
               "WHERE id = ?", [ending, reason, competitor, clock.stamp(), clock.stamp(), deal["id"]])
    _history(db, deal["id"], deal["stage"], ending, desk.user["id"], reason)


def ending_preview(desk, deal_id: int | str) -> dict | None:
    """For the form that ends a deal: its contract at stake, void or to be terminated first."""
    from zizhi.core.pipeline import endings

    deal = resolve_deal(desk, deal_id)
    with desk.store.lock:  # another thread (the app's workers) may use the connection meanwhile
        return endings.contract_at_stake(desk.store.conn, deal["id"])


def lose(desk, deal_id: int | str, reason: str, competitor: str | None = None) -> dict:
    return end_deal(desk, deal_id, "lost", reason, competitor)


def cancel(desk, deal_id: int | str, reason: str) -> dict:
    return end_deal(desk, deal_id, "cancelled", reason)


def assess(desk, deal_id: int | str, findings: str, verdict: str = "reasonable",
           explanation: str | None = None) -> dict:
    """Record the needs assessment; an unreasonable or unlawful need blocks the deal.

    The rulebook asks that the client be told why: a blocking verdict needs the explanation.
    """
    validation.text(findings, "findings", multiline=True)
    validation.text(explanation, "explanation", multiline=True)
    verdict = (verdict or "reasonable").strip().lower()
    if verdict not in VERDICTS:
        raise InputError("input.not_one_of", field="verdict", value=verdict, allowed=", ".join(VERDICTS))
    if not (findings or "").strip():
        raise InputError("input.required", field="findings")
    blocking = verdict != "reasonable"
    if blocking and not (explanation or "").strip():
        raise InputError("deal.explanation_required", verdict=verdict)
    with desk.store.unit_of_work() as db:
        deal = resolve_deal(desk, deal_id)
        require_open(deal)
        _require_change(desk, deal)
        cursor = db.execute(
            "INSERT INTO assessments (deal_id, user_id, at, findings, verdict, explanation) VALUES (?, ?, ?, ?, ?, ?)",
            [deal["id"], desk.user["id"], clock.stamp(), findings.strip(), verdict, explanation])
        if blocking:
            db.execute("UPDATE deals SET blocked = 1, updated_at = ? WHERE id = ?", [clock.stamp(), deal["id"]])
        audit.record(db, desk.user, "deal.assess", "deal", deal["id"], assessment=cursor.lastrowid,
                     verdict=verdict)
    return get_deal(desk, deal["id"])


def resolve_block(desk, deal_id: int | str, resolution: str) -> dict:
    """A manager lifts the block of an unreasonable or unlawful need, saying how it was settled."""
    if not (validation.text(resolution, "resolution", multiline=True) or "").strip():
        raise InputError("input.required", field="resolution")
    with desk.store.unit_of_work() as db:
        require_resolver(desk.user)
        deal = resolve_deal(desk, deal_id)
        if not deal["blocked"]:
            raise UserError("deal.not_blocked", id=deal["id"])
        now = clock.stamp()
        db.execute("""UPDATE assessments SET resolved_by = ?, resolved_at = ?, resolution = ?
                      WHERE deal_id = ? AND verdict != 'reasonable' AND resolved_at IS NULL""",
                   [desk.user["id"], now, resolution.strip(), deal["id"]])
        db.execute("UPDATE deals SET blocked = 0, updated_at = ? WHERE id = ?", [now, deal["id"]])
        audit.record(db, desk.user, "deal.resolve", "deal", deal["id"], resolution=resolution.strip())
    return get_deal(desk, deal["id"])


def probability_of(desk, deal: dict) -> int:
    """Basis points: the deal's own probability, else its stage's configured one (0 when ended)."""
    if deal["stage"] in ENDINGS:
        return 0
    if deal["probability"] is not None:
        return deal["probability"]
    return desk.settings.pricing.stages[deal["stage"]].probability


def require_open(deal: dict) -> None:
    """Nothing more happens to an ended deal, nor to one blocked by its needs assessment."""
    if deal["stage"] in ENDINGS:
        raise UserError("deal.ended", id=deal["id"], stage=deal["stage"])
    if deal["blocked"]:
        raise UserError("deal.blocked", id=deal["id"])


def _require_change(desk, deal: dict) -> None:
    require_change(desk.user, deal)


def require_change(user: dict, deal: dict) -> None:
    """The owner and managers change a deal; operations too once it is in their hands."""
    roles = ("operations",) if deal["stage"] in ("processing", "delivered") else ()
    access.require_deal_role(user, deal, roles, "deal.cannot_change")


def require_endable(user: dict, deal: dict) -> None:
    """Lost or cancelled: whoever may change the deal ends it — unless its contract is signed, which
    only terminating it ends (``pipeline.terminations``, managers), whoever asks."""
    require_change(user, deal)
    if deal.get("signed_contract"):
        raise UserError("deal.end_signed_terminate", id=deal["id"], number=deal["signed_contract"])


def require_mover_back(user: dict, deal: dict, stage: str | None = None) -> None:
    """Moving a deal back undoes a gate it passed: oversight's call, a manager's or an admin's.
    ``stage`` is where to (the stage before the deal's own when not named)."""
    if not access.is_manager(user):
        target = stage or stages.previous_stage(deal["stage"]) or deal["stage"]
        raise Refused("deal.backwards_managers_only", id=deal["id"], stage=target)


def require_resolver(user: dict) -> None:
    """A stopped deal is resolved with oversight: by a manager or an admin."""
    if not access.is_manager(user):
        raise Refused("deal.resolve_managers_only", role=user["role"])


def _history(db, deal_id: int, from_stage: str | None, to_stage: str, user_id: int, note: str | None) -> None:
    db.execute("INSERT INTO deal_stages (deal_id, from_stage, to_stage, user_id, at, note) VALUES (?, ?, ?, ?, ?, ?)",
               [deal_id, from_stage, to_stage, user_id, clock.stamp(), note])


def _stage(name: str) -> str:
    """A stage as typed: its name, or the rulebook's Chinese one (需求评估, 合同签订 …), or an ending."""
    from zizhi.core.vocab import choose

    stage = choose("stage", name, "stage")
    if stage is None:
        raise InputError("input.not_one_of", field="stage", value=name, allowed=", ".join(STAGES))
    return stage


def _qualifications(desk, codes: list[str]) -> dict[str, int]:
    """Catalogue codes (``CODE`` or ``CODE*2`` for a quantity) → quantity, each checked."""
    found: dict[str, int] = {}
    for raw in codes or []:
        code, _, times = str(raw).strip().upper().partition("*")
        if desk.settings.catalogue.get(code) is None:
            known = ", ".join(q.code for q in desk.settings.catalogue.qualification)
            raise InputError("deal.unknown_qualification", value=raw, allowed=known)
        found[code] = read_quantity(found.get(code, 0) + (read_quantity(times) if times else 1))  # the sum, too
    if not found:
        raise InputError("deal.no_qualification")
    return found


def _name(desk, code: str) -> str:
    return desk.settings.catalogue.get(code).name_zh


def _owner(desk, client: dict, login: str | None) -> int | None:
    if login:
        owner = people.owner_for(desk, login)
        if owner["id"] != desk.user["id"]:
            access.require_assign(desk.user)
        return owner["id"]
    own = people.default_owner(desk)
    return own["id"] if own else client["owner_id"]


def _money(value: str | int | None, field: str) -> int:
    """An estimated value: zero or more, within the one bound on amounts."""
    if value is None or value == "":
        return 0
    fen = value if isinstance(value, int) else money.parse(value, field=field)
    if fen < 0:
        raise InputError("money.negative", field=field, value=value)
    if fen > money.MAX_FEN:
        raise InputError("money.too_large", field=field, value=value, max=money.format_fen(money.MAX_FEN))
    return fen


def _percent(value: str | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    return percent.parse(value, "probability")
