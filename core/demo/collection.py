"""The demo's money, acted out through the core's own operations: each debt story of
:mod:`.debts` becomes the payments, reminders, calls, letters, promises, invoices, reversals and
write-offs that happened to it, and finance marks last month reconciled.

Every step is the operation a person would run — ``ledger.record_payment``,
``dunning.log_action``, ``invoices.issue_invoice`` … — as the team member who would run it
(the demo's admin acting as them, as ``--as`` does), on the day it happened: the clock is set
to that day (:func:`zizhi.core.clock.travel`), so dates, stamps and the audit trail read as if
it had been done then, and the rules that refuse a wrong step refuse a wrong demo too. The
steps of all stories run in the order of their days, the month's mark among them. Dates are
counted in working days from the demo's today, on the ladder the configuration gives
(:mod:`zizhi.core.receivables.ladder`), so each debt stands where its story says on that day.
"""

from __future__ import annotations

import datetime as dt
import heapq
from typing import Callable

from zizhi.core import clock
from zizhi.core.demo.debts import Debt
from zizhi.core.desk import Desk
from zizhi.core.money import share
from zizhi.core.pipeline import terminations
from zizhi.core.receivables import dunning, invoices, ledger, reconciliation, standing
from zizhi.core.workdays import days as workdays

_MILD = ("friendly_reminder", "reminder", "call", "letter", "visit", "escalation")
_OUTCOMES = {"friendly_reminder": "reached", "reminder": "no_answer", "call": "reached", "letter": "reached",
             "visit": "refused", "escalation": "disputed"}
_NOTES = {"friendly_reminder": "短信提醒尾款即将到期", "reminder": "电话未接通，已发短信", "call": "财务称资金周转紧张，月底前安排",
          "letter": "已寄送催款函（EMS）", "visit": "上门拜访，负责人不在，前台拒收", "escalation": "客户对尾款有异议，升级至经理"}
_BANK = ("0571-87654321 杭州市西湖区文三路 90 号", "中国工商银行杭州文三路支行", "1202 0212 0900 1234 567")


class Script:
    """Steps of the demo's story, each on its day as someone of the team, run in the order of days."""

    def __init__(self, desk) -> None:
        self.desk, self.steps, self.planned = desk, [], 0
        logins = dict(desk.store.conn.execute("SELECT id, login FROM users").fetchall())
        self.roles = dict(desk.store.conn.execute(
            "SELECT role, login FROM users WHERE role IN ('finance', 'manager') AND active ORDER BY id DESC").fetchall())
        self.logins, self._desks = logins, {}
        self.ladder = standing.ladder(desk)
        self.today = clock.today()
        self.counts = dict.fromkeys(("payments", "reversals", "invoices", "red_letters", "dunning_actions",
                                     "promises", "write_offs", "reconciled_months"), 0)

    def on(self, day: str, who: str | None, step: Callable, count: str) -> None:
        """Plan ``step`` for ``day`` (a step may plan a later one: a payment, then its invoice's red letter)."""
        self.planned += 1
        heapq.heappush(self.steps, (day, self.planned, who, step, count))

    def run(self) -> dict:
        """Every step, oldest day first; one acting desk per person, on the demo's database."""
        while self.steps:
            day, order, who, step, count = heapq.heappop(self.steps)
            minute = order % 420
            with clock.travel(f"{day} {9 + minute // 60:02d}:{minute % 60:02d}:00"):
                step(self._as(who))
            self.counts[count] += 1
        return self.counts

    def _as(self, login: str | None) -> Desk:
        """The demo's admin acting as ``login`` (the admin itself for None), as ``--as`` makes it."""
        if login is None:
            return self.desk
        if login not in self._desks:
            store, admin = self.desk.store, self.desk.user
            other = store.one("SELECT * FROM users WHERE login = ?", [login])
            acting = Desk(store, {**other, "acting_admin_id": admin["id"], "acting_admin": admin["login"]},
                          settings=self.desk.settings)
            store.on_begin = self.desk._still_on_duty  # the acting desks join the fill's transaction
            self._desks[login] = acting
        return self._desks[login]

    # -- the steps ---------------------------------------------------------------------------
    def rung_day(self, debt: Debt, action: str) -> str:
        return next(r.on for r in self.ladder.rungs(debt.due_on) if r.action == action)

    def after(self, day: str, count: int) -> str:
        """``count`` working days after ``day``, never later than today."""
        later = workdays.add_workdays(self.desk.store, day, count)
        return min(later, self.today).isoformat()

    def log(self, debt: Debt, action: str, day: str | None = None, promise: tuple[str, int] | None = None,
            outcome: str | None = None) -> None:
        day = day or self.rung_day(debt, action)
        who = self.roles.get("manager") if action == "escalation" else self.logins[debt.client["owner_id"]]
        self.on(day, who, lambda desk: dunning.log_action(
            desk, debt.ref, action, outcome or ("promised" if promise else _OUTCOMES[action]),
            promise_on=promise and promise[0], promise_amount=promise and promise[1],
            note=_NOTES[action] if not promise else "客户承诺按期付款", on=day), "dunning_actions")
        if promise:
            self.counts["promises"] += 1

    def ladder_up_to(self, debt: Debt, last: str) -> None:
        """Each step of the ladder answered on its day, up to and including ``last``."""
        for action in _MILD[:_MILD.index(last) + 1]:
            self.log(debt, action)

    def pay(self, debt: Debt, day: str, amount: int, reference: str, then: Callable | None = None) -> None:
        def step(desk) -> None:
            payment = ledger.record_payment(desk, debt.client["id"], amount, paid_on=day, reference=reference,
                                            contract_ref=debt.contract_id)
            if then:
                then(desk, payment)
        self.on(day, self.roles.get("finance"), step, "payments")


