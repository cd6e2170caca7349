"""The CLI's one error boundary: whatever stops a command is one line on stderr and an exit code.

A ``ZizhiError`` is the user's to fix: its message and the exit code of the README's contract.
A usage mistake (unknown option, missing argument) is exit 2 with a pointer to ``--help``. Anything
else is a bug: one line naming the log file that got the traceback, and exit 70 (EX_SOFTWARE), so a
script's output and a cron mail stay readable. Messages are in the user's language.
"""

import datetime as dt
import errno
import os
import re
import sqlite3
import sys
import traceback
from contextlib import contextmanager
from functools import partial
from typing import Iterator

import typer
from typer._click import exceptions as click_errors

from zizhi.core.errors import ZizhiError

USAGE = 2
INTERNAL = 70


@contextmanager
def one_line_errors(ctx: typer.Context | None, args: list[str] = ()) -> Iterator[None]:
    """Turn any failure inside into one stderr line and ``typer.Exit``; Typer's own exits pass.

    ``ctx`` is the root context once the global options are parsed; before that, ``args`` are the
    command line, read only for ``--lang``.
    """
    try:
        yield
    except (typer.Exit, typer.Abort, click_errors.NoArgsIsHelpError):
        raise
    except click_errors.UsageError as exc:
        _say(exc.ctx or ctx, args, partial(usage_line, exc))
        raise typer.Exit(USAGE) from None
    except click_errors.ClickException as exc:
        _say(ctx, args, exc.format_message)
        raise typer.Exit(exc.exit_code) from None
    except ZizhiError as exc:
        _say(ctx, args, exc.message)
        raise typer.Exit(exc.exit_code) from None
    except sqlite3.DatabaseError as exc:  # raised outside the store's own translation (while migrating)
        failure = _database_error(ctx, exc)
        _say(ctx, args, failure.message if failure else partial(internal_line, exc))
        raise typer.Exit(failure.exit_code if failure else INTERNAL) from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # the reader had all it wanted (| head): not an error
            _silence_stdout()
            raise typer.Exit(0) from None
        _say(ctx, args, partial(internal_line, exc))
        raise typer.Exit(INTERNAL) from None
    except Exception as exc:
        _say(ctx, args, partial(internal_line, exc))
        raise typer.Exit(INTERNAL) from None


def _database_error(ctx: typer.Context | None, exc: Exception) -> ZizhiError | None:
    """A damaged or busy database named as such; any other SQLite error stays an internal one."""
    from zizhi.commands.common import Globals
    from zizhi.core.errors import Busy, Damaged
    from zizhi.core.paths import database_path
    from zizhi.core.store import translated

    root = ctx.find_root() if ctx is not None else None
    options = root.obj if root is not None else None
    path = database_path(options.db) if isinstance(options, Globals) else None
    failure = translated(exc, path)
    return failure if isinstance(failure, (Busy, Damaged)) else None


def _say(ctx: typer.Context | None, args: list[str], text) -> None:
    """Print ``zizhi: …`` in the language the command would have used, even if it failed early."""
    _choose_language(ctx, args)
    typer.echo(f"zizhi: {text()}", err=True)


def _choose_language(ctx: typer.Context | None, args: list[str]) -> None:
    """The command's precedence (``--lang``, ``ZIZHI_LANG``, the saved choice, settings, locale) from what was parsed."""
    from zizhi.commands.common import Globals

    root = ctx.find_root() if ctx is not None else None
    options = root.obj if root is not None else None
    if not isinstance(options, Globals):
        options = Globals(lang=(root.params.get("lang") if root is not None else None) or _lang_option(args))
    options.language()


def _lang_option(args: list[str]) -> str | None:
    """``--lang X`` or ``--lang=X`` among global options that failed to parse as a whole."""
    for here, word in enumerate(args):
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word == "--lang" and here + 1 < len(args):
            return args[here + 1]
    return None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit does not meet the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def internal_line(exc: BaseException) -> str:
    """Append the traceback to the error log and say where it went."""
    from zizhi.core.i18n import t
    from zizhi.core.paths import append_private, error_log_path

    path = error_log_path()
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    record = f"--- {stamp} zizhi {' '.join(sys.argv[1:])}\n{''.join(traceback.format_exception(exc))}\n"
    try:
        append_private(path, record)
    except OSError as failure:
        return t("cli.internal_error_unlogged", kind=type(exc).__name__, detail=str(exc)[:200],
                 path=f"{path} ({failure.strerror})")
    return t("cli.internal_error", kind=type(exc).__name__, path=path)


def usage_line(exc: click_errors.UsageError) -> str:
    """Click's usage error in the user's words, with the command whose help explains it."""
    from zizhi.core.i18n import t

    if exc.ctx is None:  # raised while parsing, before Click knew which command it was
        return _usage_problem(exc)
    return t("cli.see_help", problem=_usage_problem(exc), command=exc.ctx.command_path)


def _usage_problem(exc: click_errors.UsageError) -> str:
    from zizhi.core.i18n import t

    if isinstance(exc, click_errors.NoSuchOption):
        return _suggest(t("cli.no_such_option", option=exc.option_name), exc.possibilities)
    if isinstance(exc, click_errors.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "option")
        key = "cli.missing_argument" if kind == "argument" else "cli.missing_option"
        return t(key, name=_hint(exc))
    if isinstance(exc, click_errors.BadParameter):
        return t("cli.bad_value", name=_hint(exc), detail=exc.message)
    if isinstance(exc, click_errors.BadOptionUsage):
        if "requires an argument" in exc.message:
            return t("cli.needs_value", option=exc.option_name)
        if "does not take a value" in exc.message:
            return t("cli.takes_no_value", option=exc.option_name)
    return _known_usage_text(exc.message)


def _known_usage_text(message: str) -> str:
    """The usage errors Click raises as bare English text, recognised by their wording."""
    from zizhi.core.i18n import t

    if found := re.match(r"No such command '(.+?)'\.(?: Did you mean (.+)\?)?$", message):
        choices = [c.strip(" '") for c in found.group(2).split(",")] if found.group(2) else None
        return _suggest(t("cli.no_such_command", name=found.group(1)), choices)
    if found := re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", message):
        return t("cli.extra_arguments", args=found.group(1))
    if message.startswith("Missing command"):
        return t("cli.missing_command")
    return t("cli.usage", detail=message.rstrip("."))


def _suggest(problem: str, choices) -> str:
    from zizhi.core.i18n import t

    return t("cli.did_you_mean", problem=problem, choices=", ".join(choices)) if choices else problem


def _hint(exc: click_errors.BadParameter) -> str:
    if exc.param_hint:
        hints = [exc.param_hint] if isinstance(exc.param_hint, str) else list(exc.param_hint)
        return " / ".join(hints)
    if exc.param is None:
        return "?"
    hint = exc.param.get_error_hint().replace("'", "")
    return hint.upper() if exc.param.param_type_name == "argument" else hint
