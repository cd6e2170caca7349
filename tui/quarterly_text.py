"""How a quarterly report reads on screen: where it stands, its figures — frozen when filed, today's
beside any that changed since, as ``zizhi report quarterly`` shows them — its four sections and
the manager's review.

Nothing here imports Textual, and nothing here decides anything: the report is
:func:`core.quarterly.reports.report`'s answer, written out.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from zizhi.core.i18n import listed, t
from zizhi.core.quarterly.schema import SECTIONS
from zizhi.tui import report_text
from zizhi.tui.report_text import SHOWN

DETAIL_LEAST = 12  # cells: the least of "counted from" worth showing (cut with "…" below its need)


def head(found: dict, own: bool) -> Text:
    """Whose report, which quarter, where it stands; when it was filed, or from when it may be."""
    status = found["status"]
    text = Text(t("quarterly.head", name=found["name"], login=found["login"], quarter=found["quarter"],
                  start=found["from"], end=found["to"], status=t(f"quarterly.status.{status}")), style="bold")
    if found["filed_at"]:
        text.append("\n" + t("quarterly.filed_line", filed_at=found["filed_at"]), style="green")
    else:
        text.append("\n" + t("tui.quarterly.opens" if own else "tui.quarterly.opens_other", opens=found["opens"]),
                    style="dim")
    return text


def figures(found: dict, room: int) -> Table:
    """One row per KPI: the figure, its target and attainment; today's figure beside one that
    changed since filing (its name marked ``*``); what a rate is made of when there is room."""
    shown, live, changed = found["figures"], found["live"], found["changed"]
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False, expand=False,
                  title=t("tui.quarterly.figures_filed" if found["filed_at"] else "tui.quarterly.figures"),
                  title_justify="left", title_style="bold")
    needs = _needs(found)
    table.add_column(t("tui.quarterly.metric"), no_wrap=True, width=needs[0])
    for key, need in zip(("kpi.col.figure", "kpi.col.target", "kpi.col.attainment"), needs[1:]):
        table.add_column(t(key), justify="right", no_wrap=True, width=need)
    if changed:
        table.add_column(t("quarterly.col.now"), justify="right", no_wrap=True, style="yellow", width=needs[-1])
    detail = _detail_room(found, room)
    if detail:
        table.add_column("", no_wrap=True, overflow="ellipsis", style="dim", width=detail)
    for metric in SHOWN:
        has_goal = shown["targets"].get(metric) is not None
        row = [t(f"kpi.metric.{metric}") + (" *" if metric in changed else ""),
               Text(report_text.figure(shown, metric), style="bold"),
               report_text.target(shown, metric) if has_goal else "",
               report_text.attained(shown, metric) if has_goal else ""]
        if changed:
            row.append(report_text.figure(live, metric) if metric in changed else "")
        if detail:
            row.append(report_text.detail(shown, metric))
        table.add_row(*row)
    return table


def _needs(found: dict) -> list[int]:
    """The cells each column of figures takes (the KPI's name, figure, target, attainment, now)."""
    from rich.cells import cell_len

    shown, changed = found["figures"], found["changed"]
    columns = [[t("tui.quarterly.metric"), *(t(f"kpi.metric.{m}") + (" *" if m in changed else "") for m in SHOWN)],
               [t("kpi.col.figure"), *(report_text.figure(shown, m) for m in SHOWN)],
               [t("kpi.col.target"), *(report_text.target(shown, m) or "" for m in SHOWN)],
               [t("kpi.col.attainment"), *(report_text.attained(shown, m) for m in SHOWN)]]
    if changed:
        columns.append([t("quarterly.col.now"), *(report_text.figure(found["live"], m) for m in SHOWN)])
    return [max(cell_len(cell) for cell in column) for column in columns]


def _detail_room(found: dict, room: int) -> int:
    """The cells left beside the figures for what each is counted from; 0 when too few to say it."""
    from rich.cells import cell_len

    left = room - sum(need + 3 for need in _needs(found))  # a column: its padding and the rule between
    need = max(cell_len(report_text.detail(found["figures"], m)) for m in SHOWN)
    return min(left, need) if left >= min(need, DETAIL_LEAST) else 0


def page(found: dict, room: int, screen: int | None = None) -> Group:
    """The whole report below its head: figures, the four sections, the review; a dim line names
    what the figures are counted from when there is no room to say it."""
    parts: list = [figures(found, room)]
    if not _detail_room(found, room):  # ``screen``: the terminal's width, which the note names
        parts.append(Text(t("tui.reports.left_out", width=screen or room, columns=t("tui.reports.col.detail")),
                          style="dim"))
    if found["changed"]:
        parts.append(Text(t("quarterly.changed_line"), style="dim"))
    for name in SECTIONS:
        parts += [Text(""), Text(t(f"tui.quarterly.section.{name}"), style="bold underline")]
        text = found["sections"][name]
        parts.append(Text(text) if text.strip() else Text(t("quarterly.empty_section"), style="dim"))
    if found["reviewed_at"]:
        parts += [Text(""), Text(t("tui.quarterly.review"), style="bold underline"),
                  Text(found["review_comment"] or ""),
                  Text(t("tui.quarterly.reviewed_by", reviewer=found["reviewer"], login=found["reviewed_by"],
                         at=found["reviewed_at"]), style="dim")]
    return Group(*parts)


def roster_head(found: dict) -> Text:
    """Who has filed, in one line: ``zizhi report quarterly list``'s head, and who owes none."""
    counts = found["counts"]
    text = Text(t("quarterly.roster_head", quarter=found["quarter"], start=found["from"], end=found["to"],
                  opens=found["opens"], total=len(found["people"]), filed=counts["filed"] + counts["reviewed"],
                  reviewed=counts["reviewed"], draft=counts["draft"], none=counts["none"]), style="bold")
    if found.get("not_on_duty"):
        people = listed([f"{p['name']} ({p['login']})" for p in found["not_on_duty"]])
        text.append("\n" + t("quarterly.not_on_duty", quarter=found["quarter"], people=people), style="dim")
    return text
