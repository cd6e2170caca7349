"""Importing deals — the pipeline kept in a spreadsheet before Zizhi, or the opportunities a trade
show brought — all of it or none (the run itself: :mod:`core.exchange.importer`).

Each row names its client (by credit code, else by name: :mod:`core.clients.named`) and the
qualifications it needs — catalogue codes, ``CODE*2`` for two, separated by ``;``, ``,`` or
``、`` — and is opened by the rules of ``zizhi deal new`` (:func:`deals.plan_deal`,
:func:`deals.insert_deal`): who may open a deal and for whom, the value, the owner (the importing
salesperson unless named), the channel. A stage (阶段, in English or Chinese) beyond inquiry is
reached the one way a deal moves on, :func:`deals.check_move` then :func:`deals.advance` — every
gate on the way — so a row asking for a stage its deal has not earned is refused with what the
gate finds missing, as ``zizhi deal move`` would be.

A row is the open deal already on file for the same client, with the same title and the same
qualifications (codes and quantities): that deal is left as it is, or moved on through the gates
when the row puts it at a later stage (never back). So importing the same file twice changes
nothing. Each row is checked and written in a savepoint of its own, so a row refused half-way
(its deal opened, a gate not met) leaves nothing behind, with ``--skip-invalid`` too.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from zizhi.core import access, vocab
from zizhi.core.clients import named
from zizhi.core.errors import UserError, ZizhiError
from zizhi.core.exchange import importer
from zizhi.core.exchange.columns import SKIP, Columns
from zizhi.core.exchange.source import Table
from zizhi.core.i18n import t
from zizhi.core.pipeline import deals, stages
from zizhi.core.pipeline.gates import GateRefused

DEAL_HEADERS: dict[str, tuple[str, ...]] = {
    "client": ("客户", "客户名称", "公司名称", "名称", "company", "name"),
    "credit_code": ("统一社会信用代码", "信用代码", "credit code"),
    "qualifications": ("资质", "资质代码", "办理资质", "qualification", "codes"),
    "title": ("商机名称", "商机", "标题"),
    "value": ("金额（元）", "金额", "预计金额", "商机金额", "amount"),
    "owner": ("负责人", "销售", "业务员"),
    "stage": ("阶段", "商机阶段"),
    "expected_close": ("预计成交日期", "预计签约日期", "expected close"),
    "channel": ("渠道", "来源渠道", "来源", "source"),
    "probability": ("成交概率", "概率"),
    "end_reason": ("结束原因", "丢单原因", "取消原因", "原因", "reason"),
    "competitor": ("竞争对手", "输给", "竞争者"),
}
# what `zizhi export deals` writes that a deal opened by an import takes anew (its number, when it
# entered its stage, when it was made): read, and left, so an export imports back without --map
EXPORTED_ONLY = {header: SKIP for header in ("deal", "商机编号", "stage_since", "进入阶段时间", "created_at", "创建时间")}
_CODES = re.compile(r"[;,、，；\s]+")
_CLIENT = ("client.not_found", "client.archived", "client.ambiguous", "access.cannot_log")
_ABOUT = {"deal.reason_required": "end_reason", "deal.competitor_only_lost": "competitor", "deal.unknown_qualification": "qualifications", "deal.no_qualification": "qualifications",
          "quote.quantity_range": "qualifications", "people.unknown_owner": "owner",
          "people.owner_not_sales": "owner", "people.owner_off_duty": "owner", "access.cannot_assign": "owner",
          "deal.cannot_change": "stage", "deal.blocked": "stage", "deal.backwards_managers_only": "stage"}


def import_deals(desk, table: Table, *, given: list[str] = (), dry_run: bool = False, skip_invalid: bool = False,
                 progress: Callable[[int], None] | None = None) -> dict:
    """Import ``table``'s rows as deals; returns the report (counts, and ``errors``: every bad row)."""
    columns = Columns(DEAL_HEADERS, EXPORTED_ONLY, list(given))
    return importer.run(desk, table, columns, _Deals(), dry_run=dry_run, skip_invalid=skip_invalid, progress=progress)


def codes(text: str | None) -> list[str]:
    """A cell of qualifications — ``TRADE-RIGHTS; CUSTOMS-REG*2``, ``、`` or ``,`` between them,
    full-width or not — as the codes ``deal new -q`` takes."""
    folded = re.sub(r"\s*\*\s*", "*", unicodedata.normalize("NFKC", text or ""))
    return [code for code in _CODES.split(folded) if code]


class _Checked(Exception):
    """A row checked in its savepoint and not to be kept (a bad row came before it)."""


