"""Zizhi's core: every business rule, no user interface.

Nothing in this package imports Textual or Typer, so the CLI, the app and cron all meet the
same rules, and a cron command pays only for what it uses.
"""

__version__ = "0.1.0"
