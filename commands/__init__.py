"""The Typer CLI: one sub-app per noun; each command parses, calls one core function, prints.

Command modules do not use ``from __future__ import annotations``: Typer reads every option's
annotation when a command group starts, and string annotations would each be compiled and
evaluated first (about 100 ms a command; tests/commands/test_fast_path.py keeps it so).
"""
