"""`zizhi demo` — fill a database with a realistic team, clients and contact history."""

from typing import Annotated

import typer

from zizhi.commands.common import Json, desk, echo, output


def demo(
    ctx: typer.Context,
    clients: Annotated[int, typer.Option("--clients", min=1, max=1_000_000, help="How many clients to create (at most 1,000,000).")] = 300,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same data).")] = 7,
    add: Annotated[bool, typer.Option("--add", help="Add demo clients to a database that already has clients.")] = False,
    json: Json = False,
) -> None:
    """Fill the database with demo data: a team, clients with Chinese names, a contact history.

    It creates the database if there is none, and refuses one that already has clients (your real
    data) unless --add is given.

    Example: zizhi demo   (or, for benchmarks: zizhi --db /tmp/big.db demo --clients 100000)
    """
    from zizhi.core import identity
    from zizhi.core.demo import fill_demo
    from zizhi.core.i18n import t

    # The demo fills a new database wherever it is pointed (never over an SSH key: that one exists).
    ctx.find_root().obj.create = identity.binding() is None

    counts = fill_demo(desk(ctx), clients=clients, seed=seed, add=add)
    output(counts, json, lambda done: echo("\n".join([t("demo.done", **done), t("demo.tour", **done),
                                                      *(f"  {story}: {name}" for story, name in done["tour"].items())])))
