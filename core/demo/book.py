"""The demo deals' rows, kept table by table (``TABLES``, in the columns each is written with) and
inserted in one statement per table at the end: the quotes' shared JSON encoded once, the
contracts numbered in the order they were drawn up.
"""

from __future__ import annotations

import json

from zizhi.core.demo.days import Calendar
from zizhi.core.demo.plans import Needs
from zizhi.core.demo.team import Team
from zizhi.core.pipeline.pricing import FIGURES
from zizhi.core.pipeline.quotes import _catalogue_entry, _pricing
from zizhi.core.receivables.schema import replay_unallocated

TABLES = {
    "deals": ("id", "client_id", "owner_id", "title", "stage", "value", "expected_close", "channel", "blocked",
              "end_reason", "competitor", "stage_since", "created_at", "updated_at"),
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
    "payments": ("client_id", "contract_id", "amount", "paid_on", "user_id", "at", "note"),
    "handovers": ("deal_id", "operator_id", "handed_by", "at", "expected_on", "outcome", "outcome_on",
                  "outcome_reason"),
    "processing_steps": ("deal_id", "code", "position", "step", "status", "on_date", "reason"),
    "delays": ("deal_id", "cause", "days", "client_told", "user_id", "at"),
    "certificates": ("deal_id", "client_id", "code", "number", "issued_on", "expires_on", "usage_notes",
                     "delivered_by", "delivered_at"),
    "visits": ("deal_id", "client_id", "due_on", "done_on", "user_id", "satisfaction", "remarks"),
}


class Book:
    """The rows of every deal, written table by table at the end (``flush``)."""

    def __init__(self, conn, desk, team: Team, day: Calendar) -> None:
        self.conn, self.desk, self.team, self.day = conn, desk, team, day
        self.rows = {table: [] for table in TABLES}
        self.next_deal = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM deals").fetchone()[0]
        self.next_quote = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM quotes").fetchone()[0]
        self.next_contract = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contracts").fetchone()[0]
        settings = desk.settings
        self.catalogue = {q.code: q for q in settings.catalogue.qualification}
        self.needs = Needs(self.catalogue)
        self.pricing = _pricing(desk)
        self.entries = {q.code: _catalogue_entry(desk, q.code) for q in settings.catalogue.qualification}
        self.company = settings.general.company.model_dump()
        self.sales_limit = getattr(settings.pricing.discount_limits, "sales", 0)
        self.encoded: dict[tuple, list[str]] = {}
        self.contracts: list[dict] = []

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
        for table, columns in TABLES.items():
            if self.rows[table]:
                self.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    self.rows[table])
        replay_unallocated(self.conn)
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
