"""JSON: a list of full records, one record per line; ``peercheck import`` reads it back.

Each record is written on its own line, compact, inside an indented list. ``json.dumps`` with
``indent`` falls back to the pure-Python encoder (about 15 times slower on a large log);
compact records keep the C encoder, and a plain export reuses the JSON text the log stored,
so this costs about what JSON Lines does. ``python -m json.tool`` pretty-prints it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from ..output import json_safe
from . import ExportOptions, Record


def write(records: Iterable[Record], out: IO[str], options: ExportOptions) -> int:
    return write_raw(
        (json.dumps(record, ensure_ascii=False, sort_keys=True) for record in records),
        out, options,
    )


def write_raw(lines: Iterable[str], out: IO[str], options: ExportOptions) -> int:
    """The list from records already encoded as one-line JSON (the log's stored text)."""
    n = 0
    for text in lines:
        out.write((",\n  " if n else "[\n  ") + json_safe(text))
        n += 1
    out.write("\n]\n" if n else "[]\n")
    return n
