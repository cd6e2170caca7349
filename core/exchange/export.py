"""`zizhi export`: what a person may see, leaving as a file, with its audit row.

Each kind names its query and its columns; the rows are read under the same visibility as the
screens (:func:`core.access.visible`), masked for the roles that do not call clients unless a
manager or admin asks for them whole, written (:mod:`.writing`) and recorded in the audit trail
with the filter and the row count — in one unit of work, so the trail holds exactly what left.
The clients' columns are the import's fields, so an export imports back as it was; in Chinese the
headers and the closed vocabularies (规模 小型, 渠道 展会, 方式 电话) are Chinese, which the import
reads as well. Archived clients — and their log — are left out, as from the lists, unless asked
for. The clients may be filtered as the app's list is: the same search (:func:`search_clients`),
the due follow-ups; then they come in the list's order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Iterator

from zizhi.core import access, audit, masking, percent, validation, vocab
from zizhi.core.errors import InputError, Refused
from zizhi.core.exchange import writing
from zizhi.core.exchange.columns import CLIENT_HEADERS

UNMASKERS = ("manager", "admin")


def export(desk, kind: str, fmt: str | None = None, out: str | None = None, encoding: str | None = None,
           unmasked: bool = False, lang: str | None = None, stdout: IO[bytes] | None = None,
           as_of: str | None = None, archived: bool = False, search: str | None = None, due: bool = False,
           command: str | None = None) -> dict:
    """Write the ``kind`` records the acting user sees to ``out`` (None: standard output).

    ``archived`` takes archived clients (and their log) too; ``search`` and ``due`` keep the
    clients the app's list holds under that search and due filter (``kind`` clients only);
    ``command`` is what the audit row says asked (``export clients``, or the app's)."""
    from zizhi.core.i18n import current_language

    if kind not in KINDS:
        raise InputError("input.not_one_of", field="kind", value=kind, allowed=", ".join(KINDS))
    as_of = validation.date(as_of, "as-of") if as_of else None
    destination = _destination(out, kind)
    fmt = _format(fmt, destination)
    if destination is None and fmt == "xlsx" and _terminal(stdout):
        raise InputError("exchange.workbook_to_terminal", kind=kind)
    encoding = writing.encoding(fmt, encoding)
    language = lang or current_language()
    entity, fields, rows = KINDS[kind]
    search = (search or "").strip() or None
    shown = {"search": search, "due": due, "archived": archived}
    with desk.store.unit_of_work() as db:
        if unmasked and desk.user["role"] not in UNMASKERS:
            raise Refused("exchange.unmasked_refused", role=desk.user["role"])
        mask = masking.needs_mask(desk.user) and not unmasked
        headers = [_header(field, language == "zh") for field in fields]
        words = [VOCABULARIES.get((kind, field)) for field in fields]
        count = writing.write(destination, fmt, headers,
                              _said(_masked(rows(desk, db, as_of=as_of, **shown), fields, mask), words, language),
                              encoding, stdout)
        given = {key: value for key, value in shown.items() if value}
        audit.record(db, desk.user, f"{entity}.export", entity, None, command=command or f"export {kind}",
                     form="file", format=fmt, count=count, file=str(destination) if destination else "-",
                     **({"as_of": as_of} if as_of else {}), **({"filter": given} if given else {}),
                     **({"masked": True} if mask else {}), **({"unmasked": True} if unmasked else {}))
    return {"kind": kind, "file": str(destination) if destination else "-", "format": fmt, "rows": count,
            "masked": mask}


def _destination(out: str | None, kind: str) -> Path | None:
    if out in (None, "-"):
        return None
    path = Path(out).expanduser()
    if path.is_dir():
        raise InputError("exchange.out_is_folder", file=out, example=str(path / f"{kind}.csv"))
    if not path.parent.is_dir():
        raise InputError("exchange.out_folder", file=out)
    return path


_SUFFIXES = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".json": "json"}


def _format(fmt: str | None, destination: Path | None) -> str:
    """The format asked for, else the one the file's name says (客户.xlsx is a workbook), else CSV;
    a name saying another than the one asked for is refused rather than written wrongly."""
    named = _SUFFIXES.get(destination.suffix.lower()) if destination is not None else None
    if fmt is not None and named is not None and fmt != named:
        raise InputError("exchange.format_clash", format=fmt, file=str(destination), named=named)
    if fmt is None and named is None and destination is not None and destination.suffix:  # x.pdf: not a CSV
        raise InputError("exchange.format_unnamed", file=str(destination))
    return fmt or named or "csv"


def _terminal(stdout: IO[bytes] | None) -> bool:
    """Standard output is a person's terminal (a workbook's bytes there are noise, not a file)."""
    import sys

    target = stdout if stdout is not None else sys.stdout
    try:
        return target.isatty()
    except (AttributeError, ValueError):
        return False


def _header(field: str, zh: bool) -> str:
    """A column's header: the field's name, or in Chinese the import's first header for it."""
    if not zh:
        return field
    return (CLIENT_HEADERS.get(field) or OTHER_HEADERS.get(field, (field,)))[0]


def _masked(rows: Iterator[tuple], fields: list[str], mask: bool) -> Iterator[list]:
    masks = [masking.MASKS.get(field) if mask else None for field in fields]
    for row in rows:
        yield [masker(value) if masker and value else value for masker, value in zip(masks, row)]


def _said(rows: Iterator[list], words: list[str | None], language: str) -> Iterator[list]:
    """A closed vocabulary's word as the language writes it (小型 for small, in Chinese)."""
    if language != "zh" or not any(words):
        yield from rows
        return
    for row in rows:
        yield [vocab.said(kind, value, language) if kind and value else value for kind, value in zip(words, row)]


