"""Commands: the reflection log (``log``), ``export``, ``import``, ``trends`` and ``report``.

One module per group: ``browse`` (list/show/delete/purge/path/backup/search), ``editing``
(edit/note), ``transfer`` (export/import), ``team`` (trends/report); ``common`` holds what
they share. Only typer is
imported at import time.
"""

from __future__ import annotations

import typer

from . import (
    browse,
    editing,  # noqa: F401 - its commands add themselves to log_app
    sharing,  # noqa: F401 - log share / unshare (the team log), likewise
    team,
    transfer,
)
from .common import log_app


def _paragraphs(doc: str | None) -> str | None:
    """A docstring as help text: each paragraph on one line, so it wraps to the terminal.

    Rich keeps the docstring's own line breaks, which leaves ragged half-lines in an
    80-column terminal; ``\b`` blocks (examples) keep theirs.
    """
    if not doc:
        return doc
    import inspect

    out = []
    for block in inspect.cleandoc(doc).split("\n\n"):
        out.append(block if block.startswith("\b") else " ".join(block.split()))
    return "\n\n".join(out)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app (browse and editing add theirs to log_app)."""
    info = log_app.registered_callback
    if info is not None:
        info.help = _paragraphs(browse.log_list.__doc__)
    for command in log_app.registered_commands:
        command.help = _paragraphs(command.callback.__doc__ if command.callback else None)
    app.add_typer(log_app, name="log")
    for name, function in (
        ("export", transfer.export),
        ("import", transfer.import_),
        ("trends", team.trends),
        ("report", team.report),
    ):
        app.command(name, help=_paragraphs(function.__doc__))(function)
