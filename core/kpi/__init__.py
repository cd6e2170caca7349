"""Key performance indicators per salesperson and quarter (rulebook §4.3; issue 12): the figures,
the records behind each, the managers' targets and the team side by side.

What a report or the app calls (each in its module, so that importing the package — as the
message table does — loads no query):

- ``figures.figures(desk, login=None, quarter=None) -> dict`` — one person's KPIs, targets, attainment;
- ``figures.drill(desk, metric, login=None, quarter=None) -> list[dict]`` — the records behind a figure;
- ``figures.team(desk, quarter=None, metric="revenue") -> dict`` — everyone's, ranked (managers);
- ``targets.set_target(desk, login, quarter, revenue=, contract_value=, new_clients=) -> dict``;
- ``quarters.parse / current / chosen`` — ``2026Q4`` and its days.

Only the definitions' module (``records``) knows SQL of other areas' tables.
"""
