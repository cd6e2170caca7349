"""The quarterly personal report (rulebook §4.3 季度个人工作总结; issue 12) and the team's
comparison as a document.

What the CLI and the app call (each in its module, so importing the package — as the message
table does — loads no query):

- ``reports.report(desk, login=None, quarter=None) -> dict`` — one report, draft or filed;
- ``reports.write_sections(desk, sections, quarter=None) -> dict`` — the author writes a draft;
- ``reports.file_report(desk, quarter=None) -> dict`` — files it, figures frozen;
- ``reports.review(desk, login, quarter, comment) -> dict`` — a manager's review;
- ``reports.roster(desk, quarter=None) -> dict`` — who has filed, who has not (managers);
- ``reports.opens_on(desk, quarter) -> date`` — the first day a report may be filed;
- ``sections.editable(report) -> str`` / ``sections.parsed(text) -> dict`` — the Markdown to edit;
- ``render.render_report(desk, login, quarter, form, output)`` and
  ``render.render_team(desk, quarter, metric, charts, output)`` — audited renderings.
"""
