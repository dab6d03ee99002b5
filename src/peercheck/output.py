"""Where output goes: data to stdout, messages to stderr, one JSON serializer for --json.

Rich is imported only when something is printed, so commands that print little start fast.
Rich already honours NO_COLOR and plain pipes; we only pick the stream and a width that fits.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

MAX_WIDTH = 100


@cache
def _console(stream: str) -> Console:
    from rich.console import Console

    file = sys.stderr if stream == "err" else sys.stdout
    console = Console(file=file, highlight=False, soft_wrap=False)
    if console.is_terminal and console.width > MAX_WIDTH:
        console.width = MAX_WIDTH
    if stream == "err" and not console.is_terminal:
        # A message going to a log file or another program keeps its sentences whole.
        console.soft_wrap = True
    return console


def out() -> Console:
    """The console for data (stdout)."""
    return _console("out")


def err() -> Console:
    """The console for messages (stderr)."""
    return _console("err")


def reset() -> None:
    """Forget cached consoles (tests swap sys.stdout between runs)."""
    _console.cache_clear()


def say(message: str, *, style: str | None = None) -> None:
    """Tell the user something on stderr, without Rich markup surprises."""
    from rich.text import Text

    err().print(Text(message, style=style or ""))


def to_json(data: Any) -> str:
    """The one serializer for --json output: stable, readable, UTF-8."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default)


def print_json(data: Any) -> None:
    """Write data as JSON to stdout (plain text, never styled)."""
    sys.stdout.write(to_json(data) + "\n")


def _default(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")
