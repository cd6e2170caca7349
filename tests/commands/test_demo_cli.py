"""`zizhi --db NEW demo`: a database made on purpose, filled, and a board with every stage."""

from __future__ import annotations

import json

from zizhi.commands.main import app
from zizhi.core.pipeline.stages import STAGES


def test_demo_makes_its_database_and_the_board_shows_every_stage(cli, tmp_path):
    path = str(tmp_path / "demo.db")
    made = cli.runner.invoke(app, ["--db", path, "demo", "--clients", "120"], terminal_width=200)
    assert made.exit_code == 0, made.output
    assert "120 clients" in made.stdout and " deals." in made.stdout
    board = cli.runner.invoke(app, ["--db", path, "pipeline", "--json"], terminal_width=200)
    assert board.exit_code == 0, board.output
    counts = {row["stage"]: row["count"] for row in json.loads(board.stdout)["stages"]}
    assert [stage for stage in STAGES if not counts[stage]] == []
    again = cli.runner.invoke(app, ["--db", path, "demo", "--clients", "5"], terminal_width=200)
    assert again.exit_code == 1 and "already holds clients" in again.output