def _clients(desk, db, *, archived: bool = False, search: str | None = None, due: bool = False,
             **_: object) -> Iterator[tuple]:
    where, params = access.visible(desk.user)
    where = [where] if archived else [where, "c.archived_at IS NULL"]
    joined, first, order = "", [], "c.id"
    if search:  # the app's search, not another like it: its matches, in its order
        from zizhi.core.clients.search import search_clients

        found = search_clients(desk, search, limit=1 << 62, include_archived=archived, due=due)
        joined, first, order = "JOIN json_each(?) k ON k.value = c.id", [json.dumps([r["id"] for r in found])], "k.key"
    elif due:  # the due list, in its order
        from zizhi.core.clients import follow_ups, listing

        condition, today = follow_ups.due_condition()
        where.append(condition)
        params = [*params, *today]
        order = ", ".join(f"c.{column}" for column in listing.order(True))
    referrer, seen = access.visible(desk.user, "r")  # a colleague's client is not named: not theirs to see
    return db.execute(
        f"""SELECT c.name, c.credit_code, c.contact, c.phone, c.email, c.address, c.city, c.business_scope,
                   c.industry, c.size, c.needs, c.urgency, c.channel, CASE WHEN {referrer} THEN r.name END,
                   c.credit_rating, u.login,
                   (SELECT group_concat(tag, ', ') FROM (SELECT tag FROM client_tags WHERE client_id = c.id
                                                         ORDER BY tag)), c.notes
            FROM clients c {joined} LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN clients r ON r.id = c.referrer_id
            WHERE {' AND '.join(where)} ORDER BY {order}""", [*seen, *first, *params])


def _interactions(desk, db, *, archived: bool = False, **_: object) -> Iterator[tuple]:
    where, params = access.visible(desk.user)
    archived_too = "" if archived else " AND c.archived_at IS NULL"
    return db.execute(
        f"""SELECT c.name, c.credit_code, i.at, i.channel, i.summary, i.details, i.next_step, i.next_date, u.login
            FROM interactions i JOIN clients c ON c.id = i.client_id JOIN users u ON u.id = i.user_id
            WHERE {where}{archived_too} ORDER BY i.at, i.id""", params)


def _deals(desk, db, *, as_of: str | None = None, **_: object) -> Iterator[tuple]:
    where, params = access.visible_deals(desk.user)
    for row in db.execute(
            f"""SELECT d.id, d.title, c.name, c.credit_code, u.login, d.stage, d.value, d.probability,
                       d.expected_close, d.stage_since,
                       (SELECT group_concat(code || CASE WHEN quantity > 1 THEN '*' || quantity ELSE '' END, '; ')
                        FROM (SELECT code, quantity FROM deal_qualifications q WHERE q.deal_id = d.id ORDER BY code)),
                       d.created_at, d.end_reason, d.competitor
                FROM deals d JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id
                WHERE {where} ORDER BY d.id""", params):
        yield (*row[:6], _yuan(row[6]), None if row[7] is None else percent.text(row[7]), *row[8:])


def _receivables(desk, db, *, as_of: str | None = None, **_: object) -> Iterator[tuple]:
    """The open instalments of the aging report (:func:`core.receivables.aging.open_items`), as of a day."""
    from zizhi.core import clock
    from zizhi.core.receivables.aging import open_items

    day = as_of or clock.today().isoformat()
    for item in sorted(open_items(desk, day), key=lambda item: (item["due_on"], item["contract"], item["position"])):
        overdue = max((_days(day) - _days(item["due_on"])), 0)
        yield (item["contract"], item["position"], item["client"], item["owner"], item["due_on"],
               _yuan(item["owed"]), overdue)


def _yuan(fen: int | None):
    """Money as plain yuan with two decimals (1431.00: a spreadsheet reads it as a number), exact:
    a ``Decimal``, which a CSV and JSON write as its text and a workbook as a number."""
    from zizhi.core.money import to_decimal

    return None if fen is None else to_decimal(fen)


def _days(day: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(day).toordinal()


OTHER_HEADERS: dict[str, tuple[str, ...]] = {
    "client": ("客户",), "at": ("时间",), "next_step": ("下一步",), "next_date": ("下次跟进日期",),
    "details": ("详情",), "summary": ("摘要",), "logged_by": ("记录人",), "deal": ("商机编号",), "title": ("商机名称",),
    "stage": ("阶段",), "value": ("金额（元）",), "probability": ("成交概率",), "expected_close": ("预计成交日期",),
    "stage_since": ("进入阶段时间",), "qualifications": ("资质",), "created_at": ("创建时间",),
    "end_reason": ("结束原因",), "competitor": ("竞争对手",), "contract": ("合同编号",),
    "instalment": ("期次",), "due_on": ("到期日",), "owed": ("欠款（元）",), "days_overdue": ("逾期天数",),
}
# (kind, column) → the closed vocabulary its words come from: written in the user's language, read in both
VOCABULARIES = {("clients", "size"): "size", ("clients", "urgency"): "urgency", ("clients", "channel"): "channel",
                ("interactions", "channel"): "log_channel", ("deals", "stage"): "stage"}
# kind → (its audit entity, its columns, its rows)
KINDS = {
    "clients": ("client", list(CLIENT_HEADERS), _clients),
    "interactions": ("interaction", ["client", "credit_code", "at", "channel", "summary", "details", "next_step",
                                     "next_date", "logged_by"], _interactions),
    "deals": ("deal", ["deal", "title", "client", "credit_code", "owner", "stage", "value", "probability",
                       "expected_close", "stage_since", "qualifications", "created_at", "end_reason",
                       "competitor"], _deals),
    "receivables": ("receivable", ["contract", "instalment", "client", "owner", "due_on", "owed", "days_overdue"],
                    _receivables),
}
