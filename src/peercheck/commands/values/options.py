"""What the values commands share: the --format/--json choice, completion and --framework.

Every command that prints a handout takes ``--format text|markdown|json`` (``--json`` is the
same as ``--format json``) and prints through :func:`render`, so picking the format, printing
JSON and paging long text happen one way for all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

import typer


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class CompareFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"


def format_option(what: str = "a training handout") -> Any:
    return typer.Option(
        Format.text, "--format", case_sensitive=False,
        help=f"text (for reading), markdown (for {what}) or json.",
    )


def json_option() -> Any:
    return typer.Option(False, "--json", help="The same as --format json.")


def render(format: Enum, as_json: bool, data: Any, *, text: Callable[[Any], None],
           markdown: Callable[[Any], str]) -> None:
    """Print ``data`` as JSON, as Markdown or as text (through the pager when it is long)."""
    kind = "json" if as_json else str(format.value)
    if kind == "json":
        from peercheck.output import print_json

        print_json(data)
        return
    from peercheck.output import paged

    with paged():
        if kind == "markdown":
            import sys

            sys.stdout.write(markdown(data))
        else:
            text(data)


def complete_name(incomplete: str) -> list[str]:
    try:
        from peercheck.values import load_catalog, normalise

        cat = load_catalog()
        names = list(cat.concepts) + cat.names()
        key = normalise(incomplete)
        return [n for n in names if normalise(n).startswith(key)]
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def complete_framework(incomplete: str) -> list[str]:
    try:
        from peercheck.values import load_catalog

        return [f for f in load_catalog().frameworks if f.startswith(incomplete)]
    except Exception:  # noqa: BLE001
        return []


FRAMEWORK_OPTION = typer.Option(
    None, "--framework", "-f", metavar="ID", autocompletion=complete_framework,
    help="Only this framework (bccampus, peer-support-values, getting-oriented, srn).",
)
