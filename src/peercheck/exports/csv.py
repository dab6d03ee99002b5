"""CSV: one row per reflection, one column per value's score; opens cleanly in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from . import ExportOptions, Record, flag_names

BASE = ["id", "date", "created_at", "kind", "minutes", "tags", "flags"]


def _cell(value: Any) -> Any:
    """Text a spreadsheet could read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write(records: Iterable[Record], out: IO[str], options: ExportOptions) -> int:
    concept_ids = [cid for cid, _ in options.concepts]
    header = BASE + (["label"] if options.label else []) + concept_ids
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    n = 0
    for record in records:
        context = record.get("context") or {}
        scores = {
            c.get("id"): c.get("score")
            for c in record.get("concepts") or []
            if c.get("score") is not None
        }
        row = [
            record.get("id"),
            context.get("date") or str(record.get("created_at", ""))[:10],
            record.get("created_at"),
            _cell(context.get("kind") or ""),
            "" if context.get("minutes") is None else context.get("minutes"),
            _cell("; ".join(str(t) for t in context.get("tags") or [])),
            "; ".join(flag_names(record)),
        ]
        if options.label:
            row.append(_cell(record.get("label") or options.label))
        row += [
            "" if scores.get(cid) is None else round(float(scores[cid]), 4) for cid in concept_ids
        ]
        writer.writerow(row)
        n += 1
    return n
