"""The compliance reminders: a policy notice not yet acknowledged, and a risk whose review has come.

A notice is on the agenda of every active person who has not acknowledged it, from the day it was
recorded; dealt with only by acknowledging it (``zizhi notice ack``). A risk still open is on its
owner's agenda from its next review day; dealt with by reviewing it (``zizhi risk review``), which
moves the day on (a new occurrence), or by closing it. Neither is marked done instead: the record
they ask for is the point (:mod:`.marks`).
"""

from __future__ import annotations

from zizhi.core.reminders.reminder import item


def notice(desk, day: str, owner: int | None = None) -> list[dict]:
    """One reminder per notice and person yet to acknowledge it, recorded by the end of ``day``."""
    from zizhi.core.compliance.notices import pending

    return [item("notice", f"notice:{notice_id}", recorded_on, "remind.notice",
                 {"notice": notice_id, "title": title, "effective": effective, "since": recorded_on},
                 owner=login, command=f"zizhi notice ack {notice_id}")
            for notice_id, title, effective, recorded_on, login in pending(desk.store, owner)
            if recorded_on <= day]


def risk_review(desk, day: str, owner: int | None = None) -> list[dict]:
    """A risk of the register still open whose next review day has come, to its owner."""
    from zizhi.core.compliance.risks import due_reviews, level_of

    return [item("risk_review", f"risk:{risk_id}", due_on, "remind.risk_review",
                 {"risk": risk_id, "description": _short(description), "since": due_on,
                  "level_word": f"risk.level.{level_of(desk.settings, likelihood, impact)}",
                  "category_word": f"risk.category.{category}"},
                 owner=login, command=f"zizhi risk review {risk_id} --note …")
            for risk_id, category, description, due_on, login, likelihood, impact in due_reviews(desk.store, day, owner)]


def _short(text: str, width: int = 60) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= width else line[:width - 1] + "…"
