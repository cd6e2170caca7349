"""What every command shares: the lazily opened desk, and the one way a result is printed.

A command hands its result to :func:`output`: JSON for scripts, else tables and fields for a
person. A read command states only its name, what it reads and its filters to :func:`output_read`,
which applies the one export rule (its audit record) for all of them. Failures are not handled
here but in ``commands.boundary``. Nothing here imports Textual, so cron commands stay light.
"""

import json
import sys
from dataclasses import dataclass, field
from typing import Annotated, Any, Callable, Iterable, Optional

import typer

Json = Annotated[bool, typer.Option("--json", help="Print JSON only, for scripts.")]
Opt = Optional[str]
OldOut = Annotated[Opt, typer.Option("--out", hidden=True)]
"""``--out``, the name ``-o/--output`` had on `report` and `export` before every command said --output: kept, unlisted."""


@dataclass
class Globals:
    """The global options, given before the command: ``zizhi --db X --as li client list``."""

    db: str | None = None
    as_user: str | None = None
    lang: str | None = None
    create: bool = False
    _desk: Any = field(default=None, repr=False)

    def desk(self):
        if self._desk is None:
            from zizhi.core.desk import open_desk

            self._desk = open_desk(self.db, self.as_user, self.lang, create=self.create)
        return self._desk

    def language(self) -> str:
        """Choose the language without opening the database (for config commands); once it is
        open, the language the person saved comes before settings.toml, as the desk chose it."""
        from zizhi.core.errors import ConfigError
        from zizhi.core.i18n import choose_language
        from zizhi.core.settings import load

        try:
            configured = load().general.language
        except ConfigError:  # a broken config is reported by the command itself
            configured = None
        return choose_language(self.lang, getattr(self._desk, "own_language", None) or configured)


def one_printed(ctx: typer.Context, json: bool, csv: bool) -> None:
    """--json and --csv each print the whole answer, in different forms: asked for both, a usage
    error naming the two (exit 2), rather than one of them silently."""
    if json and csv:
        from typer._click import exceptions as click_errors

        from zizhi.core.i18n import t

        raise click_errors.UsageError(t("cli.json_or_csv"), ctx)


def desk(ctx: typer.Context):
    return ctx.find_root().obj.desk()


def money_text(fen: int | None) -> str:
    """Fen as the user reads money: '¥12,345.60'."""
    from zizhi.core.money import format_fen

    return "" if fen is None else format_fen(fen)


def warn(text: str) -> None:
    typer.echo(text, err=True)


def more_hint(shown: int) -> None:
    """Say on stderr that a list stopped at its limit, so a script or cron mail is not silently short."""
    from zizhi.core.i18n import t

    warn(t("list.more", shown=shown))


def output(data: Any, as_json: bool, render: Callable[[Any], None]) -> None:
    """Print a command's result: ``--json`` gives JSON only, for scripts; otherwise ``render`` it."""
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        render(data)


def read_shown(ctx: typer.Context, command: str, entity: str, reader: Callable[[Any], Any], as_json: bool, /,
               **filters: Any) -> Any:
    """What ``reader`` (a core read, given the desk) returns for ``command`` to show, by the one rule of
    what is an export (``core.exports.read``): a ``--json`` read or a long listing is audited under
    ``entity`` with the ``filters`` the person gave."""
    from zizhi.core import exports

    d = desk(ctx)
    return exports.read(d, entity, lambda: reader(d), command=command, as_json=as_json, **filters)


def output_read(ctx: typer.Context, command: str, entity: str, reader: Callable[[Any], Any], as_json: bool,
                render: Callable[[Any], None], /, **filters: Any) -> None:
    """:func:`read_shown`, printed by :func:`output`: the whole of a read command."""
    output(read_shown(ctx, command, entity, reader, as_json, **filters), as_json, render)


def table_of(columns: list[str], drop: tuple[str, ...] = ()) -> Callable[[Iterable[dict]], None]:
    """A renderer printing rows as a table of ``columns`` (``drop``: see :func:`table`), for :func:`output`."""
    return lambda rows: table(rows, columns, drop=drop)


def fields_of(names: list[str]) -> Callable[[dict], None]:
    """A renderer printing one record as ``label: value`` lines, for :func:`output`."""
    return lambda record: fields(record, names)


def label(key: str) -> str:
    from zizhi.core.i18n import t

    return t(f"col.{key}")


def table(rows: Iterable[dict], columns: list[str], empty: str = "list.empty", drop: tuple[str, ...] = ()) -> None:
    """Print rows as a plain table fitted into the terminal's width (``commands.widths``): the
    columns in ``drop`` left out first, least important first, then long text shortened with "…".

    An empty list prints nothing on stdout (cron can skip the mail); a person at a terminal is
    told on stderr.
    """
    from zizhi.commands.widths import grid, show
    from zizhi.core.i18n import t

    rows = list(rows)
    if not rows:
        if sys.stderr.isatty():
            warn(t(empty))
        return
    cells = [[_text(_word(c, row.get(c))) for c in columns] for row in rows]
    show(grid([label(c) for c in columns], cells, drop=tuple(columns.index(c) for c in drop if c in columns),
              flexible=tuple(i for i, c in enumerate(columns) if c in FLEXIBLE)))


FLEXIBLE = ("name", "step", "client", "description", "title", "topic", "summary", "detail", "details", "notes", "attendees",
            "next_step", "response", "address", "business_scope", "needs", "reason", "note", "comment")
"""Columns of free text, shortened (with "…") before anything else when a table is too wide."""


def fields(record: dict, names: list[str]) -> None:
    """Print one record as 'label: value' lines, labels aligned."""
    from rich.cells import cell_len

    heads = {n: label(n) for n in names}
    width = max(cell_len(h) for h in heads.values())
    for name in names:
        value = record.get(name)
        if value in (None, "", []):
            continue
        typer.echo(f"{heads[name]}{' ' * (width - cell_len(heads[name]))}  {_text(_word(name, value))}")


def _word(column: str, value: Any) -> Any:
    """Closed-vocabulary values (urgency, size, channel, role) shown in the user's language."""
    if column in YES_NO and value in (0, 1):
        from zizhi.core.i18n import t

        return t("yes" if value else "no")
    if column in WORDS and isinstance(value, str):
        from zizhi.core.i18n import t

        key = f"{'stage' if column.endswith('_stage') else column}.{value}"
        text = t(key)
        return value if text == key else text
    return value


YES_NO = ("on_duty", "passed", "active", "blocked", "client_told")
WORDS = ("urgency", "size", "channel", "role", "stage", "from_stage", "to_stage")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def csv_out(heads: list[str], lines: list[list[str]]) -> None:
    """A report as CSV on stdout, UTF-8 with a BOM so Excel opens the Chinese as Chinese."""
    import csv
    import io
    import sys

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(heads)
    writer.writerows(lines)
    sys.stdout.write("\ufeff" + buffer.getvalue())


def echo(text: str) -> None:
    typer.echo(text)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
