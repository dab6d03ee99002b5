"""The command line: parse, call, render. The work happens in the domain modules.

Each group of commands lives in ``peercheck.commands.<domain>`` and registers itself on the
app; their bodies import what they need lazily, so ``peercheck --help`` and small commands
start fast. ``main`` is the one exit point: it turns PeercheckError and Ctrl-C into a clear
sentence and an exit code, and shows a traceback only with ``--debug``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
import typer.core

from . import __version__

HELP = (
    "A private reflection and self-check tool for peer support workers.\n\n"
    "After a session, [bold]peercheck reflect[/] walks you through a few questions and maps "
    "your answers onto peer-support values. Trainers use [bold]peercheck show mutuality[/] to "
    "cite the frameworks word for word. Everything stays on this computer."
)

class _ReaderGone(Exception):
    """stdout's reader went away; raised past Typer, which would turn it into exit 1."""


class _Group(typer.core.TyperGroup):
    def invoke(self, ctx):  # noqa: ANN001, ANN201 - click's own signature
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise _ReaderGone from exc


app = typer.Typer(
    name="peercheck",
    cls=_Group,
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, the status a shell shows for git or grep | head


def _version(value: bool) -> None:
    if value:
        typer.echo(f"peercheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool | None = typer.Option(
        None, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    data_dir: Path | None = typer.Option(
        None,
        "--data-dir",
        envvar="PEERCHECK_DATA",
        help="A folder with your organisation's own values.yaml / principles.yaml / cues.yaml.",
        show_envvar=True,
    ),
    database: str | None = typer.Option(
        None,
        "--database",
        metavar="URL",
        help="Keep the log on a PostgreSQL server (postgresql://…) instead of this computer.",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show full details when something fails."),
    no_pager: bool = typer.Option(
        False, "--no-pager", help="Print long output straight to the terminal, without a pager."
    ),
) -> None:
    """Global options, read before any command runs. (Every global option lives here.)"""
    if database is not None:
        from .store import set_database

        set_database(database)
    if data_dir is not None:
        from . import data

        data.set_override(data_dir)
    if no_pager:
        from .output import no_pager as pager_off

        pager_off()


def _register() -> None:
    from .commands import checking, logs, reflecting, team, values

    for module in (values, reflecting, checking, logs, team):
        module.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    """Run peercheck; the only place that decides how a failure looks."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    from .errors import PeercheckError
    from .output import plain_streams

    plain_streams()
    try:
        try:
            code = app(args=args, prog_name="peercheck", standalone_mode=False)
        except SystemExit:
            # Flush here, inside the handlers, so a full device or closed pipe on stdout is
            # reported like any other write error instead of at interpreter exit.
            sys.stdout.flush()
            raise
        sys.stdout.flush()
        sys.exit(code if isinstance(code, int) else 0)
    except PeercheckError as exc:
        if debug:
            raise
        _fail(exc.message, exc.hint)
        sys.exit(exc.exit_code)
    except typer.TyperException as exc:  # click's usage errors, as Typer raises them
        if type(exc).__name__ != "NoArgsIsHelpError":  # its help is already on the screen
            from .usage import explain

            message, hint = explain(exc) if exc.exit_code == 2 else (exc.format_message(), None)
            _fail(message, hint)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        from . import messages

        _fail(messages.INTERRUPTED, None)
        sys.exit(130)
    except (BrokenPipeError, _ReaderGone):
        # The reader (e.g. `head`) went away. As git and grep do (they die of SIGPIPE), end
        # quietly with 141 = 128 + SIGPIPE: never 1, which means "cues found".
        _discard_stdout()
        sys.stderr.close()
        sys.exit(EXIT_CLOSED_PIPE)
    except OSError as exc:
        if debug:
            raise
        from .paths import write_error

        name = getattr(exc, "filename", None) or "standard output"
        _discard_stdout()
        error = write_error(Path(name), exc)
        _fail(error.message, error.hint)
        sys.exit(2)
    except Exception as exc:
        if debug:
            raise
        from . import messages

        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is not None and isinstance(exc, sqlite3.DatabaseError):
            # A log that turns out damaged while being read: say which file and how to
            # recover, as opening it would have.
            from .paths import db_path
            from .store.sqlite import _unreadable

            try:
                error = _unreadable(db_path(), exc)
            except Exception:
                error = None
            if error is not None:
                _fail(error.message, error.hint)
                sys.exit(2)
        _fail(messages.UNEXPECTED, messages.UNEXPECTED_HINT)
        sys.exit(70)


def _discard_stdout() -> None:
    """Point stdout at /dev/null so output still buffered is not flushed (and fails) at exit."""
    import os

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (tests capture into a StringIO)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _fail(message: str, hint: str | None) -> None:
    from .output import say

    say(message, style="bold")
    if hint:
        say(hint)
