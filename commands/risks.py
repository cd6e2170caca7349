"""`zizhi risk …` — the risk register: add, change and review risks; the heat map."""

from typing import Annotated

import typer

from zizhi.commands.common import Json, Opt, desk, echo, fields, output, output_read, table

app = typer.Typer(help="The risk register: risks, their level and owner, reviews on schedule, the heat map.",
                  no_args_is_help=True)

Risk = Annotated[str, typer.Argument(help="Risk number (see zizhi risk list).")]
Category = typer.Option("--category", help="legal (legal/policy), credit, market, operational or other.")
Likelihood = typer.Option("--likelihood", help="1 (rare) to 5 (almost certain).")
Impact = typer.Option("--impact", help="1 (minor) to 5 (severe).")
Response = typer.Option("--response", help="How the company answers it: avoid, reduce, transfer, accept …")
Owner = typer.Option("--owner", help="Who watches it and reviews it (a login; default: you).")
Status = typer.Option("--status", help="open, mitigating or closed.")
NextReview = typer.Option("--next-review", help="Day of the next review (default: after the level's interval).")
RISK_FIELDS = ["id", "category", "description", "likelihood", "impact", "level", "response", "owner", "status",
               "next_review_on", "created_by", "created_at"]


@app.command("add")
def add(
    ctx: typer.Context,
    category: Annotated[str, Category],
    description: Annotated[str, typer.Option("--description", help="The risk, in a sentence or two.")],
    likelihood: Annotated[str, Likelihood],
    impact: Annotated[str, Impact],
    response: Annotated[Opt, Response] = None,
    owner: Annotated[Opt, Owner] = None,
    status: Annotated[Opt, Status] = None,
    next_review: Annotated[Opt, NextReview] = None,
    json: Json = False,
) -> None:
    """Enter a risk in the register (legal, managers, admins); its level comes from pricing.toml [risk].

    Example: zizhi risk add --category legal --description "出口管制清单调整，部分客户资质需重新申请" --likelihood 3 --impact 4 --response 跟踪商务部公告 --owner zhou.jing
    """
    from zizhi.core.compliance.risks import add_risk

    output(add_risk(desk(ctx), category, description, likelihood, impact, response, owner, status, next_review),
           json, _risk_text)


@app.command("update")
def update(
    ctx: typer.Context,
    risk: Risk,
    category: Annotated[Opt, Category] = None,
    description: Annotated[Opt, typer.Option("--description", help="The risk, in a sentence or two.")] = None,
    likelihood: Annotated[Opt, Likelihood] = None,
    impact: Annotated[Opt, Impact] = None,
    response: Annotated[Opt, Response] = None,
    owner: Annotated[Opt, Owner] = None,
    status: Annotated[Opt, Status] = None,
    next_review: Annotated[Opt, NextReview] = None,
    json: Json = False,
) -> None:
    """Change a risk (legal, managers, admins); closing it ends its reviews.

    Example: zizhi risk update 4 --status mitigating --response "与两家代理签订备份协议"
    """
    from zizhi.core.compliance.risks import update_risk

    output(update_risk(desk(ctx), risk, category, description, likelihood, impact, response, owner, status,
                       next_review), json, _risk_text)


@app.command("review")
def review(
    ctx: typer.Context,
    risk: Risk,
    note: Annotated[Opt, typer.Option("--note", help="What the review found.")] = None,
    likelihood: Annotated[Opt, Likelihood] = None,
    impact: Annotated[Opt, Impact] = None,
    status: Annotated[Opt, Status] = None,
    response: Annotated[Opt, Response] = None,
    json: Json = False,
) -> None:
    """Record today's review of a risk (its owner; legal, managers, admins): the next review moves on by
    its level's interval.

    Example: zizhi risk review 4 --note "本季度无新增管制措施" --likelihood 2
    """
    from zizhi.core.compliance.risks import review_risk

    output(review_risk(desk(ctx), risk, note, likelihood, impact, status, response), json, _risk_text)


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[Opt, Status] = None,
    category: Annotated[Opt, typer.Option("--category", help="Only this category.")] = None,
    owner: Annotated[Opt, typer.Option("--owner", help="Only this owner's risks.")] = None,
    level: Annotated[Opt, typer.Option("--level", help="Only this level: low, medium, high or critical.")] = None,
    closed: Annotated[bool, typer.Option("--closed", help="Include closed risks.")] = False,
    json: Json = False,
) -> None:
    """The register, gravest first (closed risks only with --closed or --status closed).

    Example: zizhi risk list --level high
    """
    from zizhi.core.compliance.risks import list_risks

    output_read(ctx, "risk list", "risk", lambda d: list_risks(d, status, category, owner, level, closed), json,
                _risks_table, status=status, category=category, owner=owner, level=level, closed=closed)


