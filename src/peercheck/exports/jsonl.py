"""JSON Lines: one full record per line, exactly what ``peercheck import`` reads."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from ..output import json_safe
from . import ExportOptions, Record


def line(record: Record) -> str:
    return json_safe(json.dumps(record, ensure_ascii=False, sort_keys=True))


def write(records: Iterable[Record], out: IO[str], options: ExportOptions) -> int:
    n = 0
    for record in records:
        out.write(line(record) + "\n")
        n += 1
    return n


def write_raw(lines: Iterable[str], out: IO[str], options: ExportOptions) -> int:
    """The fast path for a plain export: the store's JSON text is already one line each."""
    n = 0
    for text in lines:
        out.write(json_safe(text) + "\n")
        n += 1
    return n
