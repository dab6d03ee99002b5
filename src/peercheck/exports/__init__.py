"""Exporters: one format per module, all streaming records through ``write(records, out, opts)``.

Every exporter takes an iterable of records (already filtered, redacted and stamped by the
command), writes to an open text stream as it goes and returns how many it wrote, so memory
stays flat however long the log is. ``redact`` holds the one redaction rule they all share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import IO, Any, Protocol

Record = dict[str, Any]

FORMATS = ("csv", "jsonl", "json", "markdown", "html")
_SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


@dataclass
class ExportOptions:
    """What an exporter needs besides the records."""

    redact: bool = False
    label: str | None = None
    # (concept id, display name) in column order, for CSV columns and chart order.
    concepts: list[tuple[str, str]] = field(default_factory=list)
    # concept id -> [(date, mean score, count)], bucketed; only the HTML chart uses it.
    series: dict[str, list[tuple[str, float, int]]] = field(default_factory=dict)
    generated_at: str = ""


class Exporter(Protocol):
    def write(self, records: Iterable[Record], out: IO[str], options: ExportOptions) -> int: ...


def exporter(fmt: str) -> Exporter:
    """The module that writes ``fmt`` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return import_module(f"{__name__}.{fmt}")  # type: ignore[return-value]


def guess_format(path: Path | None) -> str | None:
    """The format a file name asks for by its ending, if any."""
    if path is None:
        return None
    return _SUFFIXES.get(Path(path).suffix.lower())


def choose_format(fmt: str | None, output: Path | None) -> str:
    """The format to write: ``--format`` if given, else the ending of ``-o FILE``.

    The screen (no file, or ``-``) and a name with no ending (``/dev/stdout``) get JSON Lines.
    An ending that names no format is refused rather than guessed, so ``-o notes.txt`` never
    quietly becomes JSON Lines.
    """
    if fmt:
        return fmt
    if output is None or str(output) == "-" or not Path(output).suffix:
        return "jsonl"
    found = guess_format(output)
    if found is None:
        from .. import messages
        from ..errors import InputError

        raise InputError(messages.EXPORT_UNKNOWN_ENDING.format(name=Path(output).name))
    return found


def session_day(record: Record) -> str:
    """The record's session date: its context's date, else the day it was created."""
    return str((record.get("context") or {}).get("date") or record.get("created_at", ""))[:10]


def flagged_words(record: Record) -> str:
    """What the record's flags ask of supervision, in the summary's words ("" for none).

    A safety flag says the most (it comes with a supervision flag), as in the summary.
    """
    from .. import messages

    flags = flag_names(record)
    if not flags:
        return ""
    return messages.FLAGGED_SAFETY if "safety" in flags else messages.FLAGGED_OTHER


def flag_names(record: Record) -> list[str]:
    """The record's flags as a list of names (a list, or a dict of name -> truthy)."""
    flags = record.get("flags") or []
    if isinstance(flags, dict):
        return [str(k) for k, v in flags.items() if v]
    return [str(f) for f in flags]
