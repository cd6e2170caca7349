"""One demo deal written phase by phase (``Deal``), each phase's rows as the operations of that
phase would have written them, with the core's own pure rules: ``pricing.price_lines`` and
``approval_reasons``, ``schedules.default_schedule``, ``delivery.expiry_from_validity``.
"""

from __future__ import annotations

import datetime as dt
import json

from zizhi.core.demo import words
from zizhi.core.demo.book import TABLES, Book
from zizhi.core.demo.days import Moment
from zizhi.core.demo.plans import Plan
from zizhi.core.pipeline import delivery, schedules
from zizhi.core.pipeline.pricing import FIGURES, approval_reasons, price_lines
from zizhi.core.workdays import days as workdays


class Deal:
    """One deal written phase by phase, as the operations of each phase would have written it."""

    def __init__(self, book: Book, plan: Plan, client: dict) -> None:
        self.book, self.plan, self.client, self.rng = book, plan, client, plan.rng
        self.add = lambda table, *values: book.rows[table].append(values)
        self.team, self.owner = book.team.ids, client["owner_id"]
        self.id = book.next_deal
        book.next_deal += 1
        self.moment, self.day = Moment(self.rng, book.day), book.day
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
            self.add("handovers", *(self.handover[c] for c in TABLES["handovers"]))
        for visit in self.visits:
            self.add("visits", self.id, self.client["id"], *visit)
        open_ = self.stage not in ("lost", "cancelled", "processing", "delivered", "aftersales")
        close = self.day(-self.rng.randint(5, 40)) if open_ else None
        title = " + ".join(self.book.entries[c]["name_zh"] for c in self.plan.codes)
        self.add("deals", self.id, self.client["id"], self.owner, title, self.stage, self.value, close,
                 self.client["channel"], self.blocked, self.end_reason, self._competitor(), self.since, self.created,
                 self.moment.later())
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

    def _competitor(self) -> str | None:
        """The agency a deal lost on price went to, by the deal's number (no draw: the rest of the
        demo stays as it was), spelled now and then as a salesperson types it in a hurry."""
        if self.stage != "lost" or self.end_reason != words.LOST_REASONS[0]:
            return None
        return words.COMPETITORS[self.id % len(words.COMPETITORS)]

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
            self.add("quote_lines", quote["id"], position, *(line[k] for k in TABLES["quote_lines"][2:]))
        quote["written"] = True

    # -- contract and payments --------------------------------------------------------------
    def _contract(self, at: str) -> None:
        self._move(at, "contract")
        created = self.moment.later()
        settings = self.book.desk.settings
        terms = settings.pricing.credit_policy.get(self.client["credit_rating"])
        total = self.quote["totals"]["total"]
        signing = dt.date.fromisoformat(created[:10])
        store = self.book.desk.store
        schedule = schedules.default_schedule(total, terms.prepayment, signing,
                                              workdays.add_workdays(store, signing, self.plan.longest))
        if settings.pricing.receivables.move_due_dates_to_workdays:
            schedule = schedules.on_workdays(store, schedule)
        if self.plan.story.due is not None:  # a debt story: the balance falls due on a chosen working day
            schedule = [*schedule[:-1], (self.book.day.workdays(store, self.plan.story.due), schedule[-1][1])]
        services = [{k: line[k] for k in ("code", "name", "quantity", "government_amount", "service_amount",
                                          "discount_amount", "surcharge_amount", "tax_amount", "total")}
                    for line in self.quote["lines"]]
        guarantee = self.rng.choice(words.GUARANTEES) if terms.guarantee_required else None
        row = dict.fromkeys(TABLES["contracts"])
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
        self.add("payments", self.client["id"], self.contract["id"], amount, at[:10], self.team["finance"], at, None)
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
        store = self.book.desk.store
        expected = workdays.add_workdays(store, at[:10], self.plan.longest)
        self.handover = {"deal_id": self.id, "operator_id": self.team["operations"], "handed_by": self.owner,
                         "at": at, "expected_on": expected.isoformat(), "outcome": None, "outcome_on": None,
                         "outcome_reason": None}
        if "steps" in self.flags:
            done = self.rng.randint(min(2, len(self.steps) - 1), len(self.steps) - 1)
            self._steps(self.moment.back, self.plan.tail, done=max(done, 1))
        if "delayed" in self.flags:
            days = self.plan.tail - self.plan.longest + self.rng.randint(5, 15)
            when = self.moment.back - self.rng.randint(1, self.plan.tail - 1)
            self.add("delays", self.id, self.rng.choice(words.DELAY_CAUSES), days, 1, self.team["operations"],
                     f"{self.day(when)} 15:{self.rng.randint(0, 59):02d}:00")
            self.handover["expected_on"] = workdays.add_workdays(store, expected, days).isoformat()

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

    def _refuse(self, at: str) -> None:
        """The authority turns the application down: every step done, the deal stays in processing
        with the refusal and its reason, for the team to decide what next."""
        handed = self.plan.backs[self.plan.story.phases.index("handover")]
        self._steps(handed, max(1, handed - self.moment.back), done=len(self.steps))
        self.handover.update(outcome="rejected", outcome_on=at[:10], outcome_reason=self.rng.choice(words.REFUSALS))

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
        self.visits[index][1:] = [at[:10], self.owner, self.rng.choice(words.SCORES), self.rng.choice(words.VISIT_REMARKS)]
