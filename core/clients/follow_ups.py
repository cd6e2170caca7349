"""When a client's agreed next step falls due: the one rule that the due list, the search, the app's
colours and cron's morning mail all follow.

A follow-up is due on its date and stays due until the next contact is logged with a new date;
one whose date has passed is overdue.
"""

from __future__ import annotations

from zizhi.core import clock


def state(next_date: str | None) -> str | None:
    """'overdue' before today, 'today' on it, None when later or not set."""
    if not next_date:
        return None
    today = clock.today().isoformat()
    if next_date < today:
        return "overdue"
    return "today" if next_date == today else None


def due_condition(alias: str = "c") -> tuple[str, list]:
    """A SQL condition (and its parameter) keeping clients whose follow-up is due today or earlier."""
    return f"{alias}.next_date <= ?", [clock.today().isoformat()]


def falling_due(first: str, last: str, alias: str = "c") -> tuple[str, list]:
    """A SQL condition (and its parameters) keeping the clients whose follow-up falls due between
    ``first`` and ``last`` — the week ahead the team meeting plans (an archived client has none)."""
    return f"{alias}.next_date BETWEEN ? AND ? AND {alias}.archived_at IS NULL", [first, last]


def overdue_before(day: str, alias: str = "c") -> tuple[str, list]:
    """A SQL condition (and its parameter) keeping the clients whose follow-up was due before ``day``
    and is still waiting: no contact logged since with a new date."""
    return f"{alias}.next_date < ? AND {alias}.archived_at IS NULL", [day]
