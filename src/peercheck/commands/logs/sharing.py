"""Commands: ``log share`` and ``log unshare`` (the team log on PostgreSQL; see commands.team)."""

from __future__ import annotations

import typer

from .common import log_app


@log_app.command("share")
def log_share(
    ids: list[str] = typer.Argument(..., help="Reflection ids (a few characters do)."),
) -> None:
    """Share reflections with supervision: scores, levels and flags, never your own words.

    \b
    Example:
      peercheck log share 01JD3
    """
    from ..team import share_ids

    share_ids(ids, True)


@log_app.command("unshare")
def log_unshare(ids: list[str] = typer.Argument(..., help="Reflection ids.")) -> None:
    """Stop sharing reflections with supervision.

    \b
    Example:
      peercheck log unshare 01JD3
    """
    from ..team import share_ids

    share_ids(ids, False)
