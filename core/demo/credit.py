"""The demo's credit checks: one behind every rated client, so each rating has how and when it
was checked, and contracts can be drawn up on the demo as the credit policy asks.

Most checks are recent enough for the rating's ``recheck_days``; about one in ten is older, so the
re-check refusal and ``credit show``'s "re-check due" have something true to show. D clients
carry the guarantee their contracts name.
"""

from __future__ import annotations

import datetime as dt
import random

from zizhi.core import clock
from zizhi.core.demo.dice import Draw, weighted_table
from zizhi.core.demo.words import GUARANTEES

_METHOD = weighted_table([("registry", 60), ("third_party", 25), ("payment_history", 15)])
_NOTES = {"registry": "国家企业信用信息公示系统：无经营异常、无行政处罚", "third_party": "第三方信用报告",
          "payment_history": "按历史回款情况评定"}
STALE_SHARE = 10  # percent of checks past their re-check


def credit_checks(rng: random.Random, rows: list[tuple], columns: tuple[str, ...], settings,
                  fallback_user: int | None) -> list[tuple]:
    """Rows for ``credit_checks`` (client_id, rating, method, checked_on, notes, guarantor,
    guarantee_amount, guarantee_document, user_id, at), one per rated client row."""
    index = {name: columns.index(name) for name in ("id", "credit_rating", "owner_id", "created_at")}
    today, draw = clock.today(), Draw(rng)
    checks = []
    for row in rows:
        rating = row[index["credit_rating"]]
        user = row[index["owner_id"]] or fallback_user
        if not rating or user is None:
            continue
        terms = settings.pricing.credit_policy[rating]
        arrived = dt.date.fromisoformat(row[index["created_at"]][:10])
        stale = rng.randrange(100) < STALE_SHARE
        back = rng.randint(terms.recheck_days + 1, terms.recheck_days + 120) if stale else rng.randint(0, terms.recheck_days)
        day = max(today - dt.timedelta(days=back), min(arrived, today))
        method = draw.weighted(_METHOD)
        guarantor = rng.choice(GUARANTEES) if terms.guarantee_required else None
        document = f"担保函 {day.isoformat()}" if guarantor else None
        checks.append((row[index["id"]], rating, method, day.isoformat(), _NOTES[method], guarantor, None, document,
                       user, f"{day.isoformat()} 10:00:00"))
    return checks
