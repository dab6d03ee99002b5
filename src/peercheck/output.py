"""Where output goes: data to stdout, messages to stderr, one JSON serializer for --json.

Rich is imported only when something is printed, so commands that print little start fast.
Rich already honours NO_COLOR and plain pipes; we only pick the stream and a width that fits.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

MAX_WIDTH = 100


@cache
def _console(stream: str) -> Console:
    from rich.console import Console

    class _Quiet(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here, the code that means "cues found": let main() decide.
            self.quiet = True
            raise BrokenPipeError

    file = sys.stderr if stream == "err" else sys.stdout
    console = _Quiet(file=file, highlight=False, soft_wrap=False)
    if console.is_terminal and console.width > MAX_WIDTH:
        console.width = MAX_WIDTH
    if stream == "err" and not console.is_terminal:
        # A message going to a log file or another program keeps its sentences whole.
        console.soft_wrap = True
    return console


def out() -> Console:
    """The console for data (stdout); while ``paged()`` collects, the pager's console."""
    return _paging if _paging is not None else _console("out")


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
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=_default))


def json_safe(text: str) -> str:
    """JSON text with what ``visible`` would escape written as JSON's own \\u escapes.

    The JSON means exactly the same; it just cannot act on a terminal it is printed to.
    """
    if text.isascii() and "\x7f" not in text:  # the common case, checked at C speed
        return text
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


# --- output that survives any terminal encoding -------------------------------------------

PLAIN = "peercheck-plain"
_PLAIN_CHARS = {
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"',
    "″": '"', "«": '"', "»": '"', "–": "-", "—": "-", "―": "-", "‐": "-", "‑": "-",
    "−": "-", "…": "...", "•": "*", "◦": "*", "‣": "*", "∙": "*", "·": "*", "→": "->",
    "⟶": "->", "➜": "->", "←": "<-", "↔": "<->", "↑": "^", "↓": "v", "≥": ">=", "≤": "<=",
    "×": "x", "✓": "v", "✔": "v", "✗": "x", "✘": "x", "\u00a0": " ", "\u202f": " ",
    "─": "-", "━": "-", "═": "=", "│": "|", "┃": "|", "║": "|",
}


def _plain_char(char: str) -> str:
    """A plain stand-in for a character the output encoding cannot hold."""
    import unicodedata

    if char in _PLAIN_CHARS:
        return _PLAIN_CHARS[char]
    code = ord(char)
    if 0x2580 <= code <= 0x259F:  # block elements: bars in trends and reports
        return "#"
    if 0x2500 <= code <= 0x257F:  # box drawing corners and joints
        return "+"
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return base or "?"


def _replace_plain(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start:exc.end]
    return "".join(_plain_char(c) for c in text), exc.end


def plain_streams() -> None:
    """Let stdout and stderr write any text on any encoding, with plain stand-ins.

    Windows gives redirected output cp1252; a C locale gives ASCII. Curly quotes, bullets,
    arrows and bars then become ', *, -> and #, instead of a crash halfway through.
    """
    import codecs

    try:
        codecs.lookup_error(PLAIN)
    except LookupError:
        codecs.register_error(PLAIN, _replace_plain)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if reconfigure is not None and not encoding.startswith("utf"):
            try:
                reconfigure(errors=PLAIN)
            except (ValueError, OSError):  # a closed or detached stream: nothing to print
                pass


# --- the pager -----------------------------------------------------------------------------

_paging: Console | None = None
_pager_off = False


def no_pager() -> None:
    """--no-pager: print straight to the terminal in this process."""
    global _pager_off
    _pager_off = True


def is_terminal() -> bool:
    """True when stdout is a terminal (styles are drawn); also while paged() collects."""
    if _paging is not None:
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _pager_command() -> str | None:
    import os

    if _pager_off or not is_terminal() or _paging is not None:
        return None
    for name in ("PEERCHECK_PAGER", "PAGER"):
        if name in os.environ:
            command = os.environ[name].strip()
            return command if command and command != "cat" else None
    return "less"


@contextmanager
def paged() -> Iterator[None]:
    """Show what the block prints to stdout through a pager when it is taller than the screen.

    As git does: only on a terminal, with PEERCHECK_PAGER, then PAGER, then ``less``
    (LESS=FRX unless set, so short text and colours pass straight through); an empty value,
    ``cat`` or ``--no-pager`` prints directly. Both ``out()`` and plain ``sys.stdout``
    writes inside the block are collected.
    """
    global _paging
    command = _pager_command()
    if command is None:
        yield
        return
    import io
    import shutil

    from rich.console import Console

    real, screen = sys.stdout, out()
    buffer = io.StringIO()
    _paging = Console(file=buffer, force_terminal=True, width=screen.width,
                      color_system=screen.color_system, no_color=screen.no_color,
                      highlight=False, soft_wrap=False)
    sys.stdout = buffer
    done = False
    try:
        yield
        done = True
    finally:
        sys.stdout, _paging = real, None
        text = buffer.getvalue()
        height = shutil.get_terminal_size().lines
        if done and text.count("\n") >= height:
            _run_pager(command, text, real)
        else:
            real.write(text)


def _run_pager(command: str, text: str, real: Any) -> None:
    import os
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    real.flush()
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)  # noqa: S602 - the user's own pager command, as git runs it
    except OSError:
        real.write(text)
        return
    encoding = getattr(real, "encoding", None) or "utf-8"
    errors = getattr(real, "errors", None) or "strict"
    try:
        assert proc.stdin is not None
        proc.stdin.write(text.encode(encoding, errors))
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the reader closed the pager early: nothing more to show
    while True:
        try:
            code = proc.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager, as in git
    if code == 127:  # the shell found no such pager: show the text rather than lose it
        real.write(text)