class _Deals:
    action, entity = "deal.import", "deal"

    def begin(self, desk, db, report: dict) -> None:
        access.require_open_deal(desk.user)
        self.desk, self.db = desk, db

    def take(self, fields: dict[str, str], writing: bool) -> str:
        client = named.find(self.desk, self.db, fields)
        if client["archived_at"]:
            raise UserError("client.archived", client=client["name"], id=client["id"])
        target = vocab.choose("stage", fields.get("stage"), "stage") or "inquiry"
        planned = deals.plan_deal(self.desk, str(client["id"]), codes(fields.get("qualifications")),
                                  (fields.get("title") or "").strip() or None, fields.get("value"), fields.get("expected_close"),
                                  fields.get("owner"), fields.get("channel"), fields.get("probability"))
        if target in stages.ENDINGS:
            return self._ended(planned, target, fields.get("end_reason"), fields.get("competitor"), writing)
        found = self._on_file(planned)
        if found is not None:
            deal = deals.resolve_deal(self.desk, found)
            if deal["stage"] == target or stages.is_backwards(deal["stage"], target):
                return "unchanged"
            self._in_savepoint(writing, lambda: self._move(deal, target))
            return "updated"
        self._in_savepoint(writing, lambda: self._open(planned, target))
        return "created"

    def problems(self, fields: dict[str, str], refused: ZizhiError) -> list[tuple[str | None, ZizhiError]]:
        """The refusal and the column it is about (a gate's: 阶段)."""
        if refused.key in _CLIENT:
            return [(named.column(fields), refused)]
        if isinstance(refused, GateRefused):
            return [("stage", refused)]
        field = _ABOUT.get(refused.key) or str(refused.params.get("field") or "").replace("-", "_") or None
        return [(field, refused)]

    def finish(self) -> dict:
        return {}

    def _open(self, planned: dict, target: str) -> None:
        deal_id = deals.insert_deal(self.db, self.desk, planned)
        if target == "inquiry":
            return
        deal = deals.resolve_deal(self.desk, deal_id)
        try:
            self._move(deal, target)
        except GateRefused as exc:  # the deal it names is not there once the row is refused: say "(new)"
            raise GateRefused(exc.key, **{**exc.params, "deal": t("exchange.deal_new"),
                                          "how": t("exchange.deal_gate_how")}) from None

    def _ended(self, planned: dict, ending: str, reason: str | None, competitor: str | None, writing: bool) -> str:
        """A deal lost or cancelled (an export's ended deal, a spreadsheet's lost one): one on file,
        open or ended, is this row; an open one is ended as `deal lose`/`cancel` ends it, with the
        row's reason; one not on file is opened and ended so. An ended deal is never reopened."""
        found = self._on_file(planned, ended=True)
        if found is not None:
            deal = deals.resolve_deal(self.desk, found)
            if deal["stage"] in stages.ENDINGS:
                return "unchanged"
            self._in_savepoint(writing, lambda: deals.end_within(self.db, self.desk, deal, ending, reason, competitor))
            return "updated"

        def open_and_end() -> None:
            deal = deals.resolve_deal(self.desk, deals.insert_deal(self.db, self.desk, planned))
            deals.end_within(self.db, self.desk, deal, ending, reason, competitor)
        self._in_savepoint(writing, open_and_end)
        return "created"

    def _move(self, deal: dict, target: str) -> None:
        deals.advance(self.db, self.desk, deal, deals.check_move(self.desk, deal, target))

    def _in_savepoint(self, writing: bool, work: Callable[[], None]) -> None:
        """Do ``work`` in a savepoint: kept when ``writing``, else taken back once checked (every
        gate asks the database about the deal, so the deal is written to be checked)."""
        try:
            with self.desk.store.unit_of_work():  # inside the import's: a savepoint
                work()
                if not writing:
                    raise _Checked
        except _Checked:
            pass

    def _on_file(self, planned: dict, ended: bool = False) -> int | None:
        """The open deal this row is (or, ``ended``, any deal): same client, title and
        qualifications (see the module)."""
        open_only = "" if ended else f"AND {stages.still_open()}"
        for (deal_id,) in self.db.execute(
                f"""SELECT id FROM deals d WHERE client_id = ? AND title = ? {open_only}
                    ORDER BY id""", [planned["client_id"], planned["title"]]).fetchall():
            held = dict(self.db.execute("SELECT code, quantity FROM deal_qualifications WHERE deal_id = ?",
                                        [deal_id]).fetchall())
            if held == planned["quantities"]:
                return deal_id
        return None

