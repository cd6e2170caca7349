"""The client's reminders: a certificate nearing expiry (a renewal to sell) and a credit rating
due for its re-check. Both go to the client's owner."""

from __future__ import annotations

import datetime as dt

from zizhi.core.pipeline import stages
from zizhi.core.reminders.reminder import item, whose


def certificate_expiring(desk, day: str, owner: int | None = None) -> list[dict]:
    """A certificate expiring within one of ``reminders.certificate_expiry_days`` (e.g. 90 and 30):
    one occurrence per threshold, the nearest reached replacing the one before, through its
    expiry day. Dealt with once a renewal deal is opened — any deal of the client for the same
    qualification opened after the certificate was handed over, even one lost later (the client
    said no) — or the client is archived. An expired certificate is no longer a renewal to chase."""
    thresholds = sorted(set(desk.settings.pricing.reminders.certificate_expiry_days))
    if not thresholds:
        return []
    horizon = (dt.date.fromisoformat(day) + dt.timedelta(days=thresholds[-1])).isoformat()
    rows = desk.store.tuples(
        f"""SELECT k.id, k.code, k.number, k.expires_on, d.id, d.title, c.id, c.name, u.login
           FROM certificates k JOIN deals d ON d.id = k.deal_id JOIN clients c ON c.id = k.client_id
           LEFT JOIN users u ON u.id = c.owner_id
           WHERE k.expires_on >= :day AND k.expires_on <= :horizon AND c.archived_at IS NULL{whose("c.owner_id", owner)}
             AND NOT EXISTS (SELECT 1 FROM deals r JOIN deal_qualifications rq ON rq.deal_id = r.id
                             WHERE r.client_id = k.client_id AND rq.code = k.code AND r.created_at > k.delivered_at)""",
        {"day": day, "horizon": horizon})[1]
    found = []
    for certificate_id, code, number, expires, deal_id, title, client_id, client, owner in rows:
        within = next(days for days in thresholds if _before(expires, days) <= day)
        found.append(item(
            "certificate_expiring", f"certificate:{certificate_id}:{within}", _before(expires, within),
            "remind.certificate_expiring",
            {"client": client, "code": code, "number": number, "expires": expires, "deal": deal_id, "title": title},
            owner=owner, client_id=client_id, client=client, deal_id=deal_id, deal=title,
            command=f"zizhi deal new --client {client_id} -q {code}", app_key="n"))
    return found


def credit_recheck(desk, day: str, owner: int | None = None) -> list[dict]:
    """A client whose latest credit check reaches the last day it backs a contract
    (:func:`core.credit.policy.recheck_by`, the rating's ``recheck_days``), when it matters: the
    client has a deal under way (before delivery) or owes money. Dealt with when a new check is
    recorded (its own re-check day is a new occurrence), or when nothing is under way or owed."""
    from zizhi.core.credit.policy import recheck_by

    policy = desk.settings.pricing.credit_policy
    # narrowed in SQL to the checks at least their rating's re-check days old (the concerned clients
    # are many); recheck_by, the policy's rule, still decides
    oldest = [value for rating, terms in policy.items()
              for value in (rating, (dt.date.fromisoformat(day) - dt.timedelta(days=terms.recheck_days)).isoformat())]
    rows = desk.store.tuples(
        f"""WITH concerned AS (
                SELECT client_id FROM deals d WHERE d.stage IN ({_quoted(stages.before("delivered"))})
                UNION SELECT d.client_id FROM instalments i JOIN contracts k ON k.id = i.contract_id
                      JOIN deals d ON d.id = k.deal_id
                WHERE i.amount > i.paid + i.written_off AND ({stages.still_open()} OR k.signed_on IS NOT NULL)),
            latest AS (
                SELECT c.id, c.name, coalesce(c.credit_rating, k.rating) AS rating, c.owner_id, k.checked_on
                FROM concerned JOIN clients c ON c.id = concerned.client_id
                JOIN credit_checks k ON k.id = (SELECT id FROM credit_checks WHERE client_id = c.id
                                                ORDER BY checked_on DESC, id DESC LIMIT 1)
                WHERE c.archived_at IS NULL{whose("c.owner_id", owner)})
            SELECT latest.id, latest.name, latest.rating, u.login, latest.checked_on
            FROM latest LEFT JOIN users u ON u.id = latest.owner_id
            WHERE latest.checked_on <= CASE latest.rating {' '.join('WHEN ? THEN ?' for _ in policy)} END""",
        oldest)[1]
    found = []
    for client_id, client, rating, owner, checked_on in rows:
        due_on = recheck_by({"checked_on": checked_on}, policy[rating].recheck_days)
        if due_on <= day:
            found.append(item(
                "credit_recheck", f"client:{client_id}", due_on, "remind.credit_recheck",
                {"client": client, "rating": rating, "checked_on": checked_on, "by": due_on},
                owner=owner, client_id=client_id, client=client,
                command=f"zizhi credit check {client_id} --rating … --method registry", app_key="c"))
    return found


def _before(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=days)).isoformat()


def _quoted(names) -> str:
    return ", ".join(f"'{name}'" for name in names)
