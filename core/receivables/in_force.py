"""The instalment schedule in force on a day: what a contract asked for then, not what it asks now.

An amendment rewrites a contract's instalments in place (:mod:`zizhi.core.pipeline.amendments`)
and keeps the schedule it replaced in ``contract_revisions``. It takes effect on the day it was
made (the date of its ``at``): from the end of that day on, the new schedule is owed; on any day
before, the old one was. So a past day's aging, statement or reconciliation reads each
contract's schedule as it stood at the end of that day — the ``old_schedule`` of its first
revision made after the day, or its live instalments when no revision came after — and last
month's report, reproduced with ``--as-of``, says what it said then, amendments or not.

An instalment the amendment dropped has no row any more (nothing was ever recorded against it,
see ``amendments._check_schedule``); on the days it was in force it reads with its amount and
due date from the revision, and nothing paid. Positions match old and new schedules: instalment
N stays instalment N.
"""

from __future__ import annotations

from zizhi.core import clock

# The day a revision took effect: the date of the moment it was recorded.
REVISION_DAY = "substr({v}.at, 1, 10)"

# Instalments as they stood at the end of :d, with the live row's columns (id NULL when dropped
# since; paid and written_off are today's and not to be read for a past day — see positions.amounts).
_AS_OF = f"""(SELECT n.id, n.contract_id, n.position, n.due_on, n.amount, n.paid, n.written_off
        FROM instalments n
        WHERE NOT EXISTS (SELECT 1 FROM contract_revisions v WHERE v.contract_id = n.contract_id
                          AND {REVISION_DAY.format(v='v')} > :d)
      UNION ALL
      SELECT o.id, v.contract_id, json_extract(j.value, '$.position'), json_extract(j.value, '$.due_on'),
             json_extract(j.value, '$.amount'), 0, 0
        FROM contract_revisions v JOIN json_each(v.old_schedule) j
        LEFT JOIN instalments o ON o.contract_id = v.contract_id AND o.position = json_extract(j.value, '$.position')
        WHERE {REVISION_DAY.format(v='v')} > :d
          AND NOT EXISTS (SELECT 1 FROM contract_revisions w WHERE w.contract_id = v.contract_id
                          AND {REVISION_DAY.format(v='w')} > :d AND w.number < v.number))"""


def instalments(as_of: str | None) -> str:
    """A table expression (to alias) of the instalments in force at the end of ``as_of``, which
    the query binds as ``:d``; today or later (None: today) is simply the instalments table."""
    if as_of is None or as_of >= clock.today().isoformat():
        return "instalments"
    return _AS_OF


def signed_schedule(contract: str = "k") -> tuple[str, str]:
    """SQL for the total and the number of instalments of ``contract`` as signed: the schedule in
    force at the end of its signing day (before any later amendment)."""
    first_later = f"""(SELECT v.old_schedule FROM contract_revisions v WHERE v.contract_id = {contract}.id
                        AND {REVISION_DAY.format(v='v')} > {contract}.signed_on ORDER BY v.number LIMIT 1)"""
    total = f"""coalesce((SELECT sum(json_extract(j.value, '$.amount')) FROM json_each({first_later}) j),
                        (SELECT sum(i.amount) FROM instalments i WHERE i.contract_id = {contract}.id))"""
    count = f"""coalesce(json_array_length({first_later}),
                        (SELECT count(*) FROM instalments i WHERE i.contract_id = {contract}.id))"""
    return total, count
