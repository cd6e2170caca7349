"""The Typer CLI: one sub-app per noun; each command parses, calls one core function, prints."""
