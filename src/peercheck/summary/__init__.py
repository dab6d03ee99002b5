"""The summary of one reflection: ``choice`` decides what to show, ``render`` prints it.

``reflect``, ``log show``, ``log`` and the Markdown and HTML exports all take their choice from
``choose``, so a reflection reads the same everywhere.
"""

from __future__ import annotations

from typing import Any


def choose(record: dict[str, Any], framework: str | None = None) -> dict[str, Any]:
    """What the summary of ``record`` shows, in order (see summary.choice)."""
    from .choice import choose as chosen

    return chosen(record, framework)


def render_summary(record: dict[str, Any], framework: str | None = None,
                   console: Any = None) -> None:
    """Print the summary of ``record`` to stdout (or ``console``)."""
    from .render import render_summary as render

    render(record, framework, console)


def with_summary(record: dict[str, Any], framework: str | None = None) -> dict[str, Any]:
    """The record for ``--json``, with the summary's choice beside it under "summary"."""
    return {**record, "summary": choose(record, framework or record.get("framework"))}
