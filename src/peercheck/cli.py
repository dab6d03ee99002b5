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

from . import __version__

HELP = (
    "A private reflection and self-check tool for peer support workers.\n\n"
    "After a session, [bold]peercheck reflect[/] walks you through a few questions and maps "
    "your answers onto peer-support values. Trainers use [bold]peercheck show mutuality[/] to "
    "cite the frameworks word for word. Everything stays on this computer."
)

app = typer.Typer(
    name="peercheck",
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


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
    debug: bool = typer.Option(False, "--debug", help="Show full details when something fails."),
) -> None:
    """Global options, read before any command runs."""
    if data_dir is not None:
        from . import data

        data.set_override(data_dir)


def _register() -> None:
    from .commands import checking, logs, reflecting, values

    for module in (values, reflecting, checking, logs):
        module.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    """Run peercheck; the only place that decides how a failure looks."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    from .errors import PeercheckError

    try:
        app(args=args, prog_name="peercheck")
    except PeercheckError as exc:
        if debug:
            raise
        _fail(exc.message, exc.hint)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        from . import messages

        _fail(messages.INTERRUPTED, None)
        sys.exit(130)
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not an error worth a message.
        sys.stderr.close()
        sys.exit(0)
    except OSError as exc:
        if debug:
            raise
        from .paths import write_error

        error = write_error(Path(getattr(exc, "filename", None) or "the output"), exc)
        _fail(error.message, error.hint)
        sys.exit(2)
    except Exception:
        if debug:
            raise
        from . import messages

        _fail(messages.UNEXPECTED, messages.UNEXPECTED_HINT)
        sys.exit(70)


def _fail(message: str, hint: str | None) -> None:
    from .output import say

    say(message, style="bold")
    if hint:
        say(hint)
