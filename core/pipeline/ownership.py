"""Who owns a deal when its client changes hands: visibility follows the client.

A client assigned to another salesperson takes its open deals along, so the former owner no
longer sees them, their quotes or the client's contact through them. Ended deals (lost,
cancelled) stay with whoever ended them: they are that person's record. Each move is kept in the
deal's history and audited, inside the assignment's own unit of work.
"""

from __future__ import annotations

from zizhi.core import audit, clock
from zizhi.core.i18n import t
from zizhi.core.pipeline.stages import still_open


def follow_client(db, desk, client_id: int, owner: dict) -> list[int]:
    """Give ``owner`` every open deal of the client that someone else owns; the deals moved."""
    moving = db.execute(
        f"""SELECT d.id, d.stage, u.login FROM deals d LEFT JOIN users u ON u.id = d.owner_id
           WHERE d.client_id = ? AND {still_open()} AND d.owner_id IS NOT ?
           ORDER BY d.id""", [client_id, owner["id"]]).fetchall()
    now = clock.stamp()
    for deal_id, stage, former in moving:
        db.execute("UPDATE deals SET owner_id = ?, updated_at = ? WHERE id = ?", [owner["id"], now, deal_id])
        db.execute("""INSERT INTO deal_stages (deal_id, from_stage, to_stage, user_id, at, note)
                      VALUES (?, ?, ?, ?, ?, ?)""",
                   [deal_id, stage, stage, desk.user["id"], now,
                    t("deal.owner_followed", old=former or "—", new=owner["login"])])
        audit.record(db, desk.user, "deal.owner", "deal", deal_id, owner=[former, owner["login"]],
                     client_id=client_id)
    return [deal_id for deal_id, _, _ in moving]