def act_out(desk, debts: list[Debt], mark: bool = True) -> dict:
    """Each debt's story through the operations, then (unless ``mark`` is False: the caller does
    it, with :func:`mark_last_month`) last month marked reconciled; the counts."""
    script = Script(desk)
    for debt in debts:
        STORIES[debt.story](script, debt)
    if mark:
        _mark_last_month(script)
    return script.run()


def mark_last_month(desk) -> dict:
    """Last month marked reconciled, after whatever else the demo entered in it."""
    script = Script(desk)
    _mark_last_month(script)
    return {"reconciled_months": script.run()["reconciled_months"]}


# -- the stories, each told in the steps a person would take ---------------------------------------
def _due_soon(script: Script, debt: Debt) -> None:
    """Nothing yet: the friendly reminder before the due date is today's to send."""


def _ladder(action: str) -> Callable[[Script, Debt], None]:
    """Answered up to the step below ``action``, whose day has come: it is due today."""
    def tell(script: Script, debt: Debt) -> None:
        below = _MILD[_MILD.index(action) - 1]
        script.ladder_up_to(debt, below)
    return tell


def _partial(script: Script, debt: Debt) -> None:
    script.ladder_up_to(debt, "reminder")
    day = script.after(script.rung_day(debt, "reminder"), 2)
    script.pay(debt, day, share(debt.amount, 4_000), f"DEMO-{debt.contract_id}-P1")


def _promise_kept(script: Script, debt: Debt) -> None:
    script.ladder_up_to(debt, "reminder")
    call = script.rung_day(debt, "call")
    half = share(debt.amount, 5_000)
    script.log(debt, "call", promise=(script.after(call, 3), half))
    script.pay(debt, script.after(call, 2), half, f"DEMO-{debt.contract_id}-K1")


def _promise_broken(script: Script, debt: Debt) -> None:
    script.ladder_up_to(debt, "reminder")
    call = script.rung_day(debt, "call")
    script.log(debt, "call", promise=(script.after(call, 3), debt.amount))


def _reversed(script: Script, debt: Debt) -> None:
    script.log(debt, "friendly_reminder")
    paid_on = script.after(debt.due_on, 1)
    returned = script.after(debt.due_on, 3)

    def invoiced(desk, payment) -> None:
        invoice = invoices.issue_invoice(desk, debt.client["id"], payments=[payment["id"]], on_date=paid_on)
        script.on(returned, script.roles.get("finance"), lambda d: _undo(d, invoice, payment, returned), "reversals")
        script.counts["red_letters"] += 1
        script.counts["invoices"] += 1

    script.pay(debt, paid_on, debt.amount, f"DEMO-{debt.contract_id}-R1", then=invoiced)


def _undo(desk, invoice: dict, payment: dict, day: str) -> None:
    """The bank returned the payment: the invoice is red-lettered, then the payment reversed."""
    invoices.red_letter(desk, invoice["id"], "付款被银行退回，开具红字发票", on_date=day)
    ledger.reverse_payment(desk, payment["id"], "银行退票：账户信息有误", on_date=day)


def _overpaid(script: Script, debt: Debt) -> None:
    script.log(debt, "friendly_reminder")
    day = script.after(debt.due_on, 1)

    def invoiced(desk, payment) -> None:
        invoices.issue_invoice(desk, debt.client["id"], payments=[payment["id"]], on_date=day)
        script.counts["invoices"] += 1

    script.pay(debt, day, debt.amount + 50_000, f"DEMO-{debt.contract_id}-O1", then=invoiced)


def _paid(script: Script, debt: Debt) -> None:
    script.log(debt, "friendly_reminder")
    day = debt.due_on
    address_phone, bank, account = _BANK

    def invoiced(desk, payment) -> None:
        invoices.issue_invoice(desk, debt.client["id"], payments=[payment["id"]], kind="special", on_date=day,
                               address_phone=address_phone, bank=bank, bank_account=account)
        script.counts["invoices"] += 1

    script.pay(debt, day, debt.amount, f"DEMO-{debt.contract_id}-S1", then=invoiced)


def _written_off(script: Script, debt: Debt) -> None:
    script.ladder_up_to(debt, "escalation")
    day = script.after(script.rung_day(debt, "escalation"), 5)
    script.on(day, script.roles.get("manager"), lambda desk: terminations.terminate(
        desk, debt.contract_id, "客户已注销，经催收无果，尾款核销", write_off=True), "write_offs")


def _mark_last_month(script: Script) -> None:
    """Finance marks last month reconciled on the first day of this one (once: a demo added to a
    database that has its mark leaves it)."""
    first = script.today.replace(day=1)
    period = (first - dt.timedelta(days=1)).isoformat()[:7]
    if script.desk.store.scalar("SELECT count(*) FROM reconciled_periods WHERE period = ?", [period]):
        return
    script.on(first.isoformat(), script.roles.get("finance"),
              lambda desk: reconciliation.mark_reconciled(desk, period), "reconciled_months")


STORIES: dict[str, Callable[[Script, Debt], None]] = {
    "due_soon": _due_soon, "reminder": _ladder("reminder"), "call": _ladder("call"), "letter": _ladder("letter"),
    "visit": _ladder("visit"), "escalation": _ladder("escalation"), "partial": _partial,
    "promise_kept": _promise_kept, "promise_broken": _promise_broken, "reversed": _reversed,
    "overpaid": _overpaid, "paid": _paid, "written_off": _written_off,
}
