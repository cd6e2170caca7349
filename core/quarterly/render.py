"""Rendering the quarterly report (Markdown, PDF) and the team's comparison (PDF) to leave Zizhi.

A person's appraisal is personal data: like a quote, every rendering is an export — read,
rendered, written and audited in one unit of work (``exports.read``), under the entity
``quarterly_report`` (``kpi`` for the team's), with whose and which quarter in the record.
"""

from __future__ import annotations

from zizhi.core import exports
from zizhi.core.paths import document_target

FORMATS = {"md": "markdown", "markdown": "markdown", "pdf": "pdf"}


def render_report(desk, login: str | None = None, quarter: str | None = None, form: str | None = None,
                  output: str | None = None) -> str:
    """The report's Markdown, or the path of the file written when ``output`` is given (a PDF
    always needs one); without ``form``, the kind ``output``'s suffix names."""
    from zizhi.core.quarterly.reports import report

    kind = _kind(form, output, "季度总结.pdf")
    company = desk.settings.general.company.name
    return exports.read(desk, "quarterly_report", lambda: report(desk, login, quarter), command="report quarterly render",
                        file=output, document=True, deliver=lambda found: _deliver(found, kind, company, output),
                        user=login, quarter=quarter, format=kind)


def render_team(desk, quarter: str | None = None, metric: str = "revenue", charts: list[str] | None = None,
                output: str | None = None) -> str:
    """The team's comparison as a PDF at ``output``, ranked by ``metric``, a chart of each of
    ``charts`` (default: every KPI the table shows, the ranked one first); returns the path."""
    from zizhi.core.kpi import figures
    from zizhi.core.quarterly import team_pdf

    document_target({"pdf": "pdf"}, None, output, "团队对比.pdf")  # never a PDF under another name
    chosen = _charts(metric, charts)
    company = desk.settings.general.company.name
    return exports.read(desk, "kpi", lambda: figures.team(desk, quarter, metric), command="kpi team --pdf",
                        file=output, document=True,
                        deliver=lambda found: str(team_pdf.as_pdf(found, chosen, company, output)),
                        quarter=quarter, metric=metric, charts=",".join(chosen) if charts else None)


def _charts(metric: str, charts: list[str] | None) -> list[str]:
    """The metrics to draw, by the KPIs' names as typed ('contracts', 'win-rate'), once each."""
    from zizhi.core.kpi.figures import metric_named
    from zizhi.core.quarterly.document import ROWS

    if not charts:
        ranked = metric_named(metric, ranked=True)
        return [ranked, *(m for m in ROWS if m != ranked)]
    named = [metric_named(part, ranked=True) for given in charts for part in str(given).replace("，", ",").split(",")
             if part.strip()]
    return list(dict.fromkeys(named))


def _kind(form: str | None, output: str | None, example: str) -> str:
    return document_target(FORMATS, form, output, example)


def _deliver(found: dict, kind: str, company: str, output: str | None) -> str:
    from zizhi.core.paths import write_output
    from zizhi.core.quarterly import document, report_pdf

    if kind == "pdf":
        return str(report_pdf.as_pdf(found, company, output))
    text = document.as_markdown(found)
    return text if not output else str(write_output(output, text.encode("utf-8")))
