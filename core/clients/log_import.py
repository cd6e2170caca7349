"""Importing a communication log — contacts kept in a spreadsheet before Zizhi, or another desk's
export — all of it or none (the run itself: :mod:`core.exchange.importer`).

Each row names its client by credit code, else by name, written any way the clients' import
matches (:mod:`core.clients.named`), and meets the rules of logging one contact by hand (:func:`interactions.clean`: a known
channel in English or Chinese, a summary, a moment that has happened, a next step with its date).
It is recorded as logged by the person importing — a row saying someone else logged it is
refused, since who acted is known, not claimed. An entry already in the log (same client,
moment, channel and summary) is left, so importing the same file twice changes nothing. Each
client's follow-up is worked out again once, at the end.
"""

from __future__ import annotations

from typing import Callable

from zizhi.core import access
from zizhi.core.clients import interactions, named
from zizhi.core.errors import UserError, ZizhiError
from zizhi.core.exchange import importer
from zizhi.core.exchange.columns import Columns
from zizhi.core.exchange.source import Table

LOG_HEADERS: dict[str, tuple[str, ...]] = {
    "client": ("客户", "客户名称", "公司名称", "名称", "company", "name"),
    "credit_code": ("统一社会信用代码", "信用代码", "credit code"),
    "at": ("时间", "日期", "联系时间", "沟通时间", "date", "when"),
    "channel": ("方式", "渠道", "联系方式", "沟通方式"),
    "summary": ("摘要", "内容", "沟通内容"),
    "details": ("详情", "详细"),
    "next_step": ("下一步", "下一步计划", "next step", "next"),
    "next_date": ("下次跟进日期", "跟进日期", "下次联系日期", "next date"),
    "logged_by": ("记录人", "logged by"),
}


def import_interactions(desk, table: Table, *, given: list[str] = (), dry_run: bool = False,
                        skip_invalid: bool = False, progress: Callable[[int], None] | None = None) -> dict:
    """Import ``table``'s rows into the communication log; returns the report."""
    columns = Columns(LOG_HEADERS, {}, list(given))
    return importer.run(desk, table, columns, _Log(), dry_run=dry_run, skip_invalid=skip_invalid, progress=progress)


class _Log:
    action, entity = "log.import", "interaction"

    def begin(self, desk, db, report: dict) -> None:
        self.desk, self.db, self.touched = desk, db, set()

    def take(self, fields: dict[str, str], writing: bool) -> str:
        client = self._client(fields)
        logged_by = fields.pop("logged_by", None)
        if logged_by and logged_by.strip() != self.desk.user["login"]:
            raise UserError("exchange.logged_by_other", value=logged_by, login=self.desk.user["login"],
                            header=self.header_of.get("logged_by", "logged_by"))
        values = interactions.clean({key: fields.get(key) for key in interactions.EDITABLE})
        if self.db.execute("""SELECT 1 FROM interactions WHERE client_id = ? AND at = ? AND channel = ?
                              AND summary = ?""", [client["id"], values["at"], values["channel"],
                                                   values["summary"]]).fetchone():
            return "unchanged"
        if writing:
            interactions.insert(self.db, self.desk, client["id"], values)
            self.touched.add(client["id"])
        return "created"

    def problems(self, fields: dict[str, str], refused: ZizhiError) -> list[tuple[str | None, ZizhiError]]:
        if refused.key in ("client.not_found", "client.archived", "access.cannot_log"):
            return [(named.column(fields), refused)]
        if refused.key == "exchange.logged_by_other":
            return [("logged_by", refused)]
        found = []
        for key in interactions.EDITABLE:
            if key in fields:
                try:
                    interactions.clean({"channel": "phone", "summary": "-", **{key: fields[key]}})
                except ZizhiError as exc:
                    found.append((key, exc))
        return found or [(refused.params.get("field", "").replace("-", "_") or None, refused)]

    def finish(self) -> dict:
        for client_id in sorted(self.touched):
            interactions.refresh_follow_up(self.db, client_id)
        return {"clients": len(self.touched)}

    def _client(self, fields: dict[str, str]) -> dict:
        client = named.find(self.desk, self.db, fields)
        if client["archived_at"]:
            raise UserError("client.archived", client=client["name"], id=client["id"])
        access.require_log(self.desk.user, client)
        return client
