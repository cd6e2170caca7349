"""The `zizhi` command: global options, the sub-apps, and a bare `zizhi` opening the app.

Global options come before the command (``zizhi --db X --as li client list``). Only the command
that runs is imported and built, it imports its core modules only when it runs, and only a bare
``zizhi`` imports Textual. Every failure goes through ``commands.boundary``.
"""

import importlib
import sys
from collections.abc import MutableMapping
from typing import Annotated, Iterator, Optional

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo, TyperInfo

from zizhi.commands import boundary
from zizhi.commands.common import Globals
from zizhi.commands.messages import MESSAGES
from zizhi.commands.readers import read_by_core_rules
from zizhi.core.errors import Refused, ZizhiError
from zizhi.core.i18n import LANGUAGES, normalise, register, t

register(MESSAGES)

# Each top-level command: the module under zizhi.commands and its Typer app or function, in help order.
NOUNS = {
    "deliver": ("processing", "deliver"), "pipeline": ("pipeline_cmd", "pipeline"), "demo": ("demo_cmd", "demo"),
    "client": ("clients", "app"), "log": ("log", "app"), "user": ("users", "app"), "config": ("config_cmd", "app"),
    "calendar": ("calendar_cmd", "app"),
    "audit": ("audit_cmd", "app"), "catalogue": ("catalogue", "app"), "deal": ("deals", "app"),
    "quote": ("quotes", "app"), "review": ("quotes", "review_app"), "contract": ("contracts", "app"), "credit": ("credit", "app"),
    "process": ("processing", "app"), "visit": ("processing", "visit_app"),
    "init": ("setup_cmd", "init"), "shell": ("shell", "shell"),
    "backup": ("backup_cmd", "backup"), "restore": ("backup_cmd", "restore"),
    "ar": ("receivables", "app"), "invoice": ("invoices", "app"), "dunning": ("dunning", "app"),
    "remind": ("remind_cmd", "app"), "import": ("import_cmd", "app"),
    "export": ("export_cmd", "app"), "kpi": ("kpi_cmd", "app"), "report": ("report_cmd", "app"),
    "notice": ("notices", "app"), "risk": ("risks", "app"), "training": ("training", "app"),
}


class _Nouns(MutableMapping):
    """The top-level commands, each imported and built on first use.

    Typer builds every command's parameters from its signature; doing that for all sixty commands
    cost more than the command being run.
    """

    def __init__(self) -> None:
        self._built: dict = {}

    def __getitem__(self, name: str):
        if name not in self._built:
            if name not in NOUNS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(NOUNS), **self._built})

    def __len__(self) -> int:
        return len(NOUNS.keys() | self._built.keys())


def _build(name: str):
    """Build one top-level command as ``app.add_typer``/``app.command`` would have."""
    module, attribute = NOUNS[name]
    target = getattr(importlib.import_module(f"zizhi.commands.{module}"), attribute)
    if isinstance(target, typer.Typer):
        built = typer.main.get_group_from_info(TyperInfo(target, name=name), pretty_exceptions_short=True,
                                               suggest_commands=True, rich_markup_mode=None)
    else:
        built = typer.main.get_command_from_info(CommandInfo(name=name, callback=target),
                                                 pretty_exceptions_short=True, rich_markup_mode=None)
    return read_by_core_rules(built)


class Zizhi(TyperGroup):
    """The ``zizhi`` group: sub-commands built lazily, and every failure through one boundary."""

    def __init__(self, **attrs) -> None:
        super().__init__(**attrs)
        self.commands = _Nouns()

    def make_context(self, info_name, args, parent=None, **extra):
        with boundary.one_line_errors(None, list(args)):
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: typer.Context):
        with boundary.one_line_errors(ctx):
            return super().invoke(ctx)


app = typer.Typer(
    name="zizhi",
    cls=Zizhi,
    help="Zizhi (资质): the sales desk for foreign-trade qualification services. "
         "Run without a command to open the full-screen app.",
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class NoTerminal(ZizhiError):
    """A bare ``zizhi`` where no one can see the app (cron, a pipe): say so instead of hanging."""

    exit_code = 2


def _language(value: str | None) -> str | None:
    """Only the languages Zizhi speaks; 'zh_CN' and 'en-US' are fine, 'xx' is a usage error."""
    if value is not None and normalise(value) is None:
        raise typer.BadParameter(t("cli.unknown_language", value=value, allowed=", ".join(LANGUAGES)))
    return value


def _version(value: bool) -> None:
    if value:
        from zizhi.core import __version__

        typer.echo(f"zizhi {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", envvar="ZIZHI_DB", help="Database file (default: your user data folder).")] = None,
    as_user: Annotated[Optional[str], typer.Option("--as", help="Admins: act as this login, audited (default: ZIZHI_USER, then yourself).")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", callback=_language, help="Language of messages: zh or en (default: ZIZHI_LANG, then your saved choice, config, locale).")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Zizhi (资质): the sales desk for foreign-trade qualification services.

    Example: zizhi --as wang.fang client list --due
    """
    from zizhi.core import identity

    bound = identity.binding()
    if bound is not None:
        if db is not None:
            raise Refused("identity.remote_db")
        db = bound.db
    # Only the app on its default database creates it: the README's first command just works.
    default_app = bound is None and db is None and ctx.invoked_subcommand is None
    ctx.obj = Globals(db=db, as_user=as_user, lang=lang, create=default_app)
    if ctx.invoked_subcommand is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise NoTerminal("cli.no_terminal")
        from zizhi.tui.app import run_app

        run_app(ctx.obj.desk())


def run() -> None:
    """Console entry point; ctrl-c while Python is still starting up exits 130 quietly too."""
    try:
        app()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