@app.command("show")
def show(ctx: typer.Context, risk: Risk, json: Json = False) -> None:
    """One risk with its reviews.

    Example: zizhi risk show 4
    """
    from zizhi.core.compliance.risks import get_risk

    output_read(ctx, "risk show", "risk", lambda d: get_risk(d, risk), json, _risk_text, risk=risk)


@app.command("map")
def map_(
    ctx: typer.Context,
    closed: Annotated[bool, typer.Option("--closed", help="Count closed risks too.")] = False,
    json: Json = False,
) -> None:
    """The heat map: likelihood × impact, each cell coloured by its level with the number of risks in it.

    Example: zizhi risk map
    """
    from zizhi.core.compliance.risks import heat_map

    output_read(ctx, "risk map", "risk", lambda d: heat_map(d, closed), json,
                lambda grid: _map_text(grid, closed), closed=closed)


def _said(risk: dict) -> dict:
    """A risk or a review in words, its likelihood and impact one cell ("2×4", column L×I): the two
    make the level together, so a narrow terminal never shows one without the other."""
    from zizhi.core.i18n import t

    return {**risk, "category": t(f"risk.category.{risk['category']}"), "level": t(f"risk.level.{risk['level']}"),
            "status": t(f"risk.status.{risk['status']}"), "l_x_i": f"{risk['likelihood']}×{risk['impact']}"}


def _risks_table(rows: list[dict]) -> None:
    """The register; too wide, it loses category and status, then shortens the description (…)."""
    table([_said(r) for r in rows],
          ["id", "level", "l_x_i", "category", "description", "owner", "status", "next_review_on"],
          drop=("category", "status"))


def _risk_text(risk: dict) -> None:
    from zizhi.core.i18n import t

    fields(_said(risk), RISK_FIELDS)
    if risk.get("reviews"):
        echo("")
        echo(t("risk.reviews"))
        table([{**_said({**r, "category": risk["category"]})} for r in risk["reviews"]],
              ["reviewed_on", "user", "l_x_i", "level", "status", "next_review_on", "note"], drop=("status",))


def _cell(cell: dict, plain: bool) -> str:
    """A cell's count centred in 7 cells; without colour, '·' for none and the level's first letter."""
    from rich.cells import cell_len

    from zizhi.core.i18n import t

    text = str(cell["count"] or "")
    if plain:
        text = f"{text or '·'} {t('risk.level.' + cell['level'])[:1]}"
    pad = max(7 - cell_len(text), 0)
    return " " * (pad // 2) + text + " " * (pad - pad // 2)


# Each level's cell: a background a terminal shows in 8 colours too, and a text that reads on it.
LEVEL_STYLES = {"low": "black on green", "medium": "black on yellow", "high": "white on dark_orange3",
                "critical": "bold white on red"}


def _map_text(grid: dict, closed: bool) -> None:
    """The grid as Rich draws it: likelihood 5 at the top, impact 1–5 left to right, each cell its
    level's colour with its count (blank when none), then the legend."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from zizhi.core.i18n import t
    from zizhi.core.vocab import RISK_LEVELS

    which = t("risk.map.all" if closed else "risk.map.open")
    chart = Table(title=t("risk.map.title", count=grid["total"], which=which), caption=t("risk.map.impact"),
                  box=None, padding=(0, 1), title_justify="left", caption_justify="right")
    chart.add_column(t("risk.map.likelihood"), justify="right")
    for impact in range(1, 6):
        chart.add_column(str(impact), justify="center", width=7)
    console = Console(highlight=False, soft_wrap=True)
    plain = console.color_system is None  # a pipe or cron mail: the level's first letter says what colour would
    for likelihood in range(5, 0, -1):
        cells = sorted((c for c in grid["cells"] if c["likelihood"] == likelihood), key=lambda c: c["impact"])
        chart.add_row(str(likelihood), *(Text(_cell(c, plain), style=LEVEL_STYLES[c["level"]]) for c in cells))
    console.print(chart)
    legend = Text(t("risk.map.legend", levels=""))
    for n, level in enumerate(RISK_LEVELS):
        legend.append(" " if n else "")
        legend.append(f" {t(f'risk.level.{level}')} {grid['by_level'][level]} ", style=LEVEL_STYLES[level])
    console.print(legend)
