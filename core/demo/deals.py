"""The demo's deals: a pipeline with something in every stage, for the clients the demo just made.

About one owned client in four gets a deal, each following one of the stories in ``STORIES``
(taken in turn, so even a small demo shows every one): fresh and stuck inquiries, an assessment
blocked as unlawful, quotes in every status with legal's review and a manager's pricing approval
where the discount needs one, contracts signed and partly paid, processing with steps done,
skipped or delayed, certificates (some expiring soon), after-sales visits due, and deals lost
or cancelled with their reasons.

Why in bulk rather than through the operations: a deal carried to after-sales is some twenty
operations, each its own transaction with its reads and audit record — minutes for the 23,000
deals of a 100,000-client demo. So the rows are written as those operations would write them,
with the core's own pure rules (``pricing.price_lines`` and ``approval_reasons``,
``schedules.default_schedule``, ``delivery.expiry_from_validity``), dated backwards from the
clock, and ``tests/core/test_demo.py`` and ``bench/verify_demo.py`` re-check every deal
with the gates (``gates.check_leave``) and the operations' other checks. Every story ends at
least a day ago, so nothing is dated later than now.
"""

from __future__ import annotations

from zizhi.core import clock
from zizhi.core.demo.book import Book
from zizhi.core.demo.days import Calendar
from zizhi.core.demo.deal_rows import Deal
from zizhi.core.demo.debts import add_debts
from zizhi.core.demo.dice import Dice
from zizhi.core.demo.plans import Plan
from zizhi.core.demo.stories import STORIES
from zizhi.core.demo.team import Team
from zizhi.core.demo.track import add_track_record

SHARE = 4  # one owned client in SHARE opens a deal
_TRIES = 6  # stories tried on one client before it goes without a deal


def add_deals(conn, desk, rng, clients: list[tuple], columns: tuple[str, ...], debts_rng=None,
              debt_sets: int = 0, track_rng=None) -> tuple[dict, list, dict | None]:
    """Deals for some of ``clients`` (client rows just made, in ``columns`` order), ``debt_sets``
    sets of debt stories (:mod:`.debts`) on clients left without one, and each salesperson's last
    five quarters (:mod:`.track`) on the others; returns the counts, the debts and the balance to
    be recorded late (:func:`.track.add_track_record`).

    Written with the caller's connection inside its unit of work.
    """
    rng, day = Dice(rng), Calendar(clock.today())
    team = Team(conn, desk)
    book = Book(conn, desk, team, day)
    stale = {stage: settings.stale_days for stage, settings in desk.settings.pricing.stages.items()}
    index = {name: columns.index(name) for name in ("id", "owner_id", "archived_at", "credit_rating")}
    owned = [c for c in clients if c[index["owner_id"]] is not None and c[index["archived_at"]] is None]
    wanted = round(len(owned) / SHARE)
    order = list(range(len(owned)))
    rng.shuffle(order)
    pending = list(STORIES)
    made, used = 0, set()
    for position in order:
        if made >= wanted:
            break
        client = dict(zip(columns, owned[position]))
        for attempt in range(min(_TRIES, len(pending))):
            plan = Plan(rng, day, book, pending[attempt], team.on_duty_since(client["owner_id"]))
            if plan.fits(client, stale):
                Deal(book, plan, client).write()
                pending.append(pending.pop(attempt))
                made += 1
                used.add(position)
                break
    free = [dict(zip(columns, owned[p])) for p in order if p not in used]
    debts = add_debts(Dice(debts_rng), book, team, _with_balance(desk, free), debt_sets) if debt_sets else []
    in_debt = {debt.client["id"] for debt in debts}
    people = conn.execute("""SELECT id, login FROM users WHERE role = 'sales' AND active = 1 AND on_duty = 1
                             ORDER BY login""").fetchall()
    placed, late = add_track_record(Dice(track_rng or rng), book, people, [c for c in free if c["id"] not in in_debt],
                                    [dict(zip(columns, owned[p])) for p in sorted(used)], _owing_ratings(desk, 5_000))
    made = book.flush()
    made["placed_deals"] = placed
    return made, debts, late


def _with_balance(desk, clients: list[dict]) -> list[dict]:
    """Rated clients whose contracts leave a balance after the prepayment (a debt to tell about)."""
    owing = _owing_ratings(desk)
    return [c for c in clients if c["credit_rating"] in owing]


def _owing_ratings(desk, most: int = 9_999) -> set[str]:
    """The credit ratings whose contracts leave a balance after the prepayment (of ``most`` basis
    points at most)."""
    return {rating for rating, terms in desk.settings.pricing.credit_policy.items() if terms.prepayment <= most}
