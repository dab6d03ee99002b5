"""Where output goes: data to stdout, messages to stderr, one JSON serializer for --json.

Rich is imported only when something is printed, so commands that print little start fast.
Rich already honours NO_COLOR and plain pipes; we only pick the stream and a width that fits.
"""

from __future__ import annotations

import json
import re
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
    """Tell the user something on stderr, without Rich markup surprises.

    Messages often repeat what was typed or read (a file name, a value), so every line goes
    through ``visible``.
    """
    from rich.text import Text

    err().print(Text(visible(message), style=style or ""))


# Control characters (C0 but newline, DEL, C1), lone surrogates and the bidirectional
# controls: what could move the cursor, retitle or clear a terminal, write the clipboard
# (OSC 52), draw a hyperlink (OSC 8) or make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f"
                     "\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: Any) -> Any:
    """Any string that came from a user, a file or the log, safe to print on any output path.

    Control characters are shown as escapes (ESC becomes the four characters ``\\x1b``) and
    newlines are kept; lists and mappings are copied with every string inside made visible,
    so a whole record can be shown. It returns plain text: printed through Rich, wrap it in
    ``rich.text.Text`` (never an f-string with markup), so ``[link=…]`` stays words.
    """
    if isinstance(value, str):
        return _UNSAFE.sub(_shown, value) if _UNSAFE.search(value) else value
    if isinstance(value, list):
        return [visible(item) for item in value]
    if isinstance(value, dict):
        return {visible(key): visible(item) for key, item in value.items()}
    return value


def to_json(data: Any) -> str:
    """The one serializer for --json output: stable, readable, UTF-8.

    JSON already escapes C0 controls; the other characters ``visible`` shows as escapes are
    written as JSON's own \\u escapes too, so the text means the same and prints safely.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False, default=_default)
    return _UNSAFE.sub(_json_escape, text) if _UNSAFE.search(text) else text


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group(0)):04x}"


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
