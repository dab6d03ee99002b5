"""Commands: frameworks, values, show, compare, principles, validate (the values library).

One module per command (``show``, ``compare``, ``library`` for the three lists,
``validate``), with what they share beside them: ``options`` (the format choice and
``render``), ``views`` (the plain data behind JSON), ``layout`` (text) and ``markdown``.
Only typer is imported at start-up; the catalog, Rich and the renderers load inside each
command.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the app."""
    from .compare import compare
    from .library import frameworks, principles, values
    from .show import show
    from .validate import validate

    app.command("frameworks")(frameworks)
    app.command("values")(values)
    app.command("show")(show)
    app.command("compare")(compare)
    app.command("principles")(principles)
    app.command("validate")(validate)
