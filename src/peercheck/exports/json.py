"""JSON: a list of full records, written one at a time; ``peercheck import`` reads it back."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from ..output import json_safe
from . import ExportOptions, Record


def write(records: Iterable[Record], out: IO[str], options: ExportOptions) -> int:
    n = 0
    out.write("[")
    for record in records:
        text = json_safe(json.dumps(record, ensure_ascii=False, sort_keys=True, indent=2))
        out.write(("," if n else "") + "\n  " + text.replace("\n", "\n  "))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n
