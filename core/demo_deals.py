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

import datetime as dt
import json
from dataclasses import dataclass, field

from zizhi.core import clock
from zizhi.core import demo_words as words
from zizhi.core.pipeline import delivery, schedules
from zizhi.core.pipeline.pricing import FIGURES, approval_reasons, price_lines
from zizhi.core.pipeline.quotes import _catalogue_entry, _pricing

SHARE = 4  # one owned client in SHARE opens a deal
_TRIES = 6  # stories tried on one client before it goes without a deal

# Phase: (days after the previous phase, lowest and highest; whether the deal changes stage).
PHASES = {
    "open": (0, 0, True), "assess": (0, 3, True), "assessed": (0, 2, False), "propose": (0, 2, True),
    "quote": (0, 1, False), "review": (0, 1, False), "send": (0, 1, False), "reject": (2, 6, False),
    "quote2": (0, 1, False), "review2": (0, 1, False), "send2": (0, 1, False), "accept": (1, 6, False),
    "contract": (0, 2, True), "sign": (1, 4, False), "file": (0, 3, False), "to_payment": (0, 1, True),
    "pay": (1, 6, False), "handover": (0, 3, True), "outcome": (0, 0, False), "deliver": (1, 4, True),
    "visit1": (30, 35, True), "visit2": (58, 64, False), "lose": (1, 10, True), "cancel": (1, 10, True),
}
_ASSESS = ("open", "assess", "assessed")
_PROPOSE = (*_ASSESS, "propose", "quote", "review", "send")
_ACCEPT = (*_PROPOSE, "accept", "contract")
_PAYMENT = (*_ACCEPT, "sign", "file", "to_payment")
_PROCESSING = (*_PAYMENT, "pay", "handover")
_DELIVERED = (*_PROCESSING, "outcome", "deliver")


@dataclass(frozen=True)
class Story:
    """Where a deal ends up: its phases, days since the last one, whether it must be stuck
    (True), must not be (False) or may be (None), and what is special about it."""

    name: str
    phases: tuple[str, ...]
    tail: tuple[int, int] | str
    stuck: bool | None
    flags: frozenset = field(default_factory=frozenset)


def _story(name, phases, tail, stuck, *flags) -> Story:
    return Story(name, tuple(phases), tail, stuck, frozenset(flags))


STORIES = (
    _story("inquiry", ["open"], (1, 2), False),
    _story("blocked", _ASSESS, (1, 4), None, "unlawful"),
    _story("draft", _PROPOSE[:-2], (1, 3), False),
    _story("sent", _PROPOSE, (1, 4), False),
    _story("contract_drawn_up", _ACCEPT, (1, 4), False),
    _story("partly_paid", (*_PAYMENT, "pay"), (12, 25), True, "partial"),
    _story("processing", _PROCESSING, "within", False, "steps"),
    _story("delayed", _PROCESSING, "late", None, "steps", "delayed", "skip"),
    _story("visit_due", _DELIVERED, (32, 55), True, "skip"),
    _story("expiring", (*_DELIVERED, "visit1", "visit2"), (35, 60), None, "expiring", "balance"),
    _story("lost", ("open", "assess", "lose"), (1, 60), None),
    _story("expired", _PROPOSE, (31, 45), True, "expired"),
    _story("inquiry_stuck", ["open"], (5, 20), True),
    _story("assessment", _ASSESS, (1, 3), False),
    _story("pricing_approved", _PROPOSE[:-1], (1, 3), False, "discount"),
    _story("second_version", (*_PROPOSE, "reject", "quote2", "review2", "send2"), (1, 3), False),
    _story("contract_signed", (*_ACCEPT, "sign", "file"), (1, 3), False, "finance_only"),
    _story("payment_due", _PAYMENT, (1, 8), False),
    _story("overdue", _PROCESSING, (31, 45), True, "steps", "short"),
    _story("approved", (*_PROCESSING, "outcome"), (1, 3), False),
    _story("delivered", _DELIVERED, (1, 5), False, "skip"),
    _story("aftersales", (*_DELIVERED, "visit1"), (62, 85), False, "balance"),
    _story("lost_on_price", (*_PROPOSE, "reject", "lose"), (1, 40), None),
    _story("cancelled", (*_ASSESS, "cancel"), (1, 60), None),
    _story("sent_with_discount", _PROPOSE, (1, 4), False, "small_discount"),
    _story("expiring_again", (*_DELIVERED, "visit1", "visit2"), (35, 60), None, "expiring", "balance"),
)
_STAGE_AFTER = {"open": "inquiry", "assess": "assessment", "propose": "proposal", "contract": "contract",
                "to_payment": "payment", "handover": "processing", "deliver": "delivered", "visit1": "aftersales",
                "lose": "lost", "cancel": "cancelled"}


