"""The gates between pipeline stages (SPEC §5): what must be true to leave each stage.

Each gate reads the deal's records and raises :class:`GateRefused` naming what is missing and
how to proceed. ``pipeline.deals.advance`` is the only caller, so the app, the CLI and an import meet
the same refusal.
"""

from __future__ import annotations

from zizhi.core.errors import UserError
from zizhi.core.pipeline.stages import STAGES
from zizhi.core.vocab import sql_in


class GateRefused(UserError):
    """A stage change the rulebook does not allow yet."""


def check_leave(db, deal: dict, stage: str, settings) -> None:
    """Refuse leaving ``stage`` (forwards) unless its gate is met; ``settings`` holds the credit
    policy, which the way into processing applies again (:mod:`zizhi.core.credit.policy`)."""
    GATES[stage](db, deal)
    if stage == "payment":
        _credit(db, deal, settings)


def _inquiry(db, deal: dict) -> None:
    if not deal["channel"]:
        raise GateRefused("gate.inquiry_channel", deal=deal["id"])


def _assessment(db, deal: dict) -> None:
    rows = db.execute(
        "SELECT verdict, resolved_at FROM assessments WHERE deal_id = ? ORDER BY id", [deal["id"]]).fetchall()
    if not rows:
        raise GateRefused("gate.assessment_missing", deal=deal["id"])
    if any(verdict != "reasonable" and not resolved for verdict, resolved in rows):
        raise GateRefused("gate.assessment_blocked", deal=deal["id"])


def _proposal(db, deal: dict) -> None:
    if not db.execute("SELECT 1 FROM quotes WHERE deal_id = ? AND status = 'accepted'", [deal["id"]]).fetchone():
        raise GateRefused("gate.quote_not_accepted", deal=deal["id"])


def _contract(db, deal: dict) -> None:
    row = db.execute("SELECT number, signed_on, filed_finance_on, filed_legal_on FROM contracts WHERE deal_id = ?",
                     [deal["id"]]).fetchone()  # named by its number (ZZ-2026-0029), as the screen and the paper do
    if not row:
        raise GateRefused("gate.contract_missing", deal=deal["id"])
    if not row[1]:
        raise GateRefused("gate.contract_unsigned", contract=row[0])
    missing = [name for name, filed in (("finance", row[2]), ("legal", row[3])) if not filed]
    if missing:
        raise GateRefused("gate.contract_not_filed", contract=row[0], where=missing[0])


def _payment(db, deal: dict) -> None:
    _contract(db, deal)
    required, paid = db.execute(
        """SELECT (SELECT amount FROM instalments WHERE contract_id = c.id ORDER BY position LIMIT 1),
                  (SELECT coalesce(sum(paid), 0) FROM instalments WHERE contract_id = c.id)
           FROM contracts c WHERE c.deal_id = ?""", [deal["id"]]).fetchone()
    if paid < (required or 0):
        from zizhi.core.money import format_fen

        raise GateRefused("gate.payment_short", deal=deal["id"], required=format_fen(required),
                          paid=format_fen(paid))


def _credit(db, deal: dict, settings) -> None:
    """What the client's current credit check asks to be prepaid (or guaranteed) before work starts."""
    from zizhi.core.credit import policy

    shortfall = policy.processing_shortfall(db, settings, deal["id"])
    if shortfall:
        key, params = shortfall
        raise GateRefused(key, **params)


def _processing(db, deal: dict) -> None:
    outcome = db.execute("SELECT outcome FROM handovers WHERE deal_id = ?", [deal["id"]]).fetchone()
    if not outcome or outcome[0] != "approved":
        raise GateRefused("gate.outcome_not_approved", deal=deal["id"])
    missing = db.execute(
        """SELECT q.code FROM deal_qualifications q WHERE q.deal_id = ? AND NOT EXISTS
           (SELECT 1 FROM certificates c WHERE c.deal_id = q.deal_id AND c.code = q.code) ORDER BY q.code""",
        [deal["id"]]).fetchall()
    if missing:
        raise GateRefused("gate.certificate_missing", deal=deal["id"], code=missing[0][0])
    require_steps_settled(db, deal)


SETTLED = ("done", "skipped")  # a processing step accounted for


def require_steps_settled(db, deal: dict) -> None:
    """Every catalogue step done or skipped with a reason: the authority's approval and the
    delivery both stand on the whole procedure, so a step nobody accounted for stops them."""
    pending = db.execute(
        f"""SELECT code, position, step FROM processing_steps WHERE deal_id = ? AND status NOT IN {sql_in(SETTLED)}
           ORDER BY code, position""", [deal["id"]]).fetchall()
    if pending:
        raise GateRefused("gate.steps_pending", deal=deal["id"], count=len(pending),
                          steps="; ".join(f"{code} {position} {step}" for code, position, step in pending))


def _delivered(db, deal: dict) -> None:
    """After-sales follows delivery: the certificates with their usage notes are enough."""


def _aftersales(db, deal: dict) -> None:
    raise GateRefused("gate.last_stage", deal=deal["id"])


GATES = dict(zip(STAGES, (_inquiry, _assessment, _proposal, _contract, _payment, _processing,
                          _delivered, _aftersales)))
