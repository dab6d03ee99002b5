"""Commands: check (listen for language that drifts from peer-support values)."""

from __future__ import annotations

from pathlib import Path

import typer

FORMATS = ("text", "json")
MAX_INPUT_MB = 64  # the most check reads at once (a cap, so /dev/zero cannot fill memory)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("check")(check)


def check(
    file: str = typer.Argument(
        None,
        metavar="[FILE|-]",
        help="A UTF-8 text file to read; - reads standard input.",
        show_default=False,
    ),
    format: str = typer.Option(
        "text", "--format", "-f", help="text (one cue a line) or json.", metavar="text|json"
    ),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    family: list[str] | None = typer.Option(
        None,
        "--family",
        help="Listen only for this family (repeat or comma-separate): advice, clinical, "
        "labelling, fixing, judging, minimising.",
        show_default=False,
    ),
    rules: bool = typer.Option(
        False, "--rules", help="List the cues peercheck listens for (ids to switch off)."
    ),
) -> None:
    """Listen for advice-giving, clinical, labelling and rescuing words in a note.

    Each cue is a note for reflection, not a mark against you.

    Quotes, reported speech, negation and words about yourself are left alone.

    A line holding "peercheck: ignore" is skipped (README: Checking language).

    Exit codes: 0 nothing heard, 1 cues found, 2 the input could not be read.

    \b
    Examples:
      peercheck check session-notes.md
      cat notes.txt | peercheck check -
      peercheck check notes.txt --format json --family advice
    """
    from .. import cues, messages
    from ..errors import InputError

    fmt = "json" if as_json else format.lower()
    if fmt not in FORMATS:
        raise InputError(messages.CHECK_BAD_FORMAT.format(format=format))
    ruleset = cues.ruleset()
    families = _families(family, ruleset)
    if rules:
        _print_rules(ruleset, families, fmt)
        return
    name, text = _read(file)
    hits = cues.engine(families).finditer(text)  # streamed: printed as they are found
    count = _print_json(hits) if fmt == "json" else _print_text(name, hits)
    if count:
        raise typer.Exit(1)


def _families(given: list[str] | None, ruleset) -> list[str] | None:
    from .. import messages
    from ..errors import InputError

    if not given:
        return None
    names = [n.strip().lower() for item in given for n in item.split(",") if n.strip()]
    for name in names:
        if name not in ruleset.families:
            raise InputError(
                messages.CHECK_UNKNOWN_FAMILY.format(name=name),
                hint=messages.CHECK_FAMILIES_HINT.format(families=", ".join(ruleset.families)),
            )
    return names


def _read(file: str | None) -> tuple[str, str]:
    """The name to show and the text, or one clear sentence about why it cannot be read."""
    import sys

    from .. import messages
    from ..errors import InputError
    from ..output import say

    if file is not None and not file.strip():  # check "": nothing was named
        raise InputError(messages.CHECK_NO_INPUT, hint=messages.CHECK_NO_INPUT_HINT)
    if file is None or file == "-":
        stdin = sys.stdin
        interactive = stdin is None or stdin.isatty()
        if file is None and interactive:
            raise InputError(messages.CHECK_NO_INPUT, hint=messages.CHECK_NO_INPUT_HINT)
        if interactive:
            say(messages.CHECK_TYPING)
        raw = _capped(stdin.buffer if hasattr(stdin, "buffer") else stdin, "standard input")
        name = "-"
    else:
        path = Path(file).expanduser()
        name = file
        if path.is_dir():
            raise InputError(messages.CHECK_IS_FOLDER.format(path=file))
        try:
            with path.open("rb") as handle:
                raw = _capped(handle, file)
        except FileNotFoundError:
            raise InputError(
                messages.CHECK_NO_FILE.format(path=file), hint=messages.CHECK_NO_FILE_HINT
            ) from None
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower()
            raise InputError(messages.CHECK_UNREADABLE.format(path=file, reason=reason)) from None
    if isinstance(raw, str):
        return name, raw
    try:
        return name, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        shown = "standard input" if name == "-" else name
        raise InputError(
            messages.CHECK_NOT_UTF8.format(path=shown, line=line),
            hint=messages.CHECK_NOT_UTF8_HINT,
        ) from None


