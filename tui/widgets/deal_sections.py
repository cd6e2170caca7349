"""How a deal's records read on its screen: the head, the stage history, the assessments, the
contract and its instalments, processing, certificates and visits.

Plain functions from core dicts to Rich renderables (``Text`` and grids, never markup, so user
text shows as typed). ``None`` means the section's core module is not there yet: it reads "—".
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from zizhi.core import percent
from zizhi.core.i18n import t
from zizhi.core.money import format_fen
from zizhi.tui import labels

MISSING = "—"


def _grid(*widths: int | None) -> Table:
    grid = Table.grid(padding=(0, 2))
    for width in widths:
        grid.add_column(min_width=width, no_wrap=False)
    return grid


def _table(*columns: str, justify: dict[int, str] | None = None) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold dim", expand=False)
    for index, name in enumerate(columns):
        table.add_column(name, justify=(justify or {}).get(index, "left"))  # type: ignore[arg-type]
    return table


def _title(key: str, **params: object) -> Text:
    return Text(t(key, **params), style="bold underline")



def _stage(stage: str | None) -> str:
    return t(f"stage.{stage}") if stage else ""


def _indented(text: Text) -> Padding:
    return Padding(text, (0, 0, 0, 2))


def _label(key: str) -> Text:
    return Text(key, style="dim")


def head(deal: dict) -> Table:
    """Who, what, where it stands and what it is worth, in three lines."""
    grid = Table.grid(padding=(0, 1))
    for _ in range(3):
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    stage = Text(_stage(deal["stage"]) + "  ", style="bold")
    stage.append(t("tui.deal.since", date=(deal["stage_since"] or "")[:10]), style="dim")
    codes = ", ".join(q["code"] + (f"×{q['quantity']}" if q["quantity"] > 1 else "")
                      for q in deal.get("qualifications", []))
    state = Text(MISSING)
    if deal["blocked"]:
        state = Text(t("tui.deal.blocked"), style="bold red")
    elif deal.get("end_reason"):
        state = Text(deal["end_reason"], style="red")
    grid.add_row(labels.column("client"), Text(deal["client"]), labels.column("owner"), Text(deal["owner"] or ""),
                 labels.column("stage"), stage)
    grid.add_row(labels.column("value"), Text(format_fen(deal["value"])), labels.column("probability_used"),
                 Text(percent.text(deal.get("probability_used"), MISSING)), labels.column("expected_close"),
                 Text(deal["expected_close"] or MISSING))
    grid.add_row(t("tui.field.qualifications"), Text(codes), labels.column("channel"),
                 Text(labels.word("channel", deal["channel"]) or MISSING), t("tui.deal.state"), state)
    return grid


def history(deal: dict) -> Group:
    table = _table(t("tui.deal.at"), labels.column("from_stage"), labels.column("to_stage"), t("tui.deal.by"),
                   labels.column("note"))
    for row in deal["history"]:
        table.add_row(Text(row["at"][:16]), Text(_stage(row["from_stage"]) or MISSING, style="dim"),
                      Text(_stage(row["to_stage"]), style="bold"), Text(row["user"]), Text(row["note"] or ""))
    return Group(_title("tui.deal.history"), table)


def assessments(deal: dict) -> Group:
    parts: list[RenderableType] = [_title("tui.deal.assessments")]
    if not deal["assessments"]:
        parts.append(Text(t("tui.deal.no_assessment"), style="dim"))
    for row in deal["assessments"]:
        verdict = row["verdict"]
        line = Text(f"{row['at'][:16]}  {row['user']}  ", style="dim")
        line.append(t(f"tui.verdict.{verdict}"), style="green" if verdict == "reasonable" else "bold red")
        parts.append(line)
        parts.append(_indented(Text(row["findings"])))
        if row["explanation"]:
            parts.append(_indented(Text(f"{t('tui.deal.told')}: {row['explanation']}", style="dim")))
        if row["resolved_at"]:
            parts.append(_indented(Text(f"{t('tui.deal.resolved', at=row['resolved_at'][:10])}: {row['resolution']}",
                                        style="green")))
    return Group(*parts)


def contract(found: dict | None) -> Group:
    if found is None:
        return Group(_title("tui.deal.contract"), Text(t("tui.deal.no_contract_key"), style="dim"))
    grid = _grid(14, None)
    grid.add_row(_label(t("tui.deal.number")), Text(found["number"], style="bold"))
    grid.add_row(_label(t("tui.deal.parties")),
                 Text(f"{found.get('client_party') or ''} / {found.get('company_party') or ''}"))
    grid.add_row(_label(t("tui.deal.total")), Text(format_fen(found["total"]), style="bold"))
    grid.add_row(_label(t("tui.deal.signed")), Text(found.get("signed_on") or t("tui.deal.not_yet")))
    for office in ("finance", "legal"):
        grid.add_row(_label(t(f"tui.deal.filed_{office}")),
                     Text(found.get(f"filed_{office}_on") or t("tui.deal.not_yet")))
    paid = found.get("paid", 0)
    grid.add_row(_label(t("tui.deal.paid")), Text(f"{format_fen(paid)}  {t('tui.deal.outstanding')} "
                                                  f"{format_fen(found.get('outstanding', found['total'] - paid))}"))
    if found.get("guarantee"):
        grid.add_row(_label(t("tui.deal.guarantee")), Text(found["guarantee"]))
    grid.add_row(_label(t("tui.deal.penalty")), Text(found.get("penalty") or MISSING, style="dim"))
    table = _table("#", t("tui.deal.due"), t("tui.deal.amount"), t("tui.deal.paid"), t("tui.deal.paid_on"),
                   justify={2: "right", 3: "right"})
    for row in found.get("instalments", []):
        table.add_row(str(row["position"]), row["due_on"], format_fen(row["amount"]), format_fen(row.get("paid", 0)),
                      row.get("paid_on") or "")
    return Group(_title("tui.deal.contract"), grid, Text(""), _title("tui.deal.instalments"), table)


def processing(progress: dict | None) -> Group:
    if progress is None:
        return Group(_title("tui.deal.processing"), Text(MISSING))
    if not progress.get("handed_over"):
        return Group(_title("tui.deal.processing"), Text(t("tui.deal.not_handed_over_key"), style="dim"))
    grid = _grid(14, None)
    handed_at = (progress.get("handed_over_at") or progress.get("at") or "")[:10]
    grid.add_row(_label(t("tui.deal.operator")), Text(f"{progress.get('operator') or MISSING}  {handed_at}"))
    expected = Text(progress.get("expected_on") or MISSING)
    if progress.get("overdue"):
        expected.append(f"  {t('tui.deal.days_overdue', days=progress.get('days_overdue', 0))}", style="bold red")
    grid.add_row(_label(t("tui.deal.expected")), expected)
    if progress.get("outcome"):
        outcome = Text(t(f"tui.outcome.{progress['outcome']}"), style="bold")
        if progress.get("outcome_reason"):
            outcome.append(f"  {progress['outcome_reason']}")
        grid.add_row(_label(t("tui.deal.outcome")), outcome)
    steps = _table(t("tui.deal.step"), t("tui.deal.status"), t("tui.deal.on"))
    for row in progress.get("steps", []):
        done = row["status"] == "done"
        steps.add_row(Text(f"{row['code']} {row['position']}. {row['step']}"),
                      Text(t(f"tui.step.{row['status']}"), style="green" if done else ""), row.get("on_date") or "")
    parts: list[RenderableType] = [_title("tui.deal.processing"), grid, Text(""), steps]
    if progress.get("delays"):
        delays = _table(t("tui.deal.at"), t("tui.deal.cause"), t("tui.deal.days"), t("tui.deal.client_told"))
        for row in progress["delays"]:
            delays.add_row((row.get("at") or "")[:10], Text(row["cause"]), str(row["days"]),
                           t("tui.yes") if row["client_told"] else Text(t("tui.no"), style="bold red"))
        parts += [Text(""), _title("tui.deal.delays"), delays]
    return Group(*parts)


def delivery(certificates: list[dict] | None, visits: list[dict] | None) -> Group:
    parts: list[RenderableType] = [_title("tui.deal.certificates")]
    if certificates is None:
        parts.append(Text(MISSING))
    elif not certificates:
        parts.append(Text(t("tui.deal.no_certificate"), style="dim"))
    else:
        table = _table(labels.column("code"), t("tui.deal.number"), t("tui.deal.issued"), t("tui.deal.expires"),
                       t("tui.deal.usage"))
        for row in certificates:
            table.add_row(row["code"], Text(row["number"]), row.get("issued_on") or "",
                          row.get("expires_on") or t("tui.deal.permanent"), Text(row.get("usage_notes") or ""))
        parts.append(table)
    parts += [Text(""), _title("tui.deal.visits")]
    if visits is None:
        parts.append(Text(MISSING))
    elif not visits:
        parts.append(Text(t("tui.deal.no_visit"), style="dim"))
    else:
        table = _table(t("tui.deal.due"), t("tui.deal.done"), t("tui.deal.satisfaction"), t("tui.deal.remarks"))
        for row in visits:
            table.add_row(row["due_on"], row.get("done_on") or "", "★" * (row.get("satisfaction") or 0),
                          Text(" ".join(x for x in (row.get("remarks"), row.get("new_needs")) if x)))
        parts.append(table)
    return Group(*parts)
