"""What falls due in the pipeline, as SQL conditions over the whole book: processing past its
expected date and after-sales visits come. Kept apart from the operations that record them so the
morning's reminders can ask without loading those (they import the deal and client rules)."""

from __future__ import annotations

from zizhi.core.pipeline import stages


def late_condition(handover: str = "h", deal: str = "d", day: str = "?") -> str:
    """Processing late on ``day`` (a query parameter): past its expected date, no decision from the
    authority, the deal still open (the reminders ask this of the whole book)."""
    return f"{handover}.outcome IS NULL AND {handover}.expected_on < {day} AND {stages.still_open(deal)}"


def visit_due_condition(visit: str = "v", deal: str = "d", day: str = "?") -> str:
    """A visit due by ``day`` (a query parameter): not done, its day come, its deal still with the
    company (the reminders ask this of the whole book)."""
    return f"{visit}.done_on IS NULL AND {visit}.due_on <= {day} AND {stages.still_open(deal)}"