def add_deals(conn, desk, rng, clients: list[tuple], columns: tuple[str, ...]) -> dict:
    """Deals for some of ``clients`` (client rows just made, in ``columns`` order); returns the counts.

    Written with the caller's connection inside its unit of work.
    """
    rng, day = _Dice(rng), _Calendar(clock.today())
    team = _Team(conn, desk)
    book = _Book(conn, desk, team, day)
    stale = {stage: settings.stale_days for stage, settings in desk.settings.pricing.stages.items()}
    index = {name: columns.index(name) for name in ("id", "owner_id", "archived_at", "credit_rating")}
    owned = [c for c in clients if c[index["owner_id"]] is not None and c[index["archived_at"]] is None]
    wanted = round(len(owned) / SHARE)
    order = list(range(len(owned)))
    rng.shuffle(order)
    pending = list(STORIES)
    made = 0
    for position in order:
        if made >= wanted:
            break
        client = dict(zip(columns, owned[position]))
        for attempt in range(min(_TRIES, len(pending))):
            plan = _Plan(rng, day, book, pending[attempt], team.on_duty_since(client["owner_id"]))
            if plan.fits(client, stale):
                book.write(plan, client)
                pending.append(pending.pop(attempt))
                made += 1
                break
    return book.flush()


class _Dice:
    """The draws the deals need from one ``random.Random``; ``randint`` without its checks, a few
    times faster, as in :class:`zizhi.core.demo._Draw`."""

    def __init__(self, rng) -> None:
        self.random, self.choices, self.shuffle = rng.random, rng.choices, rng.shuffle

    def randint(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


class _Team:
    """The demo team's colleagues who act on a deal besides its owner."""

    def __init__(self, conn, desk) -> None:
        by_login = dict(conn.execute("SELECT login, id FROM users").fetchall())
        self.ids = {role: by_login[login] for login, _, role, _, _ in reversed(words.TEAM) if login in by_login}
        self.ids.setdefault("manager", desk.user["id"])
        for role in ("legal", "finance", "operations"):
            self.ids.setdefault(role, self.ids["manager"])
        self.since = dict(conn.execute(
            "SELECT user_id, min(taken_on) FROM exams WHERE passed GROUP BY user_id").fetchall())

    def on_duty_since(self, user_id: int) -> str:
        return self.since.get(user_id, "")


class _Plan:
    """One deal's story drawn in days: which qualifications, and how many days back each phase."""

    def __init__(self, rng, day, book, story: Story, on_duty: str) -> None:
        self.rng, self.day, self.story, self.on_duty = rng, day, story, on_duty
        self.codes = book.needs.draw(rng, story)
        days = [book.catalogue[code].standard_days for code in self.codes]
        self.longest = max(days)
        gaps = [self._gap(name) for name in story.phases]
        self.tail = self._tail()
        self.backs, back = [], self.tail + sum(gaps)
        for gap in gaps:
            back -= gap
            self.backs.append(back)
        moves = [b for name, b in zip(story.phases, self.backs) if PHASES[name][2]]
        self.stage_back = moves[-1]
        self.stage = [_STAGE_AFTER[n] for n in story.phases if n in _STAGE_AFTER][-1]

    def _gap(self, name: str) -> int:
        low, high, _ = PHASES[name]
        if name == "outcome":  # the authority's decision, within the standard time
            low, high = max(1, self.longest // 2), self.longest
        return self.rng.randint(low, high)

    def _tail(self) -> int:
        tail = self.story.tail
        if tail == "within":  # handed over, not yet due
            return self.rng.randint(1, max(1, min(self.longest - 1, 25)))
        if tail == "late":  # past the standard time, so a delay was recorded
            return self.rng.randint(self.longest + 2, self.longest + 8)
        return self.rng.randint(*tail)

    def fits(self, client: dict, stale: dict[str, int]) -> bool:
        """The client was there and its owner on duty when the deal opened; a contract needs a
        rating; a deal meant to be stuck (or not) is so on the board, whose clock the client's
        latest contact also restarts."""
        start = self.day(self.backs[0])
        if start < client["created_at"][:10] or start < self.on_duty:
            return False
        if "contract" in self.story.phases and not client["credit_rating"]:
            return False
        if self.story.stuck is None:
            return True
        moved = max(self.day(self.stage_back), (client["last_contact_at"] or "")[:10])
        idle = (self.day.today - dt.date.fromisoformat(moved)).days
        return (idle > stale[self.stage]) == self.story.stuck


class _Needs:
    """What clients ask for: the combinations of ``words.DEAL_NEEDS`` the catalogue sells, by weight."""

    def __init__(self, catalogue: dict) -> None:
        combos = [(codes, w) for codes, w in words.DEAL_NEEDS if all(c in catalogue for c in codes)]
        if not combos:  # a catalogue of other codes: any one qualification
            combos = [((code,), 1) for code in catalogue]
        short = [(codes, w) for codes, w in combos if max(catalogue[c].standard_days for c in codes) <= 25]
        self.any, self.short = self._table(combos), self._table(short or combos)
        self.soon = [(q.code,) for q in catalogue.values() if q.validity_months and q.validity_months <= 6]

    @staticmethod
    def _table(pairs: list) -> tuple[list, list]:
        return [codes for codes, _ in pairs], [w for _, w in pairs]

    def draw(self, rng, story: Story) -> tuple[str, ...]:
        """One that expires within six months for the 'expiring' stories; a quick one for 'short'."""
        if "expiring" in story.flags and self.soon:
            return rng.choice(self.soon)
        codes, weights = self.short if "short" in story.flags else self.any
        return rng.choices(codes, weights)[0]


class _Calendar:
    """Days counted back from one reading of the clock, so a build running past midnight stays
    whole; each date is worked out once."""

    def __init__(self, today: dt.date) -> None:
        self.today, self.dates = today, {}

    def __call__(self, back: int) -> str:
        date = self.dates.get(back)
        if date is None:
            date = self.dates[back] = (self.today - dt.timedelta(days=back)).isoformat()
        return date


class _Moment:
    """A walk forward through the plan's days: each phase starts its day in office hours, and
    what follows on the same day comes minutes later."""

    def __init__(self, rng, day: _Calendar) -> None:
        self.rng, self.day, self.back, self.second = rng, day, None, 0

    def phase(self, back: int) -> str:
        if back != self.back:
            self.back, self.second = back, self.rng.randint(9 * 3600, 11 * 3600)
        return self.later()

    def later(self) -> str:
        self.second = min(self.second + self.rng.randint(120, 2400), 23 * 3600 + 3599)
        s = self.second
        return f"{self.day(self.back)} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


_TABLES = {
    "deals": ("id", "client_id", "owner_id", "title", "stage", "value", "expected_close", "channel", "blocked",
              "end_reason", "stage_since", "created_at", "updated_at"),
    "deal_qualifications": ("deal_id", "code", "quantity"),
    "deal_stages": ("deal_id", "from_stage", "to_stage", "user_id", "at", "note"),
    "assessments": ("deal_id", "user_id", "at", "findings", "verdict", "explanation"),
    "quotes": ("id", "deal_id", "version", "status", "expedited", "valid_until", "snapshot", "government_total",
               "service_total", "discount_total", "surcharge_total", "tax_total", "total", "needs_approval",
               "approved_by", "approved_at", "approval_note", "created_by", "created_at", "sent_at", "decided_at",
               "decision_note", "revision"),
    "quote_lines": ("quote_id", "position", "code", "name", "quantity", "government_fee", "service_fee",
                    "list_service_fee", "discount", *FIGURES),
    "reviews": ("quote_id", "reviewer_id", "decision", "reason", "at", "revision"),
    "contracts": ("id", "deal_id", "quote_id", "number", "client_party", "company_party", "services", "total",
                  "penalty", "signed_on", "filed_finance_on", "filed_legal_on", "created_by", "created_at",
                  "credit_rating", "prepayment", "guarantee", "year", "seq"),
    "instalments": ("contract_id", "position", "due_on", "amount", "paid", "paid_on"),
    "payments": ("contract_id", "amount", "paid_on", "user_id", "at", "note"),
    "handovers": ("deal_id", "operator_id", "handed_by", "at", "expected_on", "outcome", "outcome_on"),
    "processing_steps": ("deal_id", "code", "position", "step", "status", "on_date", "reason"),
    "delays": ("deal_id", "cause", "days", "client_told", "user_id", "at"),
    "certificates": ("deal_id", "client_id", "code", "number", "issued_on", "expires_on", "usage_notes",
                     "delivered_by", "delivered_at"),
    "visits": ("deal_id", "client_id", "due_on", "done_on", "user_id", "satisfaction", "remarks"),
}


class _Book:
    """The rows of every deal, written table by table at the end (``flush``)."""

    def __init__(self, conn, desk, team: _Team, day: _Calendar) -> None:
        self.conn, self.desk, self.team, self.day = conn, desk, team, day
        self.rows = {table: [] for table in _TABLES}
        self.next_deal = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM deals").fetchone()[0]
        self.next_quote = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM quotes").fetchone()[0]
        self.next_contract = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contracts").fetchone()[0]
        settings = desk.settings
        self.catalogue = {q.code: q for q in settings.catalogue.qualification}
        self.needs = _Needs(self.catalogue)
        self.pricing = _pricing(desk)
        self.entries = {q.code: _catalogue_entry(desk, q.code) for q in settings.catalogue.qualification}
        self.company = settings.general.company.model_dump()
        self.sales_limit = getattr(settings.pricing.discount_limits, "sales", 0)
        self.encoded: dict[tuple, list[str]] = {}
        self.contracts: list[dict] = []

    def write(self, plan: _Plan, client: dict) -> None:
        _Deal(self, plan, client).write()

    def snapshot(self, codes: tuple[str, ...], client: dict, reasons: list) -> str:
        """The quote's snapshot as ``quotes.new_quote`` stores it (JSON), its parts that every quote
        of the same qualifications shares encoded once: most of a 100,000-client build's JSON."""
        key = (codes, str(reasons))
        if key not in self.encoded:
            shared = {"pricing": self.pricing, "catalogue": {c: self.entries[c] for c in codes}, "client": None,
                      "company": self.company, "approval_reasons": reasons,
                      "discount_limit": {"role": "sales", "limit": self.sales_limit}}
            self.encoded[key] = json.dumps(shared, ensure_ascii=False).split('"client": null', 1)
        before, after = self.encoded[key]
        return f'{before}"client": {json.dumps(client, ensure_ascii=False)}{after}'

    def flush(self) -> dict:
        self._number_contracts()
        for table, columns in _TABLES.items():
            if self.rows[table]:
                self.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    self.rows[table])
        return {"deals": len(self.rows["deals"]), "quotes": len(self.rows["quotes"]),
                "contracts": len(self.rows["contracts"]), "certificates": len(self.rows["certificates"])}

    def _number_contracts(self) -> None:
        """Number the contracts in the order they were drawn up, each year's sequence after the file's."""
        pattern = self.desk.settings.pricing.contracts.number_pattern
        taken = {r[0] for r in self.conn.execute("SELECT number FROM contracts")}
        last = dict(self.conn.execute("SELECT year, max(seq) FROM contracts GROUP BY year").fetchall())
        for row in sorted(self.contracts, key=lambda r: r["created_at"]):
            year = row["year"] = int(row["created_at"][:4])
            while True:
                last[year] = last.get(year, 0) + 1
                row["number"] = pattern.format(year=year, seq=last[year])
                if row["number"] not in taken:
                    break
            row["seq"] = last[year]
        self.rows["contracts"] = [tuple(row.values()) for row in self.contracts]


class _Deal:
    """One deal written phase by phase, as the operations of each phase would have written it."""

    def __init__(self, book: _Book, plan: _Plan, client: dict) -> None:
        self.book, self.plan, self.client, self.rng = book, plan, client, plan.rng
        self.add = lambda table, *values: book.rows[table].append(values)
        self.team, self.owner = book.team.ids, client["owner_id"]
        self.id = book.next_deal
        book.next_deal += 1
        self.moment, self.day = _Moment(self.rng, book.day), book.day
        self.stage, self.since, self.blocked, self.end_reason = None, None, 0, None
        self.quote = self.contract = self.handover = None
        self.visits, self.steps = [], []
        self.value = 0
        self.flags = plan.story.flags

    def write(self) -> None:
        for name, back in zip(self.plan.story.phases, self.plan.backs):
            at = self.moment.phase(back)
            getattr(self, f"_{name}")(at)
        if self.quote and not self.quote["written"]:
            self._write_quote()
        if self.contract:
            self._instalments()
        if self.handover:
            self.add("handovers", *(self.handover[c] for c in _TABLES["handovers"]))
        for visit in self.visits:
            self.add("visits", self.id, self.client["id"], *visit)
        open_ = self.stage not in ("lost", "cancelled", "processing", "delivered", "aftersales")
        close = self.day(-self.rng.randint(5, 40)) if open_ else None
        title = " + ".join(self.book.entries[c]["name_zh"] for c in self.plan.codes)
        self.add("deals", self.id, self.client["id"], self.owner, title, self.stage, self.value, close,
                 self.client["channel"], self.blocked, self.end_reason, self.since, self.created, self.moment.later())
        for code in self.plan.codes:
            self.add("deal_qualifications", self.id, code, 1)

    # -- stages -------------------------------------------------------------------------
    def _move(self, at: str, to: str, user: int | None = None, note: str | None = None) -> None:
        self.add("deal_stages", self.id, self.stage, to, user or self.owner, at, note)
        self.stage, self.since = to, at

    def _open(self, at: str) -> None:
        self.created = at
        self._move(at, "inquiry")
        self.value = self._priced(self._lines(0))[1]["total"]  # the salesperson's estimate: list price

    def _assess(self, at: str) -> None:
        self._move(at, "assessment")

    def _assessed(self, at: str) -> None:
        if "unlawful" in self.flags:
            findings, explanation = words.UNLAWFUL
            self.add("assessments", self.id, self.owner, at, findings, "unlawful", explanation)
            self.blocked = 1
        else:
            self.add("assessments", self.id, self.owner, at, self.rng.choice(words.FINDINGS), "reasonable", None)

    def _propose(self, at: str) -> None:
        self._move(at, "proposal")

    def _lose(self, at: str) -> None:
        self._end(at, "lost", self.rng.choice(words.LOST_REASONS))

    def _cancel(self, at: str) -> None:
        self._end(at, "cancelled", self.rng.choice(words.CANCEL_REASONS))

    def _end(self, at: str, ending: str, reason: str) -> None:
        if self.quote and not self.quote["written"]:
            self._write_quote()
        self.end_reason = reason
        self._move(at, ending, note=reason)

    # -- quotes ---------------------------------------------------------------------------
    def _lines(self, discount: int) -> list[dict]:
        entries = self.book.entries
        return [{"code": c, "name": entries[c]["name_zh"], "quantity": 1,
                 "government_fee": entries[c]["government_fee"], "service_fee": entries[c]["service_fee"],
                 "list_service_fee": entries[c]["service_fee"], "discount": discount} for c in self.plan.codes]

    def _priced(self, lines: list[dict], expedited: bool = False) -> tuple[list[dict], dict]:
        return price_lines(lines, expedited, self.book.pricing)

    def _quote(self, at: str) -> None:
        discount = 0
        if "discount" in self.flags:
            discount = self.book.sales_limit + 500  # beyond a salesperson's limit: a manager approves
        elif "small_discount" in self.flags:
            discount = min(500, self.book.sales_limit)
        version = self.quote["version"] + 1 if self.quote else 1
        lines = self._lines(discount)
        reasons = approval_reasons(lines, "sales", self.book.sales_limit, self.book.pricing["price_floor"])
        priced, totals = self._priced(lines, expedited=self.rng.random() < 0.15)
        self.quote = {"id": self.book.next_quote, "version": version, "status": "draft", "lines": priced,
                      "totals": totals, "expedited": 0, "reasons": reasons, "created_at": at,
                      "valid_until": (dt.date.fromisoformat(at[:10])
                                      + dt.timedelta(days=self.book.pricing["validity_days"])).isoformat(),
                      "revision": 2 if discount else 1, "approved": None, "sent_at": None, "decided_at": None,
                      "note": None, "written": False}
        self.quote["expedited"] = int(totals["surcharge_amount"] > 0)
        self.book.next_quote += 1

    def _review(self, at: str) -> None:
        quote = self.quote
        if quote["reasons"]:
            quote["approved"] = (self.team["manager"], at, self.rng.choice(words.APPROVAL_NOTES))
            at = self.moment.later()
        self.add("reviews", quote["id"], self.team["legal"], "approved", None, at, quote["revision"])

    def _send(self, at: str) -> None:
        self.quote.update(status="sent", sent_at=at)
        if "expired" in self.flags:
            self.quote["status"] = "expired"

    def _reject(self, at: str) -> None:
        self.quote.update(status="rejected", decided_at=at, note=self.rng.choice(words.REJECTIONS))
        self._write_quote()

    _quote2, _review2, _send2 = _quote, _review, _send

    def _accept(self, at: str) -> None:
        self.quote.update(status="accepted", decided_at=at)
        self.value = self.quote["totals"]["total"]
        self._write_quote()

    def _write_quote(self) -> None:
        quote, book = self.quote, self.book
        client = {k: self.client[k] for k in ("name", "contact", "phone", "email", "address", "city", "credit_code")}
        snapshot = book.snapshot(self.plan.codes, client, quote["reasons"])
        approved = quote["approved"] or (None, None, None)
        totals = quote["totals"]
        self.add("quotes", quote["id"], self.id, quote["version"], quote["status"], quote["expedited"],
                 quote["valid_until"], snapshot, *(totals[f] for f in FIGURES),
                 int(bool(quote["reasons"])), *approved, self.owner, quote["created_at"], quote["sent_at"],
                 quote["decided_at"], quote["note"], quote["revision"])
        for position, line in enumerate(quote["lines"], start=1):
            self.add("quote_lines", quote["id"], position, *(line[k] for k in _TABLES["quote_lines"][2:]))
        quote["written"] = True

    # -- contract and payments --------------------------------------------------------------
    def _contract(self, at: str) -> None:
        self._move(at, "contract")
        created = self.moment.later()
        settings = self.book.desk.settings
        terms = settings.pricing.credit_policy.get(self.client["credit_rating"])
        total = self.quote["totals"]["total"]
        signing = dt.date.fromisoformat(created[:10])
        schedule = schedules.default_schedule(total, terms.prepayment, signing,
                                              signing + dt.timedelta(days=self.plan.longest))
        services = [{k: line[k] for k in ("code", "name", "quantity", "government_amount", "service_amount",
                                          "discount_amount", "surcharge_amount", "tax_amount", "total")}
                    for line in self.quote["lines"]]
        guarantee = self.rng.choice(words.GUARANTEES) if terms.guarantee_required else None
        row = dict.fromkeys(_TABLES["contracts"])
        row.update(id=self.book.next_contract, deal_id=self.id, quote_id=self.quote["id"],
                   client_party=self.client["name"], company_party=self.book.company["name"],
                   services=json.dumps(services, ensure_ascii=False), total=total,
                   penalty=settings.pricing.contracts.penalty, created_by=self.owner, created_at=created,
                   credit_rating=self.client["credit_rating"], prepayment=terms.prepayment, guarantee=guarantee)
        self.contract = {"id": row["id"], "schedule": [list(s) for s in schedule], "paid": [], "row": row}
        self.book.next_contract += 1
        self.book.contracts.append(row)  # numbered and written by the book's flush

    def _sign(self, at: str) -> None:
        signed = self.contract["row"]["signed_on"] = at[:10]
        for item in self.contract["schedule"]:  # nothing falls due before signing
            item[0] = max(item[0], signed)

    def _file(self, at: str) -> None:
        row = self.contract["row"]
        row["filed_finance_on"] = at[:10]
        if "finance_only" not in self.flags:
            row["filed_legal_on"] = at[:10]

    def _to_payment(self, at: str) -> None:
        self._move(at, "payment")

    def _pay(self, at: str) -> None:
        first = self.contract["schedule"][0][1]
        amount = first if "partial" not in self.flags else max(1, first * self.rng.randint(3, 6) // 10)
        self._payment(at, amount)

    def _payment(self, at: str, amount: int) -> None:
        self.add("payments", self.contract["id"], amount, at[:10], self.team["finance"], at, None)
        self.contract["paid"].append((amount, at[:10]))

    def _instalments(self) -> None:
        """The schedule with each payment filling the earliest unpaid instalments, as
        ``contracts.record_payment`` fills them."""
        schedule = self.contract["schedule"]
        paid, paid_on = [0] * len(schedule), [None] * len(schedule)
        for amount, on in self.contract["paid"]:
            for index, (_, due) in enumerate(schedule):
                take = min(amount, due - paid[index])
                if take > 0:
                    paid[index], paid_on[index], amount = paid[index] + take, on, amount - take
                if not amount:
                    break
        for index, (due_on, amount) in enumerate(schedule):
            self.add("instalments", self.contract["id"], index + 1, due_on, amount, paid[index], paid_on[index])

    # -- processing and delivery ----------------------------------------------------------
    def _handover(self, at: str) -> None:
        self._move(at, "processing")
        self.steps = [(code, n, text) for code in self.plan.codes
                      for n, text in enumerate(self.book.catalogue[code].steps, start=1)]
        expected = dt.date.fromisoformat(at[:10]) + dt.timedelta(days=self.plan.longest)
        self.handover = {"deal_id": self.id, "operator_id": self.team["operations"], "handed_by": self.owner,
                         "at": at, "expected_on": expected.isoformat(), "outcome": None, "outcome_on": None}
        if "steps" in self.flags:
            done = self.rng.randint(min(2, len(self.steps) - 1), len(self.steps) - 1)
            self._steps(self.moment.back, self.plan.tail, done=max(done, 1))
        if "delayed" in self.flags:
            days = self.plan.tail - self.plan.longest + self.rng.randint(5, 15)
            when = self.moment.back - self.rng.randint(1, self.plan.tail - 1)
            self.add("delays", self.id, self.rng.choice(words.DELAY_CAUSES), days, 1, self.team["operations"],
                     f"{self.day(when)} 15:{self.rng.randint(0, 59):02d}:00")
            self.handover["expected_on"] = (expected + dt.timedelta(days=days)).isoformat()

    def _steps(self, start: int, span: int, done: int) -> None:
        """The first ``done`` steps done (or skipped) over ``span`` days after the hand-over
        (``start`` days back), one in progress, the rest pending."""
        days = sorted((self.rng.randint(0, max(0, span - 1)) for _ in range(done)))
        for index, (code, position, text) in enumerate(self.steps):
            status, on, reason = "pending", None, None
            if index < done:
                status, on = "done", self.day(max(start - days[index], 1))
                if index == 0 and "skip" in self.flags:
                    status, reason = "skipped", self.rng.choice(words.SKIP_REASONS)
            elif index == done:
                status, on = "in_progress", self.day(max(start - days[-1] if days else start, 1))
            self.add("processing_steps", self.id, code, position, text, status, on, reason)

    def _outcome(self, at: str) -> None:
        handed = self.plan.backs[self.plan.story.phases.index("handover")]
        self._steps(handed, max(1, handed - self.moment.back), done=len(self.steps))
        self.handover.update(outcome="approved", outcome_on=at[:10])

    def _deliver(self, at: str) -> None:
        issued = dt.date.fromisoformat(self.handover["outcome_on"])
        settings = self.book.desk.settings
        for code in self.plan.codes:
            months = self.book.catalogue[code].validity_months
            expires = delivery.expiry_from_validity(issued, months)
            number = f"{code.split('-')[0][:3]}{issued:%Y}{self.id:07d}"
            self.add("certificates", self.id, self.client["id"], code, number, issued.isoformat(),
                     expires.isoformat() if expires else None, self.rng.choice(words.USAGE_NOTES),
                     self.team["operations"], at)
        self._move(at, "delivered", user=self.team["operations"])
        self.visits = [[(dt.date.fromisoformat(at[:10]) + dt.timedelta(days=d)).isoformat(), None, None, None, None]
                       for d in settings.pricing.aftersales.visit_offsets_days]
        if "balance" in self.flags:
            rest = sum(a for _, a in self.contract["schedule"]) - sum(a for a, _ in self.contract["paid"])
            if rest:
                self._payment(self.moment.later(), rest)

    def _visit1(self, at: str) -> None:
        self._visit(0, at)
        self._move(at, "aftersales")

    def _visit2(self, at: str) -> None:
        self._visit(1, at)

    def _visit(self, index: int, at: str) -> None:
        self.visits[index][1:] = [at[:10], self.owner, self.rng.randint(3, 5), self.rng.choice(words.VISIT_REMARKS)]