def _capped(stream, shown: str) -> bytes | str:
    """Everything in ``stream``, or one clear sentence if it holds more than we read at once."""
    from .. import messages
    from ..errors import InputError

    limit = MAX_INPUT_MB * 1024 * 1024
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise InputError(messages.CHECK_TOO_BIG.format(path=shown, limit=MAX_INPUT_MB))
    return raw


def _plain(stream) -> bool:
    """True when ``stream`` is not a terminal (and colour is not forced): print plain text
    without importing Rich, which is most of a one-line check's own start-up."""
    import os

    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


def _tell(message: str) -> None:
    """A message on stderr, plain into a pipe, through Rich at a terminal."""
    import sys

    if _plain(sys.stderr):
        sys.stderr.write(message + "\n")
    else:
        from ..output import say

        say(message)


def _print_json(hits) -> int:
    """The hits as one JSON list, written item by item as they are found; how many."""
    import sys

    from ..output import to_json

    count = 0
    for hit in hits:
        item = to_json(hit.to_dict()).replace("\n", "\n  ")
        sys.stdout.write(("[\n  " if not count else ",\n  ") + item)
        count += 1
    sys.stdout.write("\n]\n" if count else "[]\n")
    return count


def _print_text(name: str, hits) -> int:
    """One cue a line as each is found, then a count per concept; how many."""
    import sys

    from .. import messages
    from ..output import visible

    name = visible(name)  # a file name is shown, never run by the terminal
    counts: dict[str, int] = {}
    total = 0
    if _plain(sys.stdout):
        # One cue a line (grep-friendly), the heard words in quotes.
        write = sys.stdout.write
        for hit in hits:
            write(_plain_line(name, hit) + "\n")
            total = _count(hit, counts, total)
    else:
        from ..output import out

        console = out()
        for hit in hits:
            console.print(_rich_line(name, hit))  # wrapped to the terminal
            total = _count(hit, counts, total)
    if not total:
        _tell(messages.CHECK_NOTHING.format(name="standard input" if name == "-" else name))
        return 0
    noun = "cue" if total == 1 else "cues"
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    touching = " touching " + " · ".join(f"{c} {n}" for c, n in ordered) if counts else ""
    if _plain(sys.stdout):
        sys.stdout.write(f"\n{total} {noun}{touching}\n")
    else:
        from rich.text import Text

        from ..output import out

        summary = Text()
        summary.append(f"\n{total} {noun}", style="bold")
        summary.append(touching)
        out().print(summary)
    _tell(messages.CHECK_NOT_PENALTIES)
    return total


def _count(hit, counts: dict[str, int], total: int) -> int:
    for concept in hit.concepts:
        counts[concept] = counts.get(concept, 0) + 1
    return total + 1


def _plain_line(name: str, hit) -> str:
    words = " ".join(hit.text.split())
    line = f"{name}:{hit.line}:{hit.column}  {hit.rule}  “{words}”  {hit.message}"
    return line + (f" (→ {hit.suggestion})" if hit.suggestion else "")


def _rich_line(name: str, hit):
    from rich.text import Text

    line = Text()
    line.append(f"{name}:{hit.line}:{hit.column}", style="bold")
    line.append("  ")
    line.append(hit.rule, style="yellow" if hit.level == "worth-a-look" else "cyan")
    line.append("  “")
    line.append(" ".join(hit.text.split()), style="bold underline")
    line.append("”  ")
    line.append(hit.message)
    if hit.suggestion:
        line.append(f" (→ {hit.suggestion})", style="green")
    return line


def _print_rules(ruleset, families: list[str] | None, fmt: str) -> None:
    active = {c.id for c in ruleset.active(families)}
    listed = [c for c in ruleset.cues if families is None or c.family in families]
    if fmt == "json":
        from ..output import print_json

        print_json([
            {
                "id": c.id,
                "family": c.family,
                "level": c.level,
                "active": c.id in active,
                "concepts": list(c.concepts),
                "principles": list(c.principles),
                "patterns": list(c.patterns),
                "message": c.message,
                "suggestion": c.suggestion,
                "from": c.origin,
            }
            for c in listed
        ])
        return
    from rich.table import Table

    from ..output import out

    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("family", no_wrap=True)
    table.add_column("level", no_wrap=True)
    table.add_column("touches")
    for c in listed:
        off = "" if c.id in active else " (off)"
        table.add_row(c.id + off, c.family, c.level, ", ".join(c.concepts))
    out().print(table)
